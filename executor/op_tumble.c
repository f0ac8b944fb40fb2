/* Tumbling windows: GROUP BY with a key that only grows with ROWTIME. One
 * accumulator per group of the open window; when a row's monotonic key
 * moves past the window's, every group of the window is emitted (in the
 * order the groups first appeared) with the window's end as ROWTIME, and
 * the window's memory is released at once. */
#include <string.h>
#include <strings.h>

#include "src/runtime/hashtab.h"
#include "src/runtime/timeutil.h"
#include "operators.h"
#include "src/runtime/mem.h"

/* Above this, a closed window's memory goes back to the system. */
#define BIG_WINDOW ((size_t)64 << 20)

typedef struct Group {
    HashNode node;             /* first: a key's node is its group */
    struct Group *next;        /* arrival order */
    Value *keys;
    _Alignas(16) char state[];
} Group;

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
    size_t state_size;
    Value *scratch_keys, *scratch_args;
    bool either_way;           /* the key is MONOTONIC(x), which may also descend */
    int direction;             /* MONOTONIC: 1 ascending, -1 descending, 0 not known yet */
    int8_t next_timed;         /* exec_chain_timed of op.next: 1 yes, 0 no, -1 not known yet */
} TumbleOp;

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
    htab_clear(&t->groups);
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

/* exec_hash_keys without the key skip, a string key's hash inline (the
 * same FNV-1a of its bytes without trailing blanks; the table's hashes are
 * its own, so only equal keys need equal hashes). */
static inline uint64_t group_hash(Expr *const *exprs, int n, int skip, const Value *k)
{
    uint64_t h = 0x12345678abcdefULL;
    for (int i = 0; i < n; i++) {
        if (i == skip) continue;
        TypeId id = exprs[i]->type.id;
        uint64_t kh;
        if (!k[i].null && (id == TY_CHAR || id == TY_VARCHAR)) {
            const char *s = k[i].u.s;
            uint32_t len = k[i].len;
            while (len && s[len - 1] == ' ') len--;
            kh = 0xcbf29ce484222325ULL;
            for (uint32_t j = 0; j < len; j++) kh = (kh ^ (unsigned char)s[j]) * 0x100000001b3ULL;
            kh ^= kh >> 33;
            kh *= 0xff51afd7ed558ccdULL;
            kh ^= kh >> 33;
        } else {
            kh = val_hash(exprs[i]->type, &k[i]);
        }
        h = (h ^ kh) * 0x100000001b3ULL;
    }
    return h;
}

/* exec_same_keys for the group lookup with the usual keys compared in
 * place: strings of the same bytes, integers and datetimes. What that
 * cannot settle (strings that differ, which may still be equal once
 * trailing blanks are ignored; doubles, with their -0 and NaN) goes to
 * val_compare as before. */
static inline bool same_group_keys(Expr *const *exprs, int n, int skip, const Value *a, const Value *b)
{
    for (int i = 0; i < n; i++) {
        if (i == skip) continue;
        if (a[i].null || b[i].null) {
            if (a[i].null != b[i].null) return false;
            continue;
        }
        TypeId id = exprs[i]->type.id;
        if (id == TY_CHAR || id == TY_VARCHAR || id == TY_BINARY || id == TY_VARBINARY) {
            uint32_t len = a[i].len;
            if (len == b[i].len) {
                const char *x = a[i].u.s, *y = b[i].u.s;
                uint32_t j = 0;
                if (len > 16) j = memcmp(x, y, len) ? len + 1 : len;
                else while (j < len && x[j] == y[j]) j++;
                if (j == len) continue;
            }
        } else if (id != TY_REAL && id != TY_DOUBLE && id != TY_ROW) {
            if (a[i].u.i != b[i].u.i) return false;
            continue;
        }
        if (val_compare(exprs[i]->type, &a[i], &b[i]) != 0) return false;
    }
    return true;
}

/* The open window's group of keys k, added when new. Inlined: it is the
 * per-record path of push, and a call there costs 2% of a tumbling query. */
static inline __attribute__((always_inline)) Group *group_of(TumbleOp *t, const Value *k, bool refuse_new)
{
    const PlanNode *n = t->op.node;
    /* every group of the open window has the window's monotonic key (a row
     * whose key compares otherwise closes the window or is late), so only
     * the other keys tell groups apart */
    int skip = n->mono_key;
    uint64_t h = group_hash(n->keys, n->nkeys, skip, k);
    Group *g = (Group *)htab_chain(&t->groups, h);
    while (g && !(g->node.hash == h && same_group_keys(n->keys, n->nkeys, skip, g->keys, k))) g = (Group *)g->node.chain;
    if (g || (refuse_new && mem_over_budget())) return g;
    g = arena_alloc(&t->window, sizeof(Group) + t->state_size);
    g->node.hash = h;
    g->next = NULL;
    g->keys = arena_alloc(&t->window, sizeof(Value) * (size_t)(n->nkeys ? n->nkeys : 1));
    for (int i = 0; i < n->nkeys; i++) g->keys[i] = val_copy(n->keys[i]->type, &k[i], &t->window);
    for (int i = 0; i < n->naggs; i++) t->ops[i]->init(g->state + t->offsets[i], n->aggs[i]);
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
    if (n->mono_key < 0) {
        /* GROUP BY over a relation: one window, all its rows, closed at its end */
        t->open = true;
        goto group;
    }
    const Value *m = &k[n->mono_key];
    SqlType mt = n->keys[n->mono_key]->type;
    if (m->null) {
        expr_fail(&cx, "NULL_WINDOW_KEY", "the monotonic GROUP BY expression is NULL for this row");
        exec_row_error(ex, op, row, &cx.err);
        return;
    }
    if (t->open) {
        int c = val_compare(mt, m, &t->mono);
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
        t->mono = val_copy(mt, m, &t->window);
    }
group:
    t->last_rowtime = row->rowtime;
    Group *g = group_of(t, k, true);
    if (!g) {
        exec_memory_refused(ex, op, row, "group");
        return;
    }
    for (int i = 0; i < n->naggs; i++) {
        const Expr *call = n->aggs[i];
        t->ops[i]->step(g->state + t->offsets[i], call, &args[i], &t->window, &cx);
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
    /* a tick comes with every row: passed on only where it can close a window or release held rows */
    if (t->next_timed < 0) t->next_timed = exec_chain_timed(op->ex, op->next);
    if (exec_tick_matters(op->ex, t->next_timed)) exec_tick_op(op->next, now);
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
    t->next_timed = -1;
    t->op.push = push;
    t->op.flush = flush;
    t->op.tick = tick;
    arena_init(&t->window, 65536);
    arena_init(&t->out.arena, 4096);
    htab_init(&t->groups);
    t->op.close = op_close;
    t->op.save = save;
    t->op.restore = restore;
    t->offsets = arena_alloc(&ex->state, sizeof(size_t) * (size_t)(n->naggs ? n->naggs : 1));
    t->ops = arena_alloc(&ex->state, sizeof(AggOps *) * (size_t)(n->naggs ? n->naggs : 1));
    size_t off = 0;
    for (int i = 0; i < n->naggs; i++) {
        t->ops[i] = fn_agg_ops(fn_find(n->aggs[i]->name), n->aggs[i]);
        t->offsets[i] = off;
        off += (t->ops[i]->state_size + 15) & ~(size_t)15;
    }
    t->state_size = off;
    t->either_way = n->mono_either_way;
    t->scratch_keys = arena_alloc(&ex->state, sizeof(Value) * (size_t)(n->nkeys ? n->nkeys : 1));
    t->scratch_args = arena_alloc(&ex->state, sizeof(Value) * (size_t)(n->naggs ? n->naggs : 1));
    return &t->op;
}
