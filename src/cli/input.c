/* One input stream's records: read from its source, decoded by its format
 * (NDJSON, CSV or raw lines) into the row that goes next. Records that do
 * not decode go to the error stream with their line and reason. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "reader.h"
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
    if (n && (unsigned char)s[0] > ' ') return false;   /* a record's usual start, '{': one test */
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
    return true;
}

/* --format lines: the whole line is the stream's one column. */
static bool decode_line(Input *in, const char *line, size_t len, Row *row, Arena *a, DecodeError *err)
{
    err->has_rowtime = err->rowtime_key = false;
    if (!io_check_utf8(line, len, err)) return false;
    row->n = in->schema->ncols;
    row->v = arena_alloc(a, sizeof(Value) * (size_t)(row->n ? row->n : 1));
    for (int i = 0; i < row->n; i++) row->v[i] = val_null();
    if (row->n) {
        row->v[0] = val_str(line, (uint32_t)len);
        conv_fit_string(in->schema->cols[0].type, &row->v[0], a);
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
static inline __attribute__((always_inline)) SourceStatus next_record(Input *in, InputThread *t)
{
    if (in->replay.p && cli_input_replayed(in, &in->replay_at, &in->rec)) return SOURCE_RECORD;
    if (in->replay.p) {
        buf_free(&in->replay);
        in->replay_at = 0;
        if (t) cli_reader_item(t, RI_REPLAY_DONE, NULL);
    }
    return source_next(in->src, &in->rec);
}

/* What the end of an input says: why, if it failed or was cut short. */
static void say_end(const Input *in)
{
    if (in->src->message) fprintf(stderr, "eddy: %s\n", in->src->message);
    else if (in->src->error) fprintf(stderr, "eddy: reading %s: %s\n", in->src->name, strerror(in->src->error));
    if (in->src->cut)
        fprintf(stderr, "eddy: stopped while a record of %s was arriving: its %zu bytes so far were not read\n",
                in->src->name, in->src->cut);
}

/* The first key that is no column of a discovered stream, in words
 * (mem_free it); NULL if none yet. */
static char *unknown_key_text(const Input *in, const Decoder *dec, uint64_t recno)
{
    const char *key;
    if (!io_decoder_unknown_keys(dec, &key)) return NULL;
    Buf shown = {0};   /* the key comes from the data: shown, never obeyed by the terminal */
    io_put_visible(&shown, key, strlen(key));
    char *text = NULL;
    for (int pass = 0, n = 0; pass < 2; pass++) {
        n = snprintf(text, text ? (size_t)n + 1 : 0,
                     "eddy: %s line %llu: key \"%.*s\" is not a column of stream \"%s\", whose columns were discovered "
                     "from its first %d record%s%s; it is ignored (declare the stream to read it; --verbose shows the "
                     "discovered columns)\n", in->src->name, (unsigned long long)recno, (int)shown.len,
                     shown.p ? shown.p : "", in->stream, in->sampled, in->sampled == 1 ? "" : "s",
                     in->schema && in->schema->ncols >= IO_DISCOVER_MAX_COLS ? " (discovery keeps at most 1024 columns)" : "");
        if (!text) text = mem_alloc((size_t)n + 1);
    }
    buf_free(&shown);
    return text;
}

static char *unknown_key_message(Input *in)
{
    char *text = unknown_key_text(in, in->dec, in->rec.recno);
    if (text) in->unknown_said = true;
    return text;
}

/* How many records decoded so far had a key that is no column. */
static inline uint64_t unknown_count(const Decoder *dec)
{
    const char *first;
    return io_decoder_unknown_keys(dec, &first);
}

/* A line for stderr about the input, after the error rows so far (which
 * may go to stderr too): in the order of the records, whatever was buffered. */
static void say_note(Run *r, const char *note)
{
    out_flush(r->err);
    fputs(note, stderr);
}

/* A record (or a row of it) that goes to the error stream: written now
 * with one thread, else an item the main thread writes in its turn.
 * counted: the record it is counts in r->records (1), and in the input's (2). */
static void record_error(Run *r, Input *in, InputThread *t, int counted, const char *name, const char *msg,
                         const char *raw, size_t rawlen, const DecodeError *de)
{
    if (!t) {
        input_error(r, in, name, msg, raw, rawlen, de);
        return;
    }
    ReadItem *it = cli_reader_item(t, RI_ERROR, &in->rec);
    it->counted = (uint8_t)counted;
    it->err.name = name;
    it->err.msg = arena_strndup(cli_reader_arena(t), msg, strlen(msg));
    it->err.raw = raw;
    it->err.rawlen = rawlen;
    it->err.decoded = de != NULL;
    if (de) it->err.has_rowtime = de->has_rowtime, it->err.rowtime_key = de->rowtime_key, it->err.rowtime = de->rowtime;
}

static void record_row(Input *in, InputThread *t, int counted, bool first, bool event_time)
{
    ReadItem *it = cli_reader_item(t, RI_ROW, &in->rec);
    it->counted = (uint8_t)counted;
    it->first = first;
    it->event_time = event_time;
    it->elem = in->elem;
    it->row = in->row;
}

/* A record's row decoded: its times where the record did not carry them. */
static inline void row_times(Row *row, const SourceRecord *rec, bool has_rt, bool has_arr)
{
    if (!has_rt) row->rowtime = rec->arrival;
    /* APPROXIMATE_ARRIVAL_TIME: when the source's service took the record, if it says */
    if (!has_arr) row->arrival = rec->has_approx_arrival ? rec->approx_arrival : rec->arrival;
}

/* Reads records until one decodes into in->row, the source has nothing
 * ready, or it ends; errors go to the error stream. With one thread (t
 * NULL) on the main thread, straight into the run; on a reader thread,
 * into t's batch as items (with a copy of each record's bytes, which the
 * source reuses), for the main thread to take in the same order. Inlined
 * into both, so the one-thread path pays nothing for the other. */
static inline __attribute__((always_inline)) DecodeStep decode_records(Run *r, Input *in, InputThread *t)
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
        Arena *a = t ? cli_reader_arena(t) : &in->arena;
        if (!t) arena_reset(a);
        row->rowtime = now;
        bool ok = io_ndjson_decode_elem(in->dec, in->rec.data, in->rec.len, ++in->elem, &in->more, row, a, &has_rt,
                                        &has_arr, &err);
        if (ok && !has_rt) row->rowtime = now;
        if (ok && !has_arr) row->arrival = arrival;
        if (ok && io_source_columns_any(&in->srccols))
            ok = io_source_columns_fill(&in->srccols, in->schema, &in->rec, row, a, &err);
        if (!ok) {
            record_error(r, in, t, 0, err.name, err.msg, in->rec.data, in->rec.len, &err);
            if (t && cli_reader_full(t)) return STEP_FULL;
            continue;   /* the rows after a failed one still come */
        }
        in->pending = true;
        if (t) record_row(in, t, 0, false, false);
        return STEP_ROW;
    }
    while (!in->done) {
        SourceStatus st = next_record(in, t);
        if (st == SOURCE_WAIT) return STEP_WAIT;   /* quiet for now: the merge turns to the other inputs */
        if (st == SOURCE_END) {
            in->done = true;
            if (t) cli_reader_item(t, RI_END, NULL);
            else say_end(in);
            return STEP_END;
        }
        const char *line = in->rec.data;
        size_t len = in->rec.len;
        if (in->rec.truncated) {
            if (!t) r->records++;
            else line = in->rec.data = cli_reader_keep(t, line, len > 4096 ? 4096 : len);
            char msg[128];
            snprintf(msg, sizeof msg, "record longer than %zu bytes; only its start is kept here", in->src->max_record);
            record_error(r, in, t, 1, "RECORD_TOO_LONG", msg, line, len > 4096 ? 4096 : len, NULL);
            if (t && cli_reader_full(t)) return STEP_FULL;
            continue;
        }
        if (is_blank(line, len) && o->format != FMT_LINES) continue;
        if (o->format == FMT_CSV && o->header && !in->header_read) {
            in->header_read = true;
            in->csv = io_csv_new(in->schema, o->delimiter, line, len, t ? &t->keep : &r->app.arena);
            continue;
        }
        Arena *a = t ? cli_reader_arena(t) : &in->arena;
        if (!t) {
            r->records++;
            in->records++;
            arena_reset(a);
        } else {
            line = in->rec.data = cli_reader_keep(t, line, len);
            if (t->fill_raw) {
                cli_reader_item(t, RI_RAW, &in->rec)->counted = 2;
                return STEP_ROW;
            }
        }
        int64_t now = in->rec.arrival;
        Row *row = &in->row;
        bool has_rt, has_arr = false;
        DecodeError err;
        row->rowtime = row->arrival = now;
        row->recno = in->rec.recno;
        bool ok;
        uint64_t unknown_before = 0;
        if (o->format == FMT_CSV) {
            ok = io_csv_decode(in->csv, line, len, row, a, &has_rt, &err);
        } else if (o->format == FMT_LINES) {
            ok = decode_line(in, line, len, row, a, &err);
            has_rt = false;
        } else {
            in->elem = in->resume_elem;   /* resuming inside a record that makes several rows */
            in->resume_elem = 0;
            if (t && in->discovered) unknown_before = unknown_count(in->dec);
            ok = io_ndjson_decode_elem(in->dec, line, len, 0, &in->more, row, a, &has_rt, &has_arr, &err);
        }
        if (ok && io_source_columns_any(&in->srccols))
            ok = io_source_columns_fill(&in->srccols, in->schema, &in->rec, row, a, &err);
        if (!ok) {
            record_error(r, in, t, 2, err.name, err.msg, line, len, &err);
            if (in->more) goto next_row;
            if (t && cli_reader_full(t)) return STEP_FULL;
            continue;
        }
        if (in->discovered && !in->unknown_said && in->dec) {
            char *note = unknown_key_message(in);
            if (note && t) cli_reader_item(t, RI_NOTE, NULL)->note = arena_strndup(cli_reader_arena(t), note, strlen(note));
            else if (note) say_note(r, note);
            mem_free(note);
        }
        row_times(row, &in->rec, has_rt, has_arr);
        in->pending = true;
        if (t) {
            record_row(in, t, 2, true, has_rt);
            if (in->discovered && in->dec) t->fill->items[t->fill->n - 1].unknown_key = unknown_count(in->dec) != unknown_before;
        } else {
            in->event_time = has_rt;
            in->time_known = true;
        }
        return STEP_ROW;
    }
    return STEP_END;
}

DecodeStep cli_input_decode_step(Run *r, Input *in, InputThread *t) { return decode_records(r, in, t); }

/* A batch the reader thread handed over undecoded: its records from item
 * i on decoded here, on the main thread, into the items the thread would
 * have made (a row, or an error), before the first is taken. */
static void decode_raw_items(Input *in, InputThread *t, ReadBatch *b, int i)
{
    for (; i < b->n; i++) {
        ReadItem *it = &b->items[i];
        if (it->kind != RI_RAW) continue;
        Row row;
        bool has_rt, has_arr, more;
        DecodeError err;
        row.rowtime = row.arrival = it->rec.arrival;
        row.recno = it->rec.recno;
        uint64_t unknown_before = in->discovered ? unknown_count(t->main_dec) : 0;
        bool ok = io_ndjson_decode_elem(t->main_dec, it->rec.data, it->rec.len, 0, &more, &row, &b->arena, &has_rt,
                                        &has_arr, &err);
        if (ok && io_source_columns_any(&in->srccols))
            ok = io_source_columns_fill(&in->srccols, in->schema, &it->rec, &row, &b->arena, &err);
        if (!ok) {
            it->kind = RI_ERROR;
            it->err.name = err.name;
            it->err.msg = arena_strndup(&b->arena, err.msg, strlen(err.msg));
            it->err.raw = it->rec.data;
            it->err.rawlen = it->rec.len;
            it->err.decoded = true;
            it->err.has_rowtime = err.has_rowtime, it->err.rowtime_key = err.rowtime_key, it->err.rowtime = err.rowtime;
            continue;
        }
        if (in->discovered && !t->main_noted) {
            char *note = unknown_key_text(in, t->main_dec, it->rec.recno);
            if (note) {
                it->row_note = arena_strndup(&b->arena, note, strlen(note));
                t->main_noted = true;
            }
            mem_free(note);
        }
        row_times(&row, &it->rec, has_rt, has_arr);
        it->unknown_key = in->discovered && unknown_count(t->main_dec) != unknown_before;
        it->kind = RI_ROW;
        it->first = true;
        it->event_time = has_rt;
        it->elem = 0;
        it->row = row;
    }
}

/* A line about the input's keys from a reader thread's items, said once:
 * the first of either thread's decoders. */
static void say_thread_note(Run *r, Input *in, const char *note)
{
    if (!in->unknown_said) say_note(r, note);
    in->unknown_said = true;
}

/* The items a reader thread decoded, taken in order: what decoding would
 * have done here with one thread, done now. */
static void fill_from_thread(Run *r, Input *in)
{
    InputThread *t = in->thr;
    in->pending = false;
    for (;;) {
        const ReadItem *it = cli_reader_next(r, t);
        if (!it) return;   /* quiet for now */
        if (it->kind == RI_RAW) decode_raw_items(in, t, t->cur, t->cur->next - 1);
        if (it->row_note) say_thread_note(r, in, it->row_note);
        if (it->counted) r->records++;
        if (it->counted == 2) in->records++;
        in->unknown_taken += it->unknown_key;
        switch ((ReadItemKind)it->kind) {
        case RI_ROW:
            in->rec = it->rec;
            in->row = it->row;
            in->elem = it->elem;
            if (it->first) {
                in->event_time = it->event_time;
                in->time_known = true;
            }
            arena_reset(&in->arena);   /* what the operators allocate for the record */
            in->pending = true;
            return;
        case RI_ERROR: {
            in->rec = it->rec;
            DecodeError de = {.has_rowtime = it->err.has_rowtime, .rowtime_key = it->err.rowtime_key,
                              .rowtime = it->err.rowtime};
            input_error(r, in, it->err.name, it->err.msg, it->err.raw, it->err.rawlen, it->err.decoded ? &de : NULL);
            break;
        }
        case RI_NOTE: say_thread_note(r, in, it->note); break;
        case RI_RAW: break;   /* decoded above */
        case RI_REPLAY_DONE: t->replaying = false; break;
        case RI_BACK:
            /* the thread stopped: the records after those it read are read here (and on a thread again once a CPU is idle) */
            cli_reader_hand_back(in);
            cli_input_fill(r, in);
            return;
        case RI_END:
            in->done = true;
            t->end_error = in->src->error;
            say_end(in);
            return;
        }
    }
}

void cli_input_fill(Run *r, Input *in)
{
    if (in->thr) fill_from_thread(r, in);
    else if (in->retreated && --in->resume_countdown == 0 && cli_reader_resume(r, in)) fill_from_thread(r, in);
    else decode_records(r, in, NULL);
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
        in->file_backed = true;
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

void cli_input_report_unknown(Run *r, Input *in, bool at_end)
{
    const char *key;
    uint64_t n = in->dec ? io_decoder_unknown_keys(in->dec, &key) : 0;
    /* read by a thread: the records taken, not those it decoded ahead (past a LIMIT) */
    if (in->read_by_thread) n = in->unknown_taken + (in->retreated ? n - in->unknown_base : 0);
    if (!n || (at_end && n == 1)) return;
    out_flush(r->err);
    if (!at_end) {
        char *note = unknown_key_message(in);
        fputs(note, stderr);
        mem_free(note);
    } else {
        fprintf(stderr, "eddy: %llu records of %s had keys that are not columns of stream \"%s\" (ignored)\n",
                (unsigned long long)n, in->src->name, in->stream);
    }
}

int cli_input_fd(const Input *in) { return in->thr ? in->thr->ready_fd : source_fd(in->src); }
uint64_t cli_input_bytes(const Input *in) { return in->thr ? in->thr->bytes : in->src ? in->src->bytes : 0; }
bool cli_input_replaying(const Input *in) { return in->thr ? in->thr->replaying : in->replay_at < in->replay.len; }
bool cli_input_failed(const Input *in) { return in->thr ? in->thr->end_error != 0 : in->src->error != 0; }

void cli_input_save(Input *in, Buf *out)
{
    if (!in->src->ops->save) return;
    if (in->thr) cli_reader_save(in, out);
    else in->src->ops->save(in->src, in->pending ? &in->rec : NULL, in->pending, out);
}

void cli_input_close(Input *in)
{
    if (in->thr) cli_reader_free(in);
    if (in->src) {
        source_close(in->src);
        in->src = NULL;
        arena_free(&in->arena);
    }
    buf_free(&in->replay);
    io_decoder_free(in->dec);
    io_csv_free(in->csv);
}
