/* The helpers every family's check functions share: type errors, the
 * argument expectations, constant folding and binding a call. */
#include "fn_check.h"

#include <stdio.h>
#include <string.h>

void fn_type_error(FnCtx *cx, Expr *arg, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    diag_error(cx->diag, arg && arg->span.len ? arg->span : cx->span, "%s", buf);
}

static const char *ordinal(int n)
{
    static const char *const o[] = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh"};
    return n >= 1 && n <= 7 ? o[n - 1] : "an";
}

#define EXPECT(fnname, pred, what)                                                                    \
    bool fnname(FnCtx *cx, Expr *e, int argno, const char *fn)                                      \
    {                                                                                               \
        if (e->type.id == TY_NULL || (pred)) return true;                                           \
        char tb[64];                                                                                \
        fn_type_error(cx, e, "%s expects %s as its %s argument, not %s", fn, what, ordinal(argno), \
                      type_name(e->type, tb, sizeof tb));                                           \
        return false;                                                                               \
    }
EXPECT(fn_expect_numeric, type_is_numeric(e->type.id), "a number")
EXPECT(fn_expect_string, type_is_string(e->type.id), "a string")
EXPECT(fn_expect_integer, type_is_integer(e->type.id), "an integer")

Expr *fn_fold(Arena *a, Expr *e)
{
    if (e->kind != EX_CALL || e->volatile_) return e;
    for (int i = 0; i < e->nargs; i++)
        if (!e->args[i] || e->args[i]->kind != EX_CONST || e->args[i]->volatile_) return e;
    EvalCtx cx;
    memset(&cx, 0, sizeof cx);
    cx.arena = a;
    Value v;
    e->eval(e, &cx, &v);
    if (cx.err.set) return e;
    Expr *k = expr_const(a, e->type, v, e->span);
    k->type.notnull = !v.null;
    return k;
}

Expr *fn_bind_call(FnCtx *cx, const FnDef *def, Expr **args, int nargs)
{
    if (nargs < def->min_args || nargs > def->max_args) {
        if (def->min_args == def->max_args)
            diag_error(cx->diag, cx->span, "%s takes %d argument%s, not %d", def->name, def->min_args,
                       def->min_args == 1 ? "" : "s", nargs);
        else
            diag_error(cx->diag, cx->span, "%s takes %d to %d arguments, not %d", def->name, def->min_args,
                       def->max_args, nargs);
        return NULL;
    }
    Expr *e = expr_new(cx->arena, EX_CALL, nargs);
    for (int i = 0; i < nargs; i++) e->args[i] = args[i];
    e->name = def->name;
    e->span = cx->span;
    e->volatile_ = (def->flags & FN_VOLATILE) != 0;
    if (!def->check(cx, e)) return NULL;
    /* NULL in, NULL out: a result can be NOT NULL only if every argument is
     * (COALESCE says for itself) */
    if (strcmp(def->name, "COALESCE") != 0)
        for (int i = 0; i < nargs; i++)
            if (e->args[i] && !e->args[i]->type.notnull) e->type.notnull = 0;
    if (!e->volatile_)
        for (int i = 0; i < nargs; i++)
            if (e->args[i] && e->args[i]->volatile_) e->volatile_ = true;
    return fn_fold(cx->arena, e);
}

void fn_kept_init(void *s, const Expr *c)
{
    (void)c;
    memset(s, 0, sizeof(KeptValue));
}

void fn_kept_final(const void *s, const Expr *c, Value *out, EvalCtx *cx)
{
    (void)c, (void)cx;
    const KeptValue *st = s;
    *out = st->has ? st->v : val_null();
}

void fn_kept_save(const void *s, const Expr *c, Buf *out)
{
    const KeptValue *st = s;
    ser_u64(out, st->has);
    if (st->has) ser_value(out, c->args[0]->type, &st->v);
}

void fn_kept_restore(void *s, const Expr *c, SerialIn *in, Arena *keep)
{
    KeptValue *st = s;
    st->has = de_u64(in) != 0;
    if (st->has) st->v = de_value(in, c->args[0]->type, keep);
}
