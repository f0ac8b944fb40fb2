/* The backslash commands: read on the main thread (repl_meta), those
 * that touch the application carried out on the engine thread. */
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

/* ---- on the engine thread ---- */

void repl_do_demo(Engine *e, const char *arg, FILE *out)
{
    double rate = 10;
    bool off = false;
    if (arg && *arg) {
        char *end;
        if (!strcasecmp(arg, "off") || !strcasecmp(arg, "stop")) off = true;
        else if ((rate = strtod(arg, &end)) < 0 || *end || end == arg || rate > 1e6) {
            fprintf(out, "usage: \\demo [ROWS_PER_SECOND | off]\n");
            return;
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
            return;
        }
    if (off) {
        fprintf(out, "the demo is not running\n");
        return;
    }
    if (e->nfeeds == MAX_FEEDS) {
        fprintf(out, "error: too many feeds\n");
        return;
    }
    const CatStream *s = e->cur ? cat_find_stream(&e->cur->app.cat, DEMO_STREAM, true) : NULL;
    if (s) {
        for (int k = 0; k < e->cur->app.npumps; k++)
            if (e->cur->app.pumps[k]->target == s->id) {
                fprintf(out, "error: %s is written by pump %s, so the demo cannot feed it\n", DEMO_STREAM, e->cur->app.pumps[k]->name);
                return;
            }
    }
    Feed *f = repl_feed_new(e, DEMO_STREAM);
    f->demo = true;
    f->rate = rate;
    ticker_init(&f->ticker, 0x9E3779B97F4A7C15ULL ^ (uint64_t)clock_now_ms());
    f->next_due = (double)clock_now_ms();
    if (!s) {
        Origin org = {"\\demo", DEMO_DDL, (uint32_t)strlen(DEMO_DDL), 0};
        Kept k = {mem_strdup(DEMO_DDL), ST_CREATE_STREAM, mem_strdup(DEMO_STREAM), true};
        if (!repl_add_statement(e, k, false, &org, out)) {
            repl_kept_free(&k);
            repl_feed_remove(e, e->nfeeds - 1);
            return;
        }
        fprintf(out, "%s;\n", DEMO_DDL);
    } else {
        repl_feeds_attach(e);
    }
    fprintf(out, "demo: %g rows/s into %s (\\demo off stops it)\n", rate, DEMO_STREAM);
}

void repl_do_feed(Engine *e, const char *stream, const char *path, FILE *out)
{
    if (!stream) {
        int n = 0;
        for (int i = 0; i < e->nfeeds; i++) {
            Feed *f = e->feeds[i];
            if (f->demo) fprintf(out, "\\demo %g rows/s -> %s: %llu records\n", f->rate, f->stream, (unsigned long long)f->records);
            else fprintf(out, "\\input %s -> %s: %llu records%s\n", f->path, f->stream, (unsigned long long)f->records,
                         f->at_eof ? ", following" : "");
            n++;
        }
        if (!n) fprintf(out, "no feeds: \\demo [rate] or \\input STREAM FILE\n");
        return;
    }
    const char *sp = stream;
    char name[256];
    bool quoted;
    if (!repl_next_word(&sp, name, sizeof name, &quoted)) return;
    if (!strcmp(path, "off") || !strcmp(path, "stop")) {
        for (int i = 0; i < e->nfeeds; i++)
            if (!e->feeds[i]->demo && repl_name_is(e->feeds[i]->stream, name, quoted)) {
                fprintf(out, "stopped \\input %s -> %s\n", e->feeds[i]->path, e->feeds[i]->stream);
                repl_feed_remove(e, i--);
            }
        return;
    }
    if (e->nfeeds == MAX_FEEDS) {
        fprintf(out, "error: too many feeds\n");
        return;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(out, "error: cannot open %s: %s\n", path, strerror(errno));
        return;
    }
    const CatStream *s = e->cur ? cat_find_stream(&e->cur->app.cat, name, quoted) : NULL;
    if (s && s->anonymous) s = NULL;
    if (s) {
        for (int k = 0; k < e->cur->app.npumps; k++)
            if (e->cur->app.pumps[k]->target == s->id) {
                fprintf(out, "error: %s is written by pump %s, so a file cannot feed it\n", s->name, e->cur->app.pumps[k]->name);
                close(fd);
                return;
            }
    }
    Feed *f = repl_feed_new(e, s ? s->name : name);
    f->path = mem_strdup(path);
    f->fd = fd;
    if (!s) {
        /* undeclared: its columns come from the file's first records, as in eddy run */
        char buf[65536];
        ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
        size_t len = n > 0 ? (size_t)n : 0;
        while (len && buf[len - 1] != '\n' && (size_t)n == sizeof buf - 1) len--;
        if (len && buf[len - 1] != '\n') buf[len++] = '\n';
        Arena a;
        arena_init(&a, 16384);
        Schema sch;
        int nrec = io_discover_schema(buf, len, &sch, &a);
        if (nrec == 0 || sch.ncols == 0) {
            fprintf(out, "error: \"%s\" is not declared and %s has no records to take its columns from: CREATE STREAM it first\n", name, path);
            arena_free(&a);
            repl_feed_remove(e, e->nfeeds - 1);
            return;
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
        Origin org = {"\\input", ddl.p, (uint32_t)ddl.len - 1, 0};
        Kept k = {mem_strdup(ddl.p), ST_CREATE_STREAM, mem_strdup(name), true};
        bool ok = repl_add_statement(e, k, false, &org, out);
        if (ok) fprintf(out, "%s;\n", ddl.p);
        else repl_kept_free(&k);
        buf_free(&ddl);
        if (!ok) {
            repl_feed_remove(e, e->nfeeds - 1);
            return;
        }
    } else {
        repl_feeds_attach(e);
    }
    fprintf(out, "feeding %s from %s (following it as it grows; \\input %s off stops it)\n", f->stream, path, f->stream);
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

void repl_do_save(Engine *e, const char *path, FILE *out)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(out, "error: cannot write %s: %s\n", path, strerror(errno));
        return;
    }
    fprintf(f, "-- saved by the eddy REPL\n");
    for (int i = 0; i < e->nkept; i++) fprintf(f, "\n%s;\n", e->kept[i].text);
    if (fclose(f) != 0) fprintf(out, "error: writing %s: %s\n", path, strerror(errno));
    else fprintf(out, "saved %d statement%s to %s\n", e->nkept, e->nkept == 1 ? "" : "s", path);
}

void repl_do_mode(Engine *e, const char *arg, FILE *out)
{
    if (arg && !strcmp(arg, "ndjson")) e->mode = MODE_NDJSON;
    else if (arg && !strcmp(arg, "table")) e->mode = MODE_TABLE;
    else if (arg && !strcmp(arg, "csv")) e->mode = MODE_CSV;
    else
        fprintf(out, "usage: \\mode table|ndjson|csv (now %s)\n",
                e->mode == MODE_NDJSON ? "ndjson" : e->mode == MODE_CSV ? "csv" : "table");
}

/* ---- on the main thread ---- */

static const char *const help_text =
    "Type SQL statements ending with ';'. CREATE STREAM, CREATE PUMP and CREATE FUNCTION\n"
    "are kept in the session and take effect at once; pumps run while you type.\n"
    "Each change rebuilds the running application: rows in open windows are lost then.\n"
    "\n"
    "  SELECT STREAM ...;       show its rows live until Ctrl-C (the application keeps running)\n"
    "  SHOW STREAMS | SHOW PUMPS | SHOW FUNCTIONS | SHOW GRAPH\n"
    "  DESCRIBE name            columns of a stream; text of a pump or function\n"
    "  EXPLAIN pump | query     the plan\n"
    "  DROP STREAM|PUMP|FUNCTION name\n"
    "  INSERT INTO s VALUES (...), ...;   rows into s now, as if they had arrived\n"
    "\n"
    "  \\demo [RATE | off]       stock ticker into SOURCE_SQL_STREAM_001 (TICKER_SYMBOL, SECTOR,\n"
    "                           CHANGE, PRICE), RATE rows/s (default 10); declared if needed\n"
    "  \\input STREAM FILE       feed STREAM from an NDJSON file, following it as it grows\n"
    "                           (an undeclared STREAM takes its columns from the file)\n"
    "  \\input STREAM off        stop it;  \\input  lists the feeds\n"
    "  \\mode table|ndjson|csv   how live rows are shown\n"
    "  \\stats                   rows and errors per stream, rows/s, state size\n"
    "  \\timing                  show how long each command takes\n"
    "  \\save FILE               write the session's statements as a .sql file\n"
    "  \\i FILE                  run a .sql file's statements into the session\n"
    "  \\help                    this text;  \\q or Ctrl-D quits\n"
    "\n"
    "Error rows (bad input, runtime errors) print one line each before the next prompt.\n";

static char *read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    Buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, n);
    fclose(f);
    buf_putc(&b, 0);
    *len = b.len - 1;
    return b.p;
}

void repl_run_file(Repl *rp, const char *path)
{
    size_t len;
    char *text = read_whole(path, &len);
    if (!text) {
        printf("error: cannot read %s: %s\n", path, strerror(errno));
        return;
    }
    if (strlen(text) != len) printf("%s: error: the SQL text contains a NUL byte\n", path);
    else repl_submit(rp, text, len, path);
    mem_free(text);
}

/* \command args: the meta-commands. */
void repl_meta(Repl *rp, char *line)
{
    char *save;
    char *cmd = strtok_r(line, " \t", &save);
    char *a1 = strtok_r(NULL, " \t", &save);
    char *a2 = strtok_r(NULL, " \t", &save);
    double t0 = repl_mono_ms();
    Req r = {0};
    if (!strcmp(cmd, "\\q") || !strcmp(cmd, "\\quit") || !strcmp(cmd, "\\exit")) {
        rp->quit = true;
        return;
    } else if (!strcmp(cmd, "\\help") || !strcmp(cmd, "\\h") || !strcmp(cmd, "\\?")) {
        fputs(help_text, stdout);
        return;
    } else if (!strcmp(cmd, "\\timing")) {
        if (a1 && !strcasecmp(a1, "on")) rp->timing = true;
        else if (a1 && !strcasecmp(a1, "off")) rp->timing = false;
        else rp->timing = !rp->timing;
        printf("Timing is %s.\n", rp->timing ? "on" : "off");
        return;
    } else if (!strcmp(cmd, "\\i") || !strcmp(cmd, "\\include")) {
        if (!a1) printf("usage: \\i FILE\n");
        else repl_run_file(rp, a1);
        return;
    } else if (!strcmp(cmd, "\\demo")) {
        r.kind = RQ_DEMO;
        r.text = a1;
    } else if (!strcmp(cmd, "\\input")) {
        if (a1 && !a2) {
            printf("usage: \\input STREAM FILE\n");
            return;
        }
        r.kind = RQ_FEED;
        r.text = a1;
        r.file = a2;
    } else if (!strcmp(cmd, "\\stats")) {
        r.kind = RQ_STATS;
    } else if (!strcmp(cmd, "\\save")) {
        if (!a1) {
            printf("usage: \\save FILE\n");
            return;
        }
        r.kind = RQ_SAVE;
        r.text = a1;
    } else if (!strcmp(cmd, "\\mode")) {
        r.kind = RQ_MODE;
        r.text = a1;
    } else {
        printf("unknown command %s: \\help lists them\n", cmd);
        return;
    }
    repl_call(rp->e, &r);
    repl_reply(&r);
    if (rp->timing) printf("Time: %.3f ms\n", repl_mono_ms() - t0);
}
