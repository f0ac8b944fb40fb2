/* The backslash commands carried out on the engine thread, where the
 * application lives: \demo and \input (the feeds), \stats, \save, \mode.
 * Each returns false when it failed, so a script's exit status says so. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "src/runtime/clock.h"
#include "src/runtime/mem.h"
#include "repl_int.h"

#define DEMO_STREAM "SOURCE_SQL_STREAM_001"
#define DEMO_DDL "CREATE STREAM \"SOURCE_SQL_STREAM_001\" (\n    TICKER_SYMBOL VARCHAR(4),\n    SECTOR VARCHAR(16),\n    CHANGE REAL,\n    PRICE REAL)"

/* The pump that writes stream s, which then no feed may also write. */
static const PlanPump *writer_of(Engine *e, const CatStream *s)
{
    for (int k = 0; s && k < e->cur->app.npumps; k++)
        if (e->cur->app.pumps[k]->target == s->id) return e->cur->app.pumps[k];
    return NULL;
}

/* A stream a feed creates: kept like a CREATE STREAM typed, and shown. */
static bool declare(Engine *e, const char *name, const char *ddl, const char *origin, FILE *out)
{
    Origin org = {origin, ddl, (uint32_t)strlen(ddl), 0};
    Kept k = {mem_strdup(ddl), ST_CREATE_STREAM, mem_strdup(name), true};
    if (!repl_add_statement(e, k, false, &org, out)) {
        repl_kept_free(&k);
        return false;
    }
    fprintf(out, "%s;\n", ddl);
    return true;
}

bool repl_do_demo(Engine *e, const char *arg, FILE *out)
{
    double rate = 10;
    bool off = false;
    if (arg && *arg) {
        char *end;
        if (!strcasecmp(arg, "off") || !strcasecmp(arg, "stop")) off = true;
        else if ((rate = strtod(arg, &end)) < 0 || *end || end == arg || rate > 1e6) {
            fprintf(out, "usage: \\demo [ROWS_PER_SECOND | off]\n");
            return false;
        }
        if (rate == 0) off = true;
    }
    for (int i = 0; i < e->nfeeds; i++)
        if (e->feeds[i]->demo) {
            if (off) {
                repl_feed_remove(e, i);
                fprintf(out, "demo stopped\n");
            } else {
                e->feeds[i]->rate = rate;
                fprintf(out, "demo: %g rows/s into %s\n", rate, e->feeds[i]->stream);
            }
            return true;
        }
    if (off) {
        fprintf(out, "the demo is not running\n");
        return true;
    }
    if (e->nfeeds == MAX_FEEDS) {
        fprintf(out, "error: too many feeds\n");
        return false;
    }
    const CatStream *s = e->cur ? cat_find_stream(&e->cur->app.cat, DEMO_STREAM, true) : NULL;
    const PlanPump *w = s ? writer_of(e, s) : NULL;
    if (w) {
        fprintf(out, "error: %s is written by pump %s, so the demo cannot feed it\n", DEMO_STREAM, w->name);
        return false;
    }
    Feed *f = repl_feed_new(e, DEMO_STREAM);
    f->demo = true;
    f->rate = rate;
    ticker_init(&f->ticker, 0x9E3779B97F4A7C15ULL ^ (uint64_t)clock_now_ms());
    f->next_due = (double)clock_now_ms();
    if (!s && !declare(e, DEMO_STREAM, DEMO_DDL, "\\demo", out)) {
        repl_feed_remove(e, e->nfeeds - 1);
        return false;
    }
    if (s) repl_feed_attach(e, f, false);
    fprintf(out, "demo: %g rows/s into %s (\\demo off stops it)\n", rate, DEMO_STREAM);
    return true;
}

static const char *format_name(int f) { return f == FEED_CSV ? "CSV" : f == FEED_LINES ? "lines" : "NDJSON"; }

static void list_feeds(Engine *e, FILE *out)
{
    int n = 0;
    for (int i = 0; i < e->nfeeds; i++) {
        Feed *f = e->feeds[i];
        if (f->demo) fprintf(out, "\\demo %g rows/s -> %s: %llu records\n", f->rate, f->stream, (unsigned long long)f->records);
        else fprintf(out, "\\input %s -> %s (%s): %llu records%s\n", f->path, f->stream, format_name(f->fmt.format),
                     (unsigned long long)f->records, f->at_eof ? ", following" : "");
        n++;
    }
    if (!n) fprintf(out, "no feeds: \\demo [rate] or \\input STREAM FILE\n");
}

/* The CREATE STREAM for an undeclared stream, its columns taken from the file. */
static bool declare_from_file(Engine *e, Feed *f, const char *name, FILE *out)
{
    Arena a;
    arena_init(&a, 16384);
    Schema sch;
    if (!repl_feed_discover(f, &sch, &a)) {
        fprintf(out, "error: \"%s\" is not declared and %s has no records to take its columns from: CREATE STREAM it first\n",
                name, f->path);
        arena_free(&a);
        return false;
    }
    Buf ddl = {0};
    buf_puts(&ddl, "CREATE STREAM \"");
    buf_puts(&ddl, name);
    buf_puts(&ddl, "\" (");
    for (int i = 0; i < sch.ncols; i++) {
        char tn[64];
        buf_puts(&ddl, i ? ",\n    \"" : "\n    \"");
        buf_puts(&ddl, sch.cols[i].name);
        buf_puts(&ddl, "\" ");
        buf_puts(&ddl, type_name(sch.cols[i].type, tn, sizeof tn));
    }
    buf_puts(&ddl, ")");
    buf_putc(&ddl, 0);
    arena_free(&a);
    bool ok = declare(e, name, ddl.p, "\\input", out);
    buf_free(&ddl);
    return ok;
}

/* A file's format: as \input said, else as eddy repl said, else by its
 * name (.csv: CSV with a header line, as --table reads it; else NDJSON). */
static FeedFormat format_for(const Engine *e, const Req *r)
{
    if (r->fmt.given) return r->fmt;
    if (e->fmt.given) return e->fmt;
    FeedFormat f = e->fmt;
    size_t n = strlen(r->file);
    if (n > 4 && !strcasecmp(r->file + n - 4, ".csv")) f.format = FEED_CSV, f.header = true;
    return f;
}

bool repl_do_feed(Engine *e, const Req *r, FILE *out)
{
    if (!r->text) {
        list_feeds(e, out);
        return true;
    }
    const char *sp = r->text, *path = r->file;
    char name[256];
    bool quoted;
    if (!repl_next_word(&sp, name, sizeof name, &quoted)) return false;
    if (!strcmp(path, "off") || !strcmp(path, "stop")) {
        for (int i = 0; i < e->nfeeds; i++)
            if (!e->feeds[i]->demo && repl_name_is(e->feeds[i]->stream, name, quoted)) {
                fprintf(out, "stopped \\input %s -> %s\n", e->feeds[i]->path, e->feeds[i]->stream);
                repl_feed_remove(e, i--);
            }
        return true;
    }
    if (e->nfeeds == MAX_FEEDS) {
        fprintf(out, "error: too many feeds\n");
        return false;
    }
    const CatStream *s = e->cur ? cat_find_stream(&e->cur->app.cat, name, quoted) : NULL;
    if (s && s->anonymous) s = NULL;
    const PlanPump *w = s ? writer_of(e, s) : NULL;
    if (w) {
        fprintf(out, "error: %s is written by pump %s, so a file cannot feed it\n", s->name, w->name);
        return false;
    }
    FeedFormat fmt = format_for(e, r);
    if (s && fmt.format == FEED_LINES && s->schema.ncols != 1) {
        fprintf(out, "error: lines feed one column, but stream \"%s\" has %d: declare it with a single VARCHAR column\n",
                s->name, s->schema.ncols);
        return false;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        fprintf(out, "error: cannot open %s: %s\n", path, strerror(errno));
        return false;
    }
    Feed *f = repl_feed_new(e, s ? s->name : name);
    f->path = mem_strdup(path);
    f->fd = fd;
    f->fmt = fmt;
    if (!s && !declare_from_file(e, f, name, out)) {
        repl_feed_remove(e, e->nfeeds - 1);
        return false;
    }
    if (s) repl_feed_attach(e, f, false);
    fprintf(out, "feeding %s from %s (%s%s): every change reads it again from its start, then follows it as it grows; "
                 "\\input %s off stops it\n",
            f->stream, path, format_name(fmt.format), fmt.format == FEED_CSV && fmt.header ? " with a header" : "",
            f->stream);
    return true;
}

void repl_do_stats(Engine *e, FILE *out)
{
    if (!e->cur) {
        fprintf(out, "no application yet\n");
        return;
    }
    Exec *ex = e->cur->ex;
    Build *b = e->cur;
    int64_t now = clock_now_ms();
    /* a build younger than a second has no full second to count yet */
    bool young = !b->rate_full && now - b->rate_at >= 100;
    fprintf(out, "%-32s %12s %9s %9s\n", "STREAM", "ROWS", "ROWS/S", "ERRORS");
    for (int i = 0; i < ex->nstreams; i++) {
        const CatStream *s = e->cur->app.cat.streams[i];
        if (s->anonymous && !(e->live.on && e->live.stream == i)) continue;
        StatRow *st = repl_stat_for(e, s->name);
        fprintf(out, "%-32s %12llu %9llu %9llu\n", s->name, (unsigned long long)(st->rows + ex->streams[i].rows),
                (unsigned long long)(young ? (ex->streams[i].rows - b->rate_rows[i]) * 1000 / (uint64_t)(now - b->rate_at) : b->rate[i]),
                (unsigned long long)st->errors);
    }
    uint64_t errors = 0;
    for (int i = 0; i < e->nstats; i++) errors += e->stats[i].errors;
    fprintf(out, "records read: %llu; error rows: %llu; operator state: %zu KB\n", (unsigned long long)e->records_in,
            (unsigned long long)errors, arena_capacity(&ex->state) / 1024);
}

bool repl_do_save(Engine *e, const char *path, FILE *out)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(out, "error: cannot write %s: %s\n", path, strerror(errno));
        return false;
    }
    fprintf(f, "-- saved by the eddy REPL\n");
    for (int i = 0; i < e->nkept; i++) fprintf(f, "\n%s;\n", e->kept[i].text);
    if (fclose(f) != 0) {
        fprintf(out, "error: writing %s: %s\n", path, strerror(errno));
        return false;
    }
    fprintf(out, "saved %d statement%s to %s\n", e->nkept, e->nkept == 1 ? "" : "s", path);
    return true;
}

/* As psql's \pset format says it: "Output format is csv." */
bool repl_do_mode(Engine *e, const char *arg, FILE *out)
{
    static const char *const names[] = {"table", "ndjson", "csv"};
    for (int m = 0; arg && m < 3; m++)
        if (!strcasecmp(arg, names[m]) || (m == MODE_NDJSON && !strcasecmp(arg, "json"))) {
            e->mode = m;
            fprintf(out, "Output format is %s.\n", names[m]);
            return true;
        }
    if (arg) fprintf(out, "unknown format \"%s\": ", arg);
    fprintf(out, "usage: \\mode table|ndjson|csv (now %s)\n", names[e->mode]);
    return !arg;
}
