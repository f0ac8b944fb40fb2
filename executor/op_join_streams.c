/* stream JOIN stream over a window. Each windowed side keeps its recent
 * rows (copied, in arrival order, expiring by time or count); a row
 * arriving on one side meets the other side's kept rows that are inside
 * the window and satisfy ON, and leaves with its own ROWTIME.
 *
 * LEFT, RIGHT and FULL keep the rows of their side that meet nothing, with
 * NULLs, at the time no match is possible any more (the reference's JOIN
 * page: "the later of the ROWTIME of the input row and the later bound of
 * the window of the other input stream at the point any possible match
 * could have been found"): a row of an unwindowed side leaves at once with
 * its own ROWTIME, a kept row when it leaves its window, with the window's
 * end (its ROWTIME plus the RANGE, or the time of the row that pushed it out
 * of a ROWS window), or at the end of input.
 *
 * A window reaching ahead (RANGE ... FOLLOWING f) makes the other side's
 * rows wait: a row at t is held until the windowed side's time passes t + f
 * (a later row there, a tick, or the end of input), then meets the kept rows
 * in [t - preceding, t + f] and leaves with ROWTIME t, in arrival order. */
#include <string.h>

#include "src/runtime/ring.h"
#include "src/runtime/slab.h"
#include "operators.h"

typedef struct Kept {
    Row row;
    bool matched;                /* met a row of the other side (outer joins) */
} Kept;

typedef struct Side {
    Ring rows;                   /* Kept, oldest first */
    const Schema *schema;
} Side;

typedef struct JoinStreamsOp {
    Op op;
    Side side[2];
    Side waiting;      /* FOLLOWING: the unwindowed side's rows, until their window is complete */
    bool keep_unmatched[2];  /* LEFT / RIGHT / FULL: that side's rows that meet nothing still leave */
    int64_t last;      /* the latest time a row arrived */
    int ahead;         /* the side whose window reaches ahead, or -1 */
    RowBatch out;      /* each row the join makes, until the next (a tick may release many) */
    Slab slab;
} JoinStreamsOp;

typedef struct Door {
    Op op;
    JoinStreamsOp *join;
} Door;

static Kept *kept_at(Side *s, uint32_t i) { return ring_at(&s->rows, i); }

static void drop_front(JoinStreamsOp *j, Side *s)
{
    Kept *k = kept_at(s, 0);
    for (int i = 0; i < k->row.n; i++) {
        SqlType t = s->schema->cols[i].type;
        if (!k->row.v[i].null && (type_is_string(t.id) || type_is_binary(t.id))) slab_release(&j->slab, (void *)k->row.v[i].u.s, k->row.v[i].len + 1);
    }
    slab_release(&j->slab, k->row.v, sizeof(Value) * (size_t)(k->row.n ? k->row.n : 1));
    ring_pop_front(&s->rows);
}

static void keep(JoinStreamsOp *j, Side *s, const Row *row)
{
    Kept *k = ring_push(&s->rows);
    k->row = *row;
    k->matched = false;
    k->row.v = slab_alloc(&j->slab, sizeof(Value) * (size_t)(row->n ? row->n : 1));
    for (int i = 0; i < row->n; i++) {
        k->row.v[i] = row->v[i];
        SqlType t = s->schema->cols[i].type;
        if (!row->v[i].null && (type_is_string(t.id) || type_is_binary(t.id)))
            k->row.v[i].u.s = slab_strndup(&j->slab, row->v[i].u.s, row->v[i].len);
    }
}

static void emit(JoinStreamsOp *j, const Row *l, const Row *r, int64_t rowtime);

/* The oldest kept row of side w leaves its window at time `at`: in an outer
 * join on that side, one that met nothing leaves with NULLs now. */
static void retire(JoinStreamsOp *j, int w, int64_t at)
{
    Side *s = &j->side[w];
    Kept *k = kept_at(s, 0);
    if (j->keep_unmatched[w] && !k->matched) emit(j, w == 0 ? &k->row : NULL, w == 1 ? &k->row : NULL, at);
    drop_front(j, s);
}

/* Rows of side `w` that can no longer be inside its window once time is `now`. */
static void expire(JoinStreamsOp *j, int w, int64_t now)
{
    const PlanNode *n = j->op.node;
    Side *s = &j->side[w];
    if (n->win_kind[w] == WF_RANGE)
        while (s->rows.count && kept_at(s, 0)->row.rowtime < now - n->win_size[w])
            retire(j, w, kept_at(s, 0)->row.rowtime + n->win_size[w]);
}

/* Both sides' rows that leave their RANGE windows before `now`, in the
 * order of their windows' ends, so the NULL-padded rows of an outer join
 * leave in ROWTIME order across the two sides. */
static void expire_both(JoinStreamsOp *j, int64_t now)
{
    const PlanNode *n = j->op.node;
    for (;;) {
        int w = -1;
        int64_t best = 0;
        for (int s = 0; s < 2; s++) {
            if (!n->windowed[s] || n->win_kind[s] != WF_RANGE || !j->side[s].rows.count) continue;
            int64_t t = kept_at(&j->side[s], 0)->row.rowtime;
            if (t >= now - n->win_size[s]) continue;
            if (w < 0 || t + n->win_size[s] < best) w = s, best = t + n->win_size[s];
        }
        if (w < 0) return;
        retire(j, w, best);
    }
}

static void emit(JoinStreamsOp *j, const Row *l, const Row *r, int64_t rowtime)
{
    Exec *ex = j->op.ex;
    int nl = j->side[0].schema->ncols, nr = j->side[1].schema->ncols;
    Row out = *(l ? l : r);
    out.rowtime = rowtime;
    out.n = nl + nr + 2;
    Arena *was = exec_batch_begin(ex, &j->out);
    out.v = arena_alloc(exec_batch_row(ex, &j->out), sizeof(Value) * (size_t)out.n);
    for (int i = 0; i < nl; i++) out.v[i] = l ? l->v[i] : val_null();
    for (int i = 0; i < nr; i++) out.v[nl + i] = r ? r->v[i] : val_null();
    /* each side's own ROWTIME, for s.ROWTIME of either side */
    out.v[nl + nr] = l ? val_int(l->rowtime) : val_null();
    out.v[nl + nr + 1] = r ? val_int(r->rowtime) : val_null();
    j->op.next->push(j->op.next, &out);
    exec_batch_end(ex, &j->out, was);
}

/* A waiting row whose window is complete meets the kept rows in it. */
static void meet_ahead(JoinStreamsOp *j, const Row *row)
{
    const PlanNode *n = j->op.node;
    Exec *ex = j->op.ex;
    int w = j->ahead, side = 1 - w;
    expire(j, w, row->rowtime);
    Side *o = &j->side[w];
    EvalCtx cx;
    exec_eval_ctx(ex, &cx, row);
    bool matched = false;
    for (uint32_t i = 0; i < o->rows.count; i++) {
        const Row *k = &kept_at(o, i)->row;
        if (k->rowtime > row->rowtime + n->win_follow[w]) break;
        const Row *l = side == 0 ? row : k, *r = side == 0 ? k : row;
        cx.in[0] = l;
        cx.in[1] = r;
        bool ok = !n->pred || expr_true(n->pred, &cx);
        if (cx.err.set) {
            exec_row_error(ex, &j->op, row, &cx.err);
            return;
        }
        if (ok) {
            matched = true;
            emit(j, l, r, row->rowtime);
        }
    }
    if (!matched && side == 0 && n->join_left) emit(j, row, NULL, row->rowtime);
}

/* Releases the waiting rows whose window ends before `now`. */
static void release(JoinStreamsOp *j, int64_t now)
{
    const PlanNode *n = j->op.node;
    Side *q = &j->waiting;
    while (q->rows.count && kept_at(q, 0)->row.rowtime + n->win_follow[j->ahead] < now) {
        meet_ahead(j, &kept_at(q, 0)->row);
        drop_front(j, q);
    }
}

static void arrive(JoinStreamsOp *j, int side, Row *row)
{
    const PlanNode *n = j->op.node;
    Exec *ex = j->op.ex;
    if (j->ahead >= 0) {
        if (side == j->ahead) {
            release(j, row->rowtime);
            keep(j, &j->side[side], row);
        } else {
            keep(j, &j->waiting, row);
        }
        return;
    }
    int other = 1 - side;
    bool matched = false;
    j->last = row->rowtime;
    /* rows whose window time has passed leave first (outer joins emit them) */
    expire_both(j, row->rowtime);
    if (n->windowed[other]) {
        Side *o = &j->side[other];
        EvalCtx cx;
        exec_eval_ctx(ex, &cx, row);
        for (uint32_t i = 0; i < o->rows.count; i++) {
            Kept *kk = kept_at(o, i);
            const Row *k = &kk->row;
            const Row *l = side == 0 ? row : k, *r = side == 0 ? k : row;
            cx.in[0] = l;
            cx.in[1] = r;
            bool ok = !n->pred || expr_true(n->pred, &cx);
            if (cx.err.set) {
                exec_row_error(ex, &j->op, row, &cx.err);
                return;
            }
            if (ok) {
                matched = true;
                kk->matched = true;
                emit(j, l, r, row->rowtime);
            }
        }
    }
    if (n->windowed[side]) {
        /* a kept row may still meet later rows: if it meets none, it leaves with its window */
        Side *s = &j->side[side];
        keep(j, s, row);
        kept_at(s, s->rows.count - 1)->matched = matched;
        if (n->win_kind[side] == WF_ROWS)
            while (s->rows.count > (uint64_t)n->win_size[side] + 1) retire(j, side, row->rowtime);
    } else if (!matched && j->keep_unmatched[side]) {
        emit(j, side == 0 ? row : NULL, side == 1 ? row : NULL, row->rowtime);
    }
}

static void push_left(Op *op, Row *row) { arrive((JoinStreamsOp *)op, 0, row); }
static void push_right(Op *op, Row *row) { arrive(((Door *)op)->join, 1, row); }

static void tick(Op *op, int64_t t)
{
    JoinStreamsOp *j = (JoinStreamsOp *)op;
    if (j->ahead >= 0) {
        release(j, t);
        /* downstream must not hear of a time later than a row still waiting */
        if (j->waiting.rows.count && kept_at(&j->waiting, 0)->row.rowtime < t) t = kept_at(&j->waiting, 0)->row.rowtime;
    } else if (j->keep_unmatched[0] || j->keep_unmatched[1]) {
        /* time passing closes windows: kept rows that met nothing leave */
        expire_both(j, t);
    }
    exec_tick_next(op, t);
}

static void tick_right(Op *op, int64_t t) { tick(&((Door *)op)->join->op, t); }

/* When a kept row would leave its window if input went on. */
static int64_t end_of(const JoinStreamsOp *j, int w, const Kept *k)
{
    const PlanNode *n = j->op.node;
    if (n->win_kind[w] == WF_RANGE) return k->row.rowtime + n->win_size[w];
    return k->row.rowtime > j->last ? k->row.rowtime : j->last;
}

static void flush(Op *op)
{
    JoinStreamsOp *j = (JoinStreamsOp *)op;
    if (j->ahead >= 0) {
        release(j, INT64_MAX);
        return;
    }
    /* end of input: the kept rows that met nothing leave with their windows'
     * ends, in time order across both sides */
    for (;;) {
        int w = -1;
        int64_t best = 0;
        for (int s = 0; s < 2; s++) {
            if (!j->keep_unmatched[s] || !j->side[s].rows.count) continue;
            int64_t e = end_of(j, s, kept_at(&j->side[s], 0));
            if (w < 0 || e < best) w = s, best = e;
        }
        if (w < 0) break;
        retire(j, w, best);
    }
}

/* Each side's kept rows (with whether they met a row), and the rows
 * waiting for a window reaching ahead, oldest first. */
static void save(Op *op, Buf *out)
{
    JoinStreamsOp *j = (JoinStreamsOp *)op;
    ser_i64(out, j->last);
    for (int w = 0; w < 3; w++) {
        Side *s = w < 2 ? &j->side[w] : &j->waiting;
        ser_u64(out, s->schema ? s->rows.count : 0);
        for (uint32_t i = 0; s->schema && i < s->rows.count; i++) {
            const Kept *k = kept_at(s, i);
            ser_u64(out, k->matched);
            ser_row(out, s->schema, &k->row);
        }
    }
}

static bool restore(Op *op, SerialIn *in)
{
    JoinStreamsOp *j = (JoinStreamsOp *)op;
    j->last = de_i64(in);
    Arena tmp;
    arena_init(&tmp, 4096);
    for (int w = 0; w < 3 && de_ok(in); w++) {
        Side *s = w < 2 ? &j->side[w] : &j->waiting;
        uint64_t n = de_count(in, 5);
        if (n && !s->schema) de_fail(in, "rows waiting where the join has no window reaching ahead");
        for (uint64_t i = 0; i < n && de_ok(in); i++) {
            bool matched = de_u64(in) != 0;
            Row row;
            arena_reset(&tmp);
            if (!de_row(in, s->schema, &row, &tmp)) break;
            keep(j, s, &row);
            kept_at(s, s->rows.count - 1)->matched = matched;
        }
    }
    arena_free(&tmp);
    return de_ok(in);
}

static void op_close(Op *op)
{
    JoinStreamsOp *j = (JoinStreamsOp *)op;
    for (int s = 0; s < 2; s++) {
        while (j->side[s].rows.count) drop_front(j, &j->side[s]);
        ring_free(&j->side[s].rows);
    }
    while (j->waiting.rows.count) drop_front(j, &j->waiting);
    ring_free(&j->waiting.rows);
    arena_free(&j->out.arena);
    slab_free_all(&j->slab);
}

Op *op_join_streams_new(Exec *ex, const PlanNode *n)
{
    JoinStreamsOp *j = arena_zalloc(&ex->state, sizeof *j);
    j->op.push = push_left;
    j->op.close = op_close;
    j->op.tick = tick;
    j->op.flush = flush;
    j->op.save = save;
    j->op.restore = restore;
    for (int s = 0; s < 2; s++) ring_init(&j->side[s].rows, sizeof(Kept));
    ring_init(&j->waiting.rows, sizeof(Kept));
    j->side[0].schema = &n->inputs[0]->out;
    j->side[1].schema = &n->inputs[1]->out;
    j->ahead = n->win_follow[0] ? 0 : n->win_follow[1] ? 1 : -1;
    j->keep_unmatched[0] = n->join_left;
    j->keep_unmatched[1] = n->join_right;
    if (j->ahead >= 0) j->waiting.schema = j->side[1 - j->ahead].schema;
    arena_init(&j->out.arena, 4096);
    slab_init(&j->slab);
    return &j->op;
}

Op *op_join_right_door(Exec *ex, Op *join)
{
    Door *d = arena_zalloc(&ex->state, sizeof *d);
    d->op.push = push_right;
    d->op.tick = tick_right;
    d->op.next = join->next;
    d->join = (JoinStreamsOp *)join;
    return &d->op;
}
