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

#include "src/runtime/hashtab.h"
#include "src/runtime/mem.h"
#include "src/runtime/ring.h"
#include "src/runtime/slab.h"
#include "operators.h"

enum { AF_IGNORE_NULLS = 1, AF_FROM_LAST = 2 };   /* as functions/fn_analytic.c sets them */

/* One row in a window: its time, its position, the calls' argument values. */
typedef struct Entry {
    int64_t rowtime;
    uint64_t seq;
    Value args[];
} Entry;

typedef struct SeqValue {
    uint64_t seq;
    Value v;
} SeqValue;

typedef struct Partition {
    HashNode node;                     /* first: a key's node is its partition */
    struct Partition *older, *newer;   /* by last row, for dropping idle partitions */
    Value *keys;
    int64_t last_rowtime;
    Ring rows;                         /* Entry */
    Ring *deques;                      /* per call: MIN/MAX deque, or non-NULL values for IGNORE NULLS */
    double *exp_base;                  /* per call: EXP_AVG reference time (ms) */
    _Alignas(16) char state[];          /* aggregate states */
} Partition;

/* SUM(DISTINCT x) / AVG(DISTINCT x) OVER w: how many of a partition's rows
 * in the window hold a value. The aggregate takes the value when its count
 * goes from 0 to 1 and gives it back when the count returns to 0, so the
 * work per row is one lookup whatever the window holds. */
typedef struct DistinctCount {
    HashNode node;
    const struct Partition *part;
    int64_t n;
    Value v;
} DistinctCount;

/* How a call keeps its value, looked up once so that the per-row loops
 * take one branch per call: an aggregate that takes values back (not
 * DISTINCT, never stale), MIN or MAX over values the window does not copy,
 * or anything else (the general code). */
enum { HOW_INVERSE, HOW_MIN, HOW_MAX, HOW_OTHER };

/* What the per-row loops need of a call, in one place. */
typedef struct WinCall {
    const Expr *call;
    const Expr *arg;                   /* its first argument; NULL: none */
    const AggOps *ops;
    size_t off;                        /* its state in Partition.state */
    uint32_t slot;                     /* the output column */
    uint8_t how;                       /* HOW_* */
    bool dbl;                          /* the argument is REAL or DOUBLE */
    SqlType t;                         /* the argument's type */
} WinCall;

typedef struct Win {
    const PlanWindow *pw;
    WinCall *wc;                       /* per call */
    bool any_copy;                     /* some call's argument is copied (copy_arg) */
    const AggOps **ops;                /* per call; NULL for analytic functions */
    HashTable *counts;                 /* per call: DistinctCount by partition and value, for DISTINCT calls */
    bool *distinct;                    /* per call: SUM/AVG(DISTINCT x) */
    AnalyticKind *kind;                /* per call: the analytic function, looked up once */
    size_t *offsets;
    size_t state_size;
    uint32_t entry_size;
    HashTable parts;
    Partition *oldest, *newest;
    Partition *spare;                  /* pool of closed partitions, linked by older */
    size_t nspare;
    Value *keys;                       /* scratch */
    Value *args;                       /* scratch */
    bool *copy_arg;                    /* arguments whose bytes must be kept */
} Win;

typedef struct WindowOp {
    Op op;
    Win *wins;
    int nwins;
    int nslots;
    uint64_t seq;
    Slab slab;                         /* strings kept by windows */
} WindowOp;

/* ---- values kept past their record ---- */

static Value keep_value(WindowOp *w, SqlType t, const Value *v)
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

static uint64_t count_hash(SqlType t, const Partition *p, const Value *v)
{
    return val_hash(t, v) ^ ((uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ULL);
}

static DistinctCount *find_count(HashTable *tab, SqlType t, const Partition *p, const Value *v, uint64_t h)
{
    for (HashNode *n = htab_chain(tab, h); n; n = n->chain) {
        DistinctCount *dc = (DistinctCount *)n;
        if (n->hash == h && dc->part == p && val_equal(t, &dc->v, v)) return dc;
    }
    return NULL;
}

/* A row's value enters the window: true when no other row there holds it. */
static bool count_in(WindowOp *w, Win *win, int c, const Partition *p, const Value *v)
{
    if (v->null) return false;
    SqlType t = win->pw->calls[c]->args[0]->type;
    uint64_t h = count_hash(t, p, v);
    DistinctCount *dc = find_count(&win->counts[c], t, p, v, h);
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
    DistinctCount *dc = find_count(&win->counts[c], t, p, v, count_hash(t, p, v));
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

static Partition *new_partition(WindowOp *w, Win *win, uint64_t h, const Value *keys)
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
    for (int i = 0; i < pw->npartition; i++) p->keys[i] = keep_value(w, pw->partition[i]->type, &keys[i]);
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
            if (win->copy_arg[c]) drop_value(w, pw->calls[c]->args[0]->type, &e->args[c]);
            if (win->distinct[c]) count_out(w, win, c, p, &e->args[c]);
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
    const Value *v = &e->args[c];
    if (win->ops[c]) {
        if (win->ops[c]->inverse) {
            if (!win->distinct[c] || count_in(w, win, c, p, v)) win->ops[c]->step(p->state + win->offsets[c], call, v, NULL, cx);
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
    for (uint32_t i = p->rows.count; i-- > 1;) ops->step(state, call, &((Entry *)ring_at(&p->rows, i))->args[c], NULL, cx);
}

/* The general case of remove_front for call c. */
static void remove_call(WindowOp *w, Win *win, Partition *p, const Entry *e, int c, EvalCtx *cx)
{
    const Expr *call = win->pw->calls[c];
    const Value *v = &e->args[c];
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
        case HOW_INVERSE: k->ops->inverse(p->state + k->off, k->call, &e->args[c], cx); break;
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
            *out = ((Entry *)ring_at(rows, 0))->args[c];
        }
        return;
    case AN_LAST_VALUE:
        if (ignore) {
            if (nn->count) *out = ((SeqValue *)ring_at(nn, nn->count - 1))->v;
        } else {
            *out = cur->args[c];
        }
        return;
    case AN_NTH_VALUE: {
        int64_t n = call->args[1]->k.u.i;
        bool last = call->flags & AF_FROM_LAST;
        if (ignore) {
            if (n <= nn->count) *out = ((SeqValue *)ring_at(nn, last ? nn->count - (uint32_t)n : (uint32_t)n - 1))->v;
        } else if (n <= rows->count) {
            *out = ((Entry *)ring_at(rows, last ? rows->count - (uint32_t)n : (uint32_t)n - 1))->args[c];
        }
        return;
    }
    case AN_LAG: {
        int64_t n = call->nargs >= 2 ? call->args[1]->k.u.i : 1;
        bool found = false;
        if (ignore) {
            /* the n-th earlier non-NULL value, not counting the current row */
            int64_t have = nn->count - (cur->args[c].null ? 0 : 1);
            if (n == 0) {
                *out = cur->args[c];
                found = true;
            } else if (n <= have) {
                *out = ((SeqValue *)ring_at(nn, (uint32_t)(have - n)))->v;
                found = true;
            }
        } else if (n < rows->count) {
            *out = ((Entry *)ring_at(rows, rows->count - 1 - (uint32_t)n))->args[c];
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

/* exec_same_keys, with the usual answer sooner: keys of the same bytes
 * are the same key (val_compare decides only when they differ). */
static inline bool same_keys(const PlanWindow *pw, const Value *a, const Value *b)
{
    for (int i = 0; i < pw->npartition; i++) {
        if (a[i].null != b[i].null) return false;
        if (a[i].null) continue;
        SqlType t = pw->partition[i]->type;
        bool same = type_is_string(t.id) || type_is_binary(t.id)
                        ? a[i].len == b[i].len && memcmp(a[i].u.s, b[i].u.s, a[i].len) == 0
                        : a[i].u.i == b[i].u.i;
        if (!same && val_compare(t, &a[i], &b[i]) != 0) return false;
    }
    return true;
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
        while (p && !(p->node.hash == h && same_keys(pw, p->keys, win->keys))) p = (Partition *)p->node.chain;
        if (!p) p = new_partition(w, win, h, win->keys);
        unlink_lru(win, p);
        link_newest(win, p);
        p->last_rowtime = row->rowtime;
        Entry *e = ring_push(&p->rows);
        e->rowtime = row->rowtime;
        e->seq = seq;
        /* Value by Value, not memcpy: add_row reads them back at once, and a
         * load from a wider store of memcpy waits for the line */
        if (!win->any_copy)
            for (int c = 0; c < pw->ncalls; c++) e->args[c] = win->args[c];
        else
            for (int c = 0; c < pw->ncalls; c++)
                e->args[c] = win->copy_arg[c] ? keep_value(w, pw->calls[c]->args[0]->type, &win->args[c]) : win->args[c];
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

/* ---- checkpoints ----
 * Every partition, least recently used first (so the restored order of
 * dropping idle ones is the same): its keys, its rows (time, position and
 * the calls' arguments), and per call the aggregate's state, the EXP_AVG
 * sums, the positions of the rows in its deque, and the DISTINCT counts. */

static SqlType arg_type(const Win *win, int c)
{
    const Expr *call = win->pw->calls[c];
    return call->nargs ? call->args[0]->type : type_make(TY_NULL);
}

/* An argument kept only for being NULL or not (a string COUNT counts):
 * its bytes belonged to its record and are gone. */
static bool only_nullness(const Win *win, int c)
{
    SqlType t = arg_type(win, c);
    return !win->copy_arg[c] && (type_is_string(t.id) || type_is_binary(t.id));
}

typedef struct PartIndex {
    HashNode node;
    uint64_t index;
} PartIndex;

typedef struct CountSave {
    const Win *win;
    int c;
    HashTable *index;
    Buf *out;
} CountSave;

static void save_count(HashNode *n, void *arg)
{
    const CountSave *cs = arg;
    const DistinctCount *dc = (const DistinctCount *)n;
    uint64_t h = (uint64_t)(uintptr_t)dc->part;
    HashNode *e = htab_chain(cs->index, h);
    while (e && ((PartIndex *)e)->node.hash != h) e = e->chain;
    ser_u64(cs->out, e ? ((PartIndex *)e)->index : 0);
    ser_i64(cs->out, dc->n);
    ser_value(cs->out, arg_type(cs->win, cs->c), &dc->v);
}

static void save(Op *op, Buf *out)
{
    WindowOp *w = (WindowOp *)op;
    ser_u64(out, w->seq);
    for (int k = 0; k < w->nwins; k++) {
        Win *win = &w->wins[k];
        const PlanWindow *pw = win->pw;
        ser_u64(out, win->parts.count);
        HashTable index;
        htab_init(&index);
        Arena tmp;
        arena_init(&tmp, 4096);
        uint64_t i = 0;
        for (Partition *p = win->oldest; p; p = p->newer, i++) {
            PartIndex *pi = arena_alloc(&tmp, sizeof *pi);
            pi->node.hash = (uint64_t)(uintptr_t)p;
            pi->index = i;
            htab_insert(&index, &pi->node);
            for (int j = 0; j < pw->npartition; j++) ser_value(out, pw->partition[j]->type, &p->keys[j]);
            ser_i64(out, p->last_rowtime);
            ser_u64(out, p->rows.count);
            for (uint32_t r = 0; r < p->rows.count; r++) {
                const Entry *e = ring_at(&p->rows, r);
                ser_i64(out, e->rowtime);
                ser_u64(out, e->seq);
                for (int c = 0; c < pw->ncalls; c++) {
                    if (only_nullness(win, c)) ser_u64(out, e->args[c].null);
                    else ser_value(out, arg_type(win, c), &e->args[c]);
                }
            }
            for (int c = 0; c < pw->ncalls; c++) {
                if (win->ops[c] && win->ops[c]->inverse) win->ops[c]->save(p->state + win->offsets[c], pw->calls[c], out);
                if (!win->ops[c] && win->kind[c] == AN_EXP_AVG) {
                    const double *sums = (const double *)(p->state + win->offsets[c]);
                    ser_f64(out, sums[0]), ser_f64(out, sums[1]), ser_f64(out, sums[2]), ser_f64(out, p->exp_base[c]);
                }
                ser_u64(out, p->deques[c].count);
                for (uint32_t d = 0; d < p->deques[c].count; d++) ser_u64(out, ((const SeqValue *)ring_at(&p->deques[c], d))->seq);
            }
        }
        for (int c = 0; c < pw->ncalls; c++) {
            if (!win->distinct[c]) continue;
            ser_u64(out, win->counts[c].count);
            CountSave cs = {win, c, &index, out};
            htab_visit(&win->counts[c], save_count, &cs);
        }
        htab_free(&index);
        arena_free(&tmp);
    }
}

/* The row of a partition with position seq (rows are in position order). */
static const Entry *entry_at_seq(const Partition *p, uint64_t seq)
{
    uint32_t lo = 0, hi = p->rows.count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (((const Entry *)ring_at(&p->rows, mid))->seq < seq) lo = mid + 1;
        else hi = mid;
    }
    if (lo < p->rows.count && ((const Entry *)ring_at(&p->rows, lo))->seq == seq) return ring_at(&p->rows, lo);
    return NULL;
}

static bool restore(Op *op, SerialIn *in)
{
    WindowOp *w = (WindowOp *)op;
    w->seq = de_u64(in);
    Arena tmp;
    arena_init(&tmp, 4096);
    for (int k = 0; k < w->nwins && de_ok(in); k++) {
        Win *win = &w->wins[k];
        const PlanWindow *pw = win->pw;
        uint64_t nparts = de_count(in, 3);
        Partition **parts = mem_calloc((size_t)(nparts ? nparts : 1), sizeof *parts);
        for (uint64_t i = 0; i < nparts && de_ok(in); i++) {
            arena_reset(&tmp);
            for (int j = 0; j < pw->npartition; j++) win->keys[j] = de_value(in, pw->partition[j]->type, &tmp);
            Partition *p = parts[i] = new_partition(w, win, exec_hash_keys(pw->partition, pw->npartition, win->keys), win->keys);
            p->last_rowtime = de_i64(in);
            uint64_t nrows = de_count(in, 2);
            for (uint64_t r = 0; r < nrows && de_ok(in); r++) {
                Entry *e = ring_push(&p->rows);
                e->rowtime = de_i64(in);
                e->seq = de_u64(in);
                for (int c = 0; c < pw->ncalls; c++) {
                    if (only_nullness(win, c)) {
                        e->args[c] = de_u64(in) ? val_null() : val_str("", 0);
                        continue;
                    }
                    Value v = de_value(in, arg_type(win, c), &tmp);
                    e->args[c] = win->copy_arg[c] ? keep_value(w, arg_type(win, c), &v) : v;
                }
            }
            for (int c = 0; c < pw->ncalls && de_ok(in); c++) {
                if (win->ops[c] && win->ops[c]->inverse) win->ops[c]->restore(p->state + win->offsets[c], pw->calls[c], in, &tmp);
                if (!win->ops[c] && win->kind[c] == AN_EXP_AVG) {
                    double *sums = (double *)(p->state + win->offsets[c]);
                    sums[0] = de_f64(in), sums[1] = de_f64(in), sums[2] = de_f64(in), p->exp_base[c] = de_f64(in);
                }
                uint64_t nd = de_count(in, 1);
                for (uint64_t d = 0; d < nd && de_ok(in); d++) {
                    uint64_t seq = de_u64(in);
                    const Entry *e = entry_at_seq(p, seq);
                    if (!e) {
                        de_fail(in, "a sliding window's deque names a row it does not hold");
                        break;
                    }
                    SeqValue *sv = ring_push(&p->deques[c]);
                    sv->seq = seq;
                    sv->v = e->args[c];   /* shares the entry's kept bytes, as add_row does */
                }
            }
        }
        for (int c = 0; c < pw->ncalls && de_ok(in); c++) {
            if (!win->distinct[c]) continue;
            uint64_t n = de_count(in, 3);
            for (uint64_t j = 0; j < n && de_ok(in); j++) {
                uint64_t pi = de_u64(in);
                int64_t count = de_i64(in);
                Value v = de_value(in, arg_type(win, c), &tmp);
                if (pi >= nparts || count <= 0 || v.null) {
                    de_fail(in, "a DISTINCT count of a sliding window does not fit it");
                    break;
                }
                count_in(w, win, c, parts[pi], &v);
                DistinctCount *dc = find_count(&win->counts[c], arg_type(win, c), parts[pi], &v,
                                               count_hash(arg_type(win, c), parts[pi], &v));
                dc->n = count;
            }
        }
        mem_free(parts);
    }
    arena_free(&tmp);
    return de_ok(in);
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
    w->op.save = save;
    w->op.restore = restore;
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
        win->entry_size = (uint32_t)(sizeof(Entry) + sizeof(Value) * (size_t)nc);
        win->keys = arena_zalloc(&ex->state, sizeof(Value) * (size_t)(pw->npartition ? pw->npartition : 1));
        win->args = arena_zalloc(&ex->state, sizeof(Value) * (size_t)(nc ? nc : 1));
    }
    return &w->op;
}
