/* Bound expressions: what the binder produces and the executor runs. Each
 * node carries the function that evaluates it, chosen once at bind time for
 * the operand types, so evaluating a record costs one indirect call a node. */
#ifndef EDDY_EXPR_H
#define EDDY_EXPR_H
#include <stdarg.h>
#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "schema.h"
#include "type.h"
#include "value.h"

/* A column of a stream whose columns were discovered: its integers are
 * JSON numbers (AVG of them is a DOUBLE, not an integer mean). */
#define EXPR_JSON_NUMBER (1u << 30)

typedef struct Expr Expr;
typedef struct EvalCtx EvalCtx;
typedef void (*EvalFn)(const Expr *e, EvalCtx *cx, Value *out);

typedef enum ExprKind {
    EX_CONST,
    EX_COLUMN,      /* a column of input row `input` */
    EX_ROWTIME,     /* ROWTIME of input row `input` */
    EX_ARRIVAL,     /* APPROXIMATE_ARRIVAL_TIME of input row `input` */
    EX_OUT_ROWTIME, /* unqualified ROWTIME in a select list: the output row's time */
    EX_CALL,        /* operators and functions */
} ExprKind;

struct Expr {
    EvalFn eval;
    SqlType type;
    uint8_t kind;       /* ExprKind */
    uint8_t input;      /* EX_COLUMN / EX_ROWTIME: which input row (joins) */
    uint16_t nargs;
    int32_t col;        /* EX_COLUMN */
    uint32_t flags;     /* function-specific; EXPR_JSON_NUMBER on a column */
    Expr **args;
    Value k;            /* EX_CONST */
    void *aux;          /* function-specific state prepared at bind time */
    const char *name;   /* function or operator name, for messages and EXPLAIN */
    Span span;
    bool volatile_;     /* not foldable (CURRENT_ROW_TIMESTAMP, ...) */
};

/* A runtime failure while evaluating one row. The row goes to the error
 * stream with this reason; the stream goes on. */
typedef struct EvalError {
    bool set;
    const char *name;   /* ERROR_NAME: DIVISION_BY_ZERO, OVERFLOW, CONVERSION, ... */
    char msg[256];
} EvalError;

struct EvalCtx {
    const Row *in[2];   /* the input row, and the other side of a join */
    Arena *arena;       /* the record arena: scratch for this row */
    int64_t now;        /* the current record's processing time */
    int64_t start;      /* when the application started: CURRENT_TIMESTAMP and the like hold it */
    int64_t out_rowtime;
    EvalError err;
};

static inline void expr_eval(const Expr *e, EvalCtx *cx, Value *out) { e->eval(e, cx, out); }
void expr_fail(EvalCtx *cx, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

Expr *expr_new(Arena *a, ExprKind kind, int nargs);
Expr *expr_const(Arena *a, SqlType t, Value v, Span span);
Expr *expr_column(Arena *a, int input, int col, SqlType t, Span span);
bool expr_is_const(const Expr *e);
/* Same computation on the same inputs (constants compared by value). */
bool expr_equal(const Expr *a, const Expr *b);
bool expr_is_null_const(const Expr *e);

/* evaluators for the leaf kinds */
void expr_eval_const(const Expr *e, EvalCtx *cx, Value *out);
void expr_eval_column(const Expr *e, EvalCtx *cx, Value *out);

/* Value of a condition: true only when non-NULL and TRUE. */
static inline bool expr_true(const Expr *e, EvalCtx *cx)
{
    Value v;
    e->eval(e, cx, &v);
    return !v.null && v.u.i;
}

#endif
