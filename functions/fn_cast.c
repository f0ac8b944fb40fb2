/* CAST and the implicit conversions the binder inserts. */
#include <string.h>

#include "src/runtime/convert.h"
#include "fn_check.h"
#include "ops.h"

static void eval_cast(const Expr *e, EvalCtx *cx, Value *out)
{
    Value v;
    expr_eval(e->args[0], cx, &v);
    if (v.null) {
        *out = v;
        return;
    }
    const char *why = "invalid value";
    if (!conv_cast(e->args[0]->type, &v, e->type, out, cx->arena, &why)) {
        char from[64], to[64], text[80];
        Value shown;
        text[0] = 0;
        if (conv_to_text(e->args[0]->type, &v, cx->arena, &shown) && !shown.null)
            snprintf(text, sizeof text, " '%.*s'", (int)(shown.len > 60 ? 60 : shown.len), shown.u.s);
        expr_fail(cx, "CONVERSION", "cannot convert %s%s to %s: %s", type_name(e->args[0]->type, from, sizeof from),
                  text, type_name(e->type, to, sizeof to), why);
        *out = val_null();
    }
}

static bool same_type(SqlType a, SqlType b)
{
    if (a.id != b.id) return false;
    if (a.id == TY_DECIMAL) return a.scale == b.scale && a.precision <= b.precision;
    if (type_is_string(a.id) || type_is_binary(a.id)) return b.len == 0 || (a.len > 0 && a.len <= b.len);
    if (type_is_interval(a.id)) return true;
    return true;
}

static Expr *make_cast(FnCtx *cx, Expr *x, SqlType to)
{
    Expr *e = expr_new(cx->arena, EX_CALL, 1);
    e->args[0] = x;
    e->type = to;
    e->type.notnull = x->type.notnull;
    e->eval = eval_cast;
    e->name = "CAST";
    e->span = x->span;
    e->volatile_ = x->volatile_;
    return fn_fold(cx->arena, e);
}

Expr *fn_cast(FnCtx *cx, Expr *x, SqlType to)
{
    if (!x) return NULL;
    if (x->type.id == TY_NULL) {
        Expr *k = expr_const(cx->arena, to, val_null(), x->span);
        k->type.notnull = 0;
        k->name = x->name;   /* an unchecked column stays one (bind_scope.c) */
        k->volatile_ = x->volatile_;
        return k;
    }
    /* A CHAR/VARCHAR value is valid in a wider or unbounded string type as is;
     * only a narrower target needs the cast that truncates or pads. */
    if (same_type(x->type, to)) return x;
    if (type_is_string(x->type.id) && to.id == TY_VARCHAR && to.len == 0) return x;
    return make_cast(cx, x, to);
}

/* A DECIMAL with decimals stored into an integer column keeps its whole
 * part: the KDA guide's "Transforming DateTime Values" example stores
 * EXTRACT(SECOND ...), a DECIMAL(5,3), into an INTEGER column, and its rows
 * show 41.704 as 41. (An explicit CAST rounds, as the CAST page says.) */
static void eval_store_truncate(const Expr *e, EvalCtx *cx, Value *out)
{
    Value v;
    expr_eval(e->args[0], cx, &v);
    if (!v.null) v.u.i /= pow10_i64[e->args[0]->type.scale];
    *out = v;
}

Expr *fn_store_cast(FnCtx *cx, Expr *x, SqlType to)
{
    if (x && x->type.id == TY_DECIMAL && x->type.scale > 0 && type_is_integer(to.id)) {
        Expr *t = expr_new(cx->arena, EX_CALL, 1);
        t->args[0] = x;
        t->type = type_decimal(x->type.precision, 0);
        t->type.notnull = x->type.notnull;
        t->eval = eval_store_truncate;
        t->name = "CAST";
        t->span = x->span;
        t->volatile_ = x->volatile_;
        x = fn_fold(cx->arena, t);
    }
    return fn_cast(cx, x, to);
}

Expr *fn_explicit_cast(FnCtx *cx, Expr *x, SqlType to)
{
    char from[64], tn[64];
    if (!conv_cast_allowed(x->type, to)) {
        diag_error(cx->diag, cx->span, "cannot CAST %s to %s", type_name(x->type, from, sizeof from),
                   type_name(to, tn, sizeof tn));
        return NULL;
    }
    if (x->type.id == TY_NULL) return fn_cast(cx, x, to);
    if (x->type.id == to.id && x->type.len == to.len && x->type.precision == to.precision &&
        x->type.scale == to.scale && x->type.unit_hi == to.unit_hi && x->type.unit_lo == to.unit_lo)
        return x;
    Expr *e = make_cast(cx, x, to);
    e->span = cx->span;
    return e;
}
