/* The syntax tree of a KDA SQL application. Nodes live in the statement
 * arena and keep the byte span of their source for diagnostics. Grammar
 * actions only call the builders below. */
#ifndef EDDY_AST_H
#define EDDY_AST_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "src/runtime/arena.h"
#include "src/runtime/diag.h"
#include "src/runtime/type.h"

typedef struct AstList {
    int n, cap;
    void **items;
} AstList;

/* An identifier: upper-cased unless it was double-quoted. */
typedef struct AstName {
    const char *name;
    bool quoted;
    Span span;
} AstName;

typedef enum AstExprKind {
    AE_LITERAL,
    AE_NAME,       /* a, s.a, l.r.COLUMN1: parts in names */
    AE_STAR,       /* * or q.* */
    AE_UNARY,      /* op: AO_NEG, AO_PLUS, AO_NOT */
    AE_BINARY,     /* op: arithmetic, comparison, AND, OR, concat */
    AE_IS,         /* IS [NOT] NULL / TRUE / FALSE / UNKNOWN, IS [NOT] DISTINCT FROM */
    AE_BETWEEN,    /* a [NOT] BETWEEN [SYMMETRIC] b AND c */
    AE_IN,         /* a [NOT] IN (list); list of one atom for POSITION(a IN b); or IN (SELECT ...): subquery */
    AE_LIKE,       /* a [NOT] LIKE b [ESCAPE c]; SIMILAR TO when op == AO_SIMILAR */
    AE_CASE,       /* [operand] WHEN..THEN.. [ELSE] */
    AE_CAST,
    AE_CALL,       /* f(args), with the special forms noted on AstExpr */
    AE_ROW,        /* (a, b): an IN list, a row IN, or a period */
    AE_PERIOD,     /* a <op> b, a temporal predicate on periods (s, e); text: a KDA extension's name */
    AE_SUBQUERY,   /* (SELECT ...) in an expression */
    AE_EXISTS,     /* EXISTS (SELECT ...): subquery */
} AstExprKind;

typedef enum AstOp {
    AO_NONE,
    AO_NEG, AO_PLUS, AO_NOT,
    AO_ADD, AO_SUB, AO_MUL, AO_DIV, AO_CONCAT,
    AO_EQ, AO_NE, AO_LT, AO_LE, AO_GT, AO_GE,
    AO_AND, AO_OR,
    AO_IS_NULL, AO_IS_TRUE, AO_IS_FALSE, AO_IS_UNKNOWN, AO_IS_DISTINCT,
    AO_LIKE, AO_SIMILAR,
    AO_P_CONTAINS, AO_P_OVERLAPS, AO_P_EQUALS, AO_P_PRECEDES, AO_P_SUCCEEDS,
    AO_P_IMMEDIATELY_PRECEDES, AO_P_IMMEDIATELY_SUCCEEDS, AO_P_EXTENSION,
} AstOp;

typedef enum AstLitKind {
    LIT_NULL, LIT_BOOL, LIT_UNKNOWN, LIT_INTEGER, LIT_DECIMAL, LIT_APPROX,
    LIT_STRING, LIT_BINARY, LIT_DATE, LIT_TIME, LIT_TIMESTAMP, LIT_INTERVAL,
} AstLitKind;

typedef struct AstType {
    TypeId id;
    int32_t len;          /* CHAR/VARCHAR/BINARY; -1 = not given */
    int precision, scale; /* DECIMAL; -1 = not given */
    TimeUnit unit_hi, unit_lo;
    Span span;
} AstType;

typedef struct AstWindowSpec AstWindowSpec;
typedef struct AstSelect AstSelect;

/* Call forms that the syntax distinguishes. */
enum {
    CALL_PLAIN = 0,
    CALL_TO_UNIT,     /* FLOOR(x TO unit), CEIL(x TO unit): unit */
    CALL_BY,          /* STEP(x BY y) */
    CALL_FROM,        /* SUBSTRING(s FROM p [FOR n]), TRIM([spec] [c] FROM s) */
    CALL_EXTRACT,     /* EXTRACT(unit FROM x) */
    CALL_PLACING,     /* OVERLAY(s PLACING r FROM p [FOR n]) */
    CALL_SIMILAR,     /* SUBSTRING(s SIMILAR p ESCAPE e) */
};
enum { TRIM_BOTH = 0, TRIM_LEADING = 1, TRIM_TRAILING = 2 };

typedef struct AstExpr AstExpr;
struct AstExpr {
    AstExprKind kind;
    AstOp op;
    bool negated;        /* NOT BETWEEN / NOT IN / NOT LIKE / IS NOT */
    bool distinct;       /* f(DISTINCT x); BETWEEN SYMMETRIC */
    bool star_arg;       /* COUNT(*) */
    bool chain;          /* the AND of compactly chained temporal predicates */
    uint8_t call_form;   /* CALL_* */
    uint8_t trim_spec;   /* TRIM_* (and whether one was written: trim_given) */
    bool trim_given;
    int8_t ignore_nulls; /* 1 IGNORE NULLS, 0 RESPECT NULLS, -1 not written */
    int8_t from_last;    /* NTH_VALUE FROM LAST */
    TimeUnit unit;       /* CALL_TO_UNIT, CALL_EXTRACT */
    Span span;
    /* AE_LITERAL */
    AstLitKind lit;
    const char *text;    /* literal text, unescaped; NULL-terminated */
    uint32_t text_len;
    bool bool_value;
    AstType lit_type;    /* LIT_INTERVAL qualifier */
    bool lit_negative;   /* INTERVAL -'1' DAY */
    /* AE_NAME / AE_STAR / AE_CALL */
    AstName names[3];
    int nnames;
    /* operands */
    AstExpr *a, *b, *c;
    AstList *list;       /* call arguments, IN list, CASE WHEN pairs (when, then, when, then ...) */
    AstType type;        /* AE_CAST */
    AstWindowSpec *over; /* f(...) OVER (...) or OVER w */
    AstSelect *subquery;
};

typedef enum FrameKind { FRAME_NONE, FRAME_ROWS, FRAME_RANGE } FrameKind;

struct AstWindowSpec {
    AstName ref;           /* OVER w, or (w ...) base window; name NULL if none */
    AstList *partition;    /* AstExpr */
    AstList *order;        /* AstOrderItem */
    FrameKind frame;
    bool start_current;    /* ... CURRENT ROW */
    bool start_unbounded;
    AstExpr *start;        /* n / INTERVAL in n PRECEDING */
    bool start_following;
    bool has_end;          /* BETWEEN x AND y */
    bool end_current, end_unbounded, end_following;
    AstExpr *end;
    Span span;
};

typedef struct AstWindowDef {
    AstName name;
    AstWindowSpec *spec;
} AstWindowDef;

typedef struct AstOrderItem {
    AstExpr *expr;
    bool desc;
    Span span;
} AstOrderItem;

typedef struct AstSelectItem {
    AstExpr *expr;        /* NULL for * */
    AstName alias;        /* name NULL when not given */
    Span span;
} AstSelectItem;

typedef enum FromKind { FROM_NAME, FROM_SUBQUERY, FROM_JOIN, FROM_TABLE_FN } FromKind;
typedef enum JoinKind { JOIN_INNER, JOIN_LEFT, JOIN_RIGHT, JOIN_FULL, JOIN_CROSS, JOIN_COMMA } JoinKind;

typedef struct AstFrom AstFrom;
struct AstFrom {
    FromKind kind;
    AstName name;          /* FROM_NAME */
    AstName alias;
    AstList *col_aliases;  /* AS l(r) : AstName */
    AstSelect *sub;        /* FROM_SUBQUERY */
    AstExpr *fn;           /* FROM_TABLE_FN: TABLE(f(CURSOR(...), ...)) */
    AstFrom *left, *right; /* FROM_JOIN */
    JoinKind join;
    AstExpr *on;
    AstWindowSpec *over;   /* stream join window on the right side */
    Span span;
};

typedef struct AstStagger {
    AstList *partition;
    AstExpr *range;        /* INTERVAL literal */
    Span span;
} AstStagger;

struct AstSelect {
    bool stream;
    bool distinct;
    AstList *items;        /* AstSelectItem */
    AstFrom *from;
    AstExpr *where;
    AstList *group_by;     /* AstExpr */
    AstStagger *stagger;
    AstExpr *having;
    AstList *windows;      /* AstWindowDef */
    AstList *order_by;     /* AstOrderItem */
    AstExpr *order_within; /* ORDER BY ... WITHIN interval */
    AstList *values;       /* VALUES (row), ...: AstList of AstExpr lists */
    AstSelect *union_all;  /* next branch of UNION ALL */
    AstSelect *union_last; /* on the first branch: the last, so a chain grows in constant time */
    bool union_distinct;   /* UNION without ALL */
    /* set_left INTERSECT / EXCEPT set_right: this node is that operation
     * (its order_by is the one written after the right side) */
    enum { SETOP_NONE, SETOP_INTERSECT, SETOP_EXCEPT, SETOP_GROUP } setop;   /* GROUP: (set_left), a parenthesized UNION */
    AstSelect *set_left, *set_right;
    Span span;
};

typedef enum AstStmtKind { ST_CREATE_STREAM, ST_CREATE_PUMP, ST_INSERT, ST_SELECT, ST_CREATE_FUNCTION } AstStmtKind;

typedef struct AstColumnDef {
    AstName name;
    AstType type;
    bool notnull;
} AstColumnDef;

typedef struct AstStmt {
    AstStmtKind kind;
    bool or_replace;
    AstName name;          /* stream, pump or function */
    AstList *columns;      /* CREATE STREAM: AstColumnDef; CREATE FUNCTION: parameters */
    const char *description;
    /* CREATE PUMP / INSERT */
    AstName target;
    AstList *target_cols;  /* AstName */
    AstSelect *query;
    /* CREATE FUNCTION */
    AstType returns;
    AstExpr *body;
    bool null_on_null;     /* RETURNS NULL ON NULL INPUT (else CALLED ON NULL INPUT, the default) */
    /* a query typed on its own: LIMIT n ends it after n rows; -1 without */
    int64_t limit;
    Span span;
} AstStmt;

/* builders */
AstList *ast_list(Arena *a, void *first);
AstList *ast_append(Arena *a, AstList *l, void *item);
AstExpr *ast_expr(Arena *a, AstExprKind kind, Span span);
AstExpr *ast_unary(Arena *a, AstOp op, AstExpr *x, Span opspan);
AstExpr *ast_binary(Arena *a, AstOp op, AstExpr *l, AstExpr *r);
AstExpr *ast_call(Arena *a, AstName name, AstList *args, Span span);
AstSelect *ast_select(Arena *a);
AstFrom *ast_from(Arena *a, FromKind kind, Span span);
AstWindowSpec *ast_window(Arena *a, Span span);
AstStmt *ast_stmt(Arena *a, AstStmtKind kind, Span span);

/* How deep a statement's tree may nest: operators, calls, CASE, subqueries,
 * joins and set operations each count a level. A flat chain of n binary
 * operators is n levels deep. Generous for applications people write or
 * generate, and well inside the stack of every recursive pass after the
 * parser, in every build. */
#define AST_MAX_DEPTH 4000

/* True if s nests deeper than AST_MAX_DEPTH; *at is where it goes past,
 * *in_expr whether that is inside an expression. */
bool ast_too_deep(const AstStmt *s, Span *at, bool *in_expr);

/* A readable dump of a statement, for tests and `eddy parse`. */
void ast_dump_stmt(const AstStmt *s, FILE *out);
void ast_dump_expr(const AstExpr *e, FILE *out);

#endif
