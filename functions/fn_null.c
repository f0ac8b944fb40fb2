/* COALESCE and NULLIF. */
#include <string.h>

#include "src/runtime/convert.h"
#include "fn_check.h"
#include "fn_families.h"
#include "ops.h"

static void eval_coalesce(const Expr *e, EvalCtx *cx, Value *out)
{
    for (int i = 0; i < e->nargs; i++) {
        expr_eval(e->args[i], cx, out);
        if (!out->null) return;
    }
    *out = val_null();
}

static bool check_coalesce(FnCtx *cx, Expr *e)
{
    SqlType t = e->args[0]->type;
    for (int i = 1; i < e->nargs; i++) {
        SqlType c;
        if (!type_common(t, e->args[i]->type, &c)) {
            char a[64], b[64];
            fn_type_error(cx, e->args[i], "COALESCE arguments must have one type: %s and %s do not mix",
                          type_name(t, a, sizeof a), type_name(e->args[i]->type, b, sizeof b));
            return false;
        }
        t = c;
    }
    if (t.id == TY_NULL) t = type_string(TY_VARCHAR, 0);
    if (type_is_string(t.id)) t.id = TY_VARCHAR;
    t.notnull = 0;
    for (int i = 0; i < e->nargs; i++) {
        if (!type_is_string(t.id) || !type_is_string(e->args[i]->type.id)) e->args[i] = fn_cast(cx, e->args[i], t);
        if (e->args[i]->type.notnull) t.notnull = 1;
    }
    e->type = t;
    e->eval = eval_coalesce;
    return true;
}

/* NULLIF(a, b) is a, or NULL when a = b: it keeps a's type (SQL's CASE WHEN
 * a = b THEN NULL ELSE a END). Exact numbers compare by value at one scale
 * in 128 bits; other pairs in the type both meet in, kept in aux. */
static int exact_scale(SqlType t) { return t.id == TY_DECIMAL ? t.scale : 0; }

static void eval_nullif(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a, b;
    expr_eval(e->args[0], cx, &a);
    expr_eval(e->args[1], cx, &b);
    *out = a;
    if (a.null || b.null) return;
    SqlType ta = e->args[0]->type, tb = e->args[1]->type;
    if (type_is_exact(ta.id) && type_is_exact(tb.id)) {
        __int128 x = a.u.i, y = b.u.i;
        for (int i = exact_scale(ta); i < exact_scale(tb); i++) x *= 10;
        for (int i = exact_scale(tb); i < exact_scale(ta); i++) y *= 10;
        if (x == y) *out = val_null();
        return;
    }
    const SqlType *c = e->aux;
    Value ca = a, cb = b;
    const char *why = NULL;
    /* a value that does not fit the common type cannot equal one that does */
    if (c && (!conv_cast(ta, &a, *c, &ca, cx->arena, &why) || !conv_cast(tb, &b, *c, &cb, cx->arena, &why))) return;
    if (fn_compare_values(c ? *c : ta, &ca, &cb) == 0) *out = val_null();
}

static bool check_nullif(FnCtx *cx, Expr *e)
{
    SqlType c;
    if (!type_common(e->args[0]->type, e->args[1]->type, &c)) {
        char a[64], b[64];
        fn_type_error(cx, NULL, "NULLIF operands are not comparable: %s and %s", type_name(e->args[0]->type, a, sizeof a),
                      type_name(e->args[1]->type, b, sizeof b));
        return false;
    }
    if (c.id == TY_NULL) c = type_string(TY_VARCHAR, 0);
    if (e->args[0]->type.id == TY_NULL) e->args[0] = fn_cast(cx, e->args[0], e->args[1]->type.id == TY_NULL ? c : e->args[1]->type);
    if (e->args[1]->type.id == TY_NULL) e->args[1] = fn_cast(cx, e->args[1], e->args[0]->type);
    if (!type_is_string(c.id)) {
        if (c.id == TY_DECIMAL) c = type_decimal(18, c.scale);
        SqlType *k = arena_alloc(cx->arena, sizeof *k);
        *k = c;
        e->aux = k;
    }
    e->type = e->args[0]->type;
    e->type.notnull = 0;
    e->eval = eval_nullif;
    return true;
}

const FnDef fn_null_table[] = {
    {"COALESCE", 1, 64, 0, NULL, check_coalesce, AN_NONE, 0},
    {"NULLIF", 2, 2, 0, NULL, check_nullif, AN_NONE, 0},
};
const int fn_null_count = sizeof fn_null_table / sizeof fn_null_table[0];
