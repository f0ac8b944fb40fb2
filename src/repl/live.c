/* Output from the engine thread: the rows of a live query (as a table
 * that fits the terminal, NDJSON or CSV; to the terminal or to the file
 * \o names) and error rows, written at once while a query is live,
 * otherwise queued for the next prompt. A live query ends on Ctrl-C, or
 * by itself when it has all it will show: LIMIT n rows, or in a script
 * the rows of the files it reads. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/io/sink.h"
#include "src/runtime/mem.h"
#include "repl_int.h"

#define MAX_QUEUED_ERRORS 10

static void live_sink(void *ctx, const CatStream *s, const Row *row)
{
    (void)s;
    Engine *e = ctx;
    if (!e->live.on) return;
    io_write_row(&e->live.w, row);
    out_maybe_flush(e->live.w.out);
}

void repl_live_start(Engine *e, int stream, const Req *r)
{
    Live *lv = &e->live;
    const CatStream *s = e->cur->app.cat.streams[stream];
    if (lv->writer_open) io_writer_free(&lv->w);
    lv->on = true;
    lv->stream = stream;
    lv->until_caught_up = r->script;
    lv->width = e->file_out ? 0 : r->width;
    OutBuf *to = e->file_out ? e->file_out : &e->out;
    io_writer_init(&lv->w, to, &s->schema, &e->cur->app.arena);
    io_writer_set_format(&lv->w, e->mode == MODE_CSV ? OUT_CSV : e->mode == MODE_NDJSON ? OUT_NDJSON : OUT_TABLE,
                         &e->cur->app.arena);
    if (e->mode == MODE_TABLE && lv->width > 0) io_writer_fit(&lv->w, lv->width);
    lv->writer_open = true;
    /* the columns show at once, while the first row may be a while coming */
    io_write_header(&lv->w);
    exec_set_sink(e->cur->ex, stream, live_sink, e);
    out_flush(to);
}

void repl_on_error_row(void *ctx, const ErrorRow *er)
{
    Engine *e = ctx;
    if (er->stream) repl_stat_for(e, er->stream)->errors++;
    char line[1024];
    int n = snprintf(line, sizeof line, "error: %s: %s", er->name ? er->name : "ERROR", er->message ? er->message : "");
    const char *sep = " (";
    if (er->pump && (size_t)n < sizeof line) n += snprintf(line + n, sizeof line - (size_t)n, "%spump \"%s\"", sep, er->pump), sep = ", ";
    if (er->stream && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, "%sstream \"%s\"", sep, er->stream), sep = ", ";
    if (er->line && (size_t)n < sizeof line) n += snprintf(line + n, sizeof line - (size_t)n, "%sline %llu", sep, (unsigned long long)er->line), sep = ", ";
    if (strcmp(sep, ", ") == 0 && (size_t)n < sizeof line) n += snprintf(line + n, sizeof line - (size_t)n, ")");
    if ((size_t)n >= sizeof line) n = (int)sizeof line - 1;
    /* the message quotes the record's values: what reaches the terminal is
     * shown, never obeyed */
    if (e->live.on) {
        io_put_visible(&e->out.b, line, (size_t)n);
        buf_putc(&e->out.b, '\n');
        return;
    }
    pthread_mutex_lock(&e->mu);
    if (e->errq_lines < MAX_QUEUED_ERRORS) {
        io_put_visible(&e->errq, line, (size_t)n);
        buf_putc(&e->errq, '\n');
        e->errq_lines++;
    } else {
        e->errq_dropped++;
    }
    pthread_mutex_unlock(&e->mu);
}

void repl_stop_live(Engine *e, FILE *out)
{
    if (!e->live.on) return;
    Live *lv = &e->live;
    /* the query keeps its place in the plan until the next change, without output */
    exec_set_sink(e->cur->ex, lv->stream, NULL, NULL);
    lv->on = false;
    uint64_t rows = e->cur->ex->streams[lv->stream].sent;
    out_flush(lv->w.out);
    io_writer_free(&lv->w);
    lv->writer_open = false;
    out_flush(&e->out);
    fprintf(out, "(%llu row%s", (unsigned long long)rows, rows == 1 ? "" : "s");
    if (e->file_out) fprintf(out, " written to %s", e->file_out_path);
    fprintf(out, ")\n");
}

void repl_live_check_end(Engine *e)
{
    if (!e->live.on) return;
    /* a script waits for a LIMIT's rows only while the demo can bring them */
    bool demo = false;
    for (int i = 0; i < e->nfeeds; i++) demo = demo || (e->feeds[i]->demo && e->feeds[i]->rate > 0);
    bool limited = e->cur->app.cat.streams[e->live.stream]->limited;
    bool ended = exec_limits_reached(e->cur->ex) ||
                 (e->live.until_caught_up && repl_feeds_caught_up(e) && !(limited && demo));
    if (!ended) return;
    /* the count goes straight to the terminal: no request is waiting for a reply */
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    repl_stop_live(e, out);
    fclose(out);
    buf_put(&e->out.b, text, len);
    free(text);
    out_flush(&e->out);
    pthread_mutex_lock(&e->mu);
    e->live_ended = true;
    pthread_mutex_unlock(&e->mu);
    if (write(e->wake_fd, "e", 1) < 0) { /* the pipe is full: the main thread wakes anyway */ }
}

/* \o FILE: live rows go to FILE from now on; \o alone: back to the terminal. */
bool repl_set_output(Engine *e, const char *path, FILE *out)
{
    if (e->file_out) {
        io_sink_close(e->file_out);
        e->file_out = NULL;
        mem_free(e->file_out_path);
        e->file_out_path = NULL;
    }
    if (!path) {
        if (out) fprintf(out, "query output goes to the terminal\n");
        return true;
    }
    char why[256];
    e->file_out = io_sink_open(path, 1 << 14, why, sizeof why);
    if (!e->file_out) {
        fprintf(out, "error: cannot write %s: %s\n", path, why);
        return false;
    }
    e->file_out_path = mem_strdup(path);
    fprintf(out, "query output goes to %s (\\o alone: back to the terminal)\n", path);
    return true;
}
