/* Tumbling windows: GROUP BY with a key that only grows with ROWTIME. One
 * accumulator per group of the open window; when a row's monotonic key
 * moves past the window's, every group of the window is emitted (in the
 * order the groups first appeared) with the window's end as ROWTIME, and
 * the window's memory is released at once. */
#include <string.h>
#include <strings.h>

#include "functions/agg_inline.h"
#include "src/runtime/hashtab.h"
#include "src/runtime/timeutil.h"
#include "src/runtime/value_key.h"
#include "operators.h"
#include "src/runtime/mem.h"

/* Above this, a closed window's memory goes back to the system. */
#define BIG_WINDOW ((size_t)64 << 20)
/* Up to this many groups, a window's table has four buckets a group. */
#define SPARSE_GROUPS 4096

typedef struct Group {
    HashNode node;             /* first: a key's node is its group */
    struct Group *next;        /* arrival order */
    Value *keys;
    uint64_t word;             /* the key as a word (see word_key), when word_len is not NO_WORD */
    uint32_t word_len;
    _Alignas(16) char state[];
} Group;

/* Where push finds a key or an aggregate's argument in a row: most are a
 * column, ROWTIME or a STEP of either, read here without a call into the
 * evaluator; anything else is evaluated. */
enum { SRC_EXPR, SRC_COLUMN, SRC_ROWTIME, SRC_STEP_ROWTIME, SRC_STEP_COLUMN };

typedef struct Source {
    int way;
    int col;                   /* SRC_COLUMN, SRC_STEP_COLUMN */
    Value *out;                /* where push puts the value */
    const Expr *e;             /* SRC_EXPR */
    int64_t width;             /* STEP: its width */
    int64_t lo, hi;            /* STEP: the last value, which every x in [lo, hi) has too */
} Source;

/* How push steps an aggregate: through AggOps, or inline (agg_inline.h). */
enum { STEP_CALL, STEP_COUNT_STAR, STEP_COUNT, STEP_SUM_APPROX, STEP_SUM_EXACT };

/* How a group key other than the window's is hashed and compared. */
enum { KC_INT, KC_STRING, KC_BYTES, KC_OTHER };

typedef struct TumbleOp {
    Op op;
    Arena window;              /* the open window's groups and copied values */
    RowBatch out;              /* the closing window's rows, one at a time */
    HashTable groups;
    Group *first, *last;
    bool open;
    bool flushed;                /* a relation's one window has closed */
    Value mono;                /* the open window's monotonic key */
    int64_t last_rowtime;
    size_t *offsets;           /* of each aggregate's state in Group.state */
    const AggOps **ops;        /* each aggregate's accumulator, looked up once */
    uint8_t *step_kind;        /* each aggregate's step: STEP_CALL, or one of agg_inline.h's */
    size_t state_size;
    Value *scratch_keys, *scratch_args;
    bool either_way;           /* the key is MONOTONIC(x), which may also descend */
    int direction;             /* MONOTONIC: 1 ascending, -1 descending, 0 not known yet */
    bool mono_int;             /* the window key compares as an integer */
    Source *copies;            /* the SRC_COLUMN keys and arguments: copied first */
    Source *others;            /* then the rest, keys before arguments as they come */
    int ncopies, nothers;
    int *hk;                   /* the keys that tell groups apart: all but the window's */
    uint8_t *hk_class;
    bool *key_inline;          /* a key's value has nothing out of line: a group takes it as it is */
    int nhk;
} TumbleOp;

static Source source_of(const Expr *e)
{
    Source s = {.way = SRC_EXPR, .e = e, .lo = 1, .hi = 0};
    int64_t width;
    const Expr *x = fn_step_fixed(e, &width);
    if (x) {
        if (x->kind == EX_ROWTIME && x->input == 0) s.way = SRC_STEP_ROWTIME;
        else if (x->kind == EX_COLUMN && x->eval == expr_eval_column && x->input == 0) s.way = SRC_STEP_COLUMN, s.col = x->col;
        s.width = width;
    } else if (e->kind == EX_ROWTIME && e->input == 0) {
        s.way = SRC_ROWTIME;
    } else if (e->kind == EX_COLUMN && e->eval == expr_eval_column && e->input == 0) {
        s.way = SRC_COLUMN;
        s.col = e->col;
    }
    return s;
}

static void add_source(TumbleOp *t, Source s, Value *out)
{
    s.out = out;
    if (s.way == SRC_COLUMN) t->copies[t->ncopies++] = s;
    else t->others[t->nothers++] = s;
}

/* What expr_eval(s->e) gives for this row. STEP's value is
 * floor_div(x, width) * width, as eval_step computes it; consecutive rows
 * mostly share it, and then it needs no division. */
static inline __attribute__((always_inline)) void source_get(Source *s, const Row *row, EvalCtx *cx, Value *out)
{
    int64_t x;
    switch (s->way) {
    case SRC_COLUMN: *out = row->v[s->col]; return;
    case SRC_ROWTIME: *out = val_int(row->rowtime); return;
    case SRC_STEP_ROWTIME: x = row->rowtime; break;
    case SRC_STEP_COLUMN:
        if (row->v[s->col].null) {
            *out = val_null();
            return;
        }
        x = row->v[s->col].u.i;
        break;
    default: expr_eval(s->e, cx, out); return;
    }
    if (x < s->lo || x >= s->hi) {
        s->lo = floor_div(x, s->width) * s->width;
        if (__builtin_add_overflow(s->lo, s->width, &s->hi)) s->hi = s->lo;
    }
    *out = val_int(s->lo);
}

static inline int64_t window_end(const TumbleOp *t, int64_t fallback)
{
    const PlanNode *n = t->op.node;
    if (n->end.kind == END_PLUS_MS) return t->mono.u.i + n->end.amount;
    if (n->end.kind == END_PLUS_MONTHS) return time_add_months(t->mono.u.i, n->end.amount);
    if (n->end.kind == END_SCALED_MS) {
        int64_t k, end;
        if (__builtin_add_overflow(t->mono.u.i, n->end.amount, &k) || __builtin_mul_overflow(k, n->end.scale, &end) ||
            __builtin_add_overflow(end, n->end.origin, &end))
            return fallback;
        return end;
    }
    return fallback;
}

static void close_window(TumbleOp *t, int64_t fallback_rowtime)
{
    const PlanNode *n = t->op.node;
    Exec *ex = t->op.ex;
    int64_t end = window_end(t, fallback_rowtime);
    int ncols = n->nkeys + n->naggs;
    bool any = t->first != NULL;
    Arena *was = exec_batch_begin(ex, &t->out);
    for (Group *g = t->first; g; g = g->next) {
        Row out;
        out.rowtime = end;
        out.arrival = end;
        out.recno = ex->line;
        out.n = ncols;
        out.v = arena_alloc(exec_batch_row(ex, &t->out), sizeof(Value) * (size_t)(ncols ? ncols : 1));
        memcpy(out.v, g->keys, sizeof(Value) * (size_t)n->nkeys);
        EvalCtx cx;
        exec_eval_ctx(ex, &cx, &out);
        for (int i = 0; i < n->naggs; i++) {
            const Expr *call = n->aggs[i];
            t->ops[i]->final(g->state + t->offsets[i], call, &out.v[n->nkeys + i], &cx);
        }
        if (cx.err.set) {
            exec_output_error(ex, &t->op, &out, &cx.err);
            continue;
        }
        t->op.next->push(t->op.next, &out);
    }
    exec_batch_end(ex, &t->out, was);
    /* release the window: memory follows the groups, not the stream's length */
    /* the next window's groups are likely as many: a few thousand get four
     * buckets each (a group's lookup then seldom walks a chain), more get
     * one each, so a big table's array costs no more cache than before */
    size_t ngroups = t->groups.count;
    htab_clear_to(&t->groups, ngroups <= SPARSE_GROUPS ? ngroups * 4 : ngroups);
    t->first = t->last = NULL;
    if (arena_capacity(&t->window) > BIG_WINDOW) {
        /* a window that was big gives its memory back to the system, not to the next window only */
        arena_free(&t->window);
        arena_init(&t->window, 65536);
        mem_give_back();
    } else {
        arena_reset(&t->window);
    }
    t->open = false;
    /* the window's rows are all out: time downstream has reached its end,
     * so an ORDER BY of them (ORDER BY the window key) lets them go now,
     * before a later row of another pump reaches the same stream */
    if (any) exec_tick_op(t->op.next, end);
}

enum { NO_WORD = UINT32_MAX };

/* The usual GROUP BY: one key besides the window's, an integer or a string
 * of 8 bytes or fewer once its trailing blanks go. That key is then a word
 * and a length, equal exactly when the keys are equal, which a group keeps
 * so that finding it takes no comparison of values. */
static inline __attribute__((always_inline)) bool word_key(const TumbleOp *t, const Value *k, uint64_t *w, uint32_t *len)
{
    if (t->nhk != 1) return false;
    const Value *v = &k[t->hk[0]];
    int kc = t->hk_class[0];
    if (v->null || kc == KC_OTHER) return false;
    if (kc == KC_INT) {
        *w = (uint64_t)v->u.i;
        *len = 0;
        return true;
    }
    uint32_t n = v->len;
    if (kc == KC_STRING) n = val_trimmed_len(v->u.s, n);
    if (n > 8) return false;
    *w = val_word(v->u.s, n);
    *len = n;
    return true;
}

/* The hash of the keys that tell the open window's groups apart (a string
 * without its trailing blanks, which do not count in its comparison). */
static inline __attribute__((always_inline)) uint64_t group_hash(const TumbleOp *t, const Value *k)
{
    Expr *const *exprs = t->op.node->keys;
    uint64_t h = 0x12345678abcdefULL;
    for (int j = 0; j < t->nhk; j++) {
        const Value *v = &k[t->hk[j]];
        uint64_t kh;
        if (v->null) {
            kh = 0x9e3779b97f4a7c15ULL;
        } else {
            switch (t->hk_class[j]) {
            case KC_INT: kh = val_int_hash(v->u.i); break;
            case KC_STRING: kh = val_bytes_hash(v->u.s, val_trimmed_len(v->u.s, v->len)); break;
            case KC_BYTES: kh = val_bytes_hash(v->u.s, v->len); break;
            default: kh = val_hash(exprs[t->hk[j]]->type, v); break;
            }
        }
        h = (h ^ kh) * 0x100000001b3ULL;
    }
    return h;
}

/* exec_same_keys over those keys, the usual ones compared in place. What
 * that cannot settle (strings of other bytes, which may still be equal
 * once trailing blanks are ignored; doubles, with their -0 and NaN) goes
 * to val_compare. */
static inline __attribute__((always_inline)) bool same_group_keys(const TumbleOp *t, const Value *a, const Value *b)
{
    for (int j = 0; j < t->nhk; j++) {
        int i = t->hk[j];
        if (a[i].null || b[i].null) {
            if (a[i].null != b[i].null) return false;
            continue;
        }
        int kc = t->hk_class[j];
        if (kc == KC_INT) {
            if (a[i].u.i != b[i].u.i) return false;
            continue;
        }
        if (kc != KC_OTHER) {
            if (a[i].len == b[i].len && val_same_bytes(a[i].u.s, b[i].u.s, a[i].len)) continue;
            if (kc == KC_BYTES) return false;
        }
        if (val_compare(t->op.node->keys[i]->type, &a[i], &b[i]) != 0) return false;
    }
    return true;
}

/* The open window's group of keys k, added when new. Inlined: it is the
 * per-record path of push, and a call there costs 2% of a tumbling query. */
static inline __attribute__((always_inline)) Group *group_of(TumbleOp *t, const Value *k, bool refuse_new)
{
    const PlanNode *n = t->op.node;
    uint64_t h, w;
    uint32_t wlen = NO_WORD;
    Group *g;
    if (word_key(t, k, &w, &wlen)) {
        /* a key of this kind always takes this way, so its hash need not be
         * group_hash's: one multiplication, the lookup waits on it */
        h = (w ^ (uint64_t)wlen << 56) * 0x9e3779b97f4a7c15ULL;
        h ^= h >> 32;
        g = (Group *)htab_chain(&t->groups, h);
        while (g && !(g->node.hash == h && g->word == w && g->word_len == wlen)) g = (Group *)g->node.chain;
    } else {
        wlen = NO_WORD;
        h = group_hash(t, k);
        g = (Group *)htab_chain(&t->groups, h);
        while (g && !(g->node.hash == h && same_group_keys(t, g->keys, k))) g = (Group *)g->node.chain;
    }
    if (g || (refuse_new && mem_over_budget())) return g;
    /* the keys follow the state in one piece (state_size keeps them aligned) */
    g = arena_alloc(&t->window, sizeof(Group) + t->state_size + sizeof(Value) * (size_t)n->nkeys);
    g->node.hash = h;
    g->next = NULL;
    g->word = wlen == NO_WORD ? 0 : w;
    g->word_len = wlen;
    g->keys = (Value *)(g->state + t->state_size);
    for (int i = 0; i < n->nkeys; i++) g->keys[i] = t->key_inline[i] ? k[i] : val_copy(n->keys[i]->type, &k[i], &t->window);
    for (int i = 0; i < n->naggs; i++) {
        void *st = g->state + t->offsets[i];
        switch (t->step_kind[i]) {
        case STEP_COUNT_STAR:
        case STEP_COUNT: agg_count_init(st); break;
        case STEP_SUM_APPROX:
        case STEP_SUM_EXACT: agg_sum_init(st); break;
        default: t->ops[i]->init(st, n->aggs[i]); break;
        }
    }
    if (t->last) t->last->next = g;
    else t->first = g;
    t->last = g;
    htab_insert(&t->groups, &g->node);
    return g;
}

static void push(Op *op, Row *row)
{
    TumbleOp *t = (TumbleOp *)op;
    const PlanNode *n = op->node;
    Exec *ex = op->ex;
    EvalCtx cx;
    exec_eval_ctx(ex, &cx, row);
    Value *k = t->scratch_keys, *args = t->scratch_args;
    for (int i = 0; i < t->ncopies; i++) *t->copies[i].out = row->v[t->copies[i].col];
    for (int i = 0; i < t->nothers; i++) source_get(&t->others[i], row, &cx, t->others[i].out);
    if (cx.err.set) {
        exec_row_error(ex, op, row, &cx.err);
        return;
    }
    if (n->mono_key < 0) {
        /* GROUP BY over a relation: one window, all its rows, closed at its end */
        t->open = true;
        goto group;
    }
    const Value *m = &k[n->mono_key];
    if (m->null) {
        expr_fail(&cx, "NULL_WINDOW_KEY", "the monotonic GROUP BY expression is NULL for this row");
        exec_row_error(ex, op, row, &cx.err);
        return;
    }
    if (t->open) {
        int c = t->mono_int ? (m->u.i < t->mono.u.i ? -1 : m->u.i > t->mono.u.i)
                            : val_compare(n->keys[n->mono_key]->type, m, &t->mono);
        /* MONOTONIC(x) may run either way (the reference: 987, 974, 823 is
         * legal) but not change direction: the first change sets it */
        if (t->either_way && c != 0) {
            if (!t->direction) t->direction = c;
            c = c == t->direction ? 1 : -1;
        }
        if (c < 0) {
            expr_fail(&cx, "LATE_ROW", "the monotonic GROUP BY expression went back to an earlier window, which is already closed");
            exec_row_error(ex, op, row, &cx.err);
            return;
        }
        if (c > 0) close_window(t, row->rowtime);
    }
    if (!t->open) {
        t->open = true;
        t->mono = val_copy(n->keys[n->mono_key]->type, m, &t->window);
    }
group:
    t->last_rowtime = row->rowtime;
    Group *g = group_of(t, k, true);
    if (!g) {
        exec_memory_refused(ex, op, row, "group");
        return;
    }
    for (int i = 0; i < n->naggs; i++) {
        void *st = g->state + t->offsets[i];
        switch (t->step_kind[i]) {
        case STEP_COUNT_STAR: agg_count_step(st, true, &args[i]); break;
        case STEP_COUNT: agg_count_step(st, false, &args[i]); break;
        case STEP_SUM_APPROX: agg_sum_step(st, true, &args[i]); break;
        case STEP_SUM_EXACT: agg_sum_step(st, false, &args[i]); break;
        default: t->ops[i]->step(st, n->aggs[i], &args[i], &t->window, &cx); break;
        }
    }
    if (cx.err.set) exec_row_error(ex, op, row, &cx.err);
}

static void flush(Op *op)
{
    TumbleOp *t = (TumbleOp *)op;
    if (op->node->mono_key < 0) {
        if (t->flushed) return;
        t->flushed = true;
    }
    if (!t->open && op->node->mono_key < 0 && op->node->nkeys == 0) {
        /* an aggregate of a relation without GROUP BY has its one row even
         * when no row came: COUNT 0, the others NULL */
        t->open = true;
        t->last_rowtime = op->ex->now;
        group_of(t, t->scratch_keys, false);
    }
    if (t->open) close_window(t, t->last_rowtime);
}

static void tick(Op *op, int64_t now)
{
    TumbleOp *t = (TumbleOp *)op;
    /* only a window whose end follows from its key can close on time alone */
    const WindowEnd *w = &op->node->end;
    if (t->open && w->kind != END_UNKNOWN && (w->inclusive ? window_end(t, 0) < now : window_end(t, 0) <= now))
        close_window(t, now);
    exec_tick_next(op, now);
}

/* Ticks before the open window's end change nothing here (and nothing
 * downstream, which hears of time only from this operator's ticks when
 * they matter there). A closed window may open with the next push: then
 * every tick counts until one finds it open. A later window of an
 * ascending key ends no earlier, so the answer holds until asked again. */
static int64_t tick_due(const Op *op)
{
    const TumbleOp *t = (const TumbleOp *)op;
    const PlanNode *n = op->node;
    const WindowEnd *w = &n->end;
    if (!t->open || n->mono_key < 0 || t->either_way || exec_tick_next_matters(op))
        return INT64_MIN;
    if (w->kind == END_UNKNOWN) return INT64_MAX;
    int64_t end;
    if (w->kind == END_PLUS_MS) {
        if (__builtin_add_overflow(t->mono.u.i, w->amount, &end)) return INT64_MIN;
    } else if (w->kind == END_SCALED_MS) {
        int64_t k;
        if (__builtin_add_overflow(t->mono.u.i, w->amount, &k) || __builtin_mul_overflow(k, w->scale, &end) ||
            __builtin_add_overflow(end, w->origin, &end))
            return INT64_MIN;
    } else {
        end = window_end(t, 0);
    }
    if (!w->inclusive) return end;
    return end == INT64_MAX ? INT64_MAX : end + 1;
}

/* The open window: its key and its groups in arrival order, each with its
 * keys and its aggregates' states. */
static void save(Op *op, Buf *out)
{
    TumbleOp *t = (TumbleOp *)op;
    const PlanNode *n = op->node;
    ser_u64(out, t->open);
    ser_u64(out, t->flushed);
    ser_i64(out, t->last_rowtime);
    ser_i64(out, t->direction);
    if (t->open && n->mono_key >= 0) ser_value(out, n->keys[n->mono_key]->type, &t->mono);
    uint64_t ngroups = 0;
    for (Group *g = t->first; g; g = g->next) ngroups++;
    ser_u64(out, ngroups);
    for (Group *g = t->first; g; g = g->next) {
        for (int i = 0; i < n->nkeys; i++) ser_value(out, n->keys[i]->type, &g->keys[i]);
        for (int i = 0; i < n->naggs; i++) t->ops[i]->save(g->state + t->offsets[i], n->aggs[i], out);
    }
}

static bool restore(Op *op, SerialIn *in)
{
    TumbleOp *t = (TumbleOp *)op;
    const PlanNode *n = op->node;
    t->open = de_u64(in) != 0;
    t->flushed = de_u64(in) != 0;
    t->last_rowtime = de_i64(in);
    t->direction = (int)de_i64(in);
    if (t->open && n->mono_key >= 0) t->mono = de_value(in, n->keys[n->mono_key]->type, &t->window);
    uint64_t ngroups = de_count(in, 1);
    for (uint64_t g = 0; g < ngroups && de_ok(in); g++) {
        Value *k = t->scratch_keys;
        for (int i = 0; i < n->nkeys; i++) k[i] = de_value(in, n->keys[i]->type, &t->window);
        Group *grp = group_of(t, k, false);
        for (int i = 0; i < n->naggs; i++) t->ops[i]->restore(grp->state + t->offsets[i], n->aggs[i], in, &t->window);
    }
    return de_ok(in);
}

static void op_close(Op *op)
{
    TumbleOp *t = (TumbleOp *)op;
    htab_free(&t->groups);
    arena_free(&t->window);
    arena_free(&t->out.arena);
}

Op *op_tumble_new(Exec *ex, const PlanNode *n)
{
    TumbleOp *t = arena_zalloc(&ex->state, sizeof *t);
    t->op.push = push;
    t->op.flush = flush;
    t->op.tick = tick;
    t->op.tick_due = tick_due;
    arena_init(&t->window, 65536);
    arena_init(&t->out.arena, 4096);
    htab_init(&t->groups);
    t->op.close = op_close;
    t->op.save = save;
    t->op.restore = restore;
    t->offsets = arena_alloc(&ex->state, sizeof(size_t) * (size_t)(n->naggs ? n->naggs : 1));
    t->ops = arena_alloc(&ex->state, sizeof(AggOps *) * (size_t)(n->naggs ? n->naggs : 1));
    t->step_kind = arena_alloc(&ex->state, (size_t)(n->naggs ? n->naggs : 1));
    size_t off = 0;
    for (int i = 0; i < n->naggs; i++) {
        const Expr *call = n->aggs[i];
        t->ops[i] = fn_agg_ops(fn_find(call->name), call);
        switch (t->ops[i]->inline_kind) {
        case AGG_INLINE_COUNT: t->step_kind[i] = (call->flags & AGG_STAR) ? STEP_COUNT_STAR : STEP_COUNT; break;
        case AGG_INLINE_SUM: t->step_kind[i] = type_is_approx(call->args[0]->type.id) ? STEP_SUM_APPROX : STEP_SUM_EXACT; break;
        default: t->step_kind[i] = STEP_CALL; break;
        }
        t->offsets[i] = off;
        off += (t->ops[i]->state_size + 15) & ~(size_t)15;
    }
    t->state_size = off;
    t->either_way = n->mono_either_way;
    t->scratch_keys = arena_alloc(&ex->state, sizeof(Value) * (size_t)(n->nkeys ? n->nkeys : 1));
    t->scratch_args = arena_alloc(&ex->state, sizeof(Value) * (size_t)(n->naggs ? n->naggs : 1));
    t->copies = arena_alloc(&ex->state, sizeof(Source) * (size_t)(n->nkeys + n->naggs + 1));
    t->others = arena_alloc(&ex->state, sizeof(Source) * (size_t)(n->nkeys + n->naggs + 1));
    t->hk = arena_alloc(&ex->state, sizeof(int) * (size_t)(n->nkeys ? n->nkeys : 1));
    t->hk_class = arena_alloc(&ex->state, (size_t)(n->nkeys ? n->nkeys : 1));
    t->key_inline = arena_alloc(&ex->state, sizeof(bool) * (size_t)(n->nkeys ? n->nkeys : 1));
    for (int i = 0; i < n->nkeys; i++) {
        TypeId kid = n->keys[i]->type.id;
        t->key_inline[i] = !type_is_string(kid) && !type_is_binary(kid) && kid != TY_ROW;
        add_source(t, source_of(n->keys[i]), &t->scratch_keys[i]);
        /* every group of the open window has the window's key (a row whose
         * key compares otherwise closes the window or is late), so only
         * the other keys tell groups apart */
        if (i == n->mono_key) continue;
        TypeId id = n->keys[i]->type.id;
        t->hk[t->nhk] = i;
        t->hk_class[t->nhk++] = type_is_string(id)                 ? KC_STRING
                                : type_is_binary(id)               ? KC_BYTES
                                : type_is_approx(id) || id == TY_ROW ? KC_OTHER
                                                                   : KC_INT;
    }
    for (int i = 0; i < n->naggs; i++) {
        const Expr *call = n->aggs[i];
        /* COUNT(*) sees a NULL, set once: nothing else writes it */
        if (call->nargs) add_source(t, source_of(call->args[0]), &t->scratch_args[i]);
        else t->scratch_args[i] = val_null();
    }
    if (n->mono_key >= 0) {
        TypeId id = n->keys[n->mono_key]->type.id;
        t->mono_int = !type_is_string(id) && !type_is_binary(id) && !type_is_approx(id) && id != TY_ROW;
    }
    return &t->op;
}
