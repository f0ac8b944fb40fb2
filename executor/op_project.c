/* The select list: a new row per input row, in the record arena.
 *
 * SELECT STREAM DISTINCT: a row leaves only the first time its distinct
 * columns are seen since the monotonic one last changed. The rows seen are
 * kept (their key values, copied) in a hash table that is emptied when the
 * monotonic value changes, so the state is one window's distinct rows. */
#include <string.h>

#include "src/runtime/hashtab.h"
#include "src/runtime/timeutil.h"
#include "operators.h"

typedef struct Seen {
    HashNode node;             /* first: a key's node is its entry */
    Value keys[];
} Seen;

typedef struct DistinctOp {
    Op op;
    int *cols;                 /* the output column of each distinct key */
    Value *scratch;
    HashTable seen;
    Arena keep;                /* the seen keys and the current monotonic value */
    bool any;
    Value mono;
    int mono_col;              /* -1: the output ROWTIME */
    SqlType mono_type;
} DistinctOp;

/* Evaluates the select list into *out; false when the row went to the error stream. */
static bool project(Op *op, Row *row, Row *out)
{
    const PlanNode *n = op->node;
    Exec *ex = op->ex;
    EvalCtx cx;
    exec_eval_ctx(ex, &cx, row);
    out->rowtime = row->rowtime;
    out->arrival = row->arrival;
    out->recno = row->recno;
    if (n->rowtime) {
        Value t;
        expr_eval(n->rowtime, &cx, &t);
        if (!cx.err.set && t.null) expr_fail(&cx, "NULL_ROWTIME", "the expression given AS ROWTIME is NULL");
        if (cx.err.set) {
            exec_row_error(ex, op, row, &cx.err);
            return false;
        }
        out->rowtime = t.u.i;
        cx.out_rowtime = t.u.i;
    }
    out->n = n->nexprs;
    out->v = arena_alloc(ex->record, sizeof(Value) * (size_t)(n->nexprs ? n->nexprs : 1));
    for (int i = 0; i < n->nexprs; i++) expr_eval(n->exprs[i], &cx, &out->v[i]);
    if (cx.err.set) {
        exec_row_error(ex, op, row, &cx.err);
        return false;
    }
    return true;
}

static void push(Op *op, Row *row)
{
    Row out;
    if (project(op, row, &out)) op->next->push(op->next, &out);
}

/* A select list of plain columns (the usual pump's, or SELECT *) is the
 * row's values picked, with nothing to evaluate and nothing that can fail. */
typedef struct PickOp {
    Op op;
    int n;
    int cols[];
} PickOp;

static void push_pick(Op *op, Row *row)
{
    const PickOp *p = (const PickOp *)op;
    Row out = {.rowtime = row->rowtime, .arrival = row->arrival, .recno = row->recno, .n = p->n};
    out.v = arena_alloc(op->ex->record, sizeof(Value) * (size_t)(p->n ? p->n : 1));
    for (int i = 0; i < p->n; i++) out.v[i] = row->v[p->cols[i]];
    op->next->push(op->next, &out);
}

/* Every column in its place: the row itself goes on. Rows are never
 * changed by the operators they go through (a stream's row goes to each
 * of its readers as it is), so it needs no copy. */
static void push_same(Op *op, Row *row)
{
    if (row->n != ((const PickOp *)op)->n) push_pick(op, row);
    else op->next->push(op->next, row);
}

/* The pick operator when the select list is plain columns of the one input, or NULL. */
static Op *pick_new(Exec *ex, const PlanNode *n)
{
    if (n->rowtime || n->ninputs != 1) return NULL;
    for (int i = 0; i < n->nexprs; i++)
        if (n->exprs[i]->kind != EX_COLUMN || n->exprs[i]->input != 0) return NULL;
    PickOp *p = arena_zalloc(&ex->state, sizeof *p + sizeof(int) * (size_t)(n->nexprs ? n->nexprs : 1));
    p->n = n->nexprs;
    bool same = n->nexprs == n->inputs[0]->out.ncols;
    for (int i = 0; i < n->nexprs; i++) {
        p->cols[i] = n->exprs[i]->col;
        if (p->cols[i] != i) same = false;
    }
    p->op.push = same ? push_same : push_pick;
    return &p->op;
}

static void remember(DistinctOp *d, uint64_t h, const Value *k)
{
    const PlanNode *n = d->op.node;
    Seen *s = arena_alloc(&d->keep, sizeof(Seen) + sizeof(Value) * (size_t)n->ndistinct);
    s->node.hash = h;
    for (int i = 0; i < n->ndistinct; i++) s->keys[i] = val_copy(n->distinct_keys[i]->type, &k[i], &d->keep);
    htab_insert(&d->seen, &s->node);
}

static void push_distinct(Op *op, Row *row)
{
    DistinctOp *d = (DistinctOp *)op;
    const PlanNode *n = op->node;
    Row out;
    if (!project(op, row, &out)) return;
    Value m = d->mono_col >= 0 ? out.v[d->mono_col] : val_int(out.rowtime);
    bool same_window = d->any && (m.null || d->mono.null ? m.null == d->mono.null : val_compare(d->mono_type, &m, &d->mono) == 0);
    if (!same_window) {
        /* a new value of the monotonic key: no row seen so far can come again */
        htab_clear(&d->seen);
        arena_reset(&d->keep);
        d->mono = val_copy(d->mono_type, &m, &d->keep);
        d->any = true;
    }
    Value *k = d->scratch;
    for (int i = 0; i < n->ndistinct; i++) k[i] = d->cols[i] >= 0 ? out.v[d->cols[i]] : val_int(out.rowtime);
    uint64_t h = exec_hash_keys(n->distinct_keys, n->ndistinct, k);
    for (HashNode *e = htab_chain(&d->seen, h); e; e = e->chain)
        if (e->hash == h && exec_same_keys(n->distinct_keys, n->ndistinct, ((Seen *)e)->keys, k)) return;   /* a duplicate */
    remember(d, h, k);
    op->next->push(op->next, &out);
}

typedef struct SaveCtx {
    const PlanNode *n;
    Buf *out;
} SaveCtx;

static void save_seen(HashNode *e, void *arg)
{
    const SaveCtx *c = arg;
    for (int i = 0; i < c->n->ndistinct; i++) ser_value(c->out, c->n->distinct_keys[i]->type, &((Seen *)e)->keys[i]);
}

/* The monotonic key's value and the distinct keys seen under it. */
static void save_distinct(Op *op, Buf *out)
{
    DistinctOp *d = (DistinctOp *)op;
    const PlanNode *n = op->node;
    ser_u64(out, d->any);
    if (d->any) ser_value(out, d->mono_type, &d->mono);
    ser_u64(out, d->seen.count);
    SaveCtx c = {n, out};
    htab_visit(&d->seen, save_seen, &c);
}

static bool restore_distinct(Op *op, SerialIn *in)
{
    DistinctOp *d = (DistinctOp *)op;
    const PlanNode *n = op->node;
    d->any = de_u64(in) != 0;
    if (d->any) d->mono = de_value(in, d->mono_type, &d->keep);
    uint64_t count = de_count(in, 1);
    for (uint64_t j = 0; j < count && de_ok(in); j++) {
        Value *k = d->scratch;
        for (int i = 0; i < n->ndistinct; i++) k[i] = de_value(in, n->distinct_keys[i]->type, &d->keep);
        remember(d, exec_hash_keys(n->distinct_keys, n->ndistinct, k), k);
    }
    return de_ok(in);
}

static void close_distinct(Op *op)
{
    DistinctOp *d = (DistinctOp *)op;
    htab_free(&d->seen);
    arena_free(&d->keep);
}

Op *op_project_new(Exec *ex, const PlanNode *n)
{
    if (!n->distinct) {
        Op *op = pick_new(ex, n);
        if (op) return op;
        op = arena_zalloc(&ex->state, sizeof *op);
        op->push = push;
        return op;
    }
    DistinctOp *d = arena_zalloc(&ex->state, sizeof *d);
    d->op.push = push_distinct;
    d->op.close = close_distinct;
    d->op.save = save_distinct;
    d->op.restore = restore_distinct;
    htab_init(&d->seen);
    arena_init(&d->keep, 16384);
    /* The keys are the select list's own expressions: find their columns.
     * One that is not there any more was s.ROWTIME, which a bare query
     * leaves out because the row's ROWTIME already says it. */
    d->cols = arena_alloc(&ex->state, sizeof(int) * (size_t)(n->ndistinct ? n->ndistinct : 1));
    d->mono_col = -1;
    d->mono_type = type_make(TY_TIMESTAMP);
    for (int i = 0; i < n->ndistinct; i++) {
        d->cols[i] = -1;
        for (int c = 0; c < n->nexprs; c++)
            if (n->exprs[c] == n->distinct_keys[i]) d->cols[i] = c;
    }
    for (int c = 0; c < n->nexprs && n->distinct_mono; c++)
        if (n->exprs[c] == n->distinct_mono) d->mono_col = c, d->mono_type = n->distinct_mono->type;
    d->scratch = arena_alloc(&ex->state, sizeof(Value) * (size_t)(n->ndistinct ? n->ndistinct : 1));
    return &d->op;
}
