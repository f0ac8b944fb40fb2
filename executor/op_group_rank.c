/* GROUP_RANK: the rows that share a ROWTIME are held, ranked on one column
 * (RANK(): ties share a rank and the next rank skips them; NULLs rank
 * last), and leave in rank order (ascending or descending, ties in arrival
 * order), at most outputMax of them (0: all), each with its groupRank. A
 * group is complete when a row with a later ROWTIME arrives, when the input
 * ends, or, with maxIdle > 0, when no row has come for maxIdle ms of the
 * clock. Held rows live in the group's arena, reset after each group. */
#include <stdlib.h>
#include <string.h>

#include "src/runtime/mem.h"
#include "operators.h"

typedef struct Held {
    Row row;
    uint32_t seq;
    int64_t rank;
} Held;

typedef struct RankOp {
    Op op;
    Arena group;
    RowBatch out;             /* the group's rows as they leave, one at a time */
    Held *rows;
    uint32_t n, cap;
    int64_t last_push;    /* clock time of the latest row, for maxIdle */
} RankOp;

static const RankOp *cmp_ctx;   /* qsort has no context argument in C11 */

static int by_key(const void *pa, const void *pb)
{
    const Held *a = pa, *b = pb;
    const PlanNode *n = cmp_ctx->op.node;
    const Value *x = &a->row.v[n->gr_col], *y = &b->row.v[n->gr_col];
    int r;
    if (x->null || y->null) r = x->null == y->null ? 0 : x->null ? 1 : -1;   /* NULLs last either way */
    else {
        r = val_compare(n->inputs[0]->out.cols[n->gr_col].type, x, y);
        if (n->gr_desc) r = -r;
    }
    if (r) return r;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int by_rank(const void *pa, const void *pb)
{
    const Held *a = pa, *b = pb;
    bool desc = cmp_ctx->op.node->gr_output_desc;
    if (a->rank != b->rank) return (a->rank < b->rank) == !desc ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void emit_group(RankOp *g)
{
    const PlanNode *n = g->op.node;
    Exec *ex = g->op.ex;
    cmp_ctx = g;
    qsort(g->rows, g->n, sizeof(Held), by_key);
    for (uint32_t i = 0; i < g->n; i++) {
        const Value *x = &g->rows[i].row.v[n->gr_col];
        if (i > 0) {
            const Value *p = &g->rows[i - 1].row.v[n->gr_col];
            bool same = (x->null && p->null) ||
                        (!x->null && !p->null && val_compare(n->inputs[0]->out.cols[n->gr_col].type, x, p) == 0);
            g->rows[i].rank = same ? g->rows[i - 1].rank : (int64_t)i + 1;
        } else {
            g->rows[i].rank = 1;
        }
    }
    qsort(g->rows, g->n, sizeof(Held), by_rank);
    uint32_t limit = n->gr_max > 0 && (uint32_t)n->gr_max < g->n ? (uint32_t)n->gr_max : g->n;
    Arena *was = exec_batch_begin(ex, &g->out);
    for (uint32_t i = 0; i < limit; i++) {
        Row out = g->rows[i].row;
        out.n = g->rows[i].row.n + 1;
        out.v = arena_alloc(exec_batch_row(ex, &g->out), sizeof(Value) * (size_t)out.n);
        memcpy(out.v, g->rows[i].row.v, sizeof(Value) * (size_t)(out.n - 1));
        out.v[out.n - 1] = val_int(g->rows[i].rank);
        g->op.next->push(g->op.next, &out);
    }
    exec_batch_end(ex, &g->out, was);
    g->n = 0;
    arena_reset(&g->group);
}

static void push(Op *op, Row *row)
{
    RankOp *g = (RankOp *)op;
    const Schema *in = &op->node->inputs[0]->out;
    if (g->n && g->rows[0].row.rowtime != row->rowtime) emit_group(g);
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 64;
        g->rows = mem_realloc(g->rows, sizeof(Held) * g->cap);
    }
    Held *h = &g->rows[g->n];
    h->seq = g->n++;
    h->row = *row;
    h->row.v = arena_alloc(&g->group, sizeof(Value) * (size_t)(row->n ? row->n : 1));
    for (int i = 0; i < row->n; i++) h->row.v[i] = val_copy(in->cols[i].type, &row->v[i], &g->group);
    g->last_push = row->arrival;
}

static void flush(Op *op)
{
    RankOp *g = (RankOp *)op;
    if (g->n) emit_group(g);
}

static void tick(Op *op, int64_t t)
{
    RankOp *g = (RankOp *)op;
    if (g->n && op->node->gr_idle > 0 && t - g->last_push >= op->node->gr_idle) emit_group(g);
    exec_tick_next(op, t);
}

/* The group held (rows of one ROWTIME, arrival order) and when it last grew. */
static void save(Op *op, Buf *out)
{
    RankOp *g = (RankOp *)op;
    ser_i64(out, g->last_push);
    ser_u64(out, g->n);
    for (uint32_t i = 0; i < g->n; i++) ser_row(out, &op->node->inputs[0]->out, &g->rows[i].row);
}

static bool restore(Op *op, SerialIn *in)
{
    RankOp *g = (RankOp *)op;
    int64_t last = de_i64(in);
    bool ok = exec_restore_rows(op, in, &op->node->inputs[0]->out, push);
    g->last_push = last;
    return ok;
}

static void op_close(Op *op)
{
    RankOp *g = (RankOp *)op;
    mem_free(g->rows);
    arena_free(&g->group);
    arena_free(&g->out.arena);
}

Op *op_group_rank_new(Exec *ex, const PlanNode *n)
{
    (void)n;
    RankOp *g = arena_zalloc(&ex->state, sizeof *g);
    g->op.push = push;
    g->op.flush = flush;
    g->op.tick = tick;
    g->op.close = op_close;
    g->op.save = save;
    g->op.restore = restore;
    arena_init(&g->group, 16384);
    arena_init(&g->out.arena, 4096);
    return &g->op;
}
