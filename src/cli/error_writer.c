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

/* KDA's DATA_ROW is a VARCHAR(49152): a longer record is cut there (at a
 * character boundary), so one huge bad record cannot become a huge error row. */
enum { DATA_ROW_MAX = 49152 };

static size_t fit_data_row(const char *s, size_t n)
{
    if (n <= DATA_ROW_MAX) return n;
    size_t k = DATA_ROW_MAX;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
    return k;
}

void cli_write_error(void *ctx, const ErrorRow *e)
{
    Run *r = ctx;
    Buf *b = &r->err->b;
    size_t start = b->len;
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
    Buf tmp = {0};
    const char *data = e->data;
    size_t len = e->data_len;
    if (!data && e->row) {
        json_put_row(&tmp, e->schema, e->row);
        data = tmp.p;
        len = tmp.len;
    }
    if (data) {
        size_t keep = fit_data_row(data, len);
        json_put_string(b, data, keep);
        if (keep < len) {
            /* cut, as KDA's DATA_ROW column is: the record's whole length is said */
            char num[24];
            put_field(b, "DATA_ROW_BYTES", false);
            buf_put(b, num, (size_t)fmt_int64((int64_t)len, num));
        }
    } else {
        buf_puts(b, "null");
    }
    buf_free(&tmp);
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
    out_end_record(r->err, start);
}
