/* WHERE: pass the rows whose condition is TRUE. */
#include "operators.h"

static void push(Op *op, Row *row)
{
    EvalCtx cx;
    exec_eval_ctx(op->ex, &cx, row);
    bool keep = expr_true(op->node->pred, &cx);
    if (cx.err.set) {
        exec_row_error(op->ex, op, row, &cx.err);
        return;
    }
    if (keep) op->next->push(op->next, row);
}

Op *op_filter_new(Exec *ex, const PlanNode *n)
{
    (void)n;
    Op *op = arena_zalloc(&ex->state, sizeof *op);
    op->push = push;
    return op;
}
