/* Builders for operators: the binder calls these with bound operands. Each
 * checks types, inserts implicit conversions and picks the evaluator. They
 * return NULL after reporting an error. */
#ifndef EDDY_OPS_H
#define EDDY_OPS_H
#include "fn_check.h"

typedef enum FnOp {
    FOP_ADD, FOP_SUB, FOP_MUL, FOP_DIV, FOP_CONCAT,
    FOP_EQ, FOP_NE, FOP_LT, FOP_LE, FOP_GT, FOP_GE,
    FOP_AND, FOP_OR, FOP_NOT, FOP_NEG,
} FnOp;

typedef enum FnIsKind { FIS_NULL, FIS_TRUE, FIS_FALSE, FIS_UNKNOWN } FnIsKind;

Expr *fn_binary(FnCtx *cx, FnOp op, Expr *l, Expr *r);
/* Whether e is a comparison (=, <>, <, <=, >, >=) of two approximate
 * numbers (*dbl: their doubles) or of two values compared as integers
 * (integers, DECIMAL, datetimes, BOOLEAN), and which: for operators that
 * run the usual `column > constant` without calling the evaluator. A
 * comparison with a NULL operand is NULL; one with a NaN is unequal. */
bool fn_compare_parts(const Expr *e, FnOp *op, bool *dbl);
/* Whether a three-way comparison c (<0, 0, >0) satisfies comparison op. */
static inline bool fn_compare_holds(FnOp op, int c)
{
    switch (op) {
    case FOP_EQ: return c == 0;
    case FOP_NE: return c != 0;
    case FOP_LT: return c < 0;
    case FOP_LE: return c <= 0;
    case FOP_GT: return c > 0;
    default: return c >= 0;
    }
}
Expr *fn_unary(FnCtx *cx, FnOp op, Expr *x);
Expr *fn_is(FnCtx *cx, FnIsKind kind, bool negated, Expr *x);
Expr *fn_is_distinct(FnCtx *cx, bool negated, Expr *l, Expr *r);
Expr *fn_between(FnCtx *cx, bool negated, bool symmetric, Expr *x, Expr *lo, Expr *hi);
Expr *fn_in(FnCtx *cx, bool negated, Expr *x, Expr **list, int n);
Expr *fn_like(FnCtx *cx, bool negated, Expr *x, Expr *pattern, Expr *escape);
/* x [NOT] SIMILAR TO pattern [ESCAPE escape] (fn_regex.c) */
Expr *fn_similar(FnCtx *cx, bool negated, Expr *x, Expr *pattern, Expr *escape);
/* whens: cond/value pairs (searched) or match/value pairs (simple, operand non-NULL) */
Expr *fn_case(FnCtx *cx, Expr *operand, Expr **whens, int npairs, Expr *otherwise);
Expr *fn_explicit_cast(FnCtx *cx, Expr *x, SqlType to);

/* x [NOT] IN (SELECT item FROM t [WHERE pred]) and EXISTS (SELECT ... FROM t
 * [WHERE pred]) over a reference table t (fn_subquery.c): *rows and *nrows
 * are its rows, loaded when the application starts; pred and item read the
 * outer row as input 0 and t's row as input 1. */
Expr *fn_in_rows(FnCtx *cx, bool negated, Expr *x, Expr *item, Expr *pred, Row *const *rows, const int *nrows);
Expr *fn_exists_rows(FnCtx *cx, Expr *pred, Row *const *rows, const int *nrows);

/* Shared comparison of two values of one type: -1, 0, 1. */
int fn_compare_values(SqlType t, const Value *a, const Value *b);

#endif
