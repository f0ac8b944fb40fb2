/* WHERE: pass the rows whose condition is TRUE. */
#include "functions/ops.h"
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

/* The usual condition, a column compared with a constant (PRICE > 50),
 * read straight from the row: no evaluation context, no calls. What it
 * decides is what the comparison's evaluator decides (functions/fn_compare.c). */
typedef struct CompareOp {
    Op op;
    int col;
    FnOp cmp;
    bool dbl;
    Value k;
} CompareOp;

static void push_compare(Op *op, Row *row)
{
    const CompareOp *f = (const CompareOp *)op;
    const Value *v = &row->v[f->col];
    if (v->null) return;   /* NULL compared is NULL: not TRUE */
    bool keep;
    if (f->dbl) {
        double a = v->u.d, b = f->k.u.d;
        /* NaN compares unequal to everything, as in IEEE arithmetic */
        keep = a != a || b != b ? f->cmp == FOP_NE : fn_compare_holds(f->cmp, a < b ? -1 : a > b);
    } else {
        keep = fn_compare_holds(f->cmp, v->u.i < f->k.u.i ? -1 : v->u.i > f->k.u.i);
    }
    if (keep) op->next->push(op->next, row);
}

/* The comparison operator when the condition is `column op constant` over
 * the one input row (either way round), or NULL. */
static Op *compare_new(Exec *ex, const PlanNode *n)
{
    const Expr *e = n->pred;
    FnOp cmp;
    bool dbl;
    if (n->ninputs != 1 || !e || !fn_compare_parts(e, &cmp, &dbl)) return NULL;
    const Expr *col = e->args[0], *k = e->args[1];
    if (col->kind == EX_CONST && k->kind == EX_COLUMN) {
        /* 50 < PRICE is PRICE > 50 */
        const Expr *t = col;
        col = k, k = t;
        cmp = cmp == FOP_LT ? FOP_GT : cmp == FOP_GT ? FOP_LT : cmp == FOP_LE ? FOP_GE : cmp == FOP_GE ? FOP_LE : cmp;
    }
    /* a NULL constant is never TRUE: left to the general path, which says so */
    if (col->kind != EX_COLUMN || col->input != 0 || k->kind != EX_CONST || k->k.null || col->col >= n->inputs[0]->out.ncols)
        return NULL;
    CompareOp *f = arena_zalloc(&ex->state, sizeof *f);
    f->col = col->col;
    f->cmp = cmp;
    f->dbl = dbl;
    f->k = k->k;
    f->op.push = push_compare;
    return &f->op;
}

Op *op_filter_new(Exec *ex, const PlanNode *n)
{
    Op *op = compare_new(ex, n);
    if (op) return op;
    op = arena_zalloc(&ex->state, sizeof *op);
    op->push = push;
    return op;
}
