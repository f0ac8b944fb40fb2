/* The select list: a new row per input row, in the record arena. */
#include "../src/timeutil.h"
#include "exec.h"

static void push(Op *op, Row *row)
{
    const PlanNode *n = op->node;
    Exec *ex = op->ex;
    EvalCtx cx;
    exec_eval_ctx(ex, &cx, row);
    Row out;
    out.rowtime = row->rowtime;
    out.arrival = row->arrival;
    out.recno = row->recno;
    if (n->rowtime) {
        Value t;
        expr_eval(n->rowtime, &cx, &t);
        if (!cx.err.set && t.null) expr_fail(&cx, "NULL_ROWTIME", "the expression given AS ROWTIME is NULL");
        if (cx.err.set) {
            exec_row_error(ex, op, row, &cx.err);
            return;
        }
        out.rowtime = t.u.i;
        cx.out_rowtime = t.u.i;
    }
    out.n = n->nexprs;
    out.v = arena_alloc(ex->record, sizeof(Value) * (size_t)(n->nexprs ? n->nexprs : 1));
    for (int i = 0; i < n->nexprs; i++) expr_eval(n->exprs[i], &cx, &out.v[i]);
    if (cx.err.set) {
        exec_row_error(ex, op, row, &cx.err);
        return;
    }
    op->next->push(op->next, &out);
}

Op *op_project_new(Exec *ex, const PlanNode *n)
{
    (void)n;
    Op *op = arena_zalloc(&ex->state, sizeof *op);
    op->push = push;
    return op;
}
