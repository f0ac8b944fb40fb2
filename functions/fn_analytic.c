/* Analytic functions, which read the rows of their sliding window: LAG,
 * FIRST_VALUE, LAST_VALUE, NTH_VALUE and EXP_AVG; the sliding window
 * operator evaluates them (AnalyticKind). Also MONOTONIC(x): it returns x
 * and tells the planner that x never decreases, so it may key a window. */
#include <string.h>

#include "fn_check.h"
#include "fn_families.h"

/* Expr.flags of an analytic call */
enum { AF_IGNORE_NULLS = 1, AF_FROM_LAST = 2 };

static void eval_identity(const Expr *e, EvalCtx *cx, Value *out) { expr_eval(e->args[0], cx, out); }

static bool check_monotonic(FnCtx *cx, Expr *e)
{
    (void)cx;
    e->type = e->args[0]->type;
    e->eval = eval_identity;
    return true;
}

static void eval_outside_window(const Expr *e, EvalCtx *cx, Value *out)
{
    expr_fail(cx, "INTERNAL", "%s evaluated outside of a window", e->name);
    *out = val_null();
}

static bool analytic(FnCtx *cx, Expr *e, SqlType t)
{
    if (cx->ignore_nulls == 1) e->flags |= AF_IGNORE_NULLS;
    if (cx->from_last == 1) e->flags |= AF_FROM_LAST;
    e->type = t;
    e->type.notnull = 0;
    e->eval = eval_outside_window;
    e->volatile_ = true;
    return true;
}

static bool plain_value(FnCtx *cx, Expr *e)
{
    if (e->args[0]->type.id == TY_ROW) {
        fn_type_error(cx, e->args[0], "%s cannot take a row value", e->name);
        return false;
    }
    return true;
}

static bool check_first_last(FnCtx *cx, Expr *e)
{
    if (!plain_value(cx, e)) return false;
    if (cx->from_last >= 0) {
        fn_type_error(cx, NULL, "FROM FIRST / FROM LAST belong to NTH_VALUE");
        return false;
    }
    return analytic(cx, e, e->args[0]->type);
}

static bool positive_int_const(FnCtx *cx, Expr *x, const char *fn, const char *what, bool zero_ok)
{
    if (x->kind != EX_CONST || !type_is_integer(x->type.id) || x->k.null || x->k.u.i < (zero_ok ? 0 : 1)) {
        fn_type_error(cx, x, "%s's %s must be a %s integer constant", fn, what, zero_ok ? "non-negative" : "positive");
        return false;
    }
    return true;
}

static bool check_nth_value(FnCtx *cx, Expr *e)
{
    if (!plain_value(cx, e) || !positive_int_const(cx, e->args[1], "NTH_VALUE", "position", false)) return false;
    return analytic(cx, e, e->args[0]->type);
}

static bool check_lag(FnCtx *cx, Expr *e)
{
    if (!plain_value(cx, e)) return false;
    if (cx->from_last >= 0) {
        fn_type_error(cx, NULL, "FROM FIRST / FROM LAST belong to NTH_VALUE");
        return false;
    }
    if (e->nargs >= 2 && !positive_int_const(cx, e->args[1], "LAG", "offset", true)) return false;
    if (e->nargs == 3) {
        SqlType c;
        if (!type_common(e->args[0]->type, e->args[2]->type, &c)) {
            char a[64], b[64];
            fn_type_error(cx, e->args[2], "LAG's default (%s) does not match its value (%s)", type_name(e->args[2]->type, b, sizeof b),
                          type_name(e->args[0]->type, a, sizeof a));
            return false;
        }
        e->args[2] = fn_cast(cx, e->args[2], e->args[0]->type);
    }
    return analytic(cx, e, e->args[0]->type);
}

static bool check_exp_avg(FnCtx *cx, Expr *e)
{
    if (!fn_expect_numeric(cx, e->args[0], 1, "EXP_AVG")) return false;
    Expr *h = e->args[1];
    if (h->kind != EX_CONST || h->type.id != TY_INTERVAL_DT || h->k.null || h->k.u.i <= 0) {
        fn_type_error(cx, h, "EXP_AVG's half-life must be a positive day-time INTERVAL constant, such as INTERVAL '10' SECOND");
        return false;
    }
    e->args[0] = fn_cast(cx, e->args[0], type_make(TY_DOUBLE));
    return analytic(cx, e, type_make(TY_DOUBLE));
}

/* FIRST_VALUE and LAST_VALUE without OVER, over the rows of a GROUP BY or
 * stagger window, in arrival order: AWS's clickstream sessions application
 * takes a session's first and last page this way, and KDA ran it, though
 * the reference asks for OVER. */
static void edge_step(KeptValue *st, const Expr *c, const Value *v, Arena *keep, bool last)
{
    if (v->null && (c->flags & AF_IGNORE_NULLS)) return;
    if (st->has && !last) return;
    st->v = val_copy(c->args[0]->type, v, keep);
    st->has = true;
}

static void first_step(void *s, const Expr *c, const Value *v, Arena *keep, EvalCtx *cx)
{
    (void)cx;
    edge_step(s, c, v, keep, false);
}

static void last_step(void *s, const Expr *c, const Value *v, Arena *keep, EvalCtx *cx)
{
    (void)cx;
    edge_step(s, c, v, keep, true);
}

static const AggOps first_value_ops = {sizeof(KeptValue), fn_kept_init, first_step, NULL, fn_kept_final, fn_kept_save,
                                       fn_kept_restore, NULL, 0};
static const AggOps last_value_ops = {sizeof(KeptValue), fn_kept_init, last_step, NULL, fn_kept_final, fn_kept_save,
                                      fn_kept_restore, NULL, 0};

const AggOps *fn_group_agg_ops(const FnDef *def)
{
    if (def->analytic == AN_FIRST_VALUE) return &first_value_ops;
    if (def->analytic == AN_LAST_VALUE) return &last_value_ops;
    return NULL;
}

const FnDef fn_analytic_table[] = {
    {"EXP_AVG", 2, 2, FN_ANALYTIC, NULL, check_exp_avg, AN_EXP_AVG, 0},
    {"FIRST_VALUE", 1, 1, FN_ANALYTIC, NULL, check_first_last, AN_FIRST_VALUE, 0},
    {"LAG", 1, 3, FN_ANALYTIC, NULL, check_lag, AN_LAG, 0},
    {"LAST_VALUE", 1, 1, FN_ANALYTIC, NULL, check_first_last, AN_LAST_VALUE, 0},
    {"MONOTONIC", 1, 1, 0, NULL, check_monotonic, AN_NONE, 0},
    {"NTH_VALUE", 2, 2, FN_ANALYTIC, NULL, check_nth_value, AN_NTH_VALUE, 0},
};
const int fn_analytic_count = sizeof fn_analytic_table / sizeof fn_analytic_table[0];
