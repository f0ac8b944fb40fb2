/* Private to the operator builders (fn_arith.c, fn_compare.c, fn_like.c,
 * fn_case.c): the pieces each of them builds a call node with. */
#ifndef EDDY_FN_OPNODE_H
#define EDDY_FN_OPNODE_H
#include "fn_check.h"
#include "ops.h"

/* Evaluates both operands of a binary operator into a and b; NULL in
 * either gives NULL. */
#define BIN_PROLOGUE                  \
    Value a, b;                       \
    expr_eval(e->args[0], cx, &a);    \
    expr_eval(e->args[1], cx, &b);    \
    if (a.null || b.null) {           \
        *out = val_null();            \
        return;                       \
    }

/* The operator's symbol in messages: "+", "<=", "AND"... */
const char *fn_op_symbol(FnOp op);
/* A call node of the operator: its evaluator and result type; the caller sets the args. */
Expr *fn_op_node(FnCtx *cx, const char *name, EvalFn eval, SqlType t, int nargs);
/* NULL in, NULL out, volatile in, volatile out; then folds a constant node. */
Expr *fn_op_finish(FnCtx *cx, Expr *e);
/* "cannot apply 'op' to <type> [and <type>]"; r is NULL for a unary operator. */
void fn_op_operand_error(FnCtx *cx, FnOp op, Expr *l, Expr *r);
/* A BOOLEAN operand of `what` (a NULL literal becomes a BOOLEAN NULL); false after reporting. */
bool fn_op_want_boolean(FnCtx *cx, Expr **x, const char *what);

#endif
