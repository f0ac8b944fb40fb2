/* What the operator builders share: the call node they build, how it is
 * finished (NOT NULL, volatility, folding), the operand errors and the
 * BOOLEAN operands of logic. */
#include "fn_opnode.h"

const char *fn_op_symbol(FnOp op)
{
    static const char *const s[] = {"+", "-", "*", "/", "||", "=", "<>", "<", "<=", ">", ">=", "AND", "OR", "NOT", "-"};
    return s[op];
}

Expr *fn_op_node(FnCtx *cx, const char *name, EvalFn eval, SqlType t, int nargs)
{
    Expr *e = expr_new(cx->arena, EX_CALL, nargs);
    e->eval = eval;
    e->type = t;
    e->name = name;
    e->span = cx->span;
    return e;
}

Expr *fn_op_finish(FnCtx *cx, Expr *e)
{
    bool notnull = true;
    for (int i = 0; i < e->nargs; i++) {
        if (!e->args[i]) continue;
        if (!e->args[i]->type.notnull) notnull = false;
        if (e->args[i]->volatile_) e->volatile_ = true;
    }
    if (!notnull) e->type.notnull = 0;
    return fn_fold(cx->arena, e);
}

void fn_op_operand_error(FnCtx *cx, FnOp op, Expr *l, Expr *r)
{
    char a[64], b[64];
    if (r)
        diag_error(cx->diag, cx->span, "cannot apply '%s' to %s and %s", fn_op_symbol(op), type_name(l->type, a, sizeof a),
                   type_name(r->type, b, sizeof b));
    else
        diag_error(cx->diag, cx->span, "cannot apply '%s' to %s", fn_op_symbol(op), type_name(l->type, a, sizeof a));
}

bool fn_op_want_boolean(FnCtx *cx, Expr **x, const char *what)
{
    if ((*x)->type.id == TY_NULL) {
        *x = fn_cast(cx, *x, type_make(TY_BOOLEAN));
        return true;
    }
    if ((*x)->type.id == TY_BOOLEAN) return true;
    char tn[64];
    diag_error(cx->diag, (*x)->span, "%s expects a BOOLEAN operand, not %s", what, type_name((*x)->type, tn, sizeof tn));
    return false;
}
