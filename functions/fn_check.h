/* What a function family builds on: the definition of a function (FnDef),
 * the context its check function binds a call in (FnCtx), and the helpers
 * check functions share. The families include this, not registry.h, so
 * that the registry sits on top of them and nothing calls back into it. */
#ifndef EDDY_FN_CHECK_H
#define EDDY_FN_CHECK_H
#include <stdbool.h>

#include "src/runtime/arena.h"
#include "src/runtime/diag.h"
#include "src/runtime/expr.h"
#include "src/runtime/serial.h"
#include "src/runtime/timeutil.h"

/* Syntactic form of a call (mirrors the parser's, which functions/ cannot see). */
typedef enum FnForm {
    FN_FORM_PLAIN,     /* f(a, b, ...) */
    FN_FORM_TO_UNIT,   /* FLOOR(x TO unit) */
    FN_FORM_BY,        /* STEP(x BY y) */
    FN_FORM_FROM,      /* SUBSTRING(s FROM p [FOR n]); TRIM([spec] [c] FROM s): args (c or NULL, s) */
    FN_FORM_EXTRACT,   /* EXTRACT(unit FROM x) */
    FN_FORM_PLACING,   /* OVERLAY(s PLACING r FROM p [FOR n]) */
    FN_FORM_SIMILAR,   /* SUBSTRING(s SIMILAR p ESCAPE e) */
    FN_FORM_IN,        /* POSITION(a IN b) */
} FnForm;
#define FORM(f) (1u << (f))

typedef struct FnCtx {
    Arena *arena;        /* plan arena: bound expressions live here */
    DiagList *diag;
    Span span;           /* the whole call */
    FnForm form;
    TimeUnit unit;       /* FLOOR(x TO unit), EXTRACT(unit FROM x) */
    int trim_spec;       /* 0 BOTH, 1 LEADING, 2 TRAILING */
    bool trim_given;     /* TRIM(LEADING|TRAILING|BOTH ...) was written */
    bool star;           /* COUNT(*) */
    bool distinct;
    int ignore_nulls;    /* IGNORE NULLS (1), RESPECT NULLS (0), not written (-1) */
    int from_last;       /* NTH_VALUE ... FROM LAST (1) */
} FnCtx;

enum {
    FN_AGGREGATE = 1u << 0,  /* needs GROUP BY or OVER */
    FN_VOLATILE = 1u << 1,   /* never folded: CURRENT_ROW_TIMESTAMP */
    FN_NILADIC = 1u << 2,    /* may be written without parentheses: CURRENT_DATE */
    FN_ANALYTIC = 1u << 3,   /* only with OVER: reads the rows of its window */
};

/* What an analytic function reads from its window (FnDef.analytic). */
typedef enum AnalyticKind {
    AN_NONE, AN_FIRST_VALUE, AN_LAST_VALUE, AN_NTH_VALUE, AN_LAG, AN_EXP_AVG
} AnalyticKind;

/* Accumulator callbacks of an aggregate. The state is state_size bytes
 * owned by the caller (a group or a window); `keep` is the arena where a
 * value that must outlive the record is copied (MIN/MAX of strings). */
typedef struct AggOps {
    size_t state_size;
    void (*init)(void *state, const Expr *call);
    void (*step)(void *state, const Expr *call, const Value *arg, Arena *keep, EvalCtx *cx);
    /* removes a value added earlier (sliding windows); NULL when the
     * aggregate cannot take a value back */
    void (*inverse)(void *state, const Expr *call, const Value *arg, EvalCtx *cx);
    void (*final)(const void *state, const Expr *call, Value *out, EvalCtx *cx);
    /* checkpoints: the state out, and back into a state just init'ed
     * (values copied into keep) */
    void (*save)(const void *state, const Expr *call, Buf *out);
    void (*restore)(void *state, const Expr *call, SerialIn *in, Arena *keep);
    /* Optional: the state no longer says its values precisely (a sliding
     * window's values came and went, and what is left cancels in it); the
     * window then starts it afresh and steps the values of its frame again. */
    bool (*stale)(const void *state);
    /* COUNT, SUM and AVG: which of agg_inline.h's steps this is, for the
     * operators that step it without a call; 0 for the others */
    uint8_t inline_kind;
} AggOps;

/* The state of the aggregates that keep one value of their argument (MIN,
 * MAX, FIRST_VALUE and LAST_VALUE of a group): init, final and the
 * checkpoint callbacks they share (fn_check.c). */
typedef struct KeptValue {
    Value v;
    bool has;
} KeptValue;
void fn_kept_init(void *state, const Expr *call);
void fn_kept_final(const void *state, const Expr *call, Value *out, EvalCtx *cx);
void fn_kept_save(const void *state, const Expr *call, Buf *out);
void fn_kept_restore(void *state, const Expr *call, SerialIn *in, Arena *keep);

/* Expr.flags of an aggregate call */
enum { AGG_STAR = 1, AGG_DISTINCT = 2 };

typedef struct FnDef {
    const char *name;
    int min_args, max_args;
    unsigned flags;
    const AggOps *agg;   /* aggregates only */
    /* Types and validates e->args, sets e->type and e->eval (it may wrap
     * arguments in casts). Reports to cx->diag and returns false on error. */
    bool (*check)(FnCtx *cx, Expr *e);
    AnalyticKind analytic;
    unsigned forms;      /* FORM() bits of the call forms it takes; 0 = the plain form only */
} FnDef;

/* Binds a call: arity, the function's check, then constant folding. */
Expr *fn_bind_call(FnCtx *cx, const FnDef *def, Expr **args, int nargs);

/* Evaluates a constant expression now when every argument is constant
 * and the function is not volatile; keeps it when evaluation fails so the
 * error surfaces per row, as the reference says. */
Expr *fn_fold(Arena *a, Expr *e);

/* Helpers for check functions. */
Expr *fn_cast(FnCtx *cx, Expr *e, SqlType to);          /* implicit conversion, folded when constant (fn_cast.c) */
/* the conversion of a value stored into a column (INSERT): as fn_cast, except that a DECIMAL
 * with decimals going into an integer column loses its fraction instead of rounding (fn_cast.c) */
Expr *fn_store_cast(FnCtx *cx, Expr *e, SqlType to);
bool fn_expect_numeric(FnCtx *cx, Expr *e, int argno, const char *fn);
bool fn_expect_string(FnCtx *cx, Expr *e, int argno, const char *fn);
bool fn_expect_integer(FnCtx *cx, Expr *e, int argno, const char *fn);
void fn_type_error(FnCtx *cx, Expr *arg, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
