/* CASE, searched (WHEN cond) and simple (CASE x WHEN value). */
#include "fn_check.h"
#include "fn_opnode.h"

static void eval_case(const Expr *e, EvalCtx *cx, Value *out)
{
    /* args: cond0, val0, cond1, val1, ..., [else]; flags = pair count */
    int pairs = (int)e->flags;
    for (int i = 0; i < pairs; i++) {
        if (expr_true(e->args[2 * i], cx)) {
            expr_eval(e->args[2 * i + 1], cx, out);
            return;
        }
    }
    if (e->nargs > 2 * pairs) expr_eval(e->args[2 * pairs], cx, out);
    else *out = val_null();
}

Expr *fn_case(FnCtx *cx, Expr *operand, Expr **whens, int npairs, Expr *otherwise)
{
    for (int i = 0; i < 2 * npairs; i++)
        if (!whens[i]) return NULL;
    /* result type: common type of every THEN and the ELSE */
    SqlType t = whens[1]->type;
    for (int i = 1; i < npairs; i++) {
        SqlType c;
        if (!type_common(t, whens[2 * i + 1]->type, &c)) {
            char a[64], b[64];
            diag_error(cx->diag, whens[2 * i + 1]->span, "CASE branches have incompatible types %s and %s",
                       type_name(t, a, sizeof a), type_name(whens[2 * i + 1]->type, b, sizeof b));
            return NULL;
        }
        t = c;
    }
    if (otherwise) {
        SqlType c;
        if (!type_common(t, otherwise->type, &c)) {
            char a[64], b[64];
            diag_error(cx->diag, otherwise->span, "CASE branches have incompatible types %s and %s",
                       type_name(t, a, sizeof a), type_name(otherwise->type, b, sizeof b));
            return NULL;
        }
        t = c;
    }
    if (t.id == TY_NULL) t = type_string(TY_VARCHAR, 0);
    if (type_is_string(t.id)) t.id = TY_VARCHAR;   /* branches keep their own length */
    Expr *e = fn_op_node(cx, "CASE", eval_case, t, 2 * npairs + (otherwise ? 1 : 0));
    e->flags = (uint32_t)npairs;
    for (int i = 0; i < npairs; i++) {
        Expr *cond = whens[2 * i];
        if (operand) {
            cond = fn_binary(cx, FOP_EQ, operand, cond);
            if (!cond) return NULL;
        } else if (!fn_op_want_boolean(cx, &cond, "WHEN")) {
            return NULL;
        }
        e->args[2 * i] = cond;
        e->args[2 * i + 1] = type_is_string(t.id) && type_is_string(whens[2 * i + 1]->type.id) ? whens[2 * i + 1]
                                                                                                 : fn_cast(cx, whens[2 * i + 1], t);
    }
    if (otherwise)
        e->args[2 * npairs] = type_is_string(t.id) && type_is_string(otherwise->type.id) ? otherwise : fn_cast(cx, otherwise, t);
    e->type.notnull = otherwise != NULL;
    for (int i = 0; i < npairs; i++)
        if (!e->args[2 * i + 1]->type.notnull) e->type.notnull = 0;
    if (otherwise && !e->args[2 * npairs]->type.notnull) e->type.notnull = 0;
    e->volatile_ = false;
    for (int i = 0; i < e->nargs; i++)
        if (e->args[i]->volatile_) e->volatile_ = true;
    return fn_fold(cx->arena, e);
}
