/* Feeds: the demo ticker and files, read into the running application as
 * their records fall due; time passing closes windows. A file is NDJSON,
 * CSV or lines (decoded by the I/O layer's decoders), followed as it grows,
 * and read again from its start whenever the application is rebuilt, so a
 * query typed after \input sees the file's rows from the first one (as
 * ksqlDB's auto.offset.reset=earliest reads a topic). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "src/runtime/clock.h"
#include "src/runtime/convert.h"
#include "src/runtime/mem.h"
#include "repl_int.h"

Feed *repl_feed_new(Engine *e, const char *stream)
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
    io_csv_free(f->csv);
    arena_free(&f->rec);
    if (f->fd >= 0) close(f->fd);
    buf_free(&f->part);
    mem_free(f->path);
    mem_free(f->stream);
    mem_free(f);
}

void repl_feed_remove(Engine *e, int i)
{
    feed_free(e->feeds[i]);
    memmove(&e->feeds[i], &e->feeds[i + 1], sizeof(Feed *) * (size_t)(e->nfeeds - i - 1));
    e->nfeeds--;
}

void repl_feed_attach(Engine *e, Feed *f, bool rewind)
{
    io_decoder_free(f->dec);
    io_csv_free(f->csv);
    f->dec = NULL;
    f->csv = NULL;
    f->id = -1;
    CatStream *s = e->cur ? cat_find_stream(&e->cur->app.cat, f->stream, true) : NULL;
    if (!s) return;
    f->id = s->id;
    f->dec = io_decoder_new(&s->schema);
    if (f->fmt.format == FEED_CSV && !f->fmt.header) f->csv = io_csv_new(&s->schema, f->fmt.delimiter, NULL, 0, &f->rec);
    if (f->demo || !rewind) return;
    /* a new build starts empty: the file's rows enter it again, from the first */
    if (lseek(f->fd, 0, SEEK_SET) < 0) return;   /* a FIFO: what it gave is gone */
    f->part.len = f->pos = f->tail = 0;
    f->lineno = f->records = 0;
    f->at_eof = f->caught_up = f->header_read = false;
    f->next_poll = 0;
}

bool repl_feeds_caught_up(Engine *e)
{
    for (int i = 0; i < e->nfeeds; i++)
        if (!e->feeds[i]->demo && e->feeds[i]->id >= 0 && !e->feeds[i]->caught_up) return false;
    return true;
}

/* --format lines: the whole line is the stream's one column. */
static bool decode_line(const Schema *s, const char *line, size_t len, Row *row, Arena *a, DecodeError *err)
{
    if (!io_check_utf8(line, len, err)) return false;
    row->n = s->ncols;
    row->v = arena_alloc(a, sizeof(Value) * (size_t)(s->ncols ? s->ncols : 1));
    for (int i = 1; i < s->ncols; i++) row->v[i] = val_null();
    row->v[0] = val_str(line, (uint32_t)len);
    conv_fit_string(s->cols[0].type, &row->v[0], a);
    return true;
}

static void push_record(Engine *e, Feed *f, const char *line, size_t len, int64_t now)
{
    Exec *ex = e->cur->ex;
    const Schema *s = &e->cur->app.cat.streams[f->id]->schema;
    arena_reset(&f->rec);
    if (f->fmt.format == FEED_CSV && f->fmt.header && !f->header_read) {
        f->header_read = true;
        f->csv = io_csv_new(s, f->fmt.delimiter, line, len, &f->rec);
        return;
    }
    Row row;
    memset(&row, 0, sizeof row);
    row.rowtime = row.arrival = now;
    row.recno = f->demo ? 0 : f->lineno;
    bool has_rt = false, has_arr = false, more = false, ok;
    DecodeError err;
    memset(&err, 0, sizeof err);
    f->records++;
    e->records_in++;
    if (f->fmt.format == FEED_CSV) ok = io_csv_decode(f->csv, line, len, &row, &f->rec, &has_rt, &err);
    else if (f->fmt.format == FEED_LINES && s->ncols > 0) ok = decode_line(s, line, len, &row, &f->rec, &err);
    else ok = io_ndjson_decode_elem(f->dec, line, len, 0, &more, &row, &f->rec, &has_rt, &has_arr, &err);
    if (!ok) {
        ErrorRow er = {.name = err.name, .message = err.msg, .stream = f->stream, .data = line, .data_len = len,
                       .line = f->demo ? 0 : f->lineno};
        if (err.has_rowtime) er.has_rowtime = true, er.data_rowtime = err.rowtime;
        ex->stats.errors++;
        repl_on_error_row(e, &er);
        return;
    }
    if (!has_rt) row.rowtime = now;
    if (!has_arr) row.arrival = now;
    f->event_time = has_rt;
    ex->now = now;
    exec_push_input(ex, f->id, &row, &f->rec, line, len);
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

/* One line of the file: a UTF-8 byte order mark before the first is not part of it. */
static void file_line(Engine *e, Feed *f, char *p, size_t len, int64_t now)
{
    f->lineno++;
    if (f->lineno == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3, len -= 3;
    if (len && p[len - 1] == '\r') len--;
    if (f->fmt.format == FEED_LINES || !blank_line(p, len)) push_record(e, f, p, len, now);
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
            file_line(e, f, p, len, now);
            done++;
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
        /* the end for now. A last line without its newline may still be
         * being written: it counts once it is a whole JSON object, or once
         * it has not grown since the last look */
        p = f->part.p;
        left = f->part.len;
        size_t len = left;
        while (len && isspace((unsigned char)p[len - 1])) len--;
        if (len && ((f->fmt.format == FEED_NDJSON && p[len - 1] == '}') || left == f->tail)) {
            file_line(e, f, p, left, now);
            f->part.len = 0;
            left = 0;
        }
        f->tail = left;
        f->at_eof = true;
        f->caught_up = f->caught_up || left == 0;
        f->next_poll = now + 250;
        break;
    }
}

/* The columns of an undeclared stream, as eddy run discovers them: from
 * the first 64 KB of its file, by the file's format. */
bool repl_feed_discover(Feed *f, Schema *out, Arena *a)
{
    if (f->fmt.format == FEED_LINES) {
        Column *c = arena_zalloc(a, sizeof *c);
        c->name = "LINE";
        c->type = type_string(TY_VARCHAR, 0);
        out->ncols = 1;
        out->cols = c;
        return true;
    }
    char buf[65536];
    ssize_t n = pread(f->fd, buf, sizeof buf - 1, 0);
    size_t len = n > 0 ? (size_t)n : 0;
    while (len && buf[len - 1] != '\n' && (size_t)n == sizeof buf - 1) len--;
    if (len && buf[len - 1] != '\n') buf[len++] = '\n';
    size_t skip = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    int nrec = f->fmt.format == FEED_CSV ? io_csv_discover(buf + skip, len - skip, f->fmt.delimiter, f->fmt.header, out, a)
                                         : io_discover_schema(buf + skip, len - skip, out, a);
    return nrec > 0 && out->ncols > 0;
}

/* Feeds rows that are due, closes windows as time passes, writes live output. */
void repl_work(Engine *e)
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
    repl_live_check_end(e);
    if (e->out.b.len) out_flush(&e->out);
    if (e->file_out && e->file_out->b.len) out_flush(e->file_out);
}

int64_t repl_next_wake(Engine *e, int64_t now)
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
