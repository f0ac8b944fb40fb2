#include "registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ops.h"

typedef struct Family {
    const FnDef *table;
    const int *count;
} Family;

static const Family families[] = {
    {fn_math_table, &fn_math_count},
    {fn_string_table, &fn_string_count},
    {fn_regex_table, &fn_regex_count},
    {fn_time_table, &fn_time_count},
    {fn_null_table, &fn_null_count},
    {fn_agg_table, &fn_agg_count},
    {fn_analytic_table, &fn_analytic_count},
    {fn_logparse_table, &fn_logparse_count},
};

const FnDef *fn_find(const char *name)
{
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        for (int i = 0; i < *families[f].count; i++)
            if (strcasecmp(families[f].table[i].name, name) == 0) return &families[f].table[i];
    return NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(const FnDef *const *)a)->name, (*(const FnDef *const *)b)->name);
}

void fn_each(void (*f)(const FnDef *def, void *arg), void *arg)
{
    const FnDef *all[512];
    int n = 0;
    for (size_t k = 0; k < sizeof families / sizeof families[0]; k++)
        for (int i = 0; i < *families[k].count && n < 512; i++) all[n++] = &families[k].table[i];
    qsort(all, (size_t)n, sizeof all[0], by_name);
    for (int i = 0; i < n; i++) f(all[i], arg);
}

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
        if (!e->args[i] || e->args[i]->kind != EX_CONST) return e;
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
