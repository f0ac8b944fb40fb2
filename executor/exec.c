#include "exec.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/runtime/mem.h"
#include "src/runtime/timeutil.h"

static void flush_pumps(Exec *ex, const bool *only);

static void add_reader(ExStream *s, Op *op)
{
    s->readers = mem_realloc(s->readers, sizeof(Op *) * (size_t)(s->nreaders + 1));
    s->readers[s->nreaders++] = op;
}

static void keep_op(Exec *ex, Op *op)
{
    if (ex->nops == ex->capops) {
        ex->capops = ex->capops ? ex->capops * 2 : 32;
        ex->ops = mem_realloc(ex->ops, sizeof(Op *) * (size_t)ex->capops);
    }
    ex->ops[ex->nops++] = op;
}

/* Operators for node n and its inputs; `next` receives n's rows. */
static void build(Exec *ex, const PlanPump *p, const PlanNode *n, Op *next)
{
    if (n->kind == PN_SCAN) {
        /* a scan is the stream's reader list itself */
        add_reader(&ex->streams[n->stream], next);
        return;
    }
    Op *op;
    switch (n->kind) {
    case PN_FILTER: op = op_filter_new(ex, n); break;
    case PN_PROJECT: op = op_project_new(ex, n); break;
    case PN_UNION: op = op_union_new(ex, n); break;
    case PN_SETOP: op = op_setop_new(ex, n); break;
    case PN_INSERT: op = op_insert_new(ex, n); break;
    case PN_AGGREGATE: op = n->stagger ? op_stagger_new(ex, n) : op_tumble_new(ex, n); break;
    case PN_WINDOW: op = op_window_new(ex, n); break;
    case PN_TABLEFN: op = n->tf_rcf ? op_rcf_new(ex, n) : n->tf_hotspots ? op_hotspots_new(ex, n)
                                   : n->tf_group_rank ? op_group_rank_new(ex, n) : op_topk_new(ex, n); break;
    case PN_JOIN: op = n->ninputs == 2 ? op_join_streams_new(ex, n) : op_join_new(ex, n); break;
    case PN_SORT: op = n->within >= 0 ? op_reorder_new(ex, n) : op_sort_new(ex, n); break;
    default:
        fprintf(stderr, "eddy: internal error: no operator for plan node %d\n", (int)n->kind);
        abort();
    }
    op->node = n;
    op->pump = p;
    op->ex = ex;
    op->next = next;
    keep_op(ex, op);
    if (n->kind == PN_JOIN && n->ninputs == 2) {
        /* the right stream's rows reach the join through a door that says so */
        build(ex, p, n->inputs[0], op);
        Op *door = op_join_right_door(ex, op);
        door->node = n;
        door->pump = p;
        door->ex = ex;
        keep_op(ex, door);
        build(ex, p, n->inputs[1], door);
        return;
    }
    if (n->kind == PN_SETOP) {
        build(ex, p, n->inputs[0], op);
        Op *door = op_setop_right_door(ex, op);
        door->node = n;
        door->pump = p;
        door->ex = ex;
        keep_op(ex, door);
        build(ex, p, n->inputs[1], door);
        return;
    }
    for (int i = 0; i < n->ninputs; i++) build(ex, p, n->inputs[i], op);
}

static bool has_union(const PlanNode *n)
{
    if (!n) return false;
    if (n->kind == PN_UNION && n->ninputs > 1) return true;
    for (int i = 0; i < n->ninputs; i++)
        if (has_union(n->inputs[i])) return true;
    return false;
}

Exec *exec_new(const PlanApp *app)
{
    Exec *ex = mem_calloc(1, sizeof *ex);
    ex->app = app;
    arena_init(&ex->state, 65536);
    ex->nstreams = app->cat.nstreams;
    ex->streams = mem_calloc((size_t)(ex->nstreams ? ex->nstreams : 1), sizeof(ExStream));
    for (int i = 0; i < ex->nstreams; i++) {
        ExStream *s = &ex->streams[i];
        s->cat = app->cat.streams[i];
        s->timed = -1;
        /* a stream of a bare query has inferred types, not constraints */
        for (int c = 0; c < s->cat->schema.ncols && !s->cat->anonymous; c++)
            if (s->cat->schema.cols[c].type.notnull) s->has_notnull = true;
    }
    /* several writers: several pumps, or one whose branches (UNION ALL) close windows apart */
    for (int i = 0; i < app->npumps; i++) {
        bool several = has_union(app->pumps[i]->root);
        for (int j = 0; j < i && !several; j++) several = app->pumps[j]->target == app->pumps[i]->target;
        if (several) ex->streams[app->pumps[i]->target].multi_writer = ex->any_multi_writer = true;
    }
    /* a stream's rank is one more than the highest of the streams its pumps
     * read (the binder refuses cycles; the bound stops a loop all the same) */
    for (int round = 0, changed = 1; changed && round <= ex->nstreams; round++) {
        changed = 0;
        for (int i = 0; i < app->npumps; i++) {
            const PlanPump *p = app->pumps[i];
            for (int k = 0; k < p->nsources; k++)
                if (ex->streams[p->target].rank < ex->streams[p->sources[k]].rank + 1)
                    ex->streams[p->target].rank = ex->streams[p->sources[k]].rank + 1, changed = 1;
        }
    }
    arena_init(&ex->held, 4096);
    /* pumps in creation order: readers of a stream run in that order */
    for (int i = 0; i < app->npumps; i++) build(ex, app->pumps[i], app->pumps[i]->root, NULL);
    return ex;
}

void exec_free(Exec *ex)
{
    if (!ex) return;
    for (int i = 0; i < ex->nops; i++)
        if (ex->ops[i]->close) ex->ops[i]->close(ex->ops[i]);
    for (int i = 0; i < ex->nstreams; i++) {
        mem_free(ex->streams[i].readers);
        mem_free(ex->streams[i].held);
    }
    mem_free(ex->streams);
    mem_free(ex->ops);
    arena_free(&ex->held);
    arena_free(&ex->state);
    mem_free(ex);
}

void exec_set_sink(Exec *ex, int stream, RowSinkFn fn, void *ctx)
{
    ex->streams[stream].sink = fn;
    ex->streams[stream].sink_ctx = ctx;
}

void exec_set_error_sink(Exec *ex, ErrorSinkFn fn, void *ctx)
{
    ex->on_error = fn;
    ex->error_ctx = ctx;
}

static void emit_error(Exec *ex, const ErrorRow *e)
{
    ex->stats.errors++;
    if (ex->on_error) ex->on_error(ex->error_ctx, e);
}

static bool stream_timed(Exec *ex, int stream);

static bool chain_timed(Exec *ex, const Op *op)
{
    for (; op; op = op->next) {
        if (op->tick) return true;
        if (op->node->kind == PN_INSERT) return stream_timed(ex, op->node->stream);
    }
    return false;
}

static bool stream_timed(Exec *ex, int stream)
{
    ExStream *s = &ex->streams[stream];
    if (s->timed < 0) {
        s->timed = 0;
        for (int i = 0; i < s->nreaders; i++)
            if (chain_timed(ex, s->readers[i])) s->timed = 1;
    }
    return s->timed;
}

static void deliver(Exec *ex, ExStream *s, Row *row)
{
    /* Time moves before the row does: windows that end by this row's time
     * close first, so what they emit comes ahead of the row in every stream
     * downstream, whichever pump was created first. */
    if (s->any && row->rowtime > s->last_rowtime && stream_timed(ex, (int)(s - ex->streams)))
        exec_tick(ex, (int)(s - ex->streams), row->rowtime);
    s->any = true;
    s->last_rowtime = row->rowtime;
    s->rows++;
    for (int i = 0; i < s->nreaders; i++) s->readers[i]->push(s->readers[i], row);
    if (s->sink) {
        ex->stats.output_rows++;
        s->sink(s->sink_ctx, s->cat, row);
    }
}

static void late_message(char *buf, size_t size, const CatStream *s, int64_t t, int64_t last)
{
    char a[40], b[40];
    a[time_format_timestamp(t, a)] = 0;
    b[time_format_timestamp(last, b)] = 0;
    if (s->anonymous)
        snprintf(buf, size, "ROWTIME %s is earlier than the last ROWTIME %s of the rows of %s (rows must stay in ROWTIME order)",
                 a, b, s->name);
    else
        snprintf(buf, size, "ROWTIME %s is earlier than the last ROWTIME %s of stream \"%s\" (rows must arrive in ROWTIME order)",
                 a, b, s->name);
}

static void release_tick_held(Exec *ex);

bool exec_push_input(Exec *ex, int stream, Row *row, Arena *record, const char *raw, size_t rawlen)
{
    ExStream *s = &ex->streams[stream];
    ex->record = record;
    ex->line = row->recno;
    if (s->any && row->rowtime < s->last_rowtime) {
        char msg[300];
        late_message(msg, sizeof msg, s->cat, row->rowtime, s->last_rowtime);
        ErrorRow e = {.name = "LATE_ROW", .message = msg, .stream = s->cat->name, .has_rowtime = true,
                      .data_rowtime = row->rowtime, .data = raw, .data_len = rawlen, .line = row->recno};
        emit_error(ex, &e);
        return false;
    }
    if (!ex->any_multi_writer || ex->ticking || ex->releasing || ex->holding) {
        deliver(ex, s, row);
        return true;
    }
    /* the rows this record makes in streams of several writers, in its
     * ticks and after them, go in together, by ROWTIME: one writer's rows
     * may leave behind another's that are later (an ORDER BY's batch) */
    ex->ticking++;
    deliver(ex, s, row);
    ex->ticking--;
    if (ex->any_held) release_tick_held(ex);
    return true;
}

typedef struct HeldRow {
    Row row;
    const PlanPump *pump;
    uint32_t seq;                 /* arrival order, for equal ROWTIMEs */
    int stream;                   /* the stream it waits for */
} HeldRow;

/* Whether a row inserted into s now waits: at end of input in the streams
 * flush_pumps holds, and while a tick (or the release of what a tick held)
 * is under way in a stream that several writers fill. */
static inline bool holds(const Exec *ex, const ExStream *s)
{
    return (ex->holding && s->hold_at_flush) || ((ex->ticking || ex->releasing) && s->multi_writer);
}

/* A row a flush inserts waits, copied, until the stream's writers are all flushed. */
static __attribute__((noinline)) void hold(Exec *ex, ExStream *s, const Row *row, const PlanPump *pump)
{
    if (s->nheld == s->capheld) {
        s->capheld = s->capheld ? s->capheld * 2 : 64;
        s->held = mem_realloc(s->held, sizeof *s->held * (size_t)s->capheld);
    }
    HeldRow *h = &s->held[s->nheld];
    h->seq = (uint32_t)s->nheld++;
    h->stream = (int)(s - ex->streams);
    ex->any_held = true;
    h->row = *row;
    h->row.recno = ex->line;
    h->pump = pump;
    h->row.v = arena_alloc(&ex->held, sizeof(Value) * (size_t)(row->n ? row->n : 1));
    const Schema *sch = &s->cat->schema;
    for (int c = 0; c < row->n; c++)
        h->row.v[c] = c < sch->ncols ? val_copy(sch->cols[c].type, &row->v[c], &ex->held) : row->v[c];
}

static inline __attribute__((always_inline)) void insert_now(Exec *ex, ExStream *s, Row *row, const PlanPump *pump);

void exec_insert(Exec *ex, int stream, Row *row, const PlanPump *pump)
{
    ExStream *s = &ex->streams[stream];
    /* While a tick closes windows, the rows that several pumps' windows
     * release into one stream wait, and go in by ROWTIME when the tick is
     * done: the pumps' windows end at different times, and the reader
     * order would otherwise let a later row in first, making the earlier
     * one late. Flushing at end of input holds every stream's rows. */
    if (holds(ex, s)) {
        hold(ex, s, row, pump);
        return;
    }
    insert_now(ex, s, row, pump);
}

static inline __attribute__((always_inline)) void insert_now(Exec *ex, ExStream *s, Row *row, const PlanPump *pump)
{
    if (s->any && row->rowtime < s->last_rowtime) {
        char msg[300];
        late_message(msg, sizeof msg, s->cat, row->rowtime, s->last_rowtime);
        ErrorRow e = {.name = "LATE_ROW", .message = msg, .stream = s->cat->name, .pump = pump ? pump->name : NULL,
                      .has_rowtime = true, .data_rowtime = row->rowtime, .schema = &s->cat->schema, .row = row,
                      .line = ex->line};
        emit_error(ex, &e);
        return;
    }
    /* NOT NULL holds for rows a pump inserts too (the KDA guide: copy rows
     * into a stream created with NOT NULL and the constraint is enforced) */
    for (int c = 0; s->has_notnull && c < s->cat->schema.ncols && c < row->n; c++) {
        const Column *col = &s->cat->schema.cols[c];
        if (!col->type.notnull || !row->v[c].null) continue;
        char msg[300];
        snprintf(msg, sizeof msg, "column %s of stream %s is NOT NULL but the row's value is null", col->name, s->cat->name);
        ErrorRow e = {.name = "NOT_NULL", .message = msg, .stream = s->cat->name, .pump = pump ? pump->name : NULL,
                      .has_rowtime = true, .data_rowtime = row->rowtime, .schema = &s->cat->schema, .row = row,
                      .line = ex->line};
        emit_error(ex, &e);
        return;
    }
    deliver(ex, s, row);
}

static void row_error(Exec *ex, const Op *op, const Row *row, const EvalError *err, const Schema *schema)
{
    const PlanNode *in = op->node->ninputs ? op->node->inputs[0] : op->node;
    const char *stream = NULL;
    /* name the stream the pump reads when the row comes straight from it */
    while (in->kind != PN_SCAN && in->ninputs == 1) in = in->inputs[0];
    if (in->kind == PN_SCAN) stream = ex->app->cat.streams[in->stream]->name;
    ErrorRow e = {.name = err->name ? err->name : "RUNTIME", .message = err->msg, .stream = stream,
                  .pump = op->pump ? op->pump->name : NULL, .has_rowtime = true, .data_rowtime = row->rowtime,
                  .schema = schema, .row = row, .line = ex->line};
    emit_error(ex, &e);
}

void exec_row_error(Exec *ex, const Op *op, const Row *row, const EvalError *err)
{
    row_error(ex, op, row, err, op->node->ninputs ? &op->node->inputs[0]->out : &op->node->out);
}

void exec_output_error(Exec *ex, const Op *op, const Row *row, const EvalError *err)
{
    row_error(ex, op, row, err, &op->node->out);
}

/* Whether pump i reads a stream that a pump not yet flushed writes. */
static bool waits_on_upstream(const PlanApp *app, const bool *done, int i)
{
    const PlanPump *p = app->pumps[i];
    for (int j = 0; j < app->npumps; j++) {
        if (done[j] || j == i) continue;
        for (int s = 0; s < p->nsources; s++)
            if (p->sources[s] == app->pumps[j]->target) return true;
    }
    return false;
}

void exec_finish(Exec *ex)
{
    /* the rows the flush makes need a record's arena even when no record came */
    Arena rec;
    arena_init(&rec, 4096);
    Arena *was = ex->record;
    ex->record = &rec;
    flush_pumps(ex, NULL);
    ex->record = was;
    arena_free(&rec);
}

static int held_order(const void *a, const void *b)
{
    const HeldRow *x = a, *y = b;
    if (x->row.rowtime != y->row.rowtime) return x->row.rowtime < y->row.rowtime ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;   /* equal ROWTIMEs keep the order they came in */
}

/* The rows held for stream i go in, in ROWTIME order. */
static void release_held(Exec *ex, int i)
{
    ExStream *s = &ex->streams[i];
    if (!s->nheld) return;
    HeldRow *rows = s->held;
    int n = s->nheld;
    s->held = NULL;
    s->nheld = s->capheld = 0;
    qsort(rows, (size_t)n, sizeof *rows, held_order);
    ex->releasing++;
    for (int k = 0; k < n; k++) {
        ex->line = rows[k].row.recno;
        insert_now(ex, s, &rows[k].row, rows[k].pump);
    }
    ex->releasing--;
    mem_free(rows);
}

/* A tick is done: the streams it held take their rows, then its time,
 * upstream streams first, so a stream's rows are all in before its
 * readers' rows are released downstream. What the release itself sends
 * into streams of several writers is held too and taken in turn. */
static void release_tick_held(Exec *ex)
{
    ex->releasing++;
    for (;;) {
        int pick = -1;
        for (int i = 0; i < ex->nstreams; i++) {
            const ExStream *s = &ex->streams[i];
            if ((s->nheld || s->tick_held) && (pick < 0 || s->rank < ex->streams[pick].rank)) pick = i;
        }
        if (pick < 0) break;
        ExStream *s = &ex->streams[pick];
        release_held(ex, pick);
        if (s->tick_held) {
            s->tick_held = false;
            exec_tick(ex, pick, s->held_tick);
        }
    }
    ex->releasing--;
    ex->any_held = false;
    if (!ex->releasing) arena_reset(&ex->held);
}

static void release_all_held(Exec *ex)
{
    int n = 0;
    for (int i = 0; i < ex->nstreams; i++) n += ex->streams[i].nheld;
    if (!n) return;
    HeldRow *rows = mem_calloc((size_t)n, sizeof *rows);
    int k = 0;
    for (int i = 0; i < ex->nstreams; i++) {
        ExStream *s = &ex->streams[i];
        for (int j = 0; j < s->nheld; j++) rows[k] = s->held[j], rows[k].seq = (uint32_t)k, k++;
        mem_free(s->held);
        s->held = NULL;
        s->nheld = s->capheld = 0;
    }
    /* ties keep stream order, then arrival order */
    qsort(rows, (size_t)n, sizeof *rows, held_order);
    ex->releasing++;
    for (int i = 0; i < n; i++) {
        ex->line = rows[i].row.recno;
        insert_now(ex, &ex->streams[rows[i].stream], &rows[i].row, rows[i].pump);
    }
    ex->releasing--;
    mem_free(rows);
}

/* Whether every pump writing stream `stream` (among those flushed now) is done. */
static bool writers_done(const PlanApp *app, const bool *done, int stream)
{
    for (int j = 0; j < app->npumps; j++)
        if (!done[j] && app->pumps[j]->target == stream) return false;
    return true;
}

/* Upstream before downstream: a pump is flushed once every pump feeding it
 * has been, so the rows its windows release still reach the windows
 * downstream before those close (pumps feeding each other in a cycle go in
 * creation order). Within a pump, ops were built root first, so they are
 * walked backwards. The rows the flushes insert are held per stream until
 * every pump writing that stream is flushed, then go in by ROWTIME: two
 * pumps' last windows into one stream (a minute's and a 10 seconds')
 * arrive in time order, not pump by pump. only: the pumps to flush, NULL
 * for all. */
static void flush_pumps(Exec *ex, const bool *only)
{
    const PlanApp *app = ex->app;
    int np = app->npumps;
    bool *done = mem_calloc((size_t)(np ? np : 1), sizeof(bool));
    for (int i = 0; i < np && only; i++) done[i] = !only[i];
    /* a stream with one writer gets its rows in order from that pump; only
     * several writers, or several outputs written together, need holding */
    int outputs = 0;
    for (int i = 0; i < ex->nstreams; i++) outputs += ex->streams[i].sink && !ex->streams[i].nreaders;
    for (int i = 0; i < ex->nstreams; i++) {
        ExStream *s = &ex->streams[i];
        s->hold_at_flush = s->multi_writer || (outputs > 1 && s->sink && !s->nreaders);
    }
    ex->holding = true;
    for (int round = 0; round < np; round++) {
        int pick = -1;
        for (int i = 0; i < np && pick < 0; i++)
            if (!done[i] && !waits_on_upstream(app, done, i)) pick = i;
        for (int i = 0; i < np && pick < 0; i++)
            if (!done[i]) pick = i;
        if (pick < 0) break;
        done[pick] = true;
        for (int k = ex->nops - 1; k >= 0; k--)
            if (ex->ops[k]->pump == app->pumps[pick] && ex->ops[k]->flush) ex->ops[k]->flush(ex->ops[k]);
        /* streams whose writers are all flushed now take their rows, which
         * reach the pumps downstream before those are flushed in turn */
        for (int i = 0; i < ex->nstreams; i++)
            if (ex->streams[i].nheld && ex->streams[i].nreaders && writers_done(app, done, i)) release_held(ex, i);
    }
    /* streams nothing reads (the outputs) take theirs last, merged by
     * ROWTIME across streams, so what is written together is in time
     * order; so does what is left of pumps in a cycle */
    ex->holding = false;
    /* the end of input's own ticks are not passed on: every window is closed */
    for (int i = 0; i < ex->nstreams; i++) ex->streams[i].tick_held = false;
    release_all_held(ex);
    release_tick_held(ex);   /* what the release held in turn; frees the held rows */
    mem_free(done);
}

/* A writer's time reaches its stream; while the stream's rows are held,
 * the time waits with them, so no reader hears of a time before the rows
 * that come ahead of it. */
static void tick_from_writer(Exec *ex, int stream, int64_t t)
{
    ExStream *s = &ex->streams[stream];
    if (holds(ex, s)) {
        /* the stream's time is its slowest writer's: the least of their ticks */
        if (!s->tick_held || t < s->held_tick) s->held_tick = t;
        s->tick_held = true;
        ex->any_held = true;
        return;
    }
    exec_tick(ex, stream, t);
}

void exec_tick_op(Op *op, int64_t t)
{
    if (!op) return;
    if (op->tick) op->tick(op, t);
    else if (op->node->kind == PN_INSERT) {
        Exec *ex = op->ex;
        if (holds(ex, &ex->streams[op->node->stream])) tick_from_writer(ex, op->node->stream, t);
        else exec_tick(ex, op->node->stream, t);
    }
    else exec_tick_op(op->next, t);
}

/* A tick where rows may be held: the held rows go in once it is done. */
static __attribute__((noinline)) void tick_holding(Exec *ex, ExStream *s, int64_t t)
{
    bool outer = !ex->ticking && !ex->holding && !ex->releasing;
    ex->ticking++;
    for (int i = 0; i < s->nreaders; i++) exec_tick_op(s->readers[i], t);
    ex->ticking--;
    if (outer && ex->any_held) release_tick_held(ex);
}

void exec_tick(Exec *ex, int stream, int64_t t)
{
    ExStream *s = &ex->streams[stream];
    if (s->any && t < s->last_rowtime) return;
    if (ex->any_multi_writer || ex->holding) {
        tick_holding(ex, s, t);
        return;
    }
    for (int i = 0; i < s->nreaders; i++) exec_tick_op(s->readers[i], t);
}

void exec_eval_point(Exec *ex, const PlanNode *n, const Row *row, double *out)
{
    EvalCtx cx;
    exec_eval_ctx(ex, &cx, row);
    for (int i = 0; i < n->nexprs; i++) {
        Value v;
        expr_eval(n->exprs[i], &cx, &v);
        out[i] = cx.err.set || v.null || !isfinite(v.u.d) ? 0 : v.u.d;
        cx.err.set = false;
    }
}

/* A pump over relations only (reference tables, VALUES, or streams that
 * such pumps fill) has all its rows once the application starts. */
static bool *relational_pumps(const PlanApp *app)
{
    int np = app->npumps;
    bool *rel = mem_calloc((size_t)(np ? np : 1), sizeof(bool));
    for (bool changed = true; changed;) {
        changed = false;
        for (int i = 0; i < np; i++) {
            if (rel[i]) continue;
            const PlanPump *p = app->pumps[i];
            bool all = p->nsources > 0;
            for (int k = 0; k < p->nsources && all; k++) {
                const CatStream *s = app->cat.streams[p->sources[k]];
                bool fed = false;
                for (int j = 0; j < np && !fed; j++) fed = rel[j] && app->pumps[j]->target == s->id;
                all = s->table || s->nvalues > 0 || fed;
            }
            if (all) rel[i] = changed = true;
        }
    }
    return rel;
}

/* Whether a plan node reads relations only: tables, VALUES, or streams
 * that only relational pumps fill. */
static bool node_relational(const Exec *ex, const PlanNode *n, const bool *rel)
{
    const PlanApp *app = ex->app;
    if (n->kind == PN_SCAN) {
        const CatStream *s = app->cat.streams[n->stream];
        if (s->table || s->nvalues > 0) return true;
        bool fed = false;
        for (int j = 0; j < app->npumps; j++)
            if (app->pumps[j]->target == s->id) {
                if (!rel[j]) return false;
                fed = true;
            }
        return fed;
    }
    if (n->ninputs == 0) return false;
    for (int i = 0; i < n->ninputs; i++)
        if (!n->inputs[i] || !node_relational(ex, n->inputs[i], rel)) return false;
    return true;
}

void exec_start(Exec *ex)
{
    ex->started = ex->now;
    Arena rec;
    arena_init(&rec, 4096);
    /* the rows of reference tables read by plain SELECTs */
    for (int i = 0; i < ex->nstreams; i++) {
        const CatStream *s = ex->streams[i].cat;
        if (!s->table || !ex->streams[i].nreaders) continue;
        for (int r = 0; r < s->nrows; r++) {
            arena_reset(&rec);
            Row row = s->rows[r];
            row.rowtime = row.arrival = ex->now;
            row.recno = (uint64_t)r + 1;
            exec_push_input(ex, i, &row, &rec, NULL, 0);
        }
    }
    for (int i = 0; i < ex->nstreams; i++) {
        const CatStream *s = ex->streams[i].cat;
        int n = s->schema.ncols;
        for (int r = 0; r < s->nvalues; r++) {
            arena_reset(&rec);
            Row row = {.rowtime = ex->now, .arrival = ex->now, .n = n, .recno = 0};
            row.v = arena_alloc(&rec, sizeof(Value) * (size_t)(n ? n : 1));
            Row none = {.rowtime = ex->now, .arrival = ex->now};
            EvalCtx cx;
            exec_eval_ctx(ex, &cx, &none);
            cx.arena = &rec;
            for (int c = 0; c < n; c++) expr_eval(s->values[r * n + c], &cx, &row.v[c]);
            if (cx.err.set) {
                ErrorRow e = {.name = cx.err.name ? cx.err.name : "RUNTIME", .message = cx.err.msg, .stream = s->name,
                              .has_rowtime = true, .data_rowtime = ex->now};
                emit_error(ex, &e);
                continue;
            }
            exec_push_input(ex, i, &row, &rec, NULL, 0);
        }
    }
    /* queries over relations are complete: their groups and sorts close now */
    arena_reset(&rec);
    ex->record = &rec;
    bool *rel = relational_pumps(ex->app);
    flush_pumps(ex, rel);
    /* so are the relations inside other pumps (a join with an aggregate of
     * a table): their groups close now, before the first stream row meets
     * them. Ops were built root first, so they are walked backwards. */
    for (int k = ex->nops - 1; k >= 0; k--) {
        Op *op = ex->ops[k];
        if (!op->flush || !op->pump) continue;
        int pi = 0;
        while (pi < ex->app->npumps && ex->app->pumps[pi] != op->pump) pi++;
        if (pi < ex->app->npumps && !rel[pi] && node_relational(ex, op->node, rel)) op->flush(op);
    }
    mem_free(rel);
    ex->record = NULL;
    arena_free(&rec);
}
