/* The engine thread: it builds the application from the kept statements,
 * installs each build, and serves the main thread's requests one at a time
 * while rows keep flowing between them. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "parser/parse.h"
#include "planner/bind.h"
#include "src/runtime/clock.h"
#include "src/runtime/diag.h"
#include "src/runtime/mem.h"
#include "repl_int.h"

void repl_build_free(Build *b)
{
    if (!b) return;
    exec_free(b->ex);
    plan_app_free(&b->app);
    arena_free(&b->stmts);
    mem_free(b->src);
    mem_free(b->offs);
    mem_free(b->rate);
    mem_free(b->rate_rows);
    mem_free(b);
}

StatRow *repl_stat_for(Engine *e, const char *name)
{
    for (int i = 0; i < e->nstats; i++)
        if (strcmp(e->stats[i].name, name) == 0) return &e->stats[i];
    e->stats = mem_realloc(e->stats, sizeof *e->stats * (size_t)(e->nstats + 1));
    StatRow *s = &e->stats[e->nstats++];
    s->name = mem_strdup(name);
    s->rows = s->errors = 0;
    return s;
}

/* ---- diagnostics: shown against the text the user typed ---- */

/* g shown against text, its span moved to start at `at` (g's offset minus base). */
static void render_diag(const Diag *g, uint32_t base, uint32_t at, const char *file, const char *text, uint32_t len, FILE *out)
{
    DiagList view;
    memset(&view, 0, sizeof view);
    view.file = file;
    view.src = text;
    view.src_len = len;
    Diag c = *g;
    if (c.has_span) {
        uint32_t off = c.span.off - base + at;
        if (off > len) off = len;
        c.span.off = off;
        if (c.span.len > len - off) c.span.len = len - off;
    }
    diag_render_one(&view, &c, out);
}

/* Diagnostics of a statement parsed alone (spans relative to it). */
void repl_render_alone(const DiagList *d, const Origin *org, FILE *out)
{
    for (int i = 0; i < d->n; i++) render_diag(&d->items[i], 0, org->off, org->file, org->text, org->len, out);
}

/* Diagnostics of a build: those of statement `focus` against what was
 * typed, the others against the kept statement they fall in. */
static void render_build(const DiagList *d, const Build *b, const Kept *list, int n, const char *extra, int focus,
                         const Origin *org, FILE *out)
{
    diag_sort((DiagList *)d, 0);
    for (int i = 0; i < d->n; i++) {
        const Diag *g = &d->items[i];
        if (!g->has_span) {
            render_diag(g, 0, 0, org ? org->file : "(session)", NULL, 0, out);
            continue;
        }
        int k = 0;
        while (k + 1 < b->n && g->span.off >= b->offs[k + 1]) k++;
        if (k == focus && org) {
            render_diag(g, b->offs[k], org->off, org->file, org->text, org->len, out);
        } else {
            const char *t = k < n ? list[k].text : extra;
            char label[160];
            snprintf(label, sizeof label, "(session: %s)", k < n && list[k].name ? list[k].name : "statement");
            render_diag(g, b->offs[k], 0, label, t, (uint32_t)strlen(t), out);
        }
    }
}

static int feed_names(Engine *e, const char **names)
{
    int k = 0;
    for (int i = 0; i < e->nfeeds; i++) {
        bool dup = false;
        for (int j = 0; j < k; j++)
            if (strcmp(names[j], e->feeds[i]->stream) == 0) dup = true;
        if (!dup) names[k++] = e->feeds[i]->stream;
    }
    return k;
}

/* Parses and binds the statements list[0..n) (and `extra`, a query, last).
 * Errors are shown on msg (NULL: quietly); NULL when there were any. */
Build *repl_try_build(Engine *e, const Kept *list, int n, const char *extra, int focus, const Origin *org, FILE *msg)
{
    Build *b = mem_calloc(1, sizeof *b);
    int total = n + (extra ? 1 : 0);
    b->n = total;
    b->offs = mem_alloc(sizeof(uint32_t) * (size_t)(total + 1));
    Buf src = {0};
    for (int i = 0; i < total; i++) {
        b->offs[i] = (uint32_t)src.len;
        buf_puts(&src, i < n ? list[i].text : extra);
        buf_puts(&src, ";\n");
    }
    b->offs[total] = (uint32_t)src.len;
    buf_putc(&src, 0);
    b->src = src.p;
    b->len = (uint32_t)src.len - 1;
    arena_init(&b->stmts, 65536);
    plan_app_init(&b->app);
    DiagList d;
    diag_init(&d, "(session)", b->src, b->len);
    ParsedScript ps;
    parse_script(b->src, b->len, &b->stmts, &d, &ps);
    if (!d.errors) {
        const char *inputs[MAX_FEEDS];
        BindOptions bo = {.inputs = inputs, .ninputs = feed_names(e, inputs)};
        bind_app(&b->app, ps.stmts, ps.n, &bo, &d);
    }
    if (msg) render_build(&d, b, list, n, extra, focus, org, msg);
    bool ok = d.errors == 0;
    diag_free(&d);
    if (!ok) {
        repl_build_free(b);
        return NULL;
    }
    return b;
}

void repl_feeds_attach(Engine *e, bool rewind)
{
    for (int i = 0; i < e->nfeeds; i++) repl_feed_attach(e, e->feeds[i], rewind);
}

/* The rows of the application's VALUES relations enter (each build
 * starts empty, so they enter again after every change). */
void repl_start_values(Engine *e)
{
    e->cur->ex->now = clock_now_ms();
    exec_start(e->cur->ex);
}

/* The new build replaces the running one: its executor starts empty. */
void repl_install(Engine *e, Build *b)
{
    Build *old = e->cur;
    if (old) {
        for (int i = 0; i < old->ex->nstreams; i++)
            if (!old->app.cat.streams[i]->anonymous) repl_stat_for(e, old->app.cat.streams[i]->name)->rows += old->ex->streams[i].rows;
        repl_build_free(old);
    }
    e->live.on = false;
    e->cur = b;
    b->ex = exec_new(&b->app);
    exec_set_error_sink(b->ex, repl_on_error_row, e);
    int ns = b->app.cat.nstreams;
    b->rate = mem_calloc((size_t)ns + 1, sizeof(uint64_t));
    b->rate_rows = mem_calloc((size_t)ns + 1, sizeof(uint64_t));
    b->rate_at = clock_now_ms();
    repl_feeds_attach(e, true);
    /* names for tab completion */
    Buf nb = {0};
    for (int i = 0; i < ns; i++) {
        const CatStream *s = b->app.cat.streams[i];
        if (s->anonymous) continue;
        buf_puts(&nb, s->name);
        buf_putc(&nb, 0);
        for (int c = 0; c < s->schema.ncols; c++) {
            buf_puts(&nb, s->schema.cols[c].name);
            buf_putc(&nb, 0);
        }
    }
    for (int i = 0; i < b->app.npumps; i++) {
        buf_puts(&nb, b->app.pumps[i]->name);
        buf_putc(&nb, 0);
    }
    for (int i = 0; i < b->app.nfns; i++) {
        buf_puts(&nb, b->app.fns[i].name);
        buf_putc(&nb, 0);
    }
    pthread_mutex_lock(&e->mu);
    mem_free(e->names);
    e->names = nb.p;
    e->names_len = nb.len;
    pthread_mutex_unlock(&e->mu);
}

static void handle(Engine *e, Req *r)
{
    FILE *out = open_memstream(&r->out, &r->outlen);
    r->ok = true;
    switch (r->kind) {
    case RQ_INPUT: repl_do_input(e, r, out); break;
    case RQ_STOP_LIVE: repl_stop_live(e, out); break;
    case RQ_DEMO: r->ok = repl_do_demo(e, r->text, out); break;
    case RQ_FEED: r->ok = repl_do_feed(e, r, out); break;
    case RQ_STATS: repl_do_stats(e, out); break;
    case RQ_SAVE: r->ok = repl_do_save(e, r->text, out); break;
    case RQ_MODE: r->ok = repl_do_mode(e, r->text, out); break;
    case RQ_OUTPUT: r->ok = repl_set_output(e, r->text, out); break;
    }
    fclose(out);
}

void *repl_engine_main(void *arg)
{
    Engine *e = arg;
    for (;;) {
        pthread_mutex_lock(&e->mu);
        if (!e->req && !e->quit) {
            int64_t now = clock_now_ms();
            int64_t wait = repl_next_wake(e, now) - now;
            if (wait > 0) {
                struct timespec ts;
                clock_gettime(CLOCK_MONOTONIC, &ts);
                ts.tv_sec += wait / 1000;
                ts.tv_nsec += (long)(wait % 1000) * 1000000L;
                if (ts.tv_nsec >= 1000000000L) ts.tv_sec++, ts.tv_nsec -= 1000000000L;
                pthread_cond_timedwait(&e->cv, &e->mu, &ts);
            }
        }
        Req *r = e->req;
        bool quit = e->quit;
        pthread_mutex_unlock(&e->mu);
        if (r) {
            handle(e, r);
            pthread_mutex_lock(&e->mu);
            r->done = true;
            e->req = NULL;
            pthread_cond_broadcast(&e->cv);
            pthread_mutex_unlock(&e->mu);
        }
        if (quit) break;
        repl_work(e);
    }
    /* the session ends: everything the engine owns goes */
    while (e->nfeeds) repl_feed_remove(e, e->nfeeds - 1);
    repl_build_free(e->cur);
    e->cur = NULL;
    for (int i = 0; i < e->nkept; i++) repl_kept_free(&e->kept[i]);
    mem_free(e->kept);
    for (int i = 0; i < e->nstats; i++) mem_free(e->stats[i].name);
    mem_free(e->stats);
    if (e->live.writer_open) io_writer_free(&e->live.w);
    repl_set_output(e, NULL, NULL);
    arena_free(&e->tick_arena);
    out_flush(&e->out);
    out_free(&e->out);
    return NULL;
}

/* From the main thread: hand a request over and wait for its reply. */
void repl_call(Engine *e, Req *r)
{
    fflush(stdout);
    pthread_mutex_lock(&e->mu);
    while (e->req) pthread_cond_wait(&e->cv, &e->mu);
    r->done = false;
    e->req = r;
    pthread_cond_broadcast(&e->cv);
    while (!r->done) pthread_cond_wait(&e->cv, &e->mu);
    pthread_mutex_unlock(&e->mu);
}
