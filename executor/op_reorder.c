/* ORDER BY key WITHIN slack: rows whose event time (selected AS ROWTIME)
 * may be up to `slack` out of order are held in a min-heap and released in
 * time order once the latest time seen is `slack` past them. A row older
 * than what was already released is late: it goes to the error stream,
 * never silently away. Memory is the rows of one slack interval. */
#include <stdio.h>
#include <string.h>

#include "src/runtime/mem.h"
#include "src/runtime/slab.h"
#include "operators.h"

typedef struct Held {
    int64_t rowtime;
    uint64_t seq;
    Value *v;
    uint64_t recno;
} Held;

typedef struct ReorderOp {
    Op op;
    Held *heap;
    uint32_t n, cap;
    uint64_t seq;
    bool any_seen, any_out;
    int64_t latest, released;
    Slab slab;
    const Schema *schema;
    RowBatch out;             /* what downstream makes of a released row, until the next */
} ReorderOp;

static bool before(const Held *a, const Held *b) { return a->rowtime < b->rowtime || (a->rowtime == b->rowtime && a->seq < b->seq); }

static void sift_up(ReorderOp *r, uint32_t i)
{
    while (i > 0) {
        uint32_t p = (i - 1) / 2;
        if (!before(&r->heap[i], &r->heap[p])) break;
        Held t = r->heap[i];
        r->heap[i] = r->heap[p];
        r->heap[p] = t;
        i = p;
    }
}

static void sift_down(ReorderOp *r, uint32_t i)
{
    for (;;) {
        uint32_t l = 2 * i + 1, m = i;
        if (l < r->n && before(&r->heap[l], &r->heap[m])) m = l;
        if (l + 1 < r->n && before(&r->heap[l + 1], &r->heap[m])) m = l + 1;
        if (m == i) break;
        Held t = r->heap[i];
        r->heap[i] = r->heap[m];
        r->heap[m] = t;
        i = m;
    }
}

static void release_one(ReorderOp *r)
{
    Held h = r->heap[0];
    r->heap[0] = r->heap[--r->n];
    sift_down(r, 0);
    int nc = r->schema->ncols;
    Row out;
    out.rowtime = out.arrival = h.rowtime;
    out.recno = h.recno;
    out.n = nc;
    out.v = h.v;
    r->released = h.rowtime;
    r->any_out = true;
    Arena *was = exec_batch_begin(r->op.ex, &r->out);
    exec_batch_row(r->op.ex, &r->out);
    r->op.next->push(r->op.next, &out);
    exec_batch_end(r->op.ex, &r->out, was);
    for (int i = 0; i < nc; i++) {
        SqlType t = r->schema->cols[i].type;
        if (!h.v[i].null && (type_is_string(t.id) || type_is_binary(t.id))) slab_release(&r->slab, (void *)h.v[i].u.s, h.v[i].len + 1);
    }
    slab_release(&r->slab, h.v, sizeof(Value) * (size_t)(nc ? nc : 1));
}

/* A copy of the row into the heap, in its (ROWTIME, seq) place. */
static void hold(ReorderOp *r, const Row *row, uint64_t seq)
{
    int nc = r->schema->ncols;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->heap = mem_realloc(r->heap, sizeof(Held) * r->cap);
    }
    Held *h = &r->heap[r->n];
    h->rowtime = row->rowtime;
    h->seq = seq;
    h->recno = row->recno;
    h->v = slab_alloc(&r->slab, sizeof(Value) * (size_t)(nc ? nc : 1));
    for (int i = 0; i < nc; i++) {
        h->v[i] = row->v[i];
        SqlType t = r->schema->cols[i].type;
        if (!row->v[i].null && (type_is_string(t.id) || type_is_binary(t.id)))
            h->v[i].u.s = slab_strndup(&r->slab, row->v[i].u.s, row->v[i].len);
    }
    sift_up(r, r->n++);
}

static void push(Op *op, Row *row)
{
    ReorderOp *r = (ReorderOp *)op;
    int64_t slack = op->node->within;
    if (r->any_out && row->rowtime < r->released) {
        EvalError err = {.set = true, .name = "LATE_ROW"};
        snprintf(err.msg, sizeof err.msg, "the row's time is more than the WITHIN slack (%lld ms) behind the latest time seen, "
                                          "and rows after it were already released",
                 (long long)slack);
        exec_row_error(op->ex, op, row, &err);
        return;
    }
    hold(r, row, r->seq++);
    if (!r->any_seen || row->rowtime > r->latest) r->latest = row->rowtime;
    r->any_seen = true;
    while (r->n && r->heap[0].rowtime <= r->latest - slack) release_one(r);
}

static void flush(Op *op)
{
    ReorderOp *r = (ReorderOp *)op;
    while (r->n) release_one(r);
}

/* The clock of the slack and the rows held, each with its arrival number. */
static void save(Op *op, Buf *out)
{
    ReorderOp *r = (ReorderOp *)op;
    ser_u64(out, r->seq);
    ser_u64(out, r->any_seen);
    ser_u64(out, r->any_out);
    ser_i64(out, r->latest);
    ser_i64(out, r->released);
    ser_u64(out, r->n);
    for (uint32_t i = 0; i < r->n; i++) {
        const Held *h = &r->heap[i];
        Row row = {.rowtime = h->rowtime, .arrival = h->rowtime, .v = h->v, .n = r->schema->ncols, .recno = h->recno};
        ser_u64(out, h->seq);
        ser_row(out, r->schema, &row);
    }
}

static bool restore(Op *op, SerialIn *in)
{
    ReorderOp *r = (ReorderOp *)op;
    r->seq = de_u64(in);
    r->any_seen = de_u64(in) != 0;
    r->any_out = de_u64(in) != 0;
    r->latest = de_i64(in);
    r->released = de_i64(in);
    uint64_t n = de_count(in, 5);
    Arena tmp;
    arena_init(&tmp, 4096);
    for (uint64_t i = 0; i < n && de_ok(in); i++) {
        uint64_t seq = de_u64(in);
        Row row;
        arena_reset(&tmp);
        if (de_row(in, r->schema, &row, &tmp)) hold(r, &row, seq);
    }
    arena_free(&tmp);
    return de_ok(in);
}

static void op_close(Op *op)
{
    ReorderOp *r = (ReorderOp *)op;
    while (r->n) {
        Held h = r->heap[--r->n];
        for (int i = 0; i < r->schema->ncols; i++) {
            SqlType t = r->schema->cols[i].type;
            if (!h.v[i].null && (type_is_string(t.id) || type_is_binary(t.id))) slab_release(&r->slab, (void *)h.v[i].u.s, h.v[i].len + 1);
        }
        slab_release(&r->slab, h.v, sizeof(Value) * (size_t)(r->schema->ncols ? r->schema->ncols : 1));
    }
    mem_free(r->heap);
    slab_free_all(&r->slab);
    arena_free(&r->out.arena);
}

/* Event time, not the clock, moves this operator: ticks pass through. */
Op *op_reorder_new(Exec *ex, const PlanNode *n)
{
    ReorderOp *r = arena_zalloc(&ex->state, sizeof *r);
    r->op.push = push;
    r->op.flush = flush;
    r->op.close = op_close;
    r->op.save = save;
    r->op.restore = restore;
    r->schema = &n->out;
    slab_init(&r->slab);
    arena_init(&r->out.arena, 4096);
    return &r->op;
}
