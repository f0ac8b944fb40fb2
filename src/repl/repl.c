/* The interactive REPL. Two threads: the main thread reads lines with
 * libedit and prints replies; the engine thread owns everything of the
 * running application (statements, plan, executor, feeds, live output)
 * and serves one request at a time, handed over under a mutex, while rows
 * keep flowing between requests. Nothing of the engine is touched by the
 * main thread, so the executor and the parser's global tables never see
 * two threads. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <math.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "executor/exec.h"
#include "functions/regex.h"
#include "parser/parse.h"
#include "planner/bind.h"
#include "src/runtime/clock.h"
#include "src/runtime/convert.h"
#include "src/runtime/diag.h"
#include "src/io/io.h"
#include "src/runtime/mem.h"
#include "repl.h"
#include "src/io/ticker.h"
#include "src/runtime/rowtype.h"
#include "src/runtime/timeutil.h"

#define DEMO_STREAM "SOURCE_SQL_STREAM_001"
#define DEMO_DDL "CREATE STREAM \"SOURCE_SQL_STREAM_001\" (\n    TICKER_SYMBOL VARCHAR(4),\n    SECTOR VARCHAR(16),\n    CHANGE REAL,\n    PRICE REAL)"
#define MAX_FEEDS 16
#define MAX_QUEUED_ERRORS 10

/* ================================================================
 * SQL text: statements end at a ';' outside strings, quoted names
 * and comments.
 * ================================================================ */

typedef struct Piece {
    uint32_t off, len;
} Piece;

/* Splits text into statements (trimmed of blanks and comments around
 * them, without the ';'). *complete: the text ends after a ';' (only
 * blanks and comments follow), so nothing is left half-typed. */
static int split_sql(const char *s, uint32_t n, Piece **out, bool *complete)
{
    Piece *v = NULL;
    int np = 0, cap = 0;
    uint32_t i = 0, first = 0, last = 0;
    bool sig = false, open = false;    /* sig: something since the last ';' */
    while (i < n) {
        char c = s[i];
        if (c == '\'' || c == '"') {
            if (!sig) first = i;
            sig = true;
            i++;
            while (i < n && s[i] != c) i++;
            if (i >= n) open = true;
            else i++;
            last = i;
        } else if (i + 1 < n && c == '-' && s[i + 1] == '-') {
            while (i < n && s[i] != '\n') i++;
        } else if (i + 1 < n && c == '/' && s[i + 1] == '*') {
            i += 2;
            while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/')) i++;
            if (i + 1 >= n) open = true, i = n;
            else i += 2;
        } else if (c == ';') {
            if (sig) {
                if (np == cap) v = mem_realloc(v, sizeof *v * (size_t)(cap = cap ? cap * 2 : 8));
                v[np].off = first;
                v[np].len = last - first;
                np++;
            }
            sig = false;
            i++;
        } else {
            if (!isspace((unsigned char)c)) {
                if (!sig) first = i;
                sig = true;
                last = i + 1;
            }
            i++;
        }
    }
    if (complete) *complete = !open && !sig && np > 0;
    if (sig) {
        /* a last statement without its ';' (the end of a file) */
        if (np == cap) v = mem_realloc(v, sizeof *v * (size_t)(cap = cap ? cap * 2 : 8));
        v[np].off = first;
        v[np].len = last - first;
        np++;
    }
    *out = v;
    return np;
}

/* Text has nothing but blanks and comments. */
static bool sql_blank(const char *s, uint32_t n)
{
    Piece *p;
    int np = split_sql(s, n, &p, NULL);
    mem_free(p);
    return np == 0;
}

/* The next word of *s: a name ("quoted" or plain, upper-cased) or a
 * single punctuation character. Returns false at the end. */
static bool next_word(const char **s, char *buf, size_t size, bool *quoted)
{
    const char *p = *s;
    while (isspace((unsigned char)*p)) p++;
    if (!*p) return false;
    size_t k = 0;
    *quoted = false;
    if (*p == '"') {
        p++;
        while (*p && *p != '"') {
            if (k + 1 < size) buf[k++] = *p;
            p++;
        }
        if (*p) p++;
        *quoted = true;
    } else if (isalnum((unsigned char)*p) || *p == '_' || (unsigned char)*p >= 0x80) {
        while (*p && (isalnum((unsigned char)*p) || *p == '_' || *p == '$' || (unsigned char)*p >= 0x80)) {
            if (k + 1 < size) buf[k++] = (char)toupper((unsigned char)*p);
            p++;
        }
    } else {
        buf[k++] = *p++;
    }
    buf[k] = 0;
    *s = p;
    return true;
}

/* ================================================================
 * The engine: state owned by the engine thread.
 * ================================================================ */

typedef struct Kept {
    char *text;                /* one statement, without its ';' */
    AstStmtKind kind;
    char *name;                /* as stored: upper-cased unless quoted */
    bool quoted;
} Kept;

typedef struct Build {
    char *src;                 /* the kept statements, joined */
    uint32_t len;
    uint32_t *offs;            /* where each statement starts in src; n + 1 entries */
    int n;
    Arena stmts;               /* the AST (user function bodies point into it) */
    PlanApp app;
    Exec *ex;
    uint64_t *rate, *rate_rows; /* per stream: rows in the last second */
    int64_t rate_at;
    bool rate_full;            /* a whole second has been counted */
} Build;

typedef struct Feed {
    bool demo;
    char *stream;              /* stored name */
    int id;                    /* stream id in the current build; -1 when it has none */
    Decoder *dec;
    Arena rec;                 /* the current record */
    bool event_time;           /* its records carry ROWTIME */
    uint64_t records, lineno;
    /* \demo */
    double rate, next_due;
    Ticker ticker;
    /* \input */
    char *path;
    int fd;
    Buf part;                  /* read, not yet consumed; from pos */
    size_t pos;
    bool at_eof;
    int64_t next_poll;
} Feed;

typedef struct StatRow {
    char *name;
    uint64_t rows, errors;     /* rows of builds gone by; errors of the session */
} StatRow;

enum { MODE_TABLE, MODE_NDJSON, MODE_CSV };

typedef struct Live {
    bool on;
    int stream;
    const Schema *schema;
    int *widths;
    RowWriter w;
    bool writer_open;        /* w holds memory until the live query stops */
    uint64_t rows;
    Arena scratch;
} Live;

typedef enum RqKind { RQ_INPUT, RQ_STOP_LIVE, RQ_DEMO, RQ_FEED, RQ_STATS, RQ_SAVE, RQ_MODE, RQ_NAMES } RqKind;

typedef struct Req {
    RqKind kind;
    const char *text;          /* RQ_INPUT: SQL; RQ_DEMO, RQ_SAVE, RQ_MODE, RQ_FEED: argument */
    uint32_t len;
    const char *file;          /* RQ_INPUT: shown name; RQ_FEED: the file */
    /* reply */
    char *out;
    size_t outlen;
    bool live;                 /* a live query started */
    bool ok;
    bool done;
} Req;

typedef struct Engine {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    Req *req;                  /* under mu */
    bool quit;                 /* under mu */
    Buf errq;                  /* under mu: error rows for the next prompt */
    int errq_lines;
    uint64_t errq_dropped;
    char *names;               /* under mu: names for completion, NUL-separated */
    size_t names_len;
    /* engine thread only */
    Kept *kept;
    int nkept, capkept;
    Build *cur;
    Feed *feeds[MAX_FEEDS];
    int nfeeds;
    OutBuf out;                /* the terminal (live rows) */
    Live live;
    int mode;
    StatRow *stats;
    int nstats;
    Arena tick_arena;
    int64_t last_tick;
    uint64_t records_in;
} Engine;

static void on_error_row(void *ctx, const ErrorRow *er);

static void build_free(Build *b)
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

static StatRow *stat_for(Engine *e, const char *name)
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

typedef struct Origin {
    const char *file;          /* "<stdin>" or the .sql file */
    const char *text;          /* everything read with the statement */
    uint32_t len;
    uint32_t off;              /* the statement's offset in text */
} Origin;

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
static void render_alone(const DiagList *d, const Origin *org, FILE *out)
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
static Build *try_build(Engine *e, const Kept *list, int n, const char *extra, int focus, const Origin *org, FILE *msg)
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
        build_free(b);
        return NULL;
    }
    return b;
}

static void feeds_attach(Engine *e)
{
    for (int i = 0; i < e->nfeeds; i++) {
        Feed *f = e->feeds[i];
        io_decoder_free(f->dec);
        f->dec = NULL;
        f->id = -1;
        if (!e->cur) continue;
        CatStream *s = cat_find_stream(&e->cur->app.cat, f->stream, true);
        if (!s) continue;
        f->id = s->id;
        f->dec = io_decoder_new(&s->schema);
    }
}

static void live_sink(void *ctx, const CatStream *s, const Row *row);
static void stop_live(Engine *e, FILE *out);

/* The rows of the application's VALUES relations enter (each build
 * starts empty, so they enter again after every change). */
static void start_values(Engine *e)
{
    e->cur->ex->now = clock_now_ms();
    exec_start(e->cur->ex);
}

/* The new build replaces the running one: its executor starts empty. */
static void install(Engine *e, Build *b)
{
    Build *old = e->cur;
    if (old) {
        for (int i = 0; i < old->ex->nstreams; i++)
            if (!old->app.cat.streams[i]->anonymous) stat_for(e, old->app.cat.streams[i]->name)->rows += old->ex->streams[i].rows;
        build_free(old);
    }
    e->live.on = false;
    e->cur = b;
    b->ex = exec_new(&b->app);
    exec_set_error_sink(b->ex, on_error_row, e);
    int ns = b->app.cat.nstreams;
    b->rate = mem_calloc((size_t)ns + 1, sizeof(uint64_t));
    b->rate_rows = mem_calloc((size_t)ns + 1, sizeof(uint64_t));
    b->rate_at = clock_now_ms();
    feeds_attach(e);
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

/* ================================================================
 * Feeds: the demo ticker and files.
 * ================================================================ */

static Feed *feed_new(Engine *e, const char *stream)
{
    Feed *f = mem_calloc(1, sizeof *f);
    f->stream = mem_strdup(stream);
    f->id = -1;
    f->fd = -1;
    arena_init(&f->rec, 16384);
    e->feeds[e->nfeeds++] = f;
    return f;
}

static void feed_free(Feed *f)
{
    io_decoder_free(f->dec);
    arena_free(&f->rec);
    if (f->fd >= 0) close(f->fd);
    buf_free(&f->part);
    mem_free(f->path);
    mem_free(f->stream);
    mem_free(f);
}

static void feed_remove(Engine *e, int i)
{
    feed_free(e->feeds[i]);
    memmove(&e->feeds[i], &e->feeds[i + 1], sizeof(Feed *) * (size_t)(e->nfeeds - i - 1));
    e->nfeeds--;
}

static void push_record(Engine *e, Feed *f, const char *line, size_t len, int64_t now)
{
    Exec *ex = e->cur->ex;
    arena_reset(&f->rec);
    Row row;
    memset(&row, 0, sizeof row);
    row.rowtime = row.arrival = now;
    row.recno = f->demo ? 0 : f->lineno;
    bool has_rt = false, has_arr = false;
    DecodeError err;
    f->records++;
    e->records_in++;
    if (!io_ndjson_decode(f->dec, line, len, &row, &f->rec, &has_rt, &has_arr, &err)) {
        ErrorRow er = {.name = err.name, .message = err.msg, .stream = f->stream, .data = line, .data_len = len,
                       .line = f->demo ? 0 : f->lineno};
        if (err.has_rowtime) er.has_rowtime = true, er.data_rowtime = err.rowtime;
        ex->stats.errors++;
        on_error_row(e, &er);
        return;
    }
    if (!has_rt) row.rowtime = now;
    if (!has_arr) row.arrival = now;
    f->event_time = has_rt;
    ex->now = now;
    exec_push_input(ex, f->id, &row, &f->rec, line, len);
}

/* INSERT INTO s VALUES (...), ... typed at the prompt: the rows enter the
 * running application now, as if they had arrived on s. */
static bool insert_values(Engine *e, const AstStmt *st, const char *stmt, const Origin *org, FILE *out)
{
    if (!e->cur) {
        fprintf(out, "%s: error: there is no stream to insert into yet: CREATE STREAM first\n", org->file);
        return false;
    }
    DiagList d;
    diag_init(&d, org->file, stmt, (uint32_t)strlen(stmt));
    Arena a;
    arena_init(&a, 4096);
    int stream = -1;
    Value **rows = NULL;
    int n = bind_insert_values(&e->cur->app, st, &d, &a, &stream, &rows);
    if (n < 0) {
        diag_render(&d, out);
    } else {
        Exec *ex = e->cur->ex;
        int64_t now = clock_now_ms();
        for (int i = 0; i < n; i++) {
            Row row = {.rowtime = now, .arrival = now, .v = rows[i], .n = e->cur->app.cat.streams[stream]->schema.ncols};
            ex->now = now;
            e->records_in++;
            exec_push_input(ex, stream, &row, &a, NULL, 0);
        }
        out_flush(&e->out);
        fprintf(out, "inserted %d row%s into \"%s\"\n", n, n == 1 ? "" : "s", e->cur->app.cat.streams[stream]->name);
    }
    diag_free(&d);
    arena_free(&a);
    return n >= 0;
}

static void demo_row(Engine *e, Feed *f, int64_t now)
{
    char line[160];
    int n = ticker_next(&f->ticker, line, sizeof line);
    f->lineno++;
    push_record(e, f, line, (size_t)n, now);
}

static bool blank_line(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i])) return false;
    return true;
}

/* Reads up to max records of a file feed; at its end, waits for more. */
static void feed_file(Engine *e, Feed *f, int64_t now, int max)
{
    int done = 0;
    while (done < max) {
        char *p = f->part.p + f->pos;
        size_t left = f->part.len - f->pos;
        char *nl = left ? memchr(p, '\n', left) : NULL;
        if (nl) {
            size_t len = (size_t)(nl - p);
            f->pos += len + 1;
            f->lineno++;
            if (len && p[len - 1] == '\r') len--;
            if (!blank_line(p, len)) push_record(e, f, p, len, now), done++;
            continue;
        }
        if (f->pos) {
            memmove(f->part.p, p, left);
            f->part.len = left;
            f->pos = 0;
        }
        buf_reserve(&f->part, 65536);
        ssize_t r = read(f->fd, f->part.p + f->part.len, 65536);
        if (r > 0) {
            f->part.len += (size_t)r;
            continue;
        }
        if (r < 0 && errno == EINTR) continue;
        /* the end for now: a last record without its newline counts once it is a whole object */
        p = f->part.p + f->pos;
        left = f->part.len - f->pos;
        if (left) {
            size_t len = left;
            while (len && isspace((unsigned char)p[len - 1])) len--;
            if (len && p[len - 1] == '}') {
                f->lineno++;
                push_record(e, f, p, len, now);
                f->part.len = f->pos = 0;
            }
        }
        f->at_eof = true;
        f->next_poll = now + 250;
        break;
    }
}

/* Feeds rows that are due, closes windows as time passes, writes live output. */
static void work(Engine *e)
{
    if (!e->cur) return;
    int64_t now = clock_now_ms();
    Exec *ex = e->cur->ex;
    for (int i = 0; i < e->nfeeds; i++) {
        Feed *f = e->feeds[i];
        if (f->id < 0) continue;
        if (f->demo) {
            if (f->rate <= 0) continue;
            double step = 1000.0 / f->rate;
            for (int k = 0; f->next_due <= (double)now && k < 100000; k++) {
                demo_row(e, f, now);
                f->next_due += step;
            }
            if ((double)now - f->next_due > 1000) f->next_due = (double)now;
        } else if (!f->at_eof || now >= f->next_poll) {
            f->at_eof = false;
            feed_file(e, f, now, 4096);
        }
    }
    if (now - e->last_tick >= 200) {
        e->last_tick = now;
        arena_reset(&e->tick_arena);
        ex->record = &e->tick_arena;
        ex->now = now;
        for (int i = 0; i < e->nfeeds; i++)
            if (e->feeds[i]->id >= 0 && !e->feeds[i]->event_time) exec_tick(ex, e->feeds[i]->id, now);
    }
    Build *b = e->cur;
    if (now - b->rate_at >= 1000) {
        for (int i = 0; i < ex->nstreams; i++) {
            b->rate[i] = (ex->streams[i].rows - b->rate_rows[i]) * 1000 / (uint64_t)(now - b->rate_at);
            b->rate_rows[i] = ex->streams[i].rows;
        }
        b->rate_at = now;
        b->rate_full = true;
    }
    if (e->out.b.len) out_flush(&e->out);
}

static int64_t next_wake(Engine *e, int64_t now)
{
    int64_t t = now + 200;
    if (!e->cur) return t;
    for (int i = 0; i < e->nfeeds; i++) {
        Feed *f = e->feeds[i];
        if (f->id < 0) continue;
        if (f->demo && f->rate > 0 && (int64_t)ceil(f->next_due) < t) t = (int64_t)ceil(f->next_due);
        if (!f->demo) {
            int64_t w = f->at_eof ? f->next_poll : now;
            if (w < t) t = w;
        }
    }
    if (e->nfeeds && e->last_tick + 200 < t) t = e->last_tick + 200;
    return t;
}

/* ================================================================
 * Output: live rows and error rows.
 * ================================================================ */

static int type_width(SqlType t)
{
    switch ((TypeId)t.id) {
    case TY_BOOLEAN: return 5;
    case TY_TINYINT: return 4;
    case TY_SMALLINT: return 6;
    case TY_INTEGER: return 11;
    case TY_BIGINT: return 12;
    case TY_DECIMAL: return t.precision + 2;
    case TY_REAL: return 10;
    case TY_DOUBLE: return 12;
    case TY_CHAR: case TY_VARCHAR: case TY_BINARY: case TY_VARBINARY:
        return t.len <= 0 || t.len > 24 ? 24 : t.len;
    case TY_DATE: return 10;
    case TY_TIME: return 12;
    case TY_TIMESTAMP: return 23;
    default: return 16;
    }
}

static void put_cell(Buf *b, const char *s, size_t n, int width, bool right)
{
    size_t chars = utf8_length(s, n);
    if (!right && chars > (size_t)width && width > 1) {
        n = utf8_offset(s, n, (size_t)width - 1);
        buf_put(b, s, n);
        buf_puts(b, "\xE2\x80\xA6");   /* … */
        return;
    }
    if (right)
        for (size_t i = chars; i < (size_t)width; i++) buf_putc(b, ' ');
    buf_put(b, s, n);
    if (!right)
        for (size_t i = chars; i < (size_t)width; i++) buf_putc(b, ' ');
}

static void live_start(Engine *e, int stream)
{
    Live *lv = &e->live;
    const CatStream *s = e->cur->app.cat.streams[stream];
    lv->on = true;
    lv->stream = stream;
    lv->schema = &s->schema;
    lv->rows = 0;
    mem_free(lv->widths);
    lv->widths = mem_calloc((size_t)s->schema.ncols + 1, sizeof(int));
    Buf *b = &e->out.b;
    if (e->mode != MODE_TABLE) {
        io_writer_init(&lv->w, &e->out, &s->schema, &e->cur->app.arena);
        io_writer_set_format(&lv->w, e->mode == MODE_CSV ? OUT_CSV : OUT_NDJSON, &e->cur->app.arena);
        lv->writer_open = true;
    } else {
        lv->widths[0] = 23;
        put_cell(b, "ROWTIME", 7, 23, false);
        for (int i = 0; i < s->schema.ncols; i++) {
            const Column *c = &s->schema.cols[i];
            int w = type_width(c->type);
            int nl = (int)utf8_length(c->name, strlen(c->name));
            lv->widths[i + 1] = w > nl ? w : nl;
            buf_puts(b, " | ");
            bool right = type_is_numeric((TypeId)c->type.id);
            put_cell(b, c->name, strlen(c->name), lv->widths[i + 1], right);
        }
        buf_putc(b, '\n');
        for (int i = 0; i <= s->schema.ncols; i++) {
            if (i) buf_puts(b, "-+-");
            for (int k = 0; k < lv->widths[i]; k++) buf_putc(b, '-');
        }
        buf_putc(b, '\n');
    }
    exec_set_sink(e->cur->ex, stream, live_sink, e);
    out_flush(&e->out);
}

static void live_sink(void *ctx, const CatStream *s, const Row *row)
{
    (void)s;
    Engine *e = ctx;
    Live *lv = &e->live;
    if (!lv->on) return;
    lv->rows++;
    if (e->mode != MODE_TABLE) {
        io_write_row(&lv->w, row);
    } else {
        Buf *b = &e->out.b;
        char ts[40];
        int n = time_format_timestamp(row->rowtime, ts);
        put_cell(b, ts, (size_t)n, lv->widths[0], false);
        for (int i = 0; i < lv->schema->ncols && i < row->n; i++) {
            SqlType t = lv->schema->cols[i].type;
            const Value *v = &row->v[i];
            bool right = type_is_numeric((TypeId)t.id);
            buf_puts(b, " | ");
            if (v->null) {
                put_cell(b, "NULL", 4, lv->widths[i + 1], right);
                continue;
            }
            Value txt;
            if (t.id != TY_ROW && conv_to_text(t, v, &lv->scratch, &txt)) {
                put_cell(b, txt.u.s, txt.len, lv->widths[i + 1], right);
            } else {
                Buf tmp = {0};
                json_put_value(&tmp, t, v);
                put_cell(b, tmp.p, tmp.len, lv->widths[i + 1], false);
                buf_free(&tmp);
            }
        }
        buf_putc(b, '\n');
        arena_reset(&lv->scratch);
    }
    out_maybe_flush(&e->out);
}

static void on_error_row(void *ctx, const ErrorRow *er)
{
    Engine *e = ctx;
    if (er->stream) stat_for(e, er->stream)->errors++;
    char line[1024];
    int n = snprintf(line, sizeof line, "error: %s: %s", er->name ? er->name : "ERROR", er->message ? er->message : "");
    const char *sep = " (";
    if (er->pump && (size_t)n < sizeof line) n += snprintf(line + n, sizeof line - (size_t)n, "%spump \"%s\"", sep, er->pump), sep = ", ";
    if (er->stream && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, "%sstream \"%s\"", sep, er->stream), sep = ", ";
    if (er->line && (size_t)n < sizeof line) n += snprintf(line + n, sizeof line - (size_t)n, "%sline %llu", sep, (unsigned long long)er->line), sep = ", ";
    if (strcmp(sep, ", ") == 0 && (size_t)n < sizeof line) n += snprintf(line + n, sizeof line - (size_t)n, ")");
    if ((size_t)n >= sizeof line) n = (int)sizeof line - 1;
    if (e->live.on) {
        buf_put(&e->out.b, line, (size_t)n);
        buf_putc(&e->out.b, '\n');
        return;
    }
    pthread_mutex_lock(&e->mu);
    if (e->errq_lines < MAX_QUEUED_ERRORS) {
        buf_put(&e->errq, line, (size_t)n);
        buf_putc(&e->errq, '\n');
        e->errq_lines++;
    } else {
        e->errq_dropped++;
    }
    pthread_mutex_unlock(&e->mu);
}

/* ================================================================
 * Statements and commands.
 * ================================================================ */

static const char *kind_word(AstStmtKind k)
{
    switch (k) {
    case ST_CREATE_STREAM: return "stream";
    case ST_CREATE_PUMP: return "pump";
    case ST_CREATE_FUNCTION: return "function";
    default: return "statement";
    }
}

static bool name_is(const char *stored, const char *typed, bool quoted)
{
    return quoted ? strcmp(stored, typed) == 0 : strcasecmp(stored, typed) == 0;
}

static int find_kept(Engine *e, AstStmtKind kind, const char *name, bool quoted)
{
    for (int i = 0; i < e->nkept; i++)
        if (e->kept[i].kind == kind && e->kept[i].name && name_is(e->kept[i].name, name, quoted)) return i;
    return -1;
}

static void kept_free(Kept *k)
{
    mem_free(k->text);
    mem_free(k->name);
}

/* CREATE STREAM / PUMP / FUNCTION: kept when the whole application still binds. */
static bool add_statement(Engine *e, Kept k, bool or_replace, const Origin *org, FILE *out)
{
    int old = or_replace ? find_kept(e, k.kind, k.name, true) : -1;
    Build *b = NULL;
    if (old >= 0) {
        /* in its predecessor's place first, so statements after it still see it */
        Kept *tmp = mem_alloc(sizeof(Kept) * (size_t)e->nkept);
        memcpy(tmp, e->kept, sizeof(Kept) * (size_t)e->nkept);
        tmp[old] = k;
        b = try_build(e, tmp, e->nkept, NULL, old, org, NULL);
        mem_free(tmp);
        if (b) {
            kept_free(&e->kept[old]);
            e->kept[old] = k;
        }
    }
    if (!b) {
        b = try_build(e, e->kept, e->nkept, k.text, e->nkept, org, out);
        if (!b) return false;
        if (e->nkept == e->capkept) e->kept = mem_realloc(e->kept, sizeof(Kept) * (size_t)(e->capkept = e->capkept ? e->capkept * 2 : 16));
        e->kept[e->nkept++] = k;
    }
    install(e, b);
    start_values(e);
    fprintf(out, "%s %s \"%s\"\n", old >= 0 ? "replaced" : "created", kind_word(k.kind), k.name);
    return true;
}

static void show_streams(Engine *e, FILE *out)
{
    const PlanApp *app = e->cur ? &e->cur->app : NULL;
    int shown = 0;
    for (int i = 0; app && i < app->cat.nstreams; i++) {
        const CatStream *s = app->cat.streams[i];
        if (s->anonymous) continue;
        if (!shown++) fprintf(out, "%-32s %7s  %s\n", "STREAM", "COLUMNS", "FED BY");
        char src[256] = "";
        size_t n = 0;
        for (int k = 0; k < e->nfeeds; k++) {
            const Feed *f = e->feeds[k];
            if (f->id != i) continue;
            if (f->demo) n += (size_t)snprintf(src + n, sizeof src - n, "%s\\demo (%g rows/s)", n ? ", " : "", f->rate);
            else n += (size_t)snprintf(src + n, sizeof src - n, "%s\\input %s", n ? ", " : "", f->path);
            if (n >= sizeof src) n = sizeof src - 1;
        }
        for (int k = 0; k < app->npumps; k++) {
            if (app->pumps[k]->target != i) continue;
            n += (size_t)snprintf(src + n, sizeof src - n, "%spump %s", n ? ", " : "", app->pumps[k]->name);
            if (n >= sizeof src) n = sizeof src - 1;
        }
        fprintf(out, "%-32s %7d  %s\n", s->name, s->schema.ncols, n ? src : "-");
    }
    if (!shown) fprintf(out, "no streams yet: CREATE STREAM, or \\demo for a stock ticker\n");
}

static void show_pumps(Engine *e, FILE *out)
{
    const PlanApp *app = e->cur ? &e->cur->app : NULL;
    int shown = 0;
    for (int i = 0; app && i < app->npumps; i++) {
        const PlanPump *p = app->pumps[i];
        if (app->cat.streams[p->target]->anonymous) continue;
        if (!shown++) fprintf(out, "%-24s %-32s %s\n", "PUMP", "INTO", "FROM");
        fprintf(out, "%-24s %-32s ", p->name, app->cat.streams[p->target]->name);
        for (int k = 0; k < p->nsources; k++) fprintf(out, "%s%s", k ? ", " : "", app->cat.streams[p->sources[k]]->name);
        fputc('\n', out);
    }
    if (!shown) fprintf(out, "no pumps yet: CREATE PUMP name AS INSERT INTO stream SELECT STREAM ...\n");
}

typedef struct FnList {
    FILE *out;
    unsigned want, skip;
    int col;
} FnList;

static void list_fn(const FnDef *def, void *arg)
{
    FnList *l = arg;
    if ((def->flags & l->want) != l->want || (def->flags & l->skip)) return;
    int n = (int)strlen(def->name);
    if (l->col + n + 2 > 78) fputs("\n ", l->out), l->col = 1;
    fprintf(l->out, " %s", def->name);
    l->col += n + 1;
}

static void show_functions(Engine *e, FILE *out)
{
    static const struct { const char *title; unsigned want, skip; } groups[] = {
        {"scalar", 0, FN_AGGREGATE | FN_ANALYTIC},
        {"aggregate (GROUP BY, OVER)", FN_AGGREGATE, FN_ANALYTIC},
        {"analytic (OVER)", FN_ANALYTIC, 0},
    };
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        fprintf(out, "%s functions:\n", groups[g].title);
        FnList l = {out, groups[g].want, groups[g].skip, 0};
        fputc(' ', out);
        l.col = 1;
        fn_each(list_fn, &l);
        fputc('\n', out);
    }
    const PlanApp *app = e->cur ? &e->cur->app : NULL;
    if (app && app->nfns) {
        fprintf(out, "functions of this session:\n");
        for (int i = 0; i < app->nfns; i++) {
            const UserFn *f = &app->fns[i];
            char tn[64];
            fprintf(out, "  %s(", f->name);
            for (int k = 0; k < f->nparams; k++) fprintf(out, "%s%s %s", k ? ", " : "", f->params[k], type_name(f->types[k], tn, sizeof tn));
            fprintf(out, ") RETURNS %s\n", type_name(f->ret, tn, sizeof tn));
        }
    }
}

static void describe(Engine *e, const char *name, bool quoted, FILE *out)
{
    const PlanApp *app = e->cur ? &e->cur->app : NULL;
    const CatStream *s = app ? cat_find_stream(&app->cat, name, quoted) : NULL;
    if (s && !s->anonymous) {
        fprintf(out, "stream \"%s\"%s\n", s->name, s->input ? " (fed from outside)" : "");
        int w = 7;
        for (int i = 0; i < s->schema.ncols; i++)
            if ((int)strlen(s->schema.cols[i].name) > w) w = (int)strlen(s->schema.cols[i].name);
        fprintf(out, "  %-*s  %s\n", w, "ROWTIME", "TIMESTAMP");
        for (int i = 0; i < s->schema.ncols; i++) {
            char tn[64];
            const Column *c = &s->schema.cols[i];
            fprintf(out, "  %-*s  %s%s\n", w, c->name, type_name(c->type, tn, sizeof tn), c->type.notnull ? " NOT NULL" : "");
        }
        return;
    }
    int k = find_kept(e, ST_CREATE_PUMP, name, quoted);
    if (k < 0) k = find_kept(e, ST_CREATE_FUNCTION, name, quoted);
    if (k >= 0) {
        fprintf(out, "%s;\n", e->kept[k].text);
        return;
    }
    const FnDef *def = fn_find(name);
    if (def) {
        fprintf(out, "built-in %s function %s: ", def->flags & FN_ANALYTIC ? "analytic" : def->flags & FN_AGGREGATE ? "aggregate" : "scalar",
                def->name);
        if (def->max_args < 0) fprintf(out, "%d or more arguments\n", def->min_args);
        else if (def->min_args == def->max_args) fprintf(out, "%d argument%s\n", def->min_args, def->min_args == 1 ? "" : "s");
        else fprintf(out, "%d to %d arguments\n", def->min_args, def->max_args);
        return;
    }
    fprintf(out, "no stream, pump or function named \"%s\" (SHOW STREAMS lists them)\n", name);
}

static bool drop(Engine *e, AstStmtKind kind, const char *name, bool quoted, FILE *out)
{
    int k = find_kept(e, kind, name, quoted);
    if (k < 0) {
        fprintf(out, "error: no %s named \"%s\"\n", kind_word(kind), name);
        return false;
    }
    Kept *tmp = mem_alloc(sizeof(Kept) * (size_t)(e->nkept ? e->nkept : 1));
    int n = 0;
    for (int i = 0; i < e->nkept; i++)
        if (i != k) tmp[n++] = e->kept[i];
    Build *b = try_build(e, tmp, n, NULL, -1, NULL, out);
    if (!b) {
        fprintf(out, "error: cannot drop %s \"%s\": the statements above need it (drop them first)\n", kind_word(kind), e->kept[k].name);
        mem_free(tmp);
        return false;
    }
    fprintf(out, "dropped %s \"%s\"\n", kind_word(kind), e->kept[k].name);
    kept_free(&e->kept[k]);
    mem_free(e->kept);
    e->kept = tmp;
    e->capkept = e->nkept ? e->nkept : 1;
    e->nkept = n;
    install(e, b);
    start_values(e);
    return true;
}

static void explain(Engine *e, const char *rest, const Origin *org, FILE *out)
{
    char w[256];
    bool q;
    const char *p = rest;
    if (next_word(&p, w, sizeof w, &q) && e->cur) {
        const char *after = p;
        bool single = !next_word(&after, w + 128, 128, &q) || strcmp(w + 128, ";") == 0;
        if (single) {
            p = rest;
            next_word(&p, w, sizeof w, &q);
            for (int i = 0; i < e->cur->app.npumps; i++)
                if (name_is(e->cur->app.pumps[i]->name, w, q)) {
                    plan_dump(&e->cur->app, e->cur->app.pumps[i], out);
                    return;
                }
        }
    }
    /* a query or a CREATE PUMP: planned beside the session, not kept */
    Origin o = *org;
    o.off += (uint32_t)(rest - (org->text + org->off));
    Build *b = try_build(e, e->kept, e->nkept, rest, e->nkept, &o, out);
    if (!b) return;
    if (b->app.npumps) plan_dump(&b->app, b->app.pumps[b->app.npumps - 1], out);
    else fprintf(out, "nothing to explain: give a pump name, a SELECT STREAM or a CREATE PUMP\n");
    build_free(b);
}

/* SHOW / DESCRIBE / DROP / EXPLAIN: REPL commands, before the parser.
 * Returns 0 when text is none of them, 1 done, -1 failed. */
static int command(Engine *e, const char *text, const Origin *org, FILE *out)
{
    const char *p = text;
    char w1[128], w2[256], w3[8];
    bool q1, q2, q3;
    if (!next_word(&p, w1, sizeof w1, &q1) || q1) return 0;
    if (!strcmp(w1, "SHOW")) {
        const char *r = p;
        if (!next_word(&r, w2, sizeof w2, &q2) || q2 || next_word(&r, w3, sizeof w3, &q3)) return 0;
        if (!strcmp(w2, "STREAMS")) show_streams(e, out);
        else if (!strcmp(w2, "PUMPS")) show_pumps(e, out);
        else if (!strcmp(w2, "FUNCTIONS")) show_functions(e, out);
        else if (!strcmp(w2, "GRAPH") && e->cur) plan_graph(&e->cur->app, false, out);
        else if (!strcmp(w2, "GRAPH")) fputs("no pumps: nothing flows\n", out);
        else return 0;
        return 1;
    }
    if (!strcmp(w1, "DESCRIBE") || !strcmp(w1, "DESC")) {
        const char *r = p;
        if (!next_word(&r, w2, sizeof w2, &q2) || next_word(&r, w3, sizeof w3, &q3)) {
            fprintf(out, "usage: DESCRIBE name\n");
            return -1;
        }
        if (!q2) {
            /* the name as typed; unquoted names match case-insensitively */
        }
        describe(e, w2, q2, out);
        return 1;
    }
    if (!strcmp(w1, "DROP")) {
        const char *r = p;
        AstStmtKind kind;
        if (!next_word(&r, w2, sizeof w2, &q2) || q2) return 0;
        if (!strcmp(w2, "STREAM")) kind = ST_CREATE_STREAM;
        else if (!strcmp(w2, "PUMP")) kind = ST_CREATE_PUMP;
        else if (!strcmp(w2, "FUNCTION")) kind = ST_CREATE_FUNCTION;
        else return 0;
        char name[256];
        bool qn;
        if (!next_word(&r, name, sizeof name, &qn) || next_word(&r, w3, sizeof w3, &q3)) {
            fprintf(out, "usage: DROP %s name\n", w2);
            return -1;
        }
        return drop(e, kind, name, qn, out) ? 1 : -1;
    }
    if (!strcmp(w1, "EXPLAIN")) {
        while (isspace((unsigned char)*p)) p++;
        explain(e, p, org, out);
        return 1;
    }
    return 0;
}

/* One statement typed (or read by \i). False on error. */
static bool run_statement(Engine *e, const char *stmt, const Origin *org, Req *r, FILE *out)
{
    int c = command(e, stmt, org, out);
    if (c) return c > 0;
    Arena a;
    arena_init(&a, 16384);
    DiagList d;
    diag_init(&d, org->file, stmt, (uint32_t)strlen(stmt));
    ParsedScript ps;
    parse_script(stmt, (uint32_t)strlen(stmt), &a, &d, &ps);
    bool ok = true;
    if (d.errors) {
        render_alone(&d, org, out);
        ok = false;
    } else if (ps.n > 0) {
        AstStmt *st = ps.stmts[0];
        switch (st->kind) {
        case ST_CREATE_STREAM:
        case ST_CREATE_PUMP:
        case ST_CREATE_FUNCTION: {
            Kept k = {mem_strdup(stmt), st->kind, mem_strdup(st->name.name), st->name.quoted};
            ok = add_statement(e, k, st->or_replace, org, out);
            if (!ok) kept_free(&k);
            break;
        }
        case ST_SELECT: {
            Build *b = try_build(e, e->kept, e->nkept, stmt, e->nkept, org, out);
            if (!b) {
                ok = false;
                break;
            }
            install(e, b);
            const PlanPump *q = b->app.pumps[b->app.npumps - 1];
            live_start(e, q->target);
            start_values(e);
            /* a query over VALUES alone has all its rows now: no need to wait for Ctrl-C */
            bool finite = q->nsources > 0;
            for (int i = 0; i < q->nsources; i++)
                if (!b->app.cat.streams[q->sources[i]]->nvalues) finite = false;
            if (finite) {
                stop_live(e, out);
                break;
            }
            r->live = true;
            break;
        }
        case ST_INSERT:
            ok = insert_values(e, st, stmt, org, out);
            break;
        }
    }
    diag_free(&d);
    arena_free(&a);
    return ok;
}

static void do_input(Engine *e, Req *r, FILE *out)
{
    Piece *pc;
    int np = split_sql(r->text, r->len, &pc, NULL);
    r->ok = true;
    for (int i = 0; i < np; i++) {
        char *stmt = mem_strndup(r->text + pc[i].off, pc[i].len);
        Origin org = {r->file, r->text, r->len, pc[i].off};
        bool ok = run_statement(e, stmt, &org, r, out);
        mem_free(stmt);
        if (!ok) {
            r->ok = false;
            if (i + 1 < np) fprintf(out, "(%d statement%s after the error not run)\n", np - i - 1, np - i - 1 == 1 ? "" : "s");
            break;
        }
        if (r->live) {
            if (i + 1 < np) fprintf(out, "(%d statement%s after the SELECT STREAM not run)\n", np - i - 1, np - i - 1 == 1 ? "" : "s");
            break;
        }
    }
    mem_free(pc);
}

static void stop_live(Engine *e, FILE *out)
{
    if (!e->live.on) return;
    /* the query keeps its place in the plan until the next change, without output */
    exec_set_sink(e->cur->ex, e->live.stream, NULL, NULL);
    e->live.on = false;
    if (e->live.writer_open) io_writer_free(&e->live.w), e->live.writer_open = false;
    out_flush(&e->out);
    fprintf(out, "(%llu row%s)\n", (unsigned long long)e->live.rows, e->live.rows == 1 ? "" : "s");
}

static void do_demo(Engine *e, const char *arg, FILE *out)
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
                feed_remove(e, i);
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
    Feed *f = feed_new(e, DEMO_STREAM);
    f->demo = true;
    f->rate = rate;
    ticker_init(&f->ticker, 0x9E3779B97F4A7C15ULL ^ (uint64_t)clock_now_ms());
    f->next_due = (double)clock_now_ms();
    if (!s) {
        Origin org = {"\\demo", DEMO_DDL, (uint32_t)strlen(DEMO_DDL), 0};
        Kept k = {mem_strdup(DEMO_DDL), ST_CREATE_STREAM, mem_strdup(DEMO_STREAM), true};
        if (!add_statement(e, k, false, &org, out)) {
            kept_free(&k);
            feed_remove(e, e->nfeeds - 1);
            return;
        }
        fprintf(out, "%s;\n", DEMO_DDL);
    } else {
        feeds_attach(e);
    }
    fprintf(out, "demo: %g rows/s into %s (\\demo off stops it)\n", rate, DEMO_STREAM);
}

static void do_feed(Engine *e, const char *stream, const char *path, FILE *out)
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
    if (!next_word(&sp, name, sizeof name, &quoted)) return;
    if (!strcmp(path, "off") || !strcmp(path, "stop")) {
        for (int i = 0; i < e->nfeeds; i++)
            if (!e->feeds[i]->demo && name_is(e->feeds[i]->stream, name, quoted)) {
                fprintf(out, "stopped \\input %s -> %s\n", e->feeds[i]->path, e->feeds[i]->stream);
                feed_remove(e, i--);
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
    Feed *f = feed_new(e, s ? s->name : name);
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
            feed_remove(e, e->nfeeds - 1);
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
        bool ok = add_statement(e, k, false, &org, out);
        if (ok) fprintf(out, "%s;\n", ddl.p);
        else kept_free(&k);
        buf_free(&ddl);
        if (!ok) {
            feed_remove(e, e->nfeeds - 1);
            return;
        }
    } else {
        feeds_attach(e);
    }
    fprintf(out, "feeding %s from %s (following it as it grows; \\input %s off stops it)\n", f->stream, path, f->stream);
}

static void do_stats(Engine *e, FILE *out)
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
        StatRow *st = stat_for(e, s->name);
        fprintf(out, "%-32s %12llu %9llu %9llu\n", s->name, (unsigned long long)(st->rows + ex->streams[i].rows),
                (unsigned long long)(young ? (ex->streams[i].rows - b->rate_rows[i]) * 1000 / (uint64_t)(now - b->rate_at) : b->rate[i]),
                (unsigned long long)st->errors);
    }
    uint64_t errors = 0;
    for (int i = 0; i < e->nstats; i++) errors += e->stats[i].errors;
    fprintf(out, "records read: %llu; error rows: %llu; operator state: %zu KB\n", (unsigned long long)e->records_in,
            (unsigned long long)errors, arena_capacity(&ex->state) / 1024);
}

static void do_save(Engine *e, const char *path, FILE *out)
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

static void handle(Engine *e, Req *r)
{
    FILE *out = open_memstream(&r->out, &r->outlen);
    switch (r->kind) {
    case RQ_INPUT: do_input(e, r, out); break;
    case RQ_STOP_LIVE: stop_live(e, out); break;
    case RQ_DEMO: do_demo(e, r->text, out); break;
    case RQ_FEED: do_feed(e, r->text, r->file, out); break;
    case RQ_STATS: do_stats(e, out); break;
    case RQ_SAVE: do_save(e, r->text, out); break;
    case RQ_MODE:
        if (r->text && !strcmp(r->text, "ndjson")) e->mode = MODE_NDJSON;
        else if (r->text && !strcmp(r->text, "table")) e->mode = MODE_TABLE;
        else if (r->text && !strcmp(r->text, "csv")) e->mode = MODE_CSV;
        else
            fprintf(out, "usage: \\mode table|ndjson|csv (now %s)\n",
                    e->mode == MODE_NDJSON ? "ndjson" : e->mode == MODE_CSV ? "csv" : "table");
        break;
    case RQ_NAMES: break;
    }
    fclose(out);
}

static void *engine_main(void *arg)
{
    Engine *e = arg;
    for (;;) {
        pthread_mutex_lock(&e->mu);
        if (!e->req && !e->quit) {
            int64_t now = clock_now_ms();
            int64_t wait = next_wake(e, now) - now;
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
        work(e);
    }
    /* the session ends: everything the engine owns goes */
    while (e->nfeeds) feed_remove(e, e->nfeeds - 1);
    build_free(e->cur);
    e->cur = NULL;
    for (int i = 0; i < e->nkept; i++) kept_free(&e->kept[i]);
    mem_free(e->kept);
    for (int i = 0; i < e->nstats; i++) mem_free(e->stats[i].name);
    mem_free(e->stats);
    mem_free(e->live.widths);
    arena_free(&e->live.scratch);
    if (e->live.writer_open) io_writer_free(&e->live.w);
    arena_free(&e->tick_arena);
    out_flush(&e->out);
    out_free(&e->out);
    return NULL;
}

/* From the main thread: hand a request over and wait for its reply. */
static void call(Engine *e, Req *r)
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

/* ================================================================
 * The main thread: lines in, replies out.
 * ================================================================ */

static int sig_pipe[2] = {-1, -1};
static volatile sig_atomic_t got_sigint;

static void on_sigint(int sig)
{
    (void)sig;
    got_sigint = 1;
    int saved = errno;
    if (write(sig_pipe[1], "x", 1) < 0) { /* the pipe is full: one wakeup is enough */ }
    errno = saved;
}

static void drain_sig_pipe(void)
{
    char buf[64];
    while (read(sig_pipe[0], buf, sizeof buf) > 0) {
    }
}

typedef struct Repl {
    Engine *e;
    EditLine *el;
    History *hist;
    HistEvent ev;
    char *hist_path;
    bool tty;
    bool timing;
    bool continuation;
    bool quit;
} Repl;

static Repl *the_repl;   /* for libedit's callbacks */

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

static void print_errors(Engine *e)
{
    pthread_mutex_lock(&e->mu);
    Buf q = e->errq;
    uint64_t dropped = e->errq_dropped;
    memset(&e->errq, 0, sizeof e->errq);
    e->errq_lines = 0;
    e->errq_dropped = 0;
    pthread_mutex_unlock(&e->mu);
    if (q.len) fwrite(q.p, 1, q.len, stdout);
    if (dropped) printf("... and %llu more error rows (\\stats counts them)\n", (unsigned long long)dropped);
    buf_free(&q);
}

static void reply(Req *r)
{
    if (r->outlen) fwrite(r->out, 1, r->outlen, stdout);
    free(r->out);
    r->out = NULL;
    r->outlen = 0;
}

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static void live_wait(Repl *rp)
{
    if (!rp->tty) {
        /* no one to press Ctrl-C: a script's live query ends at once */
        Req r = {.kind = RQ_STOP_LIVE};
        call(rp->e, &r);
        reply(&r);
        return;
    }
    struct pollfd p = {.fd = sig_pipe[0], .events = POLLIN};
    while (!got_sigint) {
        if (poll(&p, 1, -1) > 0) drain_sig_pipe();
    }
    got_sigint = 0;
    fputs("\n", stdout);
    Req r = {.kind = RQ_STOP_LIVE};
    call(rp->e, &r);
    reply(&r);
}

static void submit(Repl *rp, const char *text, size_t len, const char *file)
{
    double t0 = mono_ms();
    Req r = {.kind = RQ_INPUT, .text = text, .len = (uint32_t)len, .file = file};
    got_sigint = 0;
    drain_sig_pipe();
    call(rp->e, &r);
    reply(&r);
    if (rp->timing) printf("Time: %.3f ms\n", mono_ms() - t0);
    if (r.live) live_wait(rp);
}

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

static void run_file(Repl *rp, const char *path)
{
    size_t len;
    char *text = read_whole(path, &len);
    if (!text) {
        printf("error: cannot read %s: %s\n", path, strerror(errno));
        return;
    }
    if (strlen(text) != len) printf("%s: error: the SQL text contains a NUL byte\n", path);
    else submit(rp, text, len, path);
    mem_free(text);
}

/* \command args: the meta-commands. */
static void meta(Repl *rp, char *line)
{
    char *save;
    char *cmd = strtok_r(line, " \t", &save);
    char *a1 = strtok_r(NULL, " \t", &save);
    char *a2 = strtok_r(NULL, " \t", &save);
    double t0 = mono_ms();
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
        else run_file(rp, a1);
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
    call(rp->e, &r);
    reply(&r);
    if (rp->timing) printf("Time: %.3f ms\n", mono_ms() - t0);
}

/* SHOW / DESCRIBE / DROP / EXPLAIN need no ';' when they fit on one line. */
static bool is_command_line(const char *s)
{
    const char *p = s;
    char w[32];
    bool q;
    if (!next_word(&p, w, sizeof w, &q) || q) return false;
    return !strcmp(w, "SHOW") || !strcmp(w, "DESCRIBE") || !strcmp(w, "DESC") || !strcmp(w, "DROP") || !strcmp(w, "EXPLAIN");
}

/* ---- libedit ---- */

static char *prompt(EditLine *el)
{
    (void)el;
    return the_repl && the_repl->continuation ? "  ...> " : "eddy> ";
}

static const char *const keywords[] = {
    "SELECT", "STREAM", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "CREATE", "OR", "REPLACE", "PUMP",
    "INSERT", "INTO", "AS", "AND", "NOT", "NULL", "IS", "IN", "BETWEEN", "LIKE", "CASE", "WHEN", "THEN", "ELSE",
    "END", "CAST", "UNION", "INTERSECT", "EXCEPT", "ALL", "DISTINCT", "WINDOW", "OVER", "PARTITION", "RANGE", "ROWS", "INTERVAL",
    "PRECEDING", "FOLLOWING", "CURRENT", "ROW", "ROWTIME", "JOIN", "ON", "LEFT", "RIGHT", "FULL", "OUTER",
    "INNER", "CROSS", "STAGGER", "WINDOWED", "FUNCTION", "RETURNS", "RETURN", "LANGUAGE", "SQL", "VARCHAR",
    "CHAR", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "DECIMAL", "REAL", "DOUBLE", "PRECISION", "BOOLEAN",
    "TIMESTAMP", "DATE", "TIME", "SECOND", "MINUTE", "HOUR", "DAY", "MONTH", "YEAR", "SHOW", "STREAMS", "PUMPS",
    "FUNCTIONS", "GRAPH", "DESCRIBE", "EXPLAIN", "DROP", "TRUE", "FALSE", "VALUES", "TUMBLE", "STEP", "FLOOR",
    "SOURCE_SQL_STREAM_001", "DESTINATION_SQL_STREAM", NULL,
};

static const char *const meta_commands[] = {"\\demo", "\\input", "\\mode", "\\stats", "\\timing", "\\save",
                                            "\\i", "\\help", "\\q", NULL};

typedef struct Cands {
    const char *v[512];
    int n;
} Cands;

static void cand_add(Cands *c, const char *s)
{
    for (int i = 0; i < c->n; i++)
        if (!strcmp(c->v[i], s)) return;
    if (c->n < 512) c->v[c->n++] = s;
}

static void fn_cand(const FnDef *def, void *arg) { cand_add(arg, def->name); }

static unsigned char complete(EditLine *el, int ch)
{
    (void)ch;
    const LineInfo *li = el_line(el);
    const char *start = li->cursor;
    while (start > li->buffer && (isalnum((unsigned char)start[-1]) || start[-1] == '_' || start[-1] == '\\'))
        start--;
    size_t n = (size_t)(li->cursor - start);
    if (n == 0) return CC_ERROR;
    bool lower = true;
    for (size_t i = 0; i < n; i++)
        if (isupper((unsigned char)start[i])) lower = false;
    Cands c = {.n = 0};
    char *names = NULL;
    size_t names_len = 0;
    if (start[0] == '\\') {
        for (int i = 0; meta_commands[i]; i++) cand_add(&c, meta_commands[i]);
    } else {
        Engine *e = the_repl->e;
        pthread_mutex_lock(&e->mu);
        if (e->names) {
            names = mem_alloc(e->names_len + 1);
            memcpy(names, e->names, e->names_len);
            names_len = e->names_len;
        }
        pthread_mutex_unlock(&e->mu);
        for (size_t off = 0; names && off < names_len; off += strlen(names + off) + 1) cand_add(&c, names + off);
        for (int i = 0; keywords[i]; i++) cand_add(&c, keywords[i]);
        fn_each(fn_cand, &c);
    }
    const char *match[512];
    int nm = 0;
    for (int i = 0; i < c.n; i++)
        if (strlen(c.v[i]) >= n && strncasecmp(c.v[i], start, n) == 0) match[nm++] = c.v[i];
    unsigned char rc = CC_ERROR;
    if (nm > 0) {
        /* the longest common prefix */
        size_t common = strlen(match[0]);
        for (int i = 1; i < nm; i++) {
            size_t k = 0;
            while (k < common && toupper((unsigned char)match[i][k]) == toupper((unsigned char)match[0][k])) k++;
            common = k;
        }
        char add[256];
        size_t k = 0;
        for (size_t i = n; i < common && k + 2 < sizeof add; i++)
            add[k++] = lower && start[0] != '\\' ? (char)tolower((unsigned char)match[0][i]) : match[0][i];
        if (nm == 1 && k + 1 < sizeof add) add[k++] = ' ';
        add[k] = 0;
        if (k) {
            el_insertstr(el, add);
            rc = CC_REFRESH;
        } else if (nm > 1) {
            fputc('\n', stdout);
            for (int i = 0; i < nm; i++) printf("%s%s", i ? "  " : "", match[i]);
            fputc('\n', stdout);
            rc = CC_REDISPLAY;
        }
    }
    mem_free(names);
    return rc;
}

/* The next line: NULL at the end of input; *interrupted for Ctrl-C. */
static char *read_line(Repl *rp, bool *interrupted, Buf *tmp)
{
    *interrupted = false;
    if (!rp->tty) {
        tmp->len = 0;
        int c;
        while ((c = getchar()) != EOF && c != '\n') buf_putc(tmp, (char)c);
        if (c == EOF && tmp->len == 0) return NULL;
        buf_putc(tmp, 0);
        return tmp->p;
    }
    int count = 0;
    got_sigint = 0;
    const char *line = el_gets(rp->el, &count);
    if (got_sigint || (!line && count < 0 && errno == EINTR)) {
        got_sigint = 0;
        drain_sig_pipe();
        *interrupted = true;
        return NULL;
    }
    if (!line || count <= 0) return NULL;
    tmp->len = 0;
    buf_put(tmp, line, (size_t)count);
    while (tmp->len && (tmp->p[tmp->len - 1] == '\n' || tmp->p[tmp->len - 1] == '\r')) tmp->len--;
    buf_putc(tmp, 0);
    return tmp->p;
}

static void remember(Repl *rp, const char *text)
{
    if (!rp->hist) return;
    history(rp->hist, &rp->ev, H_ENTER, text);
    if (rp->hist_path) history(rp->hist, &rp->ev, H_SAVE, rp->hist_path);
}

static void repl_loop(Repl *rp)
{
    Buf acc = {0}, tmp = {0};
    while (!rp->quit) {
        print_errors(rp->e);
        rp->continuation = acc.len > 0;
        if (!rp->tty) fflush(stdout);
        bool interrupted;
        char *line = read_line(rp, &interrupted, &tmp);
        if (!line) {
            if (interrupted) {
                fputs("^C\n", stdout);
                acc.len = 0;
                continue;
            }
            if (rp->tty) fputc('\n', stdout);
            break;
        }
        if (acc.len == 0) {
            char *s = line;
            while (isspace((unsigned char)*s)) s++;
            if (!*s) continue;
            if (*s == '\\') {
                remember(rp, s);
                meta(rp, s);
                continue;
            }
            if (is_command_line(s)) {
                remember(rp, s);
                submit(rp, s, strlen(s), "<stdin>");
                continue;
            }
        }
        buf_puts(&acc, line);
        buf_putc(&acc, '\n');
        bool complete_stmt;
        Piece *pc;
        int np = split_sql(acc.p, (uint32_t)acc.len, &pc, &complete_stmt);
        mem_free(pc);
        if (np == 0 && sql_blank(acc.p, (uint32_t)acc.len)) {
            acc.len = 0;   /* only comments */
            continue;
        }
        if (!complete_stmt) continue;
        acc.p[acc.len - 1] = 0;   /* the last newline */
        /* one history entry per statement; lines joined unless a -- comment needs its line end */
        char *h = mem_strdup(acc.p);
        if (!strstr(h, "--"))
            for (char *q = h; *q; q++)
                if (*q == '\n') *q = ' ';
        remember(rp, h);
        mem_free(h);
        submit(rp, acc.p, acc.len - 1, "<stdin>");
        acc.len = 0;
    }
    buf_free(&acc);
    buf_free(&tmp);
}

int repl_main(int argc, char **argv)
{
    if (argc > 3 || (argc == 3 && argv[2][0] == '-')) {
        fprintf(stderr, "usage: eddy repl [APP.sql]\n");
        return 2;
    }
    Repl rp;
    memset(&rp, 0, sizeof rp);
    the_repl = &rp;
    rp.tty = isatty(0) && isatty(1);

    if (pipe(sig_pipe) < 0) {
        perror("eddy: pipe");
        return 1;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    signal(SIGPIPE, SIG_IGN);

    Engine *e = mem_calloc(1, sizeof *e);
    rp.e = e;
    pthread_mutex_init(&e->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&e->cv, &ca);
    pthread_condattr_destroy(&ca);
    out_init(&e->out, 1, 1 << 14);
    arena_init(&e->live.scratch, 4096);
    arena_init(&e->tick_arena, 4096);
    e->last_tick = clock_now_ms();

    /* signals go to the main thread: the engine thread blocks them */
    sigset_t all, old;
    sigemptyset(&all);
    sigaddset(&all, SIGINT);
    sigaddset(&all, SIGTERM);
    sigaddset(&all, SIGQUIT);
    sigaddset(&all, SIGWINCH);
    sigaddset(&all, SIGTSTP);
    sigaddset(&all, SIGCONT);
    sigaddset(&all, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int err = pthread_create(&e->thread, NULL, engine_main, e);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (err) {
        fprintf(stderr, "eddy: cannot start the engine thread: %s\n", strerror(err));
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);

    if (rp.tty) {
        rp.hist = history_init();
        history(rp.hist, &rp.ev, H_SETSIZE, 1000);
        history(rp.hist, &rp.ev, H_SETUNIQUE, 1);
        const char *home = getenv("HOME");
        if (home && *home) {
            size_t n = strlen(home) + 32;
            rp.hist_path = mem_alloc(n);
            snprintf(rp.hist_path, n, "%s/.eddy_history", home);
            history(rp.hist, &rp.ev, H_LOAD, rp.hist_path);
        }
        rp.el = el_init("eddy", stdin, stdout, stderr);
        el_set(rp.el, EL_PROMPT, prompt);
        el_set(rp.el, EL_EDITOR, "emacs");
        el_set(rp.el, EL_HIST, history, rp.hist);
        el_set(rp.el, EL_SIGNAL, 1);
        /* the wide form: el_set copies these strings and never frees them */
        el_wset(rp.el, EL_ADDFN, L"eddy-complete", L"complete a keyword or name", complete);
        el_set(rp.el, EL_BIND, "^I", "eddy-complete", NULL);
        el_source(rp.el, NULL);
        printf("eddy %s: continuous SQL for KDA applications. \\help for help, \\demo for data, \\q to quit.\n",
               PACKAGE_VERSION);
    }
    if (argc == 3) run_file(&rp, argv[2]);
    repl_loop(&rp);

    pthread_mutex_lock(&e->mu);
    e->quit = true;
    pthread_cond_broadcast(&e->cv);
    pthread_mutex_unlock(&e->mu);
    pthread_join(e->thread, NULL);
    print_errors(e);
    fflush(stdout);

    if (rp.el) el_end(rp.el);
    if (rp.hist) history_end(rp.hist);
    mem_free(rp.hist_path);
    buf_free(&e->errq);
    mem_free(e->names);
    pthread_mutex_destroy(&e->mu);
    pthread_cond_destroy(&e->cv);
    mem_free(e);
    close(sig_pipe[0]);
    close(sig_pipe[1]);
    rowtype_free_all();
    rx_free_all();
    return 0;
}
