/* Rows out: NDJSON (ROWTIME first, then the stream's columns), CSV and
 * aligned tables, and the JSON pieces the error stream shares. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "src/runtime/convert.h"
#include "src/runtime/json_text.h"
#include "src/runtime/mem.h"
#include "src/runtime/numtext.h"
#include "src/runtime/rowtype.h"
#include "src/runtime/timeutil.h"

/* ---- output ---- */

static void put_base64(Buf *b, const unsigned char *s, size_t n)
{
    buf_reserve(b, (n + 2) / 3 * 4 + 2);
    b->p[b->len++] = '"';
    b->len += io_base64_encode((const char *)s, n, b->p + b->len);
    b->p[b->len++] = '"';
}

void json_put_value(Buf *b, SqlType t, const Value *v)
{
    if (v->null) {
        buf_put(b, "null", 4);
        return;
    }
    buf_reserve(b, 48);
    char *o = b->p + b->len;
    switch (t.id) {
    case TY_BOOLEAN:
        if (v->u.i) memcpy(o, "true", 4), b->len += 4;
        else memcpy(o, "false", 5), b->len += 5;
        return;
    case TY_TINYINT: case TY_SMALLINT: case TY_INTEGER: case TY_BIGINT:
        b->len += (size_t)fmt_int64(v->u.i, o);
        return;
    case TY_DECIMAL:
        b->len += (size_t)fmt_decimal(v->u.i, t.scale, o);
        return;
    case TY_REAL: case TY_DOUBLE:
        if (isnan(v->u.d)) buf_put(b, "\"NaN\"", 5);
        else if (isinf(v->u.d)) buf_puts(b, v->u.d < 0 ? "\"-Infinity\"" : "\"Infinity\"");
        else b->len += (size_t)(t.id == TY_REAL ? fmt_real((float)v->u.d, o) : fmt_double(v->u.d, o));
        return;
    case TY_CHAR: case TY_VARCHAR:
        json_put_string(b, v->u.s, v->len);
        return;
    case TY_BINARY: case TY_VARBINARY:
        put_base64(b, (const unsigned char *)v->u.s, v->len);
        return;
    case TY_DATE:
        o[0] = '"';
        b->len += (size_t)time_format_date(v->u.i, o + 1) + 1;
        b->p[b->len++] = '"';
        return;
    case TY_TIME:
        o[0] = '"';
        b->len += (size_t)time_format_time(v->u.i, o + 1) + 1;
        b->p[b->len++] = '"';
        return;
    case TY_TIMESTAMP:
        o[0] = '"';
        b->len += (size_t)time_format_timestamp(v->u.i, o + 1) + 1;
        b->p[b->len++] = '"';
        return;
    case TY_INTERVAL_DT: case TY_INTERVAL_YM:
        o[0] = '"';
        b->len += (size_t)time_format_interval(v->u.i, t, o + 1) + 1;
        b->p[b->len++] = '"';
        return;
    case TY_ROW: {
        /* a row value is an object of its fields */
        const RowType *rt = rowtype_of(t);
        buf_putc(b, '{');
        for (uint32_t i = 0; rt && i < v->len && (int)i < rt->n; i++) {
            if (i) buf_putc(b, ',');
            json_put_string(b, rt->fields[i].name, strlen(rt->fields[i].name));
            buf_putc(b, ':');
            json_put_value(b, rt->fields[i].type, &v->u.r[i]);
        }
        buf_putc(b, '}');
        return;
    }
    default:
        buf_put(b, "null", 4);
    }
}

void json_put_row(Buf *b, const Schema *s, const Row *row)
{
    buf_puts(b, "{\"ROWTIME\":\"");
    buf_reserve(b, 40);
    b->len += (size_t)time_format_timestamp(row->rowtime, b->p + b->len);
    buf_putc(b, '"');
    for (int i = 0; i < s->ncols && i < row->n; i++) {
        buf_putc(b, ',');
        json_put_string(b, s->cols[i].name, strlen(s->cols[i].name));
        buf_putc(b, ':');
        json_put_value(b, s->cols[i].type, &row->v[i]);
    }
    buf_putc(b, '}');
}

void io_writer_init(RowWriter *w, OutBuf *out, const Schema *s, Arena *a)
{
    *w = (RowWriter){0};
    arena_init(&w->scratch, 4096);
    w->out = out;
    w->schema = s;
    int n = s->ncols;
    w->keys = arena_alloc(a, sizeof(char *) * (size_t)(n ? n : 1));
    w->keylens = arena_alloc(a, sizeof(size_t) * (size_t)(n ? n : 1));
    Buf tmp = {0};
    for (int i = 0; i < n; i++) {
        tmp.len = 0;
        buf_putc(&tmp, ',');
        json_put_string(&tmp, s->cols[i].name, strlen(s->cols[i].name));
        buf_putc(&tmp, ':');
        w->keys[i] = arena_strndup(a, tmp.p, tmp.len);
        w->keylens[i] = tmp.len;
    }
    buf_free(&tmp);
}

void io_writer_set_format(RowWriter *w, OutputFormat f, Arena *a)
{
    w->format = f;
    if (f != OUT_NDJSON) w->out->multiline = true;
    if (f != OUT_TABLE) return;
    /* a stream has no end to measure: widths come from the types and names */
    int n = w->schema->ncols;
    w->widths = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        SqlType t = w->schema->cols[i].type;
        int width;
        switch (t.id) {
        case TY_BOOLEAN: width = 5; break;
        case TY_TINYINT: case TY_SMALLINT: case TY_INTEGER: width = 11; break;
        case TY_BIGINT: case TY_DECIMAL: case TY_REAL: case TY_DOUBLE: width = 12; break;
        case TY_DATE: width = 10; break;
        case TY_TIME: width = 12; break;
        case TY_TIMESTAMP: width = 23; break;
        case TY_CHAR: case TY_VARCHAR: width = t.len > 0 && t.len < 24 ? t.len : 24; break;
        default: width = 16;
        }
        int nl = (int)utf8_length(w->schema->cols[i].name, strlen(w->schema->cols[i].name));
        w->widths[i] = width > nl ? width : nl;
    }
}

void io_writer_free(RowWriter *w)
{
    arena_free(&w->scratch);
}

static void put_csv_field(Buf *b, const char *s, size_t n)
{
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') quote = true;
    if (!quote) {
        buf_put(b, s, n);
        return;
    }
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') buf_putc(b, '"');
        buf_putc(b, s[i]);
    }
    buf_putc(b, '"');
}

/* A table is read on a terminal: control characters in values (ESC, BEL,
 * newlines, and the C1 controls U+0080-U+009F such as CSI) are shown
 * escaped, never sent to the terminal. */
static bool is_control_at(const unsigned char *p, size_t left)
{
    return p[0] < 0x20 || p[0] == 0x7F || (p[0] == 0xC2 && left > 1 && p[1] >= 0x80 && p[1] <= 0x9F);
}

void io_put_visible(Buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++) {
        if (!is_control_at(p + i, n - i)) {
            buf_putc(b, s[i]);
            continue;
        }
        unsigned c = p[i];
        if (c == 0xC2) c = p[++i];
        if (c == '\n') buf_puts(b, "\\n");
        else if (c == '\t') buf_puts(b, "\\t");
        else if (c == '\r') buf_puts(b, "\\r");
        else {
            char e[6] = {'\\', 'x', hex[c >> 4], hex[c & 15], 0};
            buf_puts(b, e);
        }
    }
}

static void put_padded(Buf *b, const char *s, size_t n, int width, bool right, bool cut)
{
    bool controls = false;
    for (size_t i = 0; i < n && !controls; i++) controls = is_control_at((const unsigned char *)s + i, n - i);
    Buf esc = {0};
    if (controls) {
        io_put_visible(&esc, s, n);
        s = esc.p;
        n = esc.len;
    }
    int chars = (int)utf8_length(s, n);
    if (cut && chars > width && width > 0) {
        buf_put(b, s, utf8_offset(s, n, (size_t)width - 1));
        buf_puts(b, "\xE2\x80\xA6");   /* … */
        buf_free(&esc);
        return;
    }
    if (right)
        for (int i = chars; i < width; i++) buf_putc(b, ' ');
    buf_put(b, s, n);
    if (!right)
        for (int i = chars; i < width; i++) buf_putc(b, ' ');
    buf_free(&esc);
}

void io_writer_name_stream(RowWriter *w, const char *name, Arena *a)
{
    w->stream = name;
    Buf tmp = {0};
    buf_puts(&tmp, ",\"STREAM\":");
    json_put_string(&tmp, name, strlen(name));
    w->stream_field = arena_strndup(a, tmp.p, tmp.len);
    w->stream_field_len = tmp.len;
    buf_free(&tmp);
}

void io_writer_row_ids(RowWriter *w, const char *name, Arena *a)
{
    Buf tmp = {0};
    buf_puts(&tmp, ",\"ROW_ID\":");
    json_put_string(&tmp, name, strlen(name));
    tmp.len--;   /* the closing quote comes after the number */
    buf_putc(&tmp, ':');
    w->row_id = arena_strndup(a, tmp.p, tmp.len);
    w->row_id_len = tmp.len;
    w->row_id_name = arena_strndup(a, name, strlen(name));
    buf_free(&tmp);
}

void io_writer_fit(RowWriter *w, int columns)
{
    if (w->format != OUT_TABLE) return;
    w->cut = true;
    const Schema *s = w->schema;
    int total = 23;
    for (int i = 0; i < s->ncols; i++) total += 3 + w->widths[i];
    /* the widest text column gives a character at a time; numbers only when text alone cannot */
    for (int numbers = 0; numbers < 2 && total > columns; numbers++)
        while (total > columns) {
            int widest = -1;
            for (int i = 0; i < s->ncols; i++) {
                bool num = type_is_numeric(s->cols[i].type.id);
                if ((numbers || !num) && w->widths[i] > 5 && (widest < 0 || w->widths[i] > w->widths[widest])) widest = i;
            }
            if (widest < 0) break;
            w->widths[widest]--;
            total--;
        }
}

static void write_header(RowWriter *w)
{
    Buf *b = &w->out->b;
    const Schema *s = w->schema;
    bool table = w->format == OUT_TABLE;
    const char *sep = table ? " | " : ",";
    w->header_done = true;
    if (table && w->stream) {
        buf_puts(b, w->stream);
        buf_puts(b, ":\n");
    }
    if (table) put_padded(b, "ROWTIME", 7, 23, false, false);
    else buf_puts(b, "ROWTIME");
    for (int i = 0; i < s->ncols; i++) {
        buf_puts(b, sep);
        const char *nm = s->cols[i].name;
        if (table) put_padded(b, nm, strlen(nm), w->widths[i], false, w->cut);
        else put_csv_field(b, nm, strlen(nm));
    }
    buf_putc(b, '\n');
    if (table) {
        for (int k = 0; k < 23; k++) buf_putc(b, '-');
        for (int i = 0; i < s->ncols; i++) {
            buf_puts(b, "-+-");
            for (int k = 0; k < w->widths[i]; k++) buf_putc(b, '-');
        }
        buf_putc(b, '\n');
    }
}

void io_write_header(RowWriter *w)
{
    if (w->format != OUT_NDJSON && !w->header_done) write_header(w);
}

static void write_text_row(RowWriter *w, const Row *row)
{
    Buf *b = &w->out->b;
    const Schema *s = w->schema;
    bool table = w->format == OUT_TABLE;
    const char *sep = table ? " | " : ",";
    if (!w->header_done) write_header(w);
    size_t start = b->len;
    w->rows++;
    char ts[40];
    int tn = time_format_timestamp(row->rowtime, ts);
    buf_put(b, ts, (size_t)tn);
    for (int i = 0; i < s->ncols; i++) {
        buf_puts(b, sep);
        Value text;
        const Value *v = &row->v[i];
        SqlType t = s->cols[i].type;
        bool right = type_is_numeric(t.id);
        if (v->null) {
            if (table) put_padded(b, "NULL", 4, w->widths[i], right, w->cut);
            continue;
        }
        if (t.id == TY_ROW) {
            Buf tmp = {0};
            json_put_value(&tmp, t, v);
            if (table) put_padded(b, tmp.p, tmp.len, w->widths[i], false, w->cut);
            else put_csv_field(b, tmp.p, tmp.len);
            buf_free(&tmp);
            continue;
        }
        if (!conv_to_text(t, v, &w->scratch, &text)) text = val_str("?", 1);
        if (table) put_padded(b, text.u.s, text.len, w->widths[i], right, w->cut);
        else put_csv_field(b, text.u.s, text.len);
    }
    buf_putc(b, '\n');
    arena_reset(&w->scratch);
    w->out->row = row, w->out->schema = s;
    out_end_record(w->out, start);
    w->out->row = NULL;
}

void io_writer_set_destination(RowWriter *w, bool csv, int key_col)
{
    w->destination = true;
    w->dest_csv = csv;
    w->key_col = key_col;
}

void io_writer_on_reject(RowWriter *w, void (*fn)(void *ctx, const RowWriter *w, const Row *row, size_t len), void *ctx)
{
    w->reject = fn;
    w->reject_ctx = ctx;
}

enum { KEY_MAX_CHARS = 256 };   /* Kinesis' longest partition key */

/* The record's key into out->key. */
static void put_key(RowWriter *w, const Row *row)
{
    Buf *k = &w->out->key;
    k->len = 0;
    if (w->key_col < 0) {
        char num[24];
        buf_put(k, num, (size_t)fmt_int64((int64_t)w->rows, num));
        return;
    }
    const Value *v = &row->v[w->key_col];
    Value text;
    if (v->null || !conv_to_text(w->schema->cols[w->key_col].type, v, &w->scratch, &text) || text.len == 0) {
        buf_puts(k, "NULL");
        return;
    }
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)text.u.s, *end = p + text.len;
    for (int chars = 0; p + n < end && chars < KEY_MAX_CHARS; chars++) {
        int len = utf8_seq(p + n, end);
        n += len ? (size_t)len : 1;
    }
    buf_put(k, text.u.s, n);
}

static void put_row_id(RowWriter *w, Buf *b, bool json)
{
    char num[24];
    size_t n = (size_t)fmt_int64((int64_t)w->rows, num);
    if (json) {
        /* row_id is ,"ROW_ID":"NAME: */
        buf_put(b, w->row_id + 1, w->row_id_len - 1);
        buf_put(b, num, n);
        buf_putc(b, '"');
        return;
    }
    size_t nl = strlen(w->row_id_name);
    char *text = arena_alloc(&w->scratch, nl + 1 + n);
    memcpy(text, w->row_id_name, nl);
    text[nl] = ':';
    memcpy(text + nl + 1, num, n);
    put_csv_field(b, text, nl + 1 + n);
}

/* A row as KDA wrote it to a destination (see io_writer_set_destination). */
static void write_destination_row(RowWriter *w, const Row *row)
{
    Buf *b = &w->out->b;
    const Schema *s = w->schema;
    size_t start = b->len;
    w->rows++;
    bool sep = false;
    if (!w->dest_csv) buf_putc(b, '{');
    if (w->row_id) put_row_id(w, b, !w->dest_csv), sep = true;
    for (int i = 0; i < s->ncols; i++) {
        const Value *v = &row->v[i];
        if (!w->dest_csv) {
            /* keys[i] is ,"NAME": */
            buf_put(b, w->keys[i] + !sep, w->keylens[i] - !sep);
            json_put_value(b, s->cols[i].type, v);
        } else {
            if (sep) buf_putc(b, ',');
            Value text;
            if (v->null) {
            } else if (s->cols[i].type.id == TY_ROW) {
                Buf tmp = {0};
                json_put_value(&tmp, s->cols[i].type, v);
                put_csv_field(b, tmp.p, tmp.len);
                buf_free(&tmp);
            } else if (conv_to_text(s->cols[i].type, v, &w->scratch, &text)) {
                put_csv_field(b, text.u.s, text.len);
            }
        }
        sep = true;
    }
    buf_putc(b, w->dest_csv ? '\n' : '}');
    put_key(w, row);
    arena_reset(&w->scratch);
    size_t len = b->len - start;
    if (w->out->max_record && len + w->out->key.len > w->out->max_record) {
        b->len = start;
        if (w->reject) w->reject(w->reject_ctx, w, row, len + w->out->key.len);
        return;
    }
    out_end_record(w->out, start);
}

void io_write_row(RowWriter *w, const Row *row)
{
    if (w->destination) {
        write_destination_row(w, row);
        return;
    }
    if (w->format != OUT_NDJSON) {
        write_text_row(w, row);
        return;
    }
    Buf *b = &w->out->b;
    size_t start = b->len;
    buf_reserve(b, 48);
    memcpy(b->p + b->len, "{\"ROWTIME\":\"", 12);
    b->len += 12;
    b->len += (size_t)time_format_timestamp(row->rowtime, b->p + b->len);
    b->p[b->len++] = '"';
    if (w->stream_field) buf_put(b, w->stream_field, w->stream_field_len);
    w->rows++;
    if (w->row_id) {
        buf_put(b, w->row_id, w->row_id_len);
        char num[24];
        buf_put(b, num, (size_t)fmt_int64((int64_t)w->rows, num));
        buf_putc(b, '"');
    }
    const Schema *s = w->schema;
    for (int i = 0; i < s->ncols; i++) {
        buf_put(b, w->keys[i], w->keylens[i]);
        json_put_value(b, s->cols[i].type, &row->v[i]);
    }
    buf_put(b, "}\n", 2);
    w->out->row = row, w->out->schema = s;
    out_end_record(w->out, start);
    w->out->row = NULL;
}

