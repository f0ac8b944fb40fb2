/* Output from the engine thread: the rows of a live query (as a table,
 * NDJSON or CSV) and error rows, written at once while a query is live,
 * otherwise queued for the next prompt. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "src/runtime/convert.h"
#include "src/runtime/mem.h"
#include "src/runtime/timeutil.h"
#include "repl_int.h"

#define MAX_QUEUED_ERRORS 10

static void live_sink(void *ctx, const CatStream *s, const Row *row);

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

void repl_live_start(Engine *e, int stream)
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

void repl_stop_live(Engine *e, FILE *out)
{
    if (!e->live.on) return;
    /* the query keeps its place in the plan until the next change, without output */
    exec_set_sink(e->cur->ex, e->live.stream, NULL, NULL);
    e->live.on = false;
    if (e->live.writer_open) io_writer_free(&e->live.w), e->live.writer_open = false;
    out_flush(&e->out);
    fprintf(out, "(%llu row%s)\n", (unsigned long long)e->live.rows, e->live.rows == 1 ? "" : "s");
}
