/* Streaming helpers that are not aggregates. MONOTONIC(x) returns x and
 * tells the planner that x never decreases, so it may key a window. */
#include "ops.h"

static void eval_identity(const Expr *e, EvalCtx *cx, Value *out) { expr_eval(e->args[0], cx, out); }

static bool check_monotonic(FnCtx *cx, Expr *e)
{
    (void)cx;
    e->type = e->args[0]->type;
    e->eval = eval_identity;
    return true;
}

const FnDef fn_analytic_table[] = {
    {"MONOTONIC", 1, 1, 0, NULL, check_monotonic},
};
const int fn_analytic_count = sizeof fn_analytic_table / sizeof fn_analytic_table[0];
