/* Sliding windows: OVER (PARTITION BY ... RANGE INTERVAL ... PRECEDING |
 * ROWS n PRECEDING). Each row is added to its partition's window, the rows
 * that fell out are taken back, and the row leaves with every windowed
 * value appended. Work per row is O(1) amortised whatever the window's
 * length: aggregates that can take a value back do (inverse), MIN and MAX
 * keep a monotonic deque, SUM and AVG of DISTINCT values keep a count per
 * value, and the analytic functions index the window's ring of rows
 * directly. */
#include <math.h>
#include <string.h>

#include "src/runtime/mem.h"
#include "op_window_int.h"

/* ---- values kept past their record ---- */

Value op_window_keep(WindowOp *w, SqlType t, const Value *v)
{
    Value r = *v;
    if (!v->null && (type_is_string(t.id) || type_is_binary(t.id))) r.u.s = slab_strndup(&w->slab, v->u.s, v->len);
    return r;
}

static void drop_value(WindowOp *w, SqlType t, const Value *v)
{
    if (!v->null && (type_is_string(t.id) || type_is_binary(t.id))) slab_release(&w->slab, (void *)v->u.s, (size_t)v->len + 1);
}

/* ---- DISTINCT counts ---- */

uint64_t op_window_count_hash(SqlType t, const Partition *p, const Value *v)
{
    return val_hash(t, v) ^ ((uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ULL);
}

DistinctCount *op_window_find_count(HashTable *tab, SqlType t, const Partition *p, const Value *v, uint64_t h)
{
    for (HashNode *n = htab_chain(tab, h); n; n = n->chain) {
        DistinctCount *dc = (DistinctCount *)n;
        if (n->hash == h && dc->part == p && val_equal(t, &dc->v, v)) return dc;
    }
    return NULL;
}

/* A row's value enters the window: true when no other row there holds it. */
bool op_window_count_in(WindowOp *w, Win *win, int c, const Partition *p, const Value *v)
{
    if (v->null) return false;
    SqlType t = win->pw->calls[c]->args[0]->type;
    uint64_t h = op_window_count_hash(t, p, v);
    DistinctCount *dc = op_window_find_count(&win->counts[c], t, p, v, h);
    if (dc) return dc->n++ == 0;
    dc = slab_alloc(&w->slab, sizeof *dc);
    dc->node.hash = h;
    dc->part = p;
    dc->n = 1;
    dc->v = *v;   /* numbers only: SUM and AVG keep no bytes */
    htab_insert(&win->counts[c], &dc->node);
    return true;
}

/* A row's value leaves the window: true when it was the last row holding it. */
static bool count_out(WindowOp *w, Win *win, int c, const Partition *p, const Value *v)
{
    if (v->null) return false;
    SqlType t = win->pw->calls[c]->args[0]->type;
    DistinctCount *dc = op_window_find_count(&win->counts[c], t, p, v, op_window_count_hash(t, p, v));
    if (!dc || --dc->n > 0) return false;
    htab_remove(&win->counts[c], &dc->node);
    slab_release(&w->slab, dc, sizeof *dc);
    return true;
}

/* ---- partitions ---- */

static bool needs_deque(const Win *win, int c)
{
    const Expr *call = win->pw->calls[c];
    if (win->ops[c]) return win->ops[c]->inverse == NULL;   /* MIN, MAX */
    return win->kind[c] != AN_EXP_AVG && (call->flags & AF_IGNORE_NULLS);
}

static void unlink_lru(Win *win, Partition *p)
{
    if (p->older) p->older->newer = p->newer;
    else win->oldest = p->newer;
    if (p->newer) p->newer->older = p->older;
    else win->newest = p->older;
    p->older = p->newer = NULL;
}

static void link_newest(Win *win, Partition *p)
{
    p->older = win->newest;
    p->newer = NULL;
    if (win->newest) win->newest->newer = p;
    else win->oldest = p;
    win->newest = p;
}

/* A partition and its per-key arrays are one block; closed ones wait in a
 * pool (a quarter of the live count, at least 64) so keys that come and go
 * cost no malloc, and rings longer than this many items are given back. */
enum { KEEP_RING = 64 };

Partition *op_window_partition(WindowOp *w, Win *win, uint64_t h, const Value *keys)
{
    const PlanWindow *pw = win->pw;
    Partition *p = win->spare;
    if (p) {
        win->spare = p->older;
        win->nspare--;
    } else {
        size_t base = sizeof(Partition) + win->state_size;
        size_t nk = (size_t)(pw->npartition ? pw->npartition : 1), nc = (size_t)pw->ncalls;
        p = mem_calloc(1, base + nk * sizeof(Value) + nc * sizeof(Ring) + nc * sizeof(double));
        p->keys = (Value *)((char *)p + base);
        p->deques = (Ring *)(p->keys + nk);
        p->exp_base = (double *)(p->deques + nc);
        ring_init(&p->rows, win->entry_size);
        for (int c = 0; c < pw->ncalls; c++) ring_init(&p->deques[c], sizeof(SeqValue));
    }
    p->node.hash = h;
    for (int i = 0; i < pw->npartition; i++) p->keys[i] = op_window_keep(w, pw->partition[i]->type, &keys[i]);
    memset(p->state, 0, win->state_size);
    for (int c = 0; c < pw->ncalls; c++) {
        p->exp_base[c] = 0;
        if (win->ops[c]) win->ops[c]->init(p->state + win->offsets[c], pw->calls[c]);
    }
    htab_insert(&win->parts, &p->node);
    link_newest(win, p);
    return p;
}

static void destroy_partition(Win *win, Partition *p)
{
    for (int c = 0; c < win->pw->ncalls; c++) ring_free(&p->deques[c]);
    ring_free(&p->rows);
    mem_free(p);
}

static void free_partition(WindowOp *w, Win *win, Partition *p)
{
    const PlanWindow *pw = win->pw;
    for (uint32_t i = 0; i < p->rows.count; i++) {
        Entry *e = ring_at(&p->rows, i);
        for (int c = 0; c < pw->ncalls; c++) {
            if (win->copy_arg[c]) drop_value(w, pw->calls[c]->args[0]->type, entry_arg(win, e, c));
            if (win->distinct[c]) count_out(w, win, c, p, entry_arg(win, e, c));
        }
    }
    for (int i = 0; i < pw->npartition; i++) drop_value(w, pw->partition[i]->type, &p->keys[i]);
    if (win->nspare >= win->parts.count / 4 + 64) {
        destroy_partition(win, p);
        return;
    }
    ring_clear(&p->rows, KEEP_RING);
    for (int c = 0; c < pw->ncalls; c++) ring_clear(&p->deques[c], KEEP_RING);
    p->older = win->spare;
    win->spare = p;
    win->nspare++;
}

/* A RANGE window's partition whose last row is older than the window holds
 * nothing any future row could see: drop it, so memory follows the keys
 * that are active, not every key the stream ever had. */
static void drop_idle(WindowOp *w, Win *win, int64_t now)
{
    if (win->pw->kind != WF_RANGE) return;
    while (win->oldest && win->oldest->last_rowtime < now - win->pw->size) {
        Partition *p = win->oldest;
        unlink_lru(win, p);
        htab_remove(&win->parts, &p->node);
        free_partition(w, win, p);
    }
}

/* ---- adding and removing rows ---- */

static double exp_weight(int64_t rowtime, double base, int64_t half_life)
{
    return exp2((double)(rowtime - (int64_t)base) / (double)half_life);
}

/* val_compare, with DOUBLE and REAL (all MIN and MAX of prices) inline. */
static inline int compare_arg(SqlType t, bool dbl, const Value *a, const Value *b)
{
    if (!dbl) return val_compare(t, a, b);
    if (a->u.d < b->u.d) return -1;
    if (a->u.d > b->u.d) return 1;
    if (a->u.d == b->u.d) return 0;
    return (a->u.d != a->u.d) - (b->u.d != b->u.d);   /* NaN last, as val_compare */
}

/* MIN/MAX deque: values that can never be the extreme again leave. */
static inline void deque_add(Ring *d, bool is_max, SqlType t, bool dbl, uint64_t seq, const Value *v)
{
    while (d->count) {
        SeqValue *back = ring_at(d, d->count - 1);
        int cmp = compare_arg(t, dbl, &back->v, v);
        if (is_max ? cmp > 0 : cmp < 0) break;
        ring_pop_back(d);
    }
    SeqValue *sv = ring_push(d);
    sv->seq = seq;
    sv->v = *v;   /* shares the entry's kept bytes */
}

static void add_call(WindowOp *w, Win *win, Partition *p, Entry *e, int c, EvalCtx *cx);

static inline void add_row(WindowOp *w, Win *win, Partition *p, Entry *e, EvalCtx *cx)
{
    int nc = win->pw->ncalls;
    for (int c = 0; c < nc; c++) {
        const WinCall *k = &win->wc[c];
        /* the row's values as evaluated (the entry holds the same bits: these
         * calls copy nothing), not read back from the entry just written */
        const Value *v = &win->args[c];
        switch (k->how) {
        case HOW_INVERSE: k->ops->step(p->state + k->off, k->call, v, NULL, cx); break;
        case HOW_MIN:
        case HOW_MAX:
            if (!v->null) deque_add(&p->deques[c], k->how == HOW_MAX, k->t, k->dbl, e->seq, v);
            break;
        default: add_call(w, win, p, e, c, cx); break;
        }
    }
}

/* The general case of add_row for call c. */
static void add_call(WindowOp *w, Win *win, Partition *p, Entry *e, int c, EvalCtx *cx)
{
    const Expr *call = win->pw->calls[c];
    const Value *v = entry_arg(win, e, c);
    if (win->ops[c]) {
        if (win->ops[c]->inverse) {
            if (!win->distinct[c] || op_window_count_in(w, win, c, p, v)) win->ops[c]->step(p->state + win->offsets[c], call, v, NULL, cx);
        } else if (!v->null) {
            deque_add(&p->deques[c], call->flags & 4, call->args[0]->type, win->wc[c].dbl, e->seq, v);
        }
        return;
    }
    if (needs_deque(win, c) && !v->null) {
        SeqValue *sv = ring_push(&p->deques[c]);
        sv->seq = e->seq;
        sv->v = *v;
    }
    if (win->kind[c] == AN_EXP_AVG && !v->null) {
        /* running sums live in the aggregate state area: weight sum, weighted value sum, count */
        double *sums = (double *)(p->state + win->offsets[c]);
        int64_t hl = call->args[1]->k.u.i;
        if (sums[2] == 0) p->exp_base[c] = (double)e->rowtime, sums[0] = sums[1] = 0;
        sums[2] += 1;
        if ((double)e->rowtime - p->exp_base[c] > 200.0 * (double)hl) {
            /* rebase before the weights overflow */
            double f = exp_weight((int64_t)p->exp_base[c], (double)e->rowtime, hl);
            sums[0] *= f, sums[1] *= f;
            p->exp_base[c] = (double)e->rowtime;
        }
        double wgt = exp_weight(e->rowtime, p->exp_base[c], hl);
        sums[0] += wgt;
        sums[1] += wgt * v->u.d;
    }
}

/* After a value of row 0 left: an aggregate whose state no longer says its
 * values precisely (AggOps.stale) starts afresh from the values of the rows
 * staying (1 to the last), newest first: the newest value is the one
 * likeliest to stay, which is what a variance's shift should be. Only
 * values far out of line with the rest make this happen, about once each. */
static __attribute__((noinline)) void restep(Win *win, Partition *p, int c, EvalCtx *cx)
{
    const AggOps *ops = win->ops[c];
    const Expr *call = win->pw->calls[c];
    void *state = p->state + win->offsets[c];
    ops->init(state, call);
    for (uint32_t i = p->rows.count; i-- > 1;) ops->step(state, call, entry_arg(win, ring_at(&p->rows, i), c), NULL, cx);
}

/* The general case of remove_front for call c. */
static void remove_call(WindowOp *w, Win *win, Partition *p, const Entry *e, int c, EvalCtx *cx)
{
    const Expr *call = win->pw->calls[c];
    const Value *v = entry_arg(win, e, c);
    if (win->ops[c] && win->ops[c]->inverse) {
        if (!win->distinct[c] || count_out(w, win, c, p, v)) win->ops[c]->inverse(p->state + win->offsets[c], call, v, cx);
        if (__builtin_expect(win->ops[c]->stale != NULL, 0) && win->ops[c]->stale(p->state + win->offsets[c]))
            restep(win, p, c, cx);
    } else if (p->deques[c].count) {
        SeqValue *front = ring_at(&p->deques[c], 0);
        if (front->seq == e->seq) ring_pop_front(&p->deques[c]);
    }
    if (!win->ops[c] && win->kind[c] == AN_EXP_AVG && !v->null) {
        double *sums = (double *)(p->state + win->offsets[c]);
        double wgt = exp_weight(e->rowtime, p->exp_base[c], call->args[1]->k.u.i);
        sums[0] -= wgt;
        sums[1] -= wgt * v->u.d;
        if (--sums[2] <= 0) sums[0] = sums[1] = sums[2] = 0;   /* no value left: no rounding residue either */
    }
    if (win->copy_arg[c]) drop_value(w, call->args[0]->type, v);
}

static inline void remove_front(WindowOp *w, Win *win, Partition *p, EvalCtx *cx)
{
    int nc = win->pw->ncalls;
    const Entry *e = ring_at(&p->rows, 0);
    for (int c = 0; c < nc; c++) {
        const WinCall *k = &win->wc[c];
        switch (k->how) {
        case HOW_INVERSE: k->ops->inverse(p->state + k->off, k->call, entry_arg(win, e, c), cx); break;
        case HOW_MIN:
        case HOW_MAX:
            if (p->deques[c].count && ((SeqValue *)ring_at(&p->deques[c], 0))->seq == e->seq) ring_pop_front(&p->deques[c]);
            break;
        default: remove_call(w, win, p, e, c, cx); break;
        }
    }
    ring_pop_front(&p->rows);
}

/* ---- the values a row leaves with ---- */

static void analytic_value(Win *win, Partition *p, int c, Entry *cur, EvalCtx *cx, Value *out)
{
    const Expr *call = win->pw->calls[c];
    bool ignore = call->flags & AF_IGNORE_NULLS;
    Ring *rows = &p->rows, *nn = &p->deques[c];
    *out = val_null();
    switch (win->kind[c]) {
    case AN_FIRST_VALUE:
        if (ignore) {
            if (nn->count) *out = ((SeqValue *)ring_at(nn, 0))->v;
        } else {
            *out = *entry_arg(win, ring_at(rows, 0), c);
        }
        return;
    case AN_LAST_VALUE:
        if (ignore) {
            if (nn->count) *out = ((SeqValue *)ring_at(nn, nn->count - 1))->v;
        } else {
            *out = *entry_arg(win, cur, c);
        }
        return;
    case AN_NTH_VALUE: {
        int64_t n = call->args[1]->k.u.i;
        bool last = call->flags & AF_FROM_LAST;
        if (ignore) {
            if (n <= nn->count) *out = ((SeqValue *)ring_at(nn, last ? nn->count - (uint32_t)n : (uint32_t)n - 1))->v;
        } else if (n <= rows->count) {
            *out = *entry_arg(win, ring_at(rows, last ? rows->count - (uint32_t)n : (uint32_t)n - 1), c);
        }
        return;
    }
    case AN_LAG: {
        int64_t n = call->nargs >= 2 ? call->args[1]->k.u.i : 1;
        bool found = false;
        if (ignore) {
            /* the n-th earlier non-NULL value, not counting the current row */
            int64_t have = nn->count - (entry_arg(win, cur, c)->null ? 0 : 1);
            if (n == 0) {
                *out = *entry_arg(win, cur, c);
                found = true;
            } else if (n <= have) {
                *out = ((SeqValue *)ring_at(nn, (uint32_t)(have - n)))->v;
                found = true;
            }
        } else if (n < rows->count) {
            *out = *entry_arg(win, ring_at(rows, rows->count - 1 - (uint32_t)n), c);
            found = true;
        }
        if (!found && call->nargs == 3) expr_eval(call->args[2], cx, out);   /* outside the window: the default */
        return;
    }
    case AN_EXP_AVG: {
        const double *sums = (const double *)(p->state + win->offsets[c]);
        if (sums[2] > 0 && sums[0] > 0) *out = val_double(sums[1] / sums[0]);
        return;
    }
    default:
        return;
    }
}

/* expr_eval, a plain column (every argument of the benchmarks) without the call. */
static inline void eval_arg(const Expr *e, EvalCtx *cx, Value *out)
{
    if (e->eval == expr_eval_column) *out = cx->in[e->input]->v[e->col];
    else e->eval(e, cx, out);
}

/* Whether the row (its keys in each window's scratch) needs a partition
 * that is not open yet. */
static bool needs_partition(WindowOp *w)
{
    for (int k = 0; k < w->nwins; k++) {
        Win *win = &w->wins[k];
        const PlanWindow *pw = win->pw;
        uint64_t h = exec_hash_keys(pw->partition, pw->npartition, win->keys);
        Partition *p = (Partition *)htab_chain(&win->parts, h);
        while (p && !(p->node.hash == h && exec_same_keys(pw->partition, pw->npartition, p->keys, win->keys))) p = (Partition *)p->node.chain;
        if (!p) return true;
    }
    return false;
}

static void push(Op *op, Row *row)
{
    WindowOp *w = (WindowOp *)op;
    Exec *ex = op->ex;
    EvalCtx cx;
    exec_eval_ctx(ex, &cx, row);
    int nin = row->n;
    Row out = *row;
    out.n = nin + w->nslots;
    out.v = arena_alloc(ex->record, sizeof(Value) * (size_t)out.n);
    memcpy(out.v, row->v, sizeof(Value) * (size_t)nin);
    /* evaluate everything first: a row that fails leaves no trace in any window */
    for (int k = 0; k < w->nwins; k++) {
        Win *win = &w->wins[k];
        const PlanWindow *pw = win->pw;
        for (int i = 0; i < pw->npartition; i++) eval_arg(pw->partition[i], &cx, &win->keys[i]);
        for (int c = 0; c < pw->ncalls; c++) {
            const Expr *arg = win->wc[c].arg;
            if (arg) eval_arg(arg, &cx, &win->args[c]);
            else win->args[c] = val_null();
        }
    }
    if (cx.err.set) {
        exec_row_error(ex, op, row, &cx.err);
        return;
    }
    if (mem_over_budget() && needs_partition(w)) {
        exec_memory_refused(ex, op, row, "partition");
        return;
    }
    uint64_t seq = w->seq++;
    for (int k = 0; k < w->nwins; k++) {
        Win *win = &w->wins[k];
        const PlanWindow *pw = win->pw;
        drop_idle(w, win, row->rowtime);
        uint64_t h = exec_hash_keys(pw->partition, pw->npartition, win->keys);
        Partition *p = (Partition *)htab_chain(&win->parts, h);
        while (p && !(p->node.hash == h && exec_same_keys(pw->partition, pw->npartition, p->keys, win->keys))) p = (Partition *)p->node.chain;
        if (!p) p = op_window_partition(w, win, h, win->keys);
        unlink_lru(win, p);
        link_newest(win, p);
        p->last_rowtime = row->rowtime;
        Entry *e = ring_push(&p->rows);
        e->rowtime = row->rowtime;
        e->seq = seq;
        /* Value by Value, not memcpy: add_row reads them back at once, and a
         * load from a wider store of memcpy waits for the line */
        if (!win->any_copy)
            for (int c = 0; c < pw->ncalls; c++) *entry_arg(win, e, c) = win->args[c];
        else
            for (int c = 0; c < pw->ncalls; c++)
                *entry_arg(win, e, c) = win->copy_arg[c] ? op_window_keep(w, pw->calls[c]->args[0]->type, &win->args[c]) : win->args[c];
        add_row(w, win, p, e, &cx);
        /* rows that fell out of the frame */
        if (pw->kind == WF_RANGE) {
            while (p->rows.count > 1 && ((Entry *)ring_at(&p->rows, 0))->rowtime < row->rowtime - pw->size)
                remove_front(w, win, p, &cx);
        } else {
            while (p->rows.count > (uint64_t)pw->size + 1) remove_front(w, win, p, &cx);
        }
        Entry *cur = ring_at(&p->rows, p->rows.count - 1);
        for (int c = 0; c < pw->ncalls; c++) {
            const WinCall *k = &win->wc[c];
            Value *slot = &out.v[k->slot];
            if (k->how == HOW_MIN || k->how == HOW_MAX) {
                Ring *d = &p->deques[c];
                *slot = d->count ? ((SeqValue *)ring_at(d, 0))->v : val_null();
            } else if (k->how == HOW_INVERSE) {
                k->ops->final(p->state + k->off, k->call, slot, &cx);
            } else if (win->ops[c] && win->ops[c]->inverse) {
                win->ops[c]->final(p->state + win->offsets[c], pw->calls[c], slot, &cx);
            } else if (win->ops[c]) {
                Ring *d = &p->deques[c];
                *slot = d->count ? ((SeqValue *)ring_at(d, 0))->v : val_null();
            } else {
                analytic_value(win, p, c, cur, &cx, slot);
            }
            /* the row outlives the window's copy of it downstream only within this record */
        }
    }
    if (cx.err.set) {
        exec_row_error(ex, op, row, &cx.err);
        return;
    }
    op->next->push(op->next, &out);
}

static void op_close(Op *op)
{
    WindowOp *w = (WindowOp *)op;
    for (int k = 0; k < w->nwins; k++) {
        Win *win = &w->wins[k];
        while (win->oldest) {
            Partition *p = win->oldest;
            unlink_lru(win, p);
            free_partition(w, win, p);
        }
        while (win->spare) {
            Partition *p = win->spare;
            win->spare = p->older;
            destroy_partition(win, p);
        }
        htab_free(&win->parts);
        for (int c = 0; c < win->pw->ncalls; c++)
            if (win->distinct[c]) htab_free(&win->counts[c]);
    }
    slab_free_all(&w->slab);
}

Op *op_window_new(Exec *ex, const PlanNode *n)
{
    WindowOp *w = arena_zalloc(&ex->state, sizeof *w);
    w->op.push = push;
    w->op.close = op_close;
    w->op.save = op_window_save;
    w->op.restore = op_window_restore;
    slab_init(&w->slab);
    w->nwins = n->nwindows;
    w->wins = arena_zalloc(&ex->state, sizeof(Win) * (size_t)n->nwindows);
    for (int k = 0; k < n->nwindows; k++) {
        Win *win = &w->wins[k];
        const PlanWindow *pw = &n->windows[k];
        win->pw = pw;
        htab_init(&win->parts);
        int nc = pw->ncalls;
        w->nslots += nc;
        win->ops = arena_zalloc(&ex->state, sizeof(AggOps *) * (size_t)nc);
        win->wc = arena_zalloc(&ex->state, sizeof(WinCall) * (size_t)(nc ? nc : 1));
        win->offsets = arena_zalloc(&ex->state, sizeof(size_t) * (size_t)nc);
        win->kind = arena_zalloc(&ex->state, sizeof(AnalyticKind) * (size_t)nc);
        win->copy_arg = arena_zalloc(&ex->state, sizeof(bool) * (size_t)nc);
        win->distinct = arena_zalloc(&ex->state, sizeof(bool) * (size_t)nc);
        win->counts = arena_zalloc(&ex->state, sizeof(HashTable) * (size_t)nc);
        size_t off = 0;
        for (int c = 0; c < nc; c++) {
            const FnDef *d = fn_find(pw->calls[c]->name);
            win->ops[c] = d->agg;
            win->kind[c] = d->analytic;
            win->offsets[c] = off;
            win->distinct[c] = (pw->calls[c]->flags & AGG_DISTINCT) != 0;
            if (win->distinct[c]) htab_init(&win->counts[c]);
            size_t sz = d->agg ? d->agg->state_size : 3 * sizeof(double);
            off += (sz + 15) & ~(size_t)15;
            /* strings must outlive the record when the window hands them out later */
            if (pw->calls[c]->nargs) {
                SqlType t = pw->calls[c]->args[0]->type;
                win->copy_arg[c] = (type_is_string(t.id) || type_is_binary(t.id)) && !(d->agg && d->agg->inverse);
            }
            WinCall *k = &win->wc[c];
            k->call = pw->calls[c];
            k->arg = pw->calls[c]->nargs ? pw->calls[c]->args[0] : NULL;
            k->ops = d->agg;
            k->off = win->offsets[c];
            k->slot = (uint32_t)pw->slots[c];
            k->t = k->arg ? k->arg->type : type_make(TY_NULL);
            k->dbl = k->t.id == TY_DOUBLE || k->t.id == TY_REAL;
            win->any_copy |= win->copy_arg[c];
            k->how = HOW_OTHER;
            if (d->agg && d->agg->inverse && !win->distinct[c] && !d->agg->stale) k->how = HOW_INVERSE;
            else if (d->agg && !d->agg->inverse && !win->copy_arg[c]) k->how = pw->calls[c]->flags & 4 ? HOW_MAX : HOW_MIN;
        }
        win->state_size = off;
        /* calls over the same column keep one copy of it in each row (AVG,
         * MIN and MAX of a price: a row of 32 bytes rather than 64) */
        win->argi = arena_zalloc(&ex->state, sizeof(int) * (size_t)(nc ? nc : 1));
        int nkept = 0;
        for (int c = 0; c < nc; c++) {
            const Expr *a = win->wc[c].arg;
            win->argi[c] = nkept;
            for (int j = 0; j < c && a && a->eval == expr_eval_column && !win->copy_arg[c]; j++) {
                const Expr *b = win->wc[j].arg;
                if (b && b->eval == expr_eval_column && b->input == a->input && b->col == a->col && !win->copy_arg[j]) {
                    win->argi[c] = win->argi[j];
                    break;
                }
            }
            if (win->argi[c] == nkept) nkept++;
        }
        win->entry_size = (uint32_t)(sizeof(Entry) + sizeof(Value) * (size_t)nkept);
        win->keys = arena_zalloc(&ex->state, sizeof(Value) * (size_t)(pw->npartition ? pw->npartition : 1));
        win->args = arena_zalloc(&ex->state, sizeof(Value) * (size_t)(nc ? nc : 1));
    }
    return &w->op;
}
