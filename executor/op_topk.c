/* TOP_K_ITEMS_TUMBLING and COUNT_DISTINCT_ITEMS_TUMBLING: tumbling windows
 * of whole seconds (aligned on the epoch) over the cursor's rows. Items are
 * counted exactly in a hash table of the window; at the window's end the
 * top K leave, most frequent first (ties in the order items first came),
 * or the number of distinct items. COUNT_DISTINCT switches to a
 * HyperLogLog estimate (2^14 registers, about 0.8% error) past 10,000
 * distinct items in a window, so its memory stays bounded; TOP_K stays
 * exact, its memory bounded by the distinct items of one window. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "src/runtime/hashtab.h"
#include "src/runtime/mem.h"
#include "src/runtime/timeutil.h"
#include "operators.h"

#define EXACT_LIMIT 10000
#define HLL_BITS 14

typedef struct Item {
    HashNode node;              /* first: an item's node is the item */
    Value v;
    int64_t count;
    uint32_t order;
} Item;

typedef struct TopKOp {
    Op op;
    Arena window;
    RowBatch out;              /* the closing window's rows, one at a time */
    HashTable table;
    uint32_t nitems;
    Item **items;               /* in arrival order */
    uint32_t capitems;
    bool open;
    int64_t start;
    uint8_t *hll;               /* NULL while counting exactly */
    SqlType type;
} TopKOp;

static void hll_add(uint8_t *reg, uint64_t h)
{
    uint32_t idx = (uint32_t)(h >> (64 - HLL_BITS));
    uint64_t rest = h << HLL_BITS | (1ULL << (HLL_BITS - 1));
    uint8_t rank = (uint8_t)(__builtin_clzll(rest) + 1);
    if (rank > reg[idx]) reg[idx] = rank;
}

static double hll_estimate(const uint8_t *reg)
{
    const int m = 1 << HLL_BITS;
    double sum = 0;
    int zeros = 0;
    for (int i = 0; i < m; i++) {
        sum += ldexp(1.0, -reg[i]);
        if (!reg[i]) zeros++;
    }
    double alpha = 0.7213 / (1 + 1.079 / m);
    double e = alpha * m * m / sum;
    if (e <= 2.5 * m && zeros) e = m * log((double)m / zeros);   /* small-range correction */
    return e;
}

static int by_count(const void *a, const void *b)
{
    const Item *x = *(const Item *const *)a, *y = *(const Item *const *)b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void close_window(TopKOp *t)
{
    const PlanNode *n = t->op.node;
    Exec *ex = t->op.ex;
    int64_t end = t->start + n->tf_window;
    Arena *was = exec_batch_begin(ex, &t->out);
    if (n->tf_topk) {
        qsort(t->items, t->nitems, sizeof(Item *), by_count);
        for (uint32_t i = 0; i < t->nitems && (int)i < n->tf_k; i++) {
            Row out = {.rowtime = end, .arrival = end, .recno = ex->line, .n = 2};
            out.v = arena_alloc(exec_batch_row(ex, &t->out), sizeof(Value) * 2);
            out.v[0] = t->items[i]->v;
            out.v[1] = val_int(t->items[i]->count);
            t->op.next->push(t->op.next, &out);
        }
    } else {
        int64_t count = t->hll ? (int64_t)llround(hll_estimate(t->hll)) : (int64_t)t->nitems;
        Row out = {.rowtime = end, .arrival = end, .recno = ex->line, .n = 1};
        out.v = arena_alloc(exec_batch_row(ex, &t->out), sizeof(Value));
        out.v[0] = val_int(count);
        t->op.next->push(t->op.next, &out);
    }
    exec_batch_end(ex, &t->out, was);
    htab_clear(&t->table);
    t->nitems = 0;
    mem_free(t->hll);
    t->hll = NULL;
    arena_reset(&t->window);
    t->open = false;
}

static void add_item(TopKOp *t, uint64_t h, const Value *v, int64_t count)
{
    Item *it = arena_alloc(&t->window, sizeof *it);
    it->node.hash = h;
    it->v = val_copy(t->type, v, &t->window);
    it->count = count;
    it->order = t->nitems;
    if (t->nitems == t->capitems) {
        t->capitems = t->capitems ? t->capitems * 2 : 256;
        t->items = mem_realloc(t->items, sizeof(Item *) * t->capitems);
    }
    t->items[t->nitems++] = it;
    htab_insert(&t->table, &it->node);
}

static void push(Op *op, Row *row)
{
    TopKOp *t = (TopKOp *)op;
    const PlanNode *n = op->node;
    int64_t start = floor_div(row->rowtime, n->tf_window) * n->tf_window;
    if (t->open && start != t->start) close_window(t);
    if (!t->open) {
        t->open = true;
        t->start = start;
    }
    const Value *v = &row->v[n->tf_col];
    if (v->null) return;   /* NULL is not an item */
    uint64_t h = val_hash(t->type, v);
    if (t->hll) {
        hll_add(t->hll, h);
        return;
    }
    Item *it = (Item *)htab_chain(&t->table, h);
    while (it && !(it->node.hash == h && val_equal(t->type, &it->v, v))) it = (Item *)it->node.chain;
    if (it) {
        it->count++;
        return;
    }
    if (!n->tf_topk && t->nitems >= EXACT_LIMIT) {
        /* too many to count exactly: estimate from here on */
        t->hll = mem_calloc((size_t)1 << HLL_BITS, 1);
        for (uint32_t i = 0; i < t->nitems; i++) hll_add(t->hll, t->items[i]->node.hash);
        hll_add(t->hll, h);
        return;
    }
    add_item(t, h, v, 1);
}

static void tick(Op *op, int64_t now)
{
    TopKOp *t = (TopKOp *)op;
    if (t->open && t->start + op->node->tf_window <= now) close_window(t);
    exec_tick_next(op, now);
}

static void flush(Op *op)
{
    TopKOp *t = (TopKOp *)op;
    if (t->open) close_window(t);
}

/* The open window: its start, the items counted (in arrival order), and
 * the HyperLogLog registers once estimating. */
static void save(Op *op, Buf *out)
{
    TopKOp *t = (TopKOp *)op;
    ser_u64(out, t->open);
    ser_i64(out, t->start);
    ser_u64(out, t->nitems);
    for (uint32_t i = 0; i < t->nitems; i++) {
        ser_value(out, t->type, &t->items[i]->v);
        ser_i64(out, t->items[i]->count);
    }
    ser_u64(out, t->hll != NULL);
    if (t->hll) ser_bytes(out, t->hll, (size_t)1 << HLL_BITS);
}

static bool restore(Op *op, SerialIn *in)
{
    TopKOp *t = (TopKOp *)op;
    t->open = de_u64(in) != 0;
    t->start = de_i64(in);
    uint64_t n = de_count(in, 2);
    for (uint64_t i = 0; i < n && de_ok(in); i++) {
        Value v = de_value(in, t->type, &t->window);
        int64_t count = de_i64(in);
        if (v.null) de_fail(in, "a NULL item");
        else add_item(t, val_hash(t->type, &v), &v, count);
    }
    if (de_u64(in)) {
        size_t len;
        const char *reg = de_bytes(in, &len);
        if (len != (size_t)1 << HLL_BITS) return de_fail(in, "HyperLogLog registers of another size"), false;
        t->hll = mem_alloc(len);
        memcpy(t->hll, reg, len);
    }
    return de_ok(in);
}

static void op_close(Op *op)
{
    TopKOp *t = (TopKOp *)op;
    htab_free(&t->table);
    mem_free(t->items);
    mem_free(t->hll);
    arena_free(&t->window);
    arena_free(&t->out.arena);
}

Op *op_topk_new(Exec *ex, const PlanNode *n)
{
    TopKOp *t = arena_zalloc(&ex->state, sizeof *t);
    t->op.push = push;
    t->op.flush = flush;
    t->op.tick = tick;
    t->op.close = op_close;
    t->op.save = save;
    t->op.restore = restore;
    t->type = n->inputs[0]->out.cols[n->tf_col].type;
    arena_init(&t->window, 65536);
    arena_init(&t->out.arena, 4096);
    htab_init(&t->table);
    return &t->op;
}
