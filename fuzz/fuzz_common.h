/* Shared by the fuzz targets: run an application over NDJSON lines the
 * way src/main.c does, with output and error rows rendered into memory. */
#ifndef EDDY_FUZZ_COMMON_H
#define EDDY_FUZZ_COMMON_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "executor/exec.h"
#include "functions/regex.h"
#include "parser/parse.h"
#include "planner/bind.h"
#include "src/runtime/clock.h"
#include "src/runtime/diag.h"
#include "src/io/io.h"
#include "src/runtime/mem.h"
#include "src/runtime/rowtype.h"
#include "src/runtime/timeutil.h"

/* Each target's entry point is libFuzzer's LLVMFuzzerTestOneInput; built
 * into fuzz_replay (make check replays the corpora, with no libFuzzer) the
 * five targets live in one program, so there it is fuzz_<name>_one. */
#ifdef FUZZ_REPLAY
#define FUZZ_ENTRY(name) int fuzz_##name##_one(const uint8_t *data, size_t size)
#else
#define FUZZ_ENTRY(name) int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
#endif
FUZZ_ENTRY(sql);
FUZZ_ENTRY(ndjson);
FUZZ_ENTRY(csv);
FUZZ_ENTRY(run);
FUZZ_ENTRY(logparse);

/* helpers below: not every target uses each one */
#define FUZZ_HELPER static __attribute__((unused))

#define FUZZ_SOURCE "SOURCE_SQL_STREAM_001"
#define FUZZ_DEST "DESTINATION_SQL_STREAM"

FUZZ_HELPER FILE *fuzz_devnull(void)
{
    static FILE *f;
    if (!f) f = fopen("/dev/null", "w");
    return f;
}

FUZZ_HELPER void fuzz_write_row(void *ctx, const CatStream *s, const Row *row)
{
    (void)s;
    io_write_row(ctx, row);
}

/* As main.c's write_error, into a buffer that is dropped. */
FUZZ_HELPER void fuzz_write_error(void *ctx, const ErrorRow *e)
{
    Buf *b = ctx;
    json_put_string(b, e->name, strlen(e->name));
    json_put_string(b, e->message, strlen(e->message));
    if (e->data) json_put_string(b, e->data, e->data_len);
    else if (e->row) json_put_row(b, e->schema, e->row);
    if (e->pump) json_put_string(b, e->pump, strlen(e->pump));
    if (e->stream) json_put_string(b, e->stream, strlen(e->stream));
    if (b->len > (1 << 16)) b->len = 0;
}

/* Runs a bound application: lines of `input` (NDJSON) feed stream `src_id`.
 * `fmt` picks the output format. */
FUZZ_HELPER void fuzz_execute(PlanApp *app, int src_id, const char *input, size_t inlen, OutputFormat fmt)
{
    static int devnull_fd = -1;
    if (devnull_fd < 0) devnull_fd = fileno(fuzz_devnull());
    OutBuf out;
    out_init(&out, devnull_fd, 1 << 16);
    Buf errb = {0};
    Exec *ex = exec_new(app);
    exec_set_error_sink(ex, fuzz_write_error, &errb);
    int nout = 0;
    int ids[64];
    for (int i = 0; i < app->cat.nstreams && nout < 64; i++) {
        CatStream *s = app->cat.streams[i];
        if (s->anonymous || !strcmp(s->name, FUZZ_DEST)) ids[nout++] = i;
    }
    Arena wa;   /* the writers' keys: not in the plan arena, which fuzz_run keeps across inputs */
    arena_init(&wa, 4096);
    /* zeroed: io_writer_init leaves header_done unset (main.c's arena_alloc'd writers have the bug) */
    RowWriter *w = arena_zalloc(&wa, sizeof(RowWriter) * (size_t)(nout ? nout : 1));
    for (int i = 0; i < nout; i++) {
        io_writer_init(&w[i], &out, &app->cat.streams[ids[i]]->schema, &wa);
        io_writer_set_format(&w[i], fmt, &wa);
        exec_set_sink(ex, ids[i], fuzz_write_row, &w[i]);
    }
    const Schema *schema = &app->cat.streams[src_id]->schema;
    Decoder *dec = io_decoder_new(schema);
    Arena rec;
    arena_init(&rec, 65536);
    const char *p = input, *end = input + inlen;
    uint64_t lineno = 0;
    int64_t now = 946684800000;   /* 2000-01-01, as the SQL tests pin it */
    bool event_time = false;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *line = p;
        p = nl ? nl + 1 : end;
        lineno++;
        if (n && line[n - 1] == '\r') n--;
        if (!n) continue;
        if (n == 5 && !memcmp(line, "#tick", 5)) {
            /* time passes with no row, as main.c's on_idle does for arrival-time input */
            now += 60000;
            if (!event_time) exec_tick(ex, src_id, now);
            continue;
        }
        arena_reset(&rec);
        Row row;
        memset(&row, 0, sizeof row);
        row.rowtime = row.arrival = now;
        row.recno = lineno;
        bool has_rt = false, has_arr = false;
        DecodeError err;
        if (!io_ndjson_decode(dec, line, n, &row, &rec, &has_rt, &has_arr, &err)) {
            json_put_string(&errb, err.msg, strlen(err.msg));
            continue;
        }
        event_time = has_rt;
        if (!has_rt) row.rowtime = now;
        if (!has_arr) row.arrival = now;
        ex->now = row.arrival;
        ex->line = lineno;
        exec_push_input(ex, src_id, &row, &rec, line, n);
        if (errb.len > (1 << 16)) errb.len = 0;
        now += 250;
    }
    exec_finish(ex);
    for (int i = 0; i < nout; i++) io_writer_free(&w[i]);
    exec_free(ex);
    io_decoder_free(dec);
    arena_free(&rec);
    arena_free(&wa);
    out.b.len = 0;        /* nothing needs writing */
    out_free(&out);
    buf_free(&errb);
}

/* A schema with a column of every type, for the record readers. */
FUZZ_HELPER Schema *fuzz_all_types(void)
{
    static Schema s;
    static Column cols[20];
    if (s.cols) return &s;
    int n = 0;
    cols[n++] = (Column){"B", type_make(TY_BOOLEAN)};
    cols[n++] = (Column){"TI", type_make(TY_TINYINT)};
    cols[n++] = (Column){"SI", type_make(TY_SMALLINT)};
    cols[n++] = (Column){"I", type_make(TY_INTEGER)};
    cols[n++] = (Column){"BI", type_make(TY_BIGINT)};
    cols[n++] = (Column){"DEC", type_decimal(10, 2)};
    cols[n++] = (Column){"R", type_make(TY_REAL)};
    cols[n++] = (Column){"D", type_make(TY_DOUBLE)};
    cols[n++] = (Column){"C", type_string(TY_CHAR, 4)};
    cols[n++] = (Column){"V", type_string(TY_VARCHAR, 8)};
    cols[n++] = (Column){"VU", type_string(TY_VARCHAR, 0)};
    cols[n++] = (Column){"BN", type_string(TY_BINARY, 4)};
    cols[n++] = (Column){"VB", type_string(TY_VARBINARY, 8)};
    cols[n++] = (Column){"DT", type_make(TY_DATE)};
    cols[n++] = (Column){"TM", type_make(TY_TIME)};
    cols[n++] = (Column){"TS", type_make(TY_TIMESTAMP)};
    SqlType idt = type_make(TY_INTERVAL_DT);
    idt.precision = 2, idt.unit_hi = TU_DAY, idt.unit_lo = TU_SECOND;
    cols[n++] = (Column){"IDT", idt};
    SqlType iym = type_make(TY_INTERVAL_YM);
    iym.precision = 2, iym.unit_hi = TU_YEAR, iym.unit_lo = TU_MONTH;
    cols[n++] = (Column){"IYM", iym};
    cols[n++] = (Column){"quoted name", type_make(TY_INTEGER)};
    s.ncols = n;
    s.cols = cols;
    return &s;
}

#endif
