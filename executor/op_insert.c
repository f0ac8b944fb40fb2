/* The end of a pump: rows go into the target stream. */
#include "operators.h"

static void push(Op *op, Row *row) { exec_insert(op->ex, op->node->stream, row, op->pump); }

Op *op_insert_new(Exec *ex, const PlanNode *n)
{
    (void)n;
    Op *op = arena_zalloc(&ex->state, sizeof *op);
    op->push = push;
    return op;
}
