/* Stagger windows: WINDOWED BY STAGGER (PARTITION BY keys RANGE INTERVAL
 * 'n' unit). A window opens for a key at the first row with that key and
 * covers [open, open + n): a row at exactly open + n starts the next one.
 * Every window has the same length, so windows close in the order they
 * opened: a FIFO of open windows is all the bookkeeping closing needs. A
 * window's result leaves with ROWTIME = its close time, as soon as a row
 * at or past that time arrives (or at end of input). */
#include <string.h>

#include "src/runtime/hashtab.h"
#include "src/runtime/mem.h"
#include "operators.h"

typedef struct SWindow {
    HashNode node;                  /* first: a key's node is its window */
    struct SWindow *next;           /* FIFO by open time */
    int64_t close;
    Arena arena;                    /* keys and kept values of this window */
    Value *keys;
    _Alignas(16) char state[];
} SWindow;

typedef struct StaggerOp {
    Op op;
    HashTable open;                 /* the open windows by key */
    SWindow *first, *last;          /* FIFO */
    SWindow *spare;                 /* closed windows kept for reuse, with their arenas */
    size_t nspare;
    const AggOps **ops;
    size_t *offsets;
    size_t state_size;
    Value *scratch_keys, *scratch_args;
    RowBatch out;                   /* the closing windows' rows, one at a time */
} StaggerOp;

/* Closed windows wait in a pool (a quarter of the open count, at least 64)
 * so keys that come and go cost no malloc; the pool is bounded so memory
 * follows the open windows. */
static void release(StaggerOp *s, SWindow *w)
{
    if (s->nspare >= s->open.count / 4 + 64) {
        arena_free(&w->arena);
        mem_free(w);
        return;
    }
    arena_reset(&w->arena);
    w->next = s->spare;
    s->spare = w;
    s->nspare++;
}

/* Emit and release the oldest window. */
static void close_first(StaggerOp *s)
{
    const PlanNode *n = s->op.node;
    Exec *ex = s->op.ex;
    SWindow *w = s->first;
    s->first = w->next;
    if (!s->first) s->last = NULL;
    htab_remove(&s->open, &w->node);

    int ncols = n->nkeys + n->naggs;
    Row out;
    out.rowtime = out.arrival = w->close;
    out.recno = ex->line;
    out.n = ncols;
    Arena *was = exec_batch_begin(ex, &s->out);
    out.v = arena_alloc(exec_batch_row(ex, &s->out), sizeof(Value) * (size_t)(ncols ? ncols : 1));
    memcpy(out.v, w->keys, sizeof(Value) * (size_t)n->nkeys);
    EvalCtx cx;
    exec_eval_ctx(ex, &cx, &out);
    for (int i = 0; i < n->naggs; i++) s->ops[i]->final(w->state + s->offsets[i], n->aggs[i], &out.v[n->nkeys + i], &cx);
    if (cx.err.set) exec_output_error(ex, &s->op, &out, &cx.err);
    else s->op.next->push(s->op.next, &out);
    exec_batch_end(ex, &s->out, was);
    release(s, w);
}

/* A new window for keys k (hash h), last in the FIFO. */
static SWindow *open_window(StaggerOp *s, uint64_t h, const Value *k, int64_t close)
{
    const PlanNode *n = s->op.node;
    SWindow *w = s->spare;
    if (w) {
        s->spare = w->next;
        s->nspare--;
    } else {
        w = mem_alloc(sizeof(SWindow) + s->state_size);
        arena_init(&w->arena, 256);
    }
    w->node.hash = h;
    w->close = close;
    w->next = NULL;
    w->keys = arena_alloc(&w->arena, sizeof(Value) * (size_t)(n->nkeys ? n->nkeys : 1));
    for (int i = 0; i < n->nkeys; i++) w->keys[i] = val_copy(n->keys[i]->type, &k[i], &w->arena);
    for (int i = 0; i < n->naggs; i++) s->ops[i]->init(w->state + s->offsets[i], n->aggs[i]);
    if (s->last) s->last->next = w;
    else s->first = w;
    s->last = w;
    htab_insert(&s->open, &w->node);
    return w;
}

static void push(Op *op, Row *row)
{
    StaggerOp *s = (StaggerOp *)op;
    const PlanNode *n = op->node;
    Exec *ex = op->ex;
    /* windows that ended at or before this row's time are complete */
    while (s->first && s->first->close <= row->rowtime) close_first(s);

    EvalCtx cx;
    exec_eval_ctx(ex, &cx, row);
    Value *k = s->scratch_keys, *args = s->scratch_args;
    for (int i = 0; i < n->nkeys; i++) expr_eval(n->keys[i], &cx, &k[i]);
    for (int i = 0; i < n->naggs; i++) {
        const Expr *call = n->aggs[i];
        if (call->nargs) expr_eval(call->args[0], &cx, &args[i]);
        else args[i] = val_null();
    }
    if (cx.err.set) {
        exec_row_error(ex, op, row, &cx.err);
        return;
    }
    uint64_t h = exec_hash_keys(n->keys, n->nkeys, k);
    SWindow *w = (SWindow *)htab_chain(&s->open, h);
    while (w && !(w->node.hash == h && exec_same_keys(n->keys, n->nkeys, w->keys, k))) w = (SWindow *)w->node.chain;
    if (!w && mem_over_budget()) {
        exec_memory_refused(ex, op, row, "stagger window");
        return;
    }
    if (!w) w = open_window(s, h, k, row->rowtime + n->stagger);
    for (int i = 0; i < n->naggs; i++) s->ops[i]->step(w->state + s->offsets[i], n->aggs[i], &args[i], &w->arena, &cx);
    if (cx.err.set) exec_row_error(ex, op, row, &cx.err);
}

static void tick(Op *op, int64_t now)
{
    StaggerOp *s = (StaggerOp *)op;
    while (s->first && s->first->close <= now) close_first(s);
    exec_tick_next(op, now);
}

/* Ticks before the oldest window's close change nothing here (every
 * window has the same length, so one a later push opens closes no
 * earlier); with none open, the next push may open one. */
static int64_t tick_due(const Op *op)
{
    const StaggerOp *s = (const StaggerOp *)op;
    return !s->first || exec_tick_next_matters(op) ? INT64_MIN : s->first->close;
}

static void flush(Op *op)
{
    StaggerOp *s = (StaggerOp *)op;
    while (s->first) close_first(s);
}

/* The open windows, oldest first: close time, keys, aggregates' states. */
static void save(Op *op, Buf *out)
{
    StaggerOp *s = (StaggerOp *)op;
    const PlanNode *n = op->node;
    ser_u64(out, s->open.count);
    for (SWindow *w = s->first; w; w = w->next) {
        ser_i64(out, w->close);
        for (int i = 0; i < n->nkeys; i++) ser_value(out, n->keys[i]->type, &w->keys[i]);
        for (int i = 0; i < n->naggs; i++) s->ops[i]->save(w->state + s->offsets[i], n->aggs[i], out);
    }
}

static bool restore(Op *op, SerialIn *in)
{
    StaggerOp *s = (StaggerOp *)op;
    const PlanNode *n = op->node;
    uint64_t nw = de_count(in, 1);
    Arena tmp;
    arena_init(&tmp, 4096);
    for (uint64_t j = 0; j < nw && de_ok(in); j++) {
        int64_t close = de_i64(in);
        Value *k = s->scratch_keys;
        arena_reset(&tmp);
        for (int i = 0; i < n->nkeys; i++) k[i] = de_value(in, n->keys[i]->type, &tmp);
        SWindow *w = open_window(s, exec_hash_keys(n->keys, n->nkeys, k), k, close);
        for (int i = 0; i < n->naggs; i++) s->ops[i]->restore(w->state + s->offsets[i], n->aggs[i], in, &w->arena);
    }
    arena_free(&tmp);
    return de_ok(in);
}

static void op_close(Op *op)
{
    StaggerOp *s = (StaggerOp *)op;
    for (int list = 0; list < 2; list++) {
        for (SWindow *w = list ? s->spare : s->first; w;) {
            SWindow *next = w->next;
            arena_free(&w->arena);
            mem_free(w);
            w = next;
        }
    }
    htab_free(&s->open);
    arena_free(&s->out.arena);
}

Op *op_stagger_new(Exec *ex, const PlanNode *n)
{
    StaggerOp *s = arena_zalloc(&ex->state, sizeof *s);
    s->op.push = push;
    s->op.flush = flush;
    s->op.tick = tick;
    s->op.tick_due = tick_due;
    s->op.close = op_close;
    s->op.save = save;
    s->op.restore = restore;
    htab_init(&s->open);
    arena_init(&s->out.arena, 4096);
    s->ops = arena_alloc(&ex->state, sizeof(AggOps *) * (size_t)(n->naggs ? n->naggs : 1));
    s->offsets = arena_alloc(&ex->state, sizeof(size_t) * (size_t)(n->naggs ? n->naggs : 1));
    size_t off = 0;
    for (int i = 0; i < n->naggs; i++) {
        s->ops[i] = fn_agg_ops(fn_find(n->aggs[i]->name), n->aggs[i]);
        s->offsets[i] = off;
        off += (s->ops[i]->state_size + 15) & ~(size_t)15;
    }
    s->state_size = off;
    s->scratch_keys = arena_alloc(&ex->state, sizeof(Value) * (size_t)(n->nkeys ? n->nkeys : 1));
    s->scratch_args = arena_alloc(&ex->state, sizeof(Value) * (size_t)(n->naggs ? n->naggs : 1));
    return &s->op;
}
