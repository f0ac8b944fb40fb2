/* The error stream (DIALECT section 7): one NDJSON object per error row,
 * with the stream, pump and input line it came from. */
#include <string.h>

#include "cli.h"
#include "src/runtime/clock.h"
#include "src/runtime/numtext.h"
#include "src/runtime/timeutil.h"

static void put_field(Buf *b, const char *key, bool first)
{
    if (!first) buf_putc(b, ',');
    buf_putc(b, '"');
    buf_puts(b, key);
    buf_puts(b, "\":");
}

void cli_write_error(void *ctx, const ErrorRow *e)
{
    Run *r = ctx;
    Buf *b = &r->err.b;
    char ts[40];
    buf_putc(b, '{');
    put_field(b, "ERROR_TIME", true);
    ts[0] = '"';
    int n = time_format_timestamp(clock_now_ms(), ts + 1);
    ts[n + 1] = '"';
    buf_put(b, ts, (size_t)n + 2);
    put_field(b, "ERROR_LEVEL", false);
    buf_puts(b, "\"ERROR\"");
    put_field(b, "ERROR_NAME", false);
    json_put_string(b, e->name, strlen(e->name));
    put_field(b, "MESSAGE", false);
    json_put_string(b, e->message, strlen(e->message));
    put_field(b, "DATA_ROWTIME", false);
    if (e->has_rowtime) {
        n = time_format_timestamp(e->data_rowtime, ts + 1);
        ts[n + 1] = '"';
        buf_put(b, ts, (size_t)n + 2);
    } else {
        buf_puts(b, "null");
    }
    put_field(b, "DATA_ROW", false);
    if (e->data) {
        json_put_string(b, e->data, e->data_len);
    } else if (e->row) {
        Buf tmp = {0};
        json_put_row(&tmp, e->schema, e->row);
        json_put_string(b, tmp.p, tmp.len);
        buf_free(&tmp);
    } else {
        buf_puts(b, "null");
    }
    put_field(b, "PUMP_NAME", false);
    if (e->pump) json_put_string(b, e->pump, strlen(e->pump));
    else buf_puts(b, "null");
    put_field(b, "STREAM_NAME", false);
    if (e->stream) json_put_string(b, e->stream, strlen(e->stream));
    else buf_puts(b, "null");
    put_field(b, "LINE", false);
    if (e->line) {
        char num[24];
        buf_put(b, num, (size_t)fmt_int64((int64_t)e->line, num));
    } else {
        buf_puts(b, "null");
    }
    if (e->origin) {
        put_field(b, "SOURCE_POSITION", false);
        json_put_string(b, e->origin, strlen(e->origin));
    }
    buf_puts(b, "}\n");
    out_maybe_flush(&r->err);
}
