/* ORDER BY on a stream. The leading key only grows with ROWTIME, so rows
 * that share it form a batch no later row can join: the batch is kept
 * until the key moves on (or time passes a ROWTIME key, or input ends),
 * then sorted by the remaining keys and emitted. Memory is one batch. */
#include <stdlib.h>
#include <string.h>

#include "src/runtime/mem.h"
#include "operators.h"

typedef struct Held {
    Row row;
    uint32_t seq;             /* arrival order: the sort is stable */
} Held;

typedef struct SortOp {
    Op op;
    Arena batch;              /* values of the held rows */
    RowBatch out;             /* the batch's rows as they leave, one at a time */
    Held *rows;
    uint32_t n, cap;
    int64_t latest;           /* the held rows' latest ROWTIME: they leave with it */
    const PlanNode *input;    /* the projection: its schema types the keys */
} SortOp;

static const SortOp *cmp_ctx;   /* qsort has no context argument in C11 */

static int compare_rows(const void *pa, const void *pb)
{
    const Held *a = pa, *b = pb;
    const PlanNode *n = cmp_ctx->op.node;
    const Schema *in = &cmp_ctx->input->out;
    for (int k = 0; k < n->nsort; k++) {
        int c = n->sort_cols[k];
        const Value *x = &a->row.v[c], *y = &b->row.v[c];
        int r;
        if (x->null || y->null) r = x->null == y->null ? 0 : x->null ? 1 : -1;   /* NULLs last when ascending */
        else r = val_compare(in->cols[c].type, x, y);
        if (r) return n->sort_desc[k] ? -r : r;
    }
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void emit_batch(SortOp *s)
{
    const PlanNode *n = s->op.node;
    Exec *ex = s->op.ex;
    /* Reordered rows must not go back in time: each leaves with the batch's
     * latest ROWTIME (all of them share it when the leading key is ROWTIME). */
    int64_t latest = INT64_MIN;
    for (uint32_t i = 0; i < s->n; i++)
        if (s->rows[i].row.rowtime > latest) latest = s->rows[i].row.rowtime;
    if (s->n > 1) {
        cmp_ctx = s;
        qsort(s->rows, s->n, sizeof(Held), compare_rows);
    }
    Arena *was = exec_batch_begin(ex, &s->out);
    for (uint32_t i = 0; i < s->n; i++) {
        Row out = s->rows[i].row;
        out.rowtime = latest;
        out.n = n->nemit;
        out.v = arena_alloc(exec_batch_row(ex, &s->out), sizeof(Value) * (size_t)(n->nemit ? n->nemit : 1));
        for (int j = 0; j < n->nemit; j++) out.v[j] = s->rows[i].row.v[n->emit_cols[j]];
        s->op.next->push(s->op.next, &out);
    }
    exec_batch_end(ex, &s->out, was);
    s->n = 0;
    arena_reset(&s->batch);
}

static void push(Op *op, Row *row)
{
    SortOp *s = (SortOp *)op;
    const PlanNode *n = op->node;
    const Schema *in = &s->input->out;
    int lead = n->sort_cols[0];
    if (s->n && !n->sort_whole) {
        const Value *a = &s->rows[0].row.v[lead], *b = &row->v[lead];
        bool same = (a->null && b->null) || (!a->null && !b->null && val_compare(in->cols[lead].type, a, b) == 0);
        if (!same) emit_batch(s);
    }
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->rows = mem_realloc(s->rows, sizeof(Held) * s->cap);
    }
    Held *h = &s->rows[s->n];
    if (!s->n || row->rowtime > s->latest) s->latest = row->rowtime;
    h->seq = s->n++;
    h->row = *row;
    h->row.v = arena_alloc(&s->batch, sizeof(Value) * (size_t)(row->n ? row->n : 1));
    for (int i = 0; i < row->n; i++) h->row.v[i] = val_copy(in->cols[i].type, &row->v[i], &s->batch);
}

static void flush(Op *op)
{
    SortOp *s = (SortOp *)op;
    if (s->n) emit_batch(s);
}

static void tick(Op *op, int64_t t)
{
    SortOp *s = (SortOp *)op;
    const PlanNode *n = op->node;
    /* a window's rows all leave the GROUP BY at once, at its end, and time
     * then reaches that end: the batch is complete */
    if (s->n && !n->sort_whole &&
        ((n->sort_by_rowtime && s->rows[0].row.rowtime < t) || (n->sort_by_window && s->rows[0].row.rowtime <= t)))
        emit_batch(s);
    /* downstream must not hear of a time past the rows still held: they
     * will leave with their latest ROWTIME, which may be earlier than t */
    if (s->n && s->latest < t) t = s->latest;
    exec_tick_next(op, t);
}

/* The batch held, in arrival order; restored by holding the rows again. */
static void save(Op *op, Buf *out)
{
    SortOp *s = (SortOp *)op;
    ser_u64(out, s->n);
    for (uint32_t i = 0; i < s->n; i++) ser_row(out, &s->input->out, &s->rows[i].row);
}

static bool restore(Op *op, SerialIn *in)
{
    return exec_restore_rows(op, in, &((SortOp *)op)->input->out, push);
}

static void op_close(Op *op)
{
    SortOp *s = (SortOp *)op;
    mem_free(s->rows);
    arena_free(&s->batch);
    arena_free(&s->out.arena);
}

Op *op_sort_new(Exec *ex, const PlanNode *n)
{
    SortOp *s = arena_zalloc(&ex->state, sizeof *s);
    s->op.push = push;
    s->op.flush = flush;
    s->op.tick = tick;
    s->op.close = op_close;
    s->op.save = save;
    s->op.restore = restore;
    s->input = n->inputs[0];
    arena_init(&s->batch, 16384);
    arena_init(&s->out.arena, 4096);
    return &s->op;
}
