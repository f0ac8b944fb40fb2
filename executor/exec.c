/* The run loop: the application's state is made (its operators built by
 * build.c), input records and ticks come in, the application starts and
 * finishes. At both ends pumps are flushed in dependency order, the rows
 * they release held and let in by ROWTIME (runtime.c). */
#include "exec.h"


#include "src/runtime/mem.h"
#include "build.h"
#include "runtime.h"

static void flush_pumps(Exec *ex, const bool *only);

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
    for (int i = 0; i < app->npumps; i++) exec_build(ex, app->pumps[i], app->pumps[i]->root, NULL);
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

bool exec_limits_reached(const Exec *ex)
{
    bool any = false;
    for (int i = 0; i < ex->nstreams; i++) {
        const ExStream *s = &ex->streams[i];
        if (!s->sink) continue;
        if (!s->cat->limited || s->sent < s->cat->limit) return false;
        any = true;
    }
    return any;
}

void exec_set_error_sink(Exec *ex, ErrorSinkFn fn, void *ctx)
{
    ex->on_error = fn;
    ex->error_ctx = ctx;
}

bool exec_push_input(Exec *ex, int stream, Row *row, Arena *record, const char *raw, size_t rawlen)
{
    ExStream *s = &ex->streams[stream];
    ex->record = record;
    ex->line = row->recno;
    if (s->any && row->rowtime < s->last_rowtime) {
        exec_late_input(ex, s, row, raw, rawlen);
        return false;
    }
    if (!ex->any_multi_writer || ex->ticking || ex->releasing || ex->holding) {
        exec_deliver(ex, s, row);
        return true;
    }
    /* the rows this record makes in streams of several writers, in its
     * ticks and after them, go in together, by ROWTIME: one writer's rows
     * may leave behind another's that are later (an ORDER BY's batch) */
    ex->ticking++;
    exec_deliver(ex, s, row);
    ex->ticking--;
    if (ex->any_held) exec_release_tick_held(ex);
    return true;
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
            if (ex->streams[i].nheld && ex->streams[i].nreaders && writers_done(app, done, i)) exec_release_held(ex, i);
    }
    /* streams nothing reads (the outputs) take theirs last, merged by
     * ROWTIME across streams, so what is written together is in time
     * order; so does what is left of pumps in a cycle */
    ex->holding = false;
    /* the end of input's own ticks are not passed on: every window is closed */
    for (int i = 0; i < ex->nstreams; i++) ex->streams[i].tick_held = false;
    exec_release_all_held(ex);
    exec_release_tick_held(ex);   /* what the release held in turn; frees the held rows */
    mem_free(done);
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
                exec_emit_error(ex, &e);
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
