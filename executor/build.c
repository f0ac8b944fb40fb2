/* Building the operators of a pump from its plan, root first: one
 * operator per plan node, a scan being the stream's reader list itself;
 * the right input of a join of two streams and of INTERSECT / EXCEPT comes
 * in through a door operator that says which side a row is from. */
#include "build.h"

#include <stdio.h>
#include <stdlib.h>

#include "src/runtime/mem.h"
#include "operators.h"

static void add_reader(ExStream *s, Op *op)
{
    s->readers = mem_realloc(s->readers, sizeof(Op *) * (size_t)(s->nreaders + 1));
    s->readers[s->nreaders++] = op;
}

static void keep_op(Exec *ex, Op *op)
{
    if (ex->nops == ex->capops) {
        ex->capops = ex->capops ? ex->capops * 2 : 32;
        ex->ops = mem_realloc(ex->ops, sizeof(Op *) * (size_t)ex->capops);
    }
    ex->ops[ex->nops++] = op;
}

/* Operators for node n and its inputs; `next` receives n's rows. */
void exec_build(Exec *ex, const PlanPump *p, const PlanNode *n, Op *next)
{
    if (n->kind == PN_SCAN) {
        /* a scan is the stream's reader list itself */
        add_reader(&ex->streams[n->stream], next);
        return;
    }
    Op *op;
    switch (n->kind) {
    case PN_FILTER: op = op_filter_new(ex, n); break;
    case PN_PROJECT: op = op_project_new(ex, n); break;
    case PN_UNION: op = op_union_new(ex, n); break;
    case PN_SETOP: op = op_setop_new(ex, n); break;
    case PN_INSERT: op = op_insert_new(ex, n); break;
    case PN_AGGREGATE: op = n->stagger ? op_stagger_new(ex, n) : op_tumble_new(ex, n); break;
    case PN_WINDOW: op = op_window_new(ex, n); break;
    case PN_TABLEFN: op = n->tf_rcf ? op_rcf_new(ex, n) : n->tf_hotspots ? op_hotspots_new(ex, n)
                                   : n->tf_group_rank ? op_group_rank_new(ex, n) : op_topk_new(ex, n); break;
    case PN_JOIN: op = n->ninputs == 2 ? op_join_streams_new(ex, n) : op_join_new(ex, n); break;
    case PN_SORT: op = n->within >= 0 ? op_reorder_new(ex, n) : op_sort_new(ex, n); break;
    default:
        fprintf(stderr, "eddy: internal error: no operator for plan node %d\n", (int)n->kind);
        abort();
    }
    op->node = n;
    op->pump = p;
    op->ex = ex;
    op->next = next;
    /* what keeps nothing between rows has nothing to checkpoint */
    op->stateless = n->kind == PN_FILTER || (n->kind == PN_PROJECT && !n->distinct) || n->kind == PN_UNION ||
                    n->kind == PN_INSERT || (n->kind == PN_JOIN && n->ninputs == 1);
    keep_op(ex, op);
    if (n->kind == PN_JOIN && n->ninputs == 2) {
        /* the right stream's rows reach the join through a door that says so */
        exec_build(ex, p, n->inputs[0], op);
        Op *door = op_join_right_door(ex, op);
        door->stateless = true;   /* the join it opens into keeps the rows */
        door->node = n;
        door->pump = p;
        door->ex = ex;
        keep_op(ex, door);
        exec_build(ex, p, n->inputs[1], door);
        return;
    }
    if (n->kind == PN_SETOP) {
        exec_build(ex, p, n->inputs[0], op);
        Op *door = op_setop_right_door(ex, op);
        door->stateless = true;
        door->node = n;
        door->pump = p;
        door->ex = ex;
        keep_op(ex, door);
        exec_build(ex, p, n->inputs[1], door);
        return;
    }
    for (int i = 0; i < n->ninputs; i++) exec_build(ex, p, n->inputs[i], op);
}
