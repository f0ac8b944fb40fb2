/* UNION ALL: every input's rows, as they come (each keeps its ROWTIME). */
#include "operators.h"

static void push(Op *op, Row *row) { op->next->push(op->next, row); }

Op *op_union_new(Exec *ex, const PlanNode *n)
{
    (void)n;
    Op *op = arena_zalloc(&ex->state, sizeof *op);
    op->push = push;
    return op;
}
