/* Private to the operator builders: the arithmetic that fn_binary and
 * fn_unary (fn_compare.c) hand to fn_arith.c. Each returns NULL after
 * reporting an error. */
#ifndef EDDY_FN_ARITH_H
#define EDDY_FN_ARITH_H
#include "fn_check.h"
#include "ops.h"

/* l op r for FOP_ADD, FOP_SUB, FOP_MUL and FOP_DIV. */
Expr *fn_arith_build(FnCtx *cx, FnOp op, Expr *l, Expr *r);
/* l || r */
Expr *fn_arith_concat(FnCtx *cx, Expr *l, Expr *r);
/* -x (op is FOP_NEG) */
Expr *fn_arith_negate(FnCtx *cx, FnOp op, Expr *x);

#endif
