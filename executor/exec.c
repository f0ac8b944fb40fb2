/* The run loop: the application's state is made (its operators built by
 * build.c), input records and ticks come in, the application starts and
 * finishes. At both ends pumps are flushed in dependency order, the rows
 * they release held and let in by ROWTIME (runtime.c). */
#include "exec.h"


#include <stdint.h>
#include <stdlib.h>

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

/* The pumps as a graph, for ranking streams and for the flushes at the
 * start and the end: an application of many thousand pumps must not cost
 * their number squared (or cubed) there. */
typedef struct PumpGraph {
    int *rfirst, *readers;   /* the pumps reading stream s: readers[rfirst[s] .. rfirst[s + 1]), one per source */
    int *ofirst, *ops;       /* the ops of pump p, in build order: ops[ofirst[p] .. ofirst[p + 1]) */
    int *op_pump;            /* the pump of each op, -1 for none */
} PumpGraph;

typedef struct PumpAt {
    const PlanPump *pump;
    int index;
} PumpAt;

static int by_pump(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const PumpAt *)a)->pump, y = (uintptr_t)((const PumpAt *)b)->pump;
    return x < y ? -1 : x > y;
}

/* Counting sort of n items into buckets: first[] (nb + 1 entries) from the
 * counts, then out[] in item order within each bucket. */
static int *bucket(int nb, int n, const int *key_of, int **first)
{
    int *f = mem_calloc((size_t)nb + 2, sizeof(int));
    int *out = mem_alloc(sizeof(int) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        if (key_of[i] >= 0) f[key_of[i] + 1]++;
    for (int b = 0; b < nb; b++) f[b + 1] += f[b];
    int *fill = mem_calloc((size_t)nb + 1, sizeof(int));
    for (int i = 0; i < n; i++)
        if (key_of[i] >= 0) out[f[key_of[i]] + fill[key_of[i]]++] = i;
    mem_free(fill);
    *first = f;
    return out;
}

static void graph_init(PumpGraph *g, const Exec *ex, bool with_ops)
{
    const PlanApp *app = ex->app;
    int np = app->npumps, nedges = 0;
    for (int i = 0; i < np; i++) nedges += app->pumps[i]->nsources;
    /* edges as items keyed by the stream read; then mapped to their pump */
    int *key = mem_alloc(sizeof(int) * (size_t)(nedges + 1)), *pump_of = mem_alloc(sizeof(int) * (size_t)(nedges + 1));
    for (int i = 0, e = 0; i < np; i++)
        for (int k = 0; k < app->pumps[i]->nsources; k++, e++) key[e] = app->pumps[i]->sources[k], pump_of[e] = i;
    g->readers = bucket(ex->nstreams, nedges, key, &g->rfirst);
    for (int e = 0; e < nedges; e++) g->readers[e] = pump_of[g->readers[e]];
    mem_free(key);
    mem_free(pump_of);
    g->ops = g->ofirst = g->op_pump = NULL;
    if (!with_ops) return;
    PumpAt *at = mem_alloc(sizeof *at * (size_t)(np ? np : 1));
    for (int i = 0; i < np; i++) at[i] = (PumpAt){app->pumps[i], i};
    qsort(at, (size_t)np, sizeof *at, by_pump);
    int *op_pump = mem_alloc(sizeof(int) * (size_t)(ex->nops ? ex->nops : 1));
    for (int k = 0; k < ex->nops; k++) {
        PumpAt want = {ex->ops[k]->pump, 0};
        const PumpAt *found = ex->ops[k]->pump ? bsearch(&want, at, (size_t)np, sizeof *at, by_pump) : NULL;
        op_pump[k] = found ? found->index : -1;
    }
    g->ops = bucket(np, ex->nops, op_pump, &g->ofirst);
    g->op_pump = op_pump;
    mem_free(at);
}

static void graph_free(PumpGraph *g)
{
    mem_free(g->rfirst);
    mem_free(g->readers);
    mem_free(g->ofirst);
    mem_free(g->ops);
    mem_free(g->op_pump);
}

/* A stream's rank is one more than the highest of the streams its pumps
 * read: streams taken in dependency order (the binder refuses cycles; a
 * stream on one would keep rank 0). */
static void rank_streams(Exec *ex)
{
    const PlanApp *app = ex->app;
    int ns = ex->nstreams;
    PumpGraph g;
    graph_init(&g, ex, false);
    int *indeg = mem_calloc((size_t)(ns ? ns : 1), sizeof(int)), *queue = mem_alloc(sizeof(int) * (size_t)(ns ? ns : 1));
    for (int i = 0; i < app->npumps; i++) indeg[app->pumps[i]->target] += app->pumps[i]->nsources;
    int head = 0, tail = 0;
    for (int s = 0; s < ns; s++)
        if (!indeg[s]) queue[tail++] = s;
    while (head < tail) {
        int s = queue[head++];
        for (int e = g.rfirst[s]; e < g.rfirst[s + 1]; e++) {
            int t = app->pumps[g.readers[e]]->target;
            if (ex->streams[t].rank < ex->streams[s].rank + 1) ex->streams[t].rank = ex->streams[s].rank + 1;
            if (--indeg[t] == 0) queue[tail++] = t;
        }
    }
    mem_free(indeg);
    mem_free(queue);
    graph_free(&g);
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
        s->tick_due = INT64_MIN;
        if (s->cat->limited) ex->any_limited = true;
        /* a stream of a bare query has inferred types, not constraints */
        for (int c = 0; c < s->cat->schema.ncols && !s->cat->anonymous; c++)
            if (s->cat->schema.cols[c].type.notnull) s->has_notnull = true;
    }
    /* several writers: several pumps, or one whose branches (UNION ALL) close windows apart */
    int *writers = mem_calloc((size_t)(ex->nstreams ? ex->nstreams : 1), sizeof(int));
    for (int i = 0; i < app->npumps; i++) {
        bool several = has_union(app->pumps[i]->root) || writers[app->pumps[i]->target]++ > 0;
        if (several) ex->streams[app->pumps[i]->target].multi_writer = ex->any_multi_writer = true;
    }
    mem_free(writers);
    rank_streams(ex);
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
    /* asked for every record: without a LIMIT anywhere the answer is known */
    if (!ex->any_limited) return false;
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

/* Upstream before downstream: a pump is flushed once every pump feeding it
 * has been, so the rows its windows release still reach the windows
 * downstream before those close (pumps feeding each other in a cycle go in
 * creation order). Within a pump, ops were built root first, so they are
 * walked backwards. The rows the flushes insert are held per stream until
 * every pump writing that stream is flushed, then go in by ROWTIME: two
 * pumps' last windows into one stream (a minute's and a 10 seconds')
 * arrive in time order, not pump by pump. only: the pumps to flush, NULL
 * for all. */
/* A min-heap of pump indexes: the ready pump flushed first is the one
 * created first. */
typedef struct Ready {
    int *v;
    int n;
} Ready;

static void ready_push(Ready *h, int x)
{
    int i = h->n++;
    for (; i > 0 && h->v[(i - 1) / 2] > x; i = (i - 1) / 2) h->v[i] = h->v[(i - 1) / 2];
    h->v[i] = x;
}

static int ready_pop(Ready *h)
{
    int top = h->v[0], x = h->v[--h->n], i = 0;
    for (;;) {
        int c = 2 * i + 1;
        if (c >= h->n) break;
        if (c + 1 < h->n && h->v[c + 1] < h->v[c]) c++;
        if (h->v[c] >= x) break;
        h->v[i] = h->v[c];
        i = c;
    }
    if (h->n) h->v[i] = x;
    return top;
}

static void flush_pumps(Exec *ex, const bool *only)
{
    const PlanApp *app = ex->app;
    int np = app->npumps, ns = ex->nstreams;
    bool *done = mem_calloc((size_t)(np ? np : 1), sizeof(bool));
    for (int i = 0; i < np && only; i++) done[i] = !only[i];
    PumpGraph g;
    graph_init(&g, ex, true);
    /* remaining[s]: the pumps not flushed yet writing s; pending[i]: for
     * each stream pump i reads, how many others of those write it */
    int *remaining = mem_calloc((size_t)(ns ? ns : 1), sizeof(int));
    int *pending = mem_calloc((size_t)(np ? np : 1), sizeof(int));
    for (int i = 0; i < np; i++)
        if (!done[i]) remaining[app->pumps[i]->target]++;
    for (int i = 0; i < np; i++) {
        const PlanPump *p = app->pumps[i];
        for (int k = 0; k < p->nsources; k++)
            pending[i] += remaining[p->sources[k]] - (!done[i] && p->target == p->sources[k]);
    }
    Ready ready = {mem_alloc(sizeof(int) * (size_t)(np + 1)), 0};
    for (int i = 0; i < np; i++)
        if (!done[i] && !pending[i]) ready_push(&ready, i);
    /* a stream with one writer gets its rows in order from that pump; only
     * several writers, or several outputs written together, need holding */
    int outputs = 0, nheld_streams = 0;
    for (int i = 0; i < ns; i++) outputs += ex->streams[i].sink && !ex->streams[i].nreaders;
    int *held_streams = mem_alloc(sizeof(int) * (size_t)(ns ? ns : 1));
    for (int i = 0; i < ns; i++) {
        ExStream *s = &ex->streams[i];
        s->hold_at_flush = s->multi_writer || (outputs > 1 && s->sink && !s->nreaders);
        if (s->hold_at_flush && s->nreaders) held_streams[nheld_streams++] = i;
    }
    ex->holding = true;
    /* upstream before downstream, each time the first created of the pumps
     * that wait on none; in a cycle, the first created of those left */
    for (int round = 0, low = 0; round < np; round++) {
        int pick = -1;
        while (ready.n && pick < 0) {
            int i = ready_pop(&ready);
            if (!done[i]) pick = i;
        }
        while (pick < 0 && low < np)
            if (!done[low++]) pick = low - 1;
        if (pick < 0) break;
        done[pick] = true;
        for (int k = g.ofirst[pick + 1] - 1; k >= g.ofirst[pick]; k--) {
            Op *op = ex->ops[g.ops[k]];
            if (op->flush) op->flush(op);
        }
        int t = app->pumps[pick]->target;
        remaining[t]--;
        for (int e = g.rfirst[t]; e < g.rfirst[t + 1]; e++) {
            int r = g.readers[e];
            if (r != pick && !done[r] && --pending[r] == 0) ready_push(&ready, r);
        }
        /* streams whose writers are all flushed now take their rows, which
         * reach the pumps downstream before those are flushed in turn */
        for (int k = 0; k < nheld_streams; k++) {
            int i = held_streams[k];
            if (ex->streams[i].nheld && !remaining[i]) exec_release_held(ex, i);
        }
    }
    /* streams nothing reads (the outputs) take theirs last, merged by
     * ROWTIME across streams, so what is written together is in time
     * order; so does what is left of pumps in a cycle */
    ex->holding = false;
    /* the end of input's own ticks are not passed on: every window is closed */
    for (int i = 0; i < ns; i++) ex->streams[i].tick_held = false;
    exec_release_all_held(ex);
    exec_release_tick_held(ex);   /* what the release held in turn; frees the held rows */
    mem_free(held_streams);
    mem_free(ready.v);
    mem_free(pending);
    mem_free(remaining);
    graph_free(&g);
    mem_free(done);
}

/* A pump over relations only (reference tables, VALUES, or streams that
 * such pumps fill) has all its rows once the application starts. Also
 * *rel_stream: which streams are relations (a table, VALUES, or written by
 * relational pumps only, at least one). */
static bool *relational_pumps(const Exec *ex, bool **rel_stream)
{
    const PlanApp *app = ex->app;
    int np = app->npumps, ns = ex->nstreams;
    bool *rel = mem_calloc((size_t)(np ? np : 1), sizeof(bool));
    bool *fed = mem_calloc((size_t)(ns ? ns : 1), sizeof(bool));   /* some relational pump writes it */
    int *missing = mem_calloc((size_t)(np ? np : 1), sizeof(int));  /* sources not known to be relations yet */
    int *queue = mem_alloc(sizeof(int) * (size_t)(np ? np : 1));
    int head = 0, tail = 0;
    PumpGraph g;
    graph_init(&g, ex, false);
    for (int i = 0; i < np; i++) {
        const PlanPump *p = app->pumps[i];
        for (int k = 0; k < p->nsources; k++) {
            const CatStream *s = app->cat.streams[p->sources[k]];
            missing[i] += !(s->table || s->nvalues > 0);
        }
        if (p->nsources > 0 && !missing[i]) rel[i] = true, queue[tail++] = i;
    }
    /* a stream becomes a relation with its first relational writer */
    while (head < tail) {
        int t = app->pumps[queue[head++]]->target;
        if (fed[t]) continue;
        fed[t] = true;
        const CatStream *ts = app->cat.streams[t];
        if (ts->table || ts->nvalues > 0) continue;   /* already counted as a relation */
        for (int e = g.rfirst[t]; e < g.rfirst[t + 1]; e++) {
            int r = g.readers[e];
            if (!rel[r] && --missing[r] == 0) rel[r] = true, queue[tail++] = r;
        }
    }
    bool *rs = mem_calloc((size_t)(ns ? ns : 1), sizeof(bool));
    for (int s = 0; s < ns; s++) {
        const CatStream *cs = app->cat.streams[s];
        rs[s] = cs->table || cs->nvalues > 0 || fed[s];
    }
    for (int i = 0; i < np; i++)   /* a stream that a non-relational pump also writes is not one */
        if (!rel[i] && !(app->cat.streams[app->pumps[i]->target]->table || app->cat.streams[app->pumps[i]->target]->nvalues > 0))
            rs[app->pumps[i]->target] = false;
    graph_free(&g);
    mem_free(queue);
    mem_free(missing);
    mem_free(fed);
    *rel_stream = rs;
    return rel;
}

/* Whether a plan node reads relations only: tables, VALUES, or streams
 * that only relational pumps fill. */
static bool node_relational(const PlanNode *n, const bool *rel_stream)
{
    if (n->kind == PN_SCAN) return rel_stream[n->stream];
    if (n->ninputs == 0) return false;
    for (int i = 0; i < n->ninputs; i++)
        if (!n->inputs[i] || !node_relational(n->inputs[i], rel_stream)) return false;
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
    bool *rel_stream;
    bool *rel = relational_pumps(ex, &rel_stream);
    flush_pumps(ex, rel);
    /* so are the relations inside other pumps (a join with an aggregate of
     * a table): their groups close now, before the first stream row meets
     * them. Ops were built root first, so they are walked backwards. */
    PumpGraph g;
    graph_init(&g, ex, true);
    for (int k = ex->nops - 1; k >= 0; k--) {
        Op *op = ex->ops[k];
        int pi = g.op_pump[k];
        if (op->flush && pi >= 0 && !rel[pi] && node_relational(op->node, rel_stream)) op->flush(op);
    }
    graph_free(&g);
    mem_free(rel);
    mem_free(rel_stream);
    ex->record = NULL;
    arena_free(&rec);
}
