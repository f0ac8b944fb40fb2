/* Feeds: the demo ticker and files, read into the running application as
 * their records fall due; time passing closes windows. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "src/runtime/clock.h"
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
    if (e->out.b.len) out_flush(&e->out);
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
