/* The scale-out check: which columns of each stream still hold the value
 * the topic is partitioned by (copied through projections, unions, joins
 * and the keys of groups), and which operators combine rows without
 * such a column among their keys. */
#include <string.h>

#include "scaleout.h"
#include "src/runtime/mem.h"

/* What is known of the rows of a stream or a node's output. */
typedef struct Rows {
    bool partitioned;        /* split between the processes */
    bool *key;               /* per column: its value decides the partition */
    int ncols;
} Rows;

typedef struct Ctx {
    const PlanApp *app;
    Rows *streams;
    bool *fed;               /* a stream's Rows are known */
    DiagList *d;
    const PlanPump *pump;
    int findings;
    bool report;             /* the last pass: say what is found */
} Ctx;

static Rows rows_new(int ncols)
{
    Rows r = {.ncols = ncols, .key = mem_calloc((size_t)(ncols ? ncols : 1), sizeof(bool))};
    return r;
}

/* A column of input `input` that holds a partition key. */
static bool key_expr(const Expr *e, int input, const Rows *in)
{
    return e && e->kind == EX_COLUMN && e->input == input && e->col >= 0 && e->col < in->ncols && in->key[e->col];
}

static void finding(Ctx *c, Span at, const char *what)
{
    c->findings++;
    if (!c->report) return;
    diag_warning(c->d, at, "scale-out: %s in %s \"%s\" combines rows of several Kafka partitions (none of its keys is "
                           "the partition key or a copy of it): N processes of one group would each give partial results",
                 what, strcmp(c->pump->name, "SELECT STREAM") ? "pump" : "query", c->pump->name);
}

static Rows node(Ctx *c, const PlanNode *n);

static Rows through(Ctx *c, const PlanNode *n)
{
    Rows in = node(c, n->inputs[0]);
    if (in.ncols == n->out.ncols) return in;
    Rows r = rows_new(n->out.ncols);
    r.partitioned = in.partitioned;
    for (int i = 0; i < r.ncols && i < in.ncols; i++) r.key[i] = in.key[i];
    mem_free(in.key);
    return r;
}

static Rows node(Ctx *c, const PlanNode *n)
{
    Rows r = rows_new(n->out.ncols);
    switch (n->kind) {
    case PN_SCAN: {
        const Rows *s = n->stream >= 0 && n->stream < c->app->cat.nstreams ? &c->streams[n->stream] : NULL;
        if (s) {
            r.partitioned = s->partitioned;
            for (int i = 0; i < r.ncols && i < s->ncols; i++) r.key[i] = s->key[i];
        }
        return r;
    }
    case PN_FILTER:
    case PN_INSERT:
        mem_free(r.key);
        return through(c, n);
    case PN_PROJECT: {
        Rows in = node(c, n->inputs[0]);
        r.partitioned = in.partitioned;
        for (int j = 0; j < r.ncols && j < n->nexprs; j++) r.key[j] = key_expr(n->exprs[j], 0, &in);
        if (n->distinct && in.partitioned) {
            bool keyed = false;
            for (int i = 0; i < n->ndistinct; i++) keyed = keyed || key_expr(n->distinct_keys[i], 0, &in);
            if (!keyed) finding(c, n->span, "SELECT DISTINCT");
        }
        mem_free(in.key);
        return r;
    }
    case PN_UNION:
        for (int j = 0; j < r.ncols; j++) r.key[j] = true;
        for (int k = 0; k < n->ninputs; k++) {
            Rows in = node(c, n->inputs[k]);
            r.partitioned = r.partitioned || in.partitioned;
            for (int j = 0; j < r.ncols; j++) r.key[j] = r.key[j] && j < in.ncols && in.key[j];
            mem_free(in.key);
        }
        return r;
    case PN_SETOP: {
        Rows a = node(c, n->inputs[0]), b = node(c, n->inputs[1]);
        bool keyed = false;
        for (int j = 0; j < a.ncols && j < b.ncols; j++) keyed = keyed || (a.key[j] && b.key[j]);
        if ((a.partitioned || b.partitioned) && !keyed) finding(c, n->span, n->except ? "EXCEPT" : "INTERSECT");
        r.partitioned = a.partitioned;
        for (int j = 0; j < r.ncols && j < a.ncols; j++) r.key[j] = a.key[j];
        mem_free(a.key);
        mem_free(b.key);
        return r;
    }
    case PN_AGGREGATE: {
        Rows in = node(c, n->inputs[0]);
        bool keyed = false;
        for (int i = 0; i < n->nkeys; i++) {
            bool k = key_expr(n->keys[i], 0, &in);
            keyed = keyed || k;
            if (i < r.ncols) r.key[i] = k;
        }
        if (in.partitioned && !keyed) finding(c, n->span, n->stagger ? "the stagger window's GROUP BY" : "GROUP BY");
        r.partitioned = in.partitioned;
        mem_free(in.key);
        return r;
    }
    case PN_WINDOW: {
        Rows in = node(c, n->inputs[0]);
        for (int w = 0; w < n->nwindows; w++) {
            const PlanWindow *pw = &n->windows[w];
            bool keyed = false;
            for (int i = 0; i < pw->npartition; i++) keyed = keyed || key_expr(pw->partition[i], 0, &in);
            if (in.partitioned && !keyed) finding(c, pw->span, pw->npartition ? "the window's PARTITION BY" : "a window without PARTITION BY");
        }
        r.partitioned = in.partitioned;
        for (int i = 0; i < r.ncols && i < in.ncols; i++) r.key[i] = in.key[i];
        mem_free(in.key);
        return r;
    }
    case PN_SORT: {
        /* a sort orders rows, it does not combine them: the rows are the same, in each process's order */
        Rows in = node(c, n->inputs[0]);
        r.partitioned = in.partitioned;
        for (int j = 0; j < r.ncols && j < n->nemit; j++) r.key[j] = n->emit_cols[j] < in.ncols && in.key[n->emit_cols[j]];
        mem_free(in.key);
        return r;
    }
    case PN_JOIN: {
        Rows a = node(c, n->inputs[0]);
        Rows b = n->ninputs == 2 ? node(c, n->inputs[1]) : rows_new(0);
        if (a.partitioned && b.partitioned) {
            bool keyed = false;
            for (int i = 0; i < n->nkeys; i++) keyed = keyed || (key_expr(n->keys[i], 0, &a) && key_expr(n->build_keys[i], 1, &b));
            if (!keyed) finding(c, n->span, "the stream join");
        }
        r.partitioned = a.partitioned || b.partitioned;
        for (int j = 0; j < a.ncols && j < r.ncols; j++) r.key[j] = a.key[j];
        for (int j = 0; j < b.ncols && a.ncols + j < r.ncols; j++) r.key[a.ncols + j] = b.key[j];
        mem_free(a.key);
        mem_free(b.key);
        return r;
    }
    case PN_TABLEFN: {
        Rows in = node(c, n->inputs[0]);
        if (in.partitioned)
            finding(c, n->span, n->tf_rcf ? "RANDOM_CUT_FOREST (one model over all rows)" : n->tf_hotspots ? "HOTSPOTS"
                                : n->tf_group_rank ? "GROUP_RANK" : "TOP_K_ITEMS_TUMBLING / COUNT_DISTINCT_ITEMS_TUMBLING");
        r.partitioned = in.partitioned;
        mem_free(in.key);
        return r;
    }
    }
    return r;
}

int plan_scaleout_check(const PlanApp *app, const ScaleInput *in, int n, DiagList *d)
{
    int ns = app->cat.nstreams;
    Ctx c = {.app = app, .d = d};
    c.streams = mem_calloc((size_t)(ns ? ns : 1), sizeof(Rows));
    c.fed = mem_calloc((size_t)(ns ? ns : 1), sizeof(bool));
    for (int s = 0; s < ns; s++) c.streams[s] = rows_new(app->cat.streams[s]->schema.ncols);
    for (int i = 0; i < n; i++) {
        Rows *r = &c.streams[in[i].stream];
        r->partitioned = in[i].partitioned;
        for (int k = 0; k < in[i].nkey_cols; k++)
            if (in[i].key_cols[k] >= 0 && in[i].key_cols[k] < r->ncols) r->key[in[i].key_cols[k]] = true;
    }
    /* pumps feed streams other pumps read: until nothing changes, then once more to report */
    for (int pass = 0; pass <= app->npumps + 1; pass++) {
        bool changed = false;
        c.findings = 0;
        c.report = pass == app->npumps + 1;
        for (int s = 0; s < ns; s++) c.fed[s] = false;
        Rows *next = mem_calloc((size_t)(ns ? ns : 1), sizeof(Rows));
        for (int p = 0; p < app->npumps; p++) {
            c.pump = app->pumps[p];
            int t = c.pump->target;
            Rows r = node(&c, c.pump->root);
            if (!c.fed[t]) {
                next[t] = r;
                c.fed[t] = true;
                continue;
            }
            /* several pumps into one stream: a column is a key only if it is one in every pump's rows */
            next[t].partitioned = next[t].partitioned || r.partitioned;
            for (int j = 0; j < next[t].ncols; j++) next[t].key[j] = next[t].key[j] && j < r.ncols && r.key[j];
            mem_free(r.key);
        }
        for (int s = 0; s < ns; s++) {
            if (!c.fed[s]) continue;
            Rows *old = &c.streams[s];
            changed = changed || old->partitioned != next[s].partitioned;
            for (int j = 0; j < old->ncols && j < next[s].ncols; j++) changed = changed || old->key[j] != next[s].key[j];
            mem_free(old->key);
            *old = next[s];
            if (old->ncols < app->cat.streams[s]->schema.ncols) {
                Rows wide = rows_new(app->cat.streams[s]->schema.ncols);
                wide.partitioned = old->partitioned;
                for (int j = 0; j < old->ncols; j++) wide.key[j] = old->key[j];
                mem_free(old->key);
                *old = wide;
            }
        }
        mem_free(next);
        if (!changed && !c.report) pass = app->npumps;   /* settled: the next pass reports */
    }
    for (int s = 0; s < ns; s++) mem_free(c.streams[s].key);
    mem_free(c.streams);
    mem_free(c.fed);
    return c.findings;
}
