/* One input stream's records: read from its source, decoded by its format
 * (NDJSON, CSV or raw lines) into the row that goes next. Records that do
 * not decode go to the error stream with their line and reason. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "src/io/uri.h"
#include "src/runtime/convert.h"
#include "src/runtime/mem.h"

enum { DISCOVERY_RECORDS = 1000 };

static void input_error(Run *r, Input *in, const char *name, const char *msg, const char *raw, size_t rawlen,
                        const DecodeError *de)
{
    ErrorRow e = {.name = name, .message = msg, .stream = in->stream, .data = raw, .data_len = rawlen, .line = in->rec.recno,
                  .origin = in->rec.origin};
    if (de && de->has_rowtime) e.has_rowtime = true, e.data_rowtime = de->rowtime;
    else if (de && !de->rowtime_key && strcmp(name, "CONVERSION") == 0)
        e.has_rowtime = true, e.data_rowtime = in->rec.arrival;   /* a well-formed record without ROWTIME: its arrival time */
    r->errors_in++;
    r->ex->stats.errors++;
    cli_write_error(r, &e);
}

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
    return true;
}

/* --format lines: the whole line is the stream's one column. */
static bool decode_line(Input *in, const char *line, size_t len, Row *row, DecodeError *err)
{
    err->has_rowtime = err->rowtime_key = false;
    if (!io_check_utf8(line, len, err)) return false;
    row->n = in->schema->ncols;
    row->v = arena_alloc(&in->arena, sizeof(Value) * (size_t)(row->n ? row->n : 1));
    for (int i = 0; i < row->n; i++) row->v[i] = val_null();
    if (row->n) {
        row->v[0] = val_str(line, (uint32_t)len);
        conv_fit_string(in->schema->cols[0].type, &row->v[0], &in->arena);
    }
    return true;
}

/* Records kept by discovery are framed as a ReplayHead, the bytes, the
 * origin with its NUL (origin_len 0: none), then the key (Kafka). */
typedef struct ReplayHead {
    uint64_t recno;
    int64_t arrival;
    uint64_t len;
    uint64_t truncated;
    int64_t approx_arrival;
    uint64_t has_approx_arrival;
    uint64_t origin_len;
    uint64_t offset;
    int64_t partition;           /* -1: none */
    int64_t key_len;             /* -1: no key */
} ReplayHead;

bool cli_input_replayed(const Input *in, size_t *at, SourceRecord *rec)
{
    if (*at >= in->replay.len) return false;
    ReplayHead h;
    memcpy(&h, in->replay.p + *at, sizeof h);
    const char *data = in->replay.p + *at + sizeof h;
    *rec = (SourceRecord){.data = data, .len = (size_t)h.len, .arrival = h.arrival, .recno = h.recno,
                          .truncated = h.truncated != 0, .has_approx_arrival = h.has_approx_arrival != 0,
                          .approx_arrival = h.approx_arrival, .origin = h.origin_len ? data + h.len : NULL,
                          .offset = h.offset, .has_partition = h.partition >= 0, .partition = (int32_t)h.partition,
                          .key = h.key_len >= 0 ? data + h.len + h.origin_len : NULL,
                          .key_len = h.key_len >= 0 ? (size_t)h.key_len : 0};
    *at += sizeof h + (size_t)h.len + (size_t)h.origin_len + (h.key_len > 0 ? (size_t)h.key_len : 0);
    return true;
}

/* The next record: those read for discovery first, then the source's. */
static SourceStatus next_record(Input *in)
{
    if (in->replay.p && cli_input_replayed(in, &in->replay_at, &in->rec)) return SOURCE_RECORD;
    if (in->replay.p) {
        buf_free(&in->replay);
        in->replay_at = 0;
    }
    return source_next(in->src, &in->rec);
}

void cli_input_fill(Run *r, Input *in)
{
    Options *o = r->opt;
    in->pending = false;
next_row:
    /* the next row of a record whose array makes several */
    while (in->more) {
        Row *row = &in->row;
        int64_t arrival = row->arrival, now = in->rec.arrival;
        bool has_rt, has_arr;
        DecodeError err;
        arena_reset(&in->arena);
        row->rowtime = now;
        bool ok = io_ndjson_decode_elem(in->dec, in->rec.data, in->rec.len, ++in->elem, &in->more, row, &in->arena,
                                        &has_rt, &has_arr, &err);
        if (!ok) {
            input_error(r, in, err.name, err.msg, in->rec.data, in->rec.len, &err);
            continue;   /* the rows after a failed one still come */
        }
        if (!has_rt) row->rowtime = now;
        if (!has_arr) row->arrival = arrival;
        if (io_source_columns_any(&in->srccols) &&
            !io_source_columns_fill(&in->srccols, in->schema, &in->rec, row, &in->arena, &err)) {
            input_error(r, in, err.name, err.msg, in->rec.data, in->rec.len, &err);
            continue;
        }
        in->pending = true;
        return;
    }
    while (!in->done) {
        SourceStatus st = next_record(in);
        if (st == SOURCE_WAIT) return;   /* quiet for now: the merge turns to the other inputs */
        if (st == SOURCE_END) {
            in->done = true;
            if (in->src->message) fprintf(stderr, "eddy: %s\n", in->src->message);
            else if (in->src->error) fprintf(stderr, "eddy: reading %s: %s\n", in->src->name, strerror(in->src->error));
            if (in->src->cut)
                fprintf(stderr, "eddy: stopped while a record of %s was arriving: its %zu bytes so far were not read\n",
                        in->src->name, in->src->cut);
            return;
        }
        const char *line = in->rec.data;
        size_t len = in->rec.len;
        if (in->rec.truncated) {
            r->records++;
            char msg[128];
            snprintf(msg, sizeof msg, "record longer than %zu bytes; only its start is kept here", in->src->max_record);
            input_error(r, in, "RECORD_TOO_LONG", msg, line, len > 4096 ? 4096 : len, NULL);
            continue;
        }
        if (is_blank(line, len) && o->format != FMT_LINES) continue;
        if (o->format == FMT_CSV && o->header && !in->header_read) {
            in->header_read = true;
            in->csv = io_csv_new(in->schema, o->delimiter, line, len, &r->app.arena);
            continue;
        }
        r->records++;
        in->records++;
        arena_reset(&in->arena);
        int64_t now = in->rec.arrival;
        Row *row = &in->row;
        bool has_rt, has_arr = false;
        DecodeError err;
        row->rowtime = row->arrival = now;
        row->recno = in->rec.recno;
        bool ok;
        if (o->format == FMT_CSV) {
            ok = io_csv_decode(in->csv, line, len, row, &in->arena, &has_rt, &err);
        } else if (o->format == FMT_LINES) {
            ok = decode_line(in, line, len, row, &err);
            has_rt = false;
        } else {
            in->elem = in->resume_elem;   /* resuming inside a record that makes several rows */
            in->resume_elem = 0;
            ok = io_ndjson_decode_elem(in->dec, line, len, 0, &in->more, row, &in->arena, &has_rt, &has_arr, &err);
        }
        if (ok && io_source_columns_any(&in->srccols))
            ok = io_source_columns_fill(&in->srccols, in->schema, &in->rec, row, &in->arena, &err);
        if (!ok) {
            input_error(r, in, err.name, err.msg, line, len, &err);
            if (in->more) goto next_row;
            continue;
        }
        if (in->discovered && !in->unknown_said && in->dec) cli_input_report_unknown(in, false);
        if (!has_rt) row->rowtime = now;
        in->event_time = has_rt;
        in->time_known = true;
        /* APPROXIMATE_ARRIVAL_TIME: when the source's service took the record, if it says */
        if (!has_arr) row->arrival = in->rec.has_approx_arrival ? in->rec.approx_arrival : now;
        in->pending = true;
        return;
    }
}

/* A connector named by a URI (kinesis://STREAM?...); 1 when in->path is
 * a file instead, 0 when opened, -1 on an error (said). */
static int open_connector(Run *r, Input *in)
{
    IoUri u;
    char why[1024];
    if (!io_uri_parse(in->path, &u, why, sizeof why)) {
        fprintf(stderr, "eddy: --input %s: %s\n", in->stream, why);
        return -1;
    }
    int rc = 1;
    if (io_uri_is_file(&u)) {
        /* file://PATH is the file PATH */
        if (u.scheme) in->path = in->path + (u.path - u.text);
    } else if (!strcmp(u.scheme, "kinesis") || !strcmp(u.scheme, "kafka")) {
        in->src = !strcmp(u.scheme, "kafka") ? io_source_open_kafka(&u, r->opt->verbose, why, sizeof why)
                                             : io_source_open_kinesis(&u, r->opt->verbose, why, sizeof why);
        rc = in->src ? 0 : -1;
        if (!in->src) fprintf(stderr, "eddy: --input %s: %s\n", in->stream, why);
    } else {
        fprintf(stderr, "eddy: --input %s: unknown scheme \"%s://\" (expected a file, '-', file://PATH, kinesis://STREAM "
                        "or kafka://BROKERS/TOPIC)\n",
                in->stream, u.scheme);
        rc = -1;
    }
    io_uri_free(&u);
    return rc;
}

/* Before an input reads more: the rows so far go out (a record waits for
 * its own processing, not for an output buffer to fill). */
static void deliver_before_read(void *ctx)
{
    Run *r = ctx;
    if (r->err) cli_flush_outputs(r);
}

int cli_input_open(Run *r, Input *in)
{
    bool demo = !strcmp(in->path, DEMO_PATH);
    if (!demo && open_connector(r, in) < 0) return -1;
    if (in->src) {
        /* a connector: opened */
    } else if (demo) {
        in->src = io_source_open_demo(r->opt->demo_rate);
        if (!in->src) {
            fprintf(stderr, "eddy: cannot start the demo ticker: %s\n", strerror(errno));
            return -1;
        }
    } else {
        in->src = io_source_open_file(in->path);
        if (!in->src) {
            fprintf(stderr, "eddy: cannot open %s: %s\n", in->path, strerror(errno));
            return -1;
        }
    }
    in->src->before_read = deliver_before_read;
    in->src->before_read_ctx = r;
    arena_init(&in->arena, 65536);
    return 0;
}

int cli_input_discover(Run *r, Input *in, Schema *out)
{
    Options *o = r->opt;
    Buf text = {0};
    int n = 0;
    /* Wait for one record at most: a live source may pause after it. */
    while (n < DISCOVERY_RECORDS && !io_stop_requested) {
        SourceRecord rec = {0};
        SourceStatus st = source_next(in->src, &rec);
        if (st == SOURCE_END) break;
        if (st == SOURCE_WAIT) {
            if (n > 0) break;
            struct pollfd p = {.fd = source_fd(in->src), .events = POLLIN};
            poll(&p, 1, 200);
            continue;
        }
        size_t olen = rec.origin ? strlen(rec.origin) + 1 : 0;
        ReplayHead h = {rec.recno, rec.arrival, rec.len, rec.truncated, rec.approx_arrival, rec.has_approx_arrival, olen,
                        rec.offset, rec.has_partition ? rec.partition : -1, rec.key ? (int64_t)rec.key_len : -1};
        buf_put(&in->replay, (const char *)&h, sizeof h);
        buf_put(&in->replay, rec.data, rec.len);
        if (olen) buf_put(&in->replay, rec.origin, olen);
        if (rec.key) buf_put(&in->replay, rec.key, rec.key_len);
        buf_put(&text, rec.data, rec.len);
        buf_putc(&text, '\n');
        n++;
    }
    int nrec;
    if (o->format == FMT_LINES) {
        static Column line_col = {"LINE", {.id = TY_VARCHAR, .len = 0}};
        out->ncols = 1;
        out->cols = &line_col;
        nrec = text.len ? 1 : 0;
    } else if (o->format == FMT_CSV) {
        nrec = io_csv_discover(text.p ? text.p : "", text.len, o->delimiter, o->header, out, &r->app.arena);
    } else {
        nrec = io_discover_schema(text.p ? text.p : "", text.len, out, &r->app.arena);
    }
    in->sampled = n;
    /* nothing at all to discover from: say so with -1 */
    int rc = nrec == 0 && text.len == 0 ? -1 : nrec;
    buf_free(&text);
    return rc;
}

void cli_input_report_unknown(Input *in, bool at_end)
{
    const char *key;
    uint64_t n = in->dec ? io_decoder_unknown_keys(in->dec, &key) : 0;
    if (!n || (at_end && n == 1)) return;
    if (!at_end) {
        in->unknown_said = true;
        Buf shown = {0};   /* the key comes from the data: shown, never obeyed by the terminal */
        io_put_visible(&shown, key, strlen(key));
        fprintf(stderr, "eddy: %s line %llu: key \"%.*s\" is not a column of stream \"%s\", whose columns were discovered "
                        "from its first %d record%s%s; it is ignored (declare the stream to read it; --verbose shows the "
                        "discovered columns)\n", in->src->name, (unsigned long long)in->rec.recno, (int)shown.len,
                shown.p ? shown.p : "", in->stream, in->sampled, in->sampled == 1 ? "" : "s",
                in->schema && in->schema->ncols >= IO_DISCOVER_MAX_COLS ? " (discovery keeps at most 1024 columns)" : "");
        buf_free(&shown);
    } else {
        fprintf(stderr, "eddy: %llu records of %s had keys that are not columns of stream \"%s\" (ignored)\n",
                (unsigned long long)n, in->src->name, in->stream);
    }
}

void cli_input_close(Input *in)
{
    if (in->src) {
        source_close(in->src);
        in->src = NULL;
        arena_free(&in->arena);
    }
    buf_free(&in->replay);
    io_decoder_free(in->dec);
    io_csv_free(in->csv);
}
