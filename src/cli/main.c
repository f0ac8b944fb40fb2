/* The eddy command line: run an application or a query over NDJSON input. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "executor/exec.h"
#include "functions/regex.h"
#include "src/runtime/convert.h"
#include "parser/parse.h"
#include "planner/bind.h"
#include "src/runtime/clock.h"
#include "src/runtime/diag.h"
#include "src/io/io.h"
#include "src/io/kda_schema.h"
#include "src/runtime/mem.h"
#include "src/runtime/numtext.h"
#include "src/repl/repl.h"
#include "src/runtime/rowtype.h"
#include "src/io/ticker.h"
#include "src/runtime/timeutil.h"

/* A path no file can have: marks the input fed by the built-in ticker. */
#define DEMO_PATH "\001demo"

#define DEFAULT_SOURCE "SOURCE_SQL_STREAM_001"
#define DEFAULT_DEST "DESTINATION_SQL_STREAM"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

typedef struct InputSpec {
    const char *stream;
    const char *path;          /* "-" for standard input */
} InputSpec;

typedef struct Options {
    const char *mode;          /* "run", "check", "explain", "graph" */
    bool dot;                  /* graph: Graphviz instead of text */
    const char *sql_file;
    const char *sql_text;
    InputSpec inputs[16];
    int ninputs;
    const char *outputs[16];
    int noutputs;
    InputSpec tables[16];
    int ntables;
    InputSpec table_schemas[16];  /* --table-schema NAME=FILE: a KDA ReferenceSchema for table NAME */
    int ntable_schemas;
    const char *errors_path;
    bool stats;
    bool verbose;
    enum { FMT_NDJSON, FMT_CSV, FMT_LINES } format;
    bool format_given;            /* --format said it: an input schema's RecordFormat does not override it */
    OutputFormat output_format;
    double demo_rate;             /* --demo: ticker rows per second into SOURCE_SQL_STREAM_001; 0 = off */
    double stats_every;           /* seconds; 0 = off */
    char delimiter;
    bool header;
    const char *input_schema;     /* a KDA input schema (JSON) for the source stream */
} Options;

static void usage(FILE *out)
{
    fputs("Usage:\n"
          "  eddy run APP.sql [options]      run an application (NDJSON in on stdin, out on stdout)\n"
          "  eddy -e 'SQL' [options]         run SQL given on the command line\n"
          "  eddy check APP.sql [options]    parse, bind and plan; report every error\n"
          "  eddy explain APP.sql [options]  print each pump's plan (its operators, windows and keys)\n"
          "  eddy graph APP.sql [--dot]      the application's streams and pumps (--dot: for Graphviz)\n"
          "  eddy repl [APP.sql]             interactive session (also: eddy alone on a terminal)\n"
          "\n"
          "Options:\n"
          "  --input NAME=FILE   feed stream NAME from FILE ('-' is stdin); repeatable.\n"
          "                      Default: SOURCE_SQL_STREAM_001 from stdin\n"
          "  --table NAME=FILE   load reference table NAME from FILE (.csv with a header row, or NDJSON)\n"
          "                      before the stream starts; join it with FROM stream JOIN NAME ON ...\n"
          "  --table-schema NAME=FILE  table NAME's columns, types and format from a KDA ReferenceSchema\n"
          "                      (or describe-application's JSON holding it) instead of from its file\n"
          "  --output NAME       write stream NAME to stdout (repeatable).\n"
          "                      Default: DESTINATION_SQL_STREAM and every bare SELECT STREAM\n"
          "  --input-schema FILE the source stream's columns, types and JSONPath mappings from a KDA\n"
          "                      input schema (InputSchema, or describe-application's JSON holding it)\n"
          "  --errors FILE       write the error stream to FILE instead of stderr\n"
          "  --format F          input format: ndjson (default), csv, or lines (each line one VARCHAR column,\n"
          "                      for log parsing)\n"
          "  --delimiter C       CSV field delimiter (default ','; 'tab' for a tab)\n"
          "  --header            the CSV input starts with a header row naming the columns\n"
          "  --output-format F   output format: ndjson (default), csv, or table (aligned, for reading)\n"
          "  --stats             print records in, rows out and errors to stderr at exit\n"
          "  --stats-every S     print those counts (and rates) as NDJSON on stderr every S seconds\n"
          "  --demo [RATE]       feed SOURCE_SQL_STREAM_001 from the built-in stock ticker (RATE rows/s, default 10)\n"
          "  --now TIMESTAMP     fix the clock (arrival times, CURRENT_TIMESTAMP), for reproducible runs\n"
          "  --verbose           print discovered schemas to stderr\n"
          "  --help, --version\n"
          "\n"
          "Examples:\n"
          "  tail -f events.ndjson | eddy -e \"SELECT STREAM ticker, price FROM SOURCE_SQL_STREAM_001 WHERE price > 50\"\n"
          "  eddy run app.sql < input.ndjson > output.ndjson\n"
          "  eddy check app.sql\n"
          "\n"
          "Exit status: 0 success, 1 runtime failure (unreadable input), 2 usage or SQL error.\n",
          out);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) return NULL;
    Buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, n);
    if (f != stdin) fclose(f);
    buf_putc(&b, 0);
    *len = b.len - 1;
    return b.p;
}

static int parse_args(int argc, char **argv, Options *o)
{
    memset(o, 0, sizeof *o);
    o->delimiter = ',';
    int i = 1;
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            exit(EXIT_OK);
        } else if (!strcmp(a, "--version")) {
            printf("eddy %s\n", PACKAGE_VERSION);
            exit(EXIT_OK);
        } else if (!strcmp(a, "-e")) {
            if (++i >= argc) { fprintf(stderr, "eddy: -e needs SQL text\n"); return EXIT_USAGE; }
            o->sql_text = argv[i];
            o->mode = "expr";
        } else if (!strcmp(a, "--demo")) {
            o->demo_rate = 10;
            char *end = NULL;
            if (i + 1 < argc) {
                double v = strtod(argv[i + 1], &end);
                if (end && *end == 0 && v > 0) o->demo_rate = v, i++;
            }
        } else if (!strcmp(a, "--output-format")) {
            if (++i >= argc) { fprintf(stderr, "eddy: --output-format needs ndjson, csv or table\n"); return EXIT_USAGE; }
            if (!strcmp(argv[i], "ndjson") || !strcmp(argv[i], "json")) o->output_format = OUT_NDJSON;
            else if (!strcmp(argv[i], "csv")) o->output_format = OUT_CSV;
            else if (!strcmp(argv[i], "table")) o->output_format = OUT_TABLE;
            else { fprintf(stderr, "eddy: unknown --output-format '%s': expected ndjson, csv or table\n", argv[i]); return EXIT_USAGE; }
        } else if (!strcmp(a, "--stats-every")) {
            char *end = NULL;
            if (++i >= argc || (o->stats_every = strtod(argv[i], &end)) <= 0 || *end) {
                fprintf(stderr, "eddy: --stats-every needs a number of seconds\n");
                return EXIT_USAGE;
            }
        } else if (!strcmp(a, "--dot")) {
            o->dot = true;
        } else if (!strcmp(a, "run") || !strcmp(a, "check") || !strcmp(a, "explain") || !strcmp(a, "graph")) {
            if (o->mode) { fprintf(stderr, "eddy: unexpected '%s'\n", a); return EXIT_USAGE; }
            if (++i >= argc) { fprintf(stderr, "eddy: %s needs an application file\n", a); return EXIT_USAGE; }
            o->mode = a;
            o->sql_file = argv[i];
        } else if (!strcmp(a, "--input")) {
            if (++i >= argc || !strchr(argv[i], '=')) {
                fprintf(stderr, "eddy: --input needs NAME=FILE\n");
                return EXIT_USAGE;
            }
            if (o->ninputs == 16) { fprintf(stderr, "eddy: too many --input options\n"); return EXIT_USAGE; }
            char *eq = strchr(argv[i], '=');
            *eq = 0;
            o->inputs[o->ninputs].stream = argv[i];
            o->inputs[o->ninputs].path = eq + 1;
            o->ninputs++;
        } else if (!strcmp(a, "--table")) {
            if (++i >= argc || !strchr(argv[i], '=')) {
                fprintf(stderr, "eddy: --table needs NAME=FILE\n");
                return EXIT_USAGE;
            }
            if (o->ntables == 16) { fprintf(stderr, "eddy: too many --table options\n"); return EXIT_USAGE; }
            char *eq = strchr(argv[i], '=');
            *eq = 0;
            o->tables[o->ntables].stream = argv[i];
            o->tables[o->ntables].path = eq + 1;
            o->ntables++;
        } else if (!strcmp(a, "--table-schema")) {
            if (++i >= argc || !strchr(argv[i], '=')) {
                fprintf(stderr, "eddy: --table-schema needs NAME=FILE (the table's KDA ReferenceSchema, as JSON)\n");
                return EXIT_USAGE;
            }
            if (o->ntable_schemas == 16) { fprintf(stderr, "eddy: too many --table-schema options\n"); return EXIT_USAGE; }
            char *eq = strchr(argv[i], '=');
            *eq = 0;
            o->table_schemas[o->ntable_schemas].stream = argv[i];
            o->table_schemas[o->ntable_schemas].path = eq + 1;
            o->ntable_schemas++;
        } else if (!strcmp(a, "--output")) {
            if (++i >= argc) { fprintf(stderr, "eddy: --output needs a stream name\n"); return EXIT_USAGE; }
            if (o->noutputs == 16) { fprintf(stderr, "eddy: too many --output options\n"); return EXIT_USAGE; }
            o->outputs[o->noutputs++] = argv[i];
        } else if (!strcmp(a, "--errors")) {
            if (++i >= argc) { fprintf(stderr, "eddy: --errors needs a file\n"); return EXIT_USAGE; }
            o->errors_path = argv[i];
        } else if (!strcmp(a, "--format")) {
            if (++i >= argc) { fprintf(stderr, "eddy: --format needs ndjson, csv or lines\n"); return EXIT_USAGE; }
            if (!strcmp(argv[i], "ndjson") || !strcmp(argv[i], "json")) o->format = FMT_NDJSON;
            else if (!strcmp(argv[i], "csv")) o->format = FMT_CSV;
            else if (!strcmp(argv[i], "lines")) o->format = FMT_LINES;
            else { fprintf(stderr, "eddy: unknown --format '%s': expected ndjson, csv or lines\n", argv[i]); return EXIT_USAGE; }
            o->format_given = true;
        } else if (!strcmp(a, "--delimiter")) {
            if (++i >= argc) { fprintf(stderr, "eddy: --delimiter needs a character\n"); return EXIT_USAGE; }
            if (!strcmp(argv[i], "tab") || !strcmp(argv[i], "\\t")) o->delimiter = '\t';
            else if (strlen(argv[i]) == 1) o->delimiter = argv[i][0];
            else { fprintf(stderr, "eddy: --delimiter takes one character (or 'tab')\n"); return EXIT_USAGE; }
        } else if (!strcmp(a, "--header")) {
            o->header = true;
        } else if (!strcmp(a, "--input-schema")) {
            if (++i >= argc) { fprintf(stderr, "eddy: --input-schema needs a file\n"); return EXIT_USAGE; }
            o->input_schema = argv[i];
        } else if (!strcmp(a, "--stats")) {
            o->stats = true;
        } else if (!strcmp(a, "--verbose") || !strcmp(a, "-v")) {
            o->verbose = true;
        } else if (!strcmp(a, "--now")) {
            int64_t ms;
            if (++i >= argc || !time_parse_timestamp(argv[i], strlen(argv[i]), &ms)) {
                fprintf(stderr, "eddy: --now needs a timestamp such as '2024-01-01 00:00:00'\n");
                return EXIT_USAGE;
            }
            clock_fix(ms);
        } else {
            fprintf(stderr, "eddy: unknown argument '%s' (see eddy --help)\n", a);
            return EXIT_USAGE;
        }
    }
    if (!o->mode) {
        fprintf(stderr, "eddy: nothing to do: give run APP.sql, check APP.sql or -e 'SQL'\n");
        return EXIT_USAGE;
    }
    return -1;
}

/* ---- the --demo ticker: a thread writes records into a pipe the input reads ---- */

static double demo_rate;

static void *demo_thread(void *arg)
{
    int fd = (int)(intptr_t)arg;
    Ticker t;
    ticker_init(&t, 0x9E3779B97F4A7C15ULL ^ (uint64_t)clock_now_ms());
    struct timespec pause = {(time_t)(1.0 / demo_rate), (long)(fmod(1.0 / demo_rate, 1.0) * 1e9)};
    char line[192];
    while (!io_stop_requested) {
        int n = ticker_next(&t, line, sizeof line - 1);
        line[n++] = '\n';
        if (write(fd, line, (size_t)n) != n) break;   /* the reader is gone */
        nanosleep(&pause, NULL);
    }
    close(fd);
    return NULL;
}

static int start_demo(double rate)
{
    int p[2];
    if (pipe(p) != 0) return -1;
    demo_rate = rate;
    pthread_t th;
    if (pthread_create(&th, NULL, demo_thread, (void *)(intptr_t)p[1]) != 0) return -1;
    pthread_detach(th);
    return p[0];
}

/* ---- inputs ---- */

typedef struct Input {
    const char *stream;
    int stream_id;
    const char *path;
    LineReader rd;
    Decoder *dec;
    CsvDecoder *csv;
    bool header_read;
    Arena arena;
    const Schema *schema;
    bool pending, done;
    bool event_time;             /* its records carry ROWTIME: the wall clock does not move its time */
    bool time_known;             /* a record has come, so event_time is known */
    int64_t quiet_since;         /* merging live inputs: when it last had no record ready (0: it has one) */
    const KdaSchema *kda;        /* --input-schema: its mappings apply to this input */
    int elem;                    /* the record's row being read, when its mappings split an array into rows */
    bool more;                   /* the record in raw has more rows */
    Row row;
    const char *raw;
    size_t rawlen;
    uint64_t records;
} Input;

typedef struct Run {
    Options *opt;
    Input inputs[16];
    int ninputs;
    OutBuf out, err;
    Exec *ex;
    PlanApp app;
    uint64_t records, errors_in;
    bool show_progress;
    int64_t started, last_report;
    int64_t quiet_polled;        /* merging: when the quiet inputs were last looked at */
} Run;

static void on_stop_signal(int sig)
{
    (void)sig;
    io_stop_requested = 1;
}

static void flush_outputs(void *ctx)
{
    Run *r = ctx;
    out_flush(&r->out);
    out_flush(&r->err);
}

static void put_field(Buf *b, const char *key, bool first)
{
    if (!first) buf_putc(b, ',');
    buf_putc(b, '"');
    buf_puts(b, key);
    buf_puts(b, "\":");
}

/* Periodic reports on stderr: --stats-every as NDJSON, or a progress line
 * when reading a regular file with stderr on a terminal (never when piped). */
static void progress(Run *r, bool last)
{
    if (!r->ex || (!r->opt->stats_every && !r->show_progress)) return;
    int64_t now = clock_is_fixed() ? 0 : clock_now_ms();
    if (!r->started) r->started = now, r->last_report = now;
    double interval = r->opt->stats_every ? r->opt->stats_every * 1000 : 500;
    if (!last && now - r->last_report < interval) return;
    double secs = (double)(now - r->started) / 1000.0;
    double rate = secs > 0 ? (double)r->records / secs : 0;
    if (r->opt->stats_every) {
        if (last) return;
        char ts[40];
        ts[time_format_timestamp(clock_now_ms(), ts)] = 0;
        fprintf(stderr, "{\"time\":\"%s\",\"records_in\":%llu,\"rows_out\":%llu,\"errors\":%llu,\"records_per_s\":%.0f}\n", ts,
                (unsigned long long)r->records, (unsigned long long)r->ex->stats.output_rows,
                (unsigned long long)r->ex->stats.errors, rate);
    } else {
        uint64_t bytes = 0;
        for (int i = 0; i < r->ninputs; i++) bytes += r->inputs[i].rd.bytes_read;
        fprintf(stderr, "\reddy: %.1f MB, %llu records, %.0f records/s, %llu errors%s", (double)bytes / 1e6,
                (unsigned long long)r->records, rate, (unsigned long long)r->ex->stats.errors, last ? "\n" : "   ");
    }
    r->last_report = now;
}

/* Waiting for input: on an input whose ROWTIME is the arrival time, time
 * moves on without rows, and windows that have ended by now close. */
static void on_idle(void *ctx)
{
    Run *r = ctx;
    if (!r->ex) return;
    progress(r, false);
    int64_t now = clock_now_ms();
    for (int i = 0; i < r->ninputs; i++) {
        Input *in = &r->inputs[i];
        if (in->dec && !in->event_time) exec_tick(r->ex, in->stream_id, now);
    }
}

static void write_error(void *ctx, const ErrorRow *e)
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
    buf_puts(b, "}\n");
    out_maybe_flush(&r->err);
}

static void write_row(void *ctx, const CatStream *s, const Row *row)
{
    (void)s;
    io_write_row(ctx, row);
}

static void input_error(Run *r, Input *in, const char *name, const char *msg, const char *raw, size_t rawlen,
                        const DecodeError *de)
{
    ErrorRow e = {.name = name, .message = msg, .stream = in->stream, .data = raw, .data_len = rawlen, .line = in->rd.lineno};
    if (de && de->has_rowtime) e.has_rowtime = true, e.data_rowtime = de->rowtime;
    else if (de && !de->rowtime_key && strcmp(name, "CONVERSION") == 0)
        e.has_rowtime = true, e.data_rowtime = in->rd.read_ms;   /* a well-formed record without ROWTIME: its arrival time */
    r->errors_in++;
    r->ex->stats.errors++;
    write_error(r, &e);
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
    size_t bad;
    err->has_rowtime = err->rowtime_key = false;
    if (!utf8_valid(line, len, &bad)) {
        err->name = "INVALID_UTF8";
        snprintf(err->msg, sizeof err->msg, "invalid UTF-8 byte 0x%02X at column %zu", (unsigned char)line[bad], bad + 1);
        return false;
    }
    row->n = in->schema->ncols;
    row->v = arena_alloc(&in->arena, sizeof(Value) * (size_t)(row->n ? row->n : 1));
    for (int i = 0; i < row->n; i++) row->v[i] = val_null();
    if (row->n) {
        row->v[0] = val_str(line, (uint32_t)len);
        conv_fit_string(in->schema->cols[0].type, &row->v[0], &in->arena);
    }
    return true;
}

/* Read records until one decodes (errors go to the error stream). */
static void fill_pending(Run *r, Input *in)
{
    in->pending = false;
next_row:
    /* the next row of a record whose array makes several */
    while (in->more) {
        Row *row = &in->row;
        int64_t arrival = row->arrival, now = in->rd.read_ms;
        bool has_rt, has_arr;
        DecodeError err;
        arena_reset(&in->arena);
        row->rowtime = now;
        bool ok = io_ndjson_decode_elem(in->dec, in->raw, in->rawlen, ++in->elem, &in->more, row, &in->arena, &has_rt,
                                        &has_arr, &err);
        if (!ok) {
            input_error(r, in, err.name, err.msg, in->raw, in->rawlen, &err);
            continue;   /* the rows after a failed one still come */
        }
        if (!has_rt) row->rowtime = now;
        if (!has_arr) row->arrival = arrival;
        in->pending = true;
        return;
    }
    while (!in->done) {
        const char *line;
        size_t len;
        LineStatus st = io_read_line(&in->rd, &line, &len);
        if (st == LINE_WAIT) return;   /* quiet for now: the merge turns to the other inputs */
        if (st == LINE_EOF) {
            in->done = true;
            if (in->rd.error) {
                fprintf(stderr, "eddy: reading %s: %s\n", in->rd.name, strerror(in->rd.error));
            }
            return;
        }
        if (st == LINE_TOO_LONG) {
            r->records++;
            char msg[128];
            snprintf(msg, sizeof msg, "record longer than %zu bytes; only its start is kept here", in->rd.max_line);
            input_error(r, in, "RECORD_TOO_LONG", msg, line, len > 4096 ? 4096 : len, NULL);
            continue;
        }
        if (is_blank(line, len) && r->opt->format != FMT_LINES) continue;
        if (r->opt->format == FMT_CSV && r->opt->header && !in->header_read) {
            in->header_read = true;
            in->csv = io_csv_new(in->schema, r->opt->delimiter, line, len, &r->app.arena);
            continue;
        }
        r->records++;
        in->records++;
        arena_reset(&in->arena);
        int64_t now = in->rd.read_ms;
        Row *row = &in->row;
        bool has_rt, has_arr;
        DecodeError err;
        row->rowtime = row->arrival = now;
        row->recno = in->rd.lineno;
        bool ok;
        has_arr = false;
        if (r->opt->format == FMT_CSV) {
            ok = io_csv_decode(in->csv, line, len, row, &in->arena, &has_rt, &err);
        } else if (r->opt->format == FMT_LINES) {
            ok = decode_line(in, line, len, row, &err);
            has_rt = false;
        } else {
            in->elem = 0;
            ok = io_ndjson_decode_elem(in->dec, line, len, 0, &in->more, row, &in->arena, &has_rt, &has_arr, &err);
        }
        if (!ok) {
            input_error(r, in, err.name, err.msg, line, len, &err);
            if (in->more) {
                in->raw = line;
                in->rawlen = len;
                goto next_row;
            }
            continue;
        }
        if (!has_rt) row->rowtime = now;
        in->event_time = has_rt;
        in->time_known = true;
        if (!has_arr) row->arrival = now;
        in->raw = line;
        in->rawlen = len;
        in->pending = true;
        return;
    }
}

static int open_input(Run *r, Input *in)
{
    int fd = 0;
    if (!strcmp(in->path, DEMO_PATH)) {
        fd = start_demo(r->opt->demo_rate);
        if (fd < 0) {
            fprintf(stderr, "eddy: cannot start the demo ticker: %s\n", strerror(errno));
            return -1;
        }
    } else if (strcmp(in->path, "-") != 0) {
        fd = open(in->path, O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "eddy: cannot open %s: %s\n", in->path, strerror(errno));
            return -1;
        }
    }
    io_reader_init(&in->rd, fd, !strcmp(in->path, DEMO_PATH) ? "the demo ticker" : strcmp(in->path, "-") ? in->path : "stdin");
    in->rd.before_block = flush_outputs;
    in->rd.before_ctx = r;
    in->rd.on_idle = on_idle;
    in->rd.idle_ms = 200;
    arena_init(&in->arena, 65536);
    return 0;
}

enum { MERGE_GRACE_MS = 1000 };

/* Merging several inputs: whether `next` may go now, given the inputs with
 * no record ready; if not, waits (up to the idle tick) for one of them and
 * reads what came. */
static bool wait_for_quiet_inputs(Run *r, Input *next)
{
    int64_t now = clock_now_ms();
    struct pollfd fds[16];
    Input *quiet[16];
    int nq = 0;
    bool may = true;
    for (int i = 0; i < r->ninputs; i++) {
        Input *in = &r->inputs[i];
        if (in->pending || in->done) {
            in->quiet_since = 0;
            continue;
        }
        if (!in->quiet_since) in->quiet_since = now;
        bool behind_now = in->time_known && !in->event_time && next && next->row.rowtime <= now;
        if (!behind_now && now - in->quiet_since < MERGE_GRACE_MS) may = false;
        quiet[nq] = in;
        fds[nq++] = (struct pollfd){.fd = in->rd.fd, .events = POLLIN};
    }
    if (nq == 0) return true;
    if (may && next) {
        /* the busy inputs go on, but the quiet ones are looked at (once a
         * millisecond at most) so a record they send is read when it comes */
        if (now == r->quiet_polled || io_stop_requested) return true;
        r->quiet_polled = now;
        if (poll(fds, (nfds_t)nq, 0) <= 0) return true;
        bool got = false;
        for (int q = 0; q < nq; q++) {
            if (!fds[q].revents) continue;
            fill_pending(r, quiet[q]);
            got = got || quiet[q]->pending;
        }
        return !got;   /* a record that came may be the earlier one */
    }
    flush_outputs(r);
    int rc = io_stop_requested ? 0 : poll(fds, (nfds_t)nq, 200);
    /* while a record waits, the clock does not close windows: its ROWTIME
     * is earlier than now, and the windows it belongs to must stay open */
    if (rc == 0 && !next) on_idle(r);
    for (int q = 0; q < nq; q++) {
        if (!io_stop_requested && rc > 0 && fds[q].revents == 0) continue;
        fill_pending(r, quiet[q]);
        if (io_stop_requested) quiet[q]->done = true;
    }
    return false;
}

/* Does the application declare stream `name` with CREATE STREAM? */
static bool declares(ParsedScript *ps, const char *name)
{
    for (int i = 0; i < ps->n; i++) {
        AstStmt *s = ps->stmts[i];
        if (s->kind != ST_CREATE_STREAM) continue;
        if (strcmp(s->name.name, name) == 0 || (!s->name.quoted && strcasecmp(s->name.name, name) == 0)) return true;
    }
    return false;
}

/* Whether the SQL text names the stream at all (as a whole word, any case).
 * A check with an undeclared input the application never reads can still
 * bind and type-check everything else. */
static bool mentions(const char *sql, size_t len, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i + n <= len; i++) {
        if (sql[i] == '-' && sql[i + 1] == '-') { /* comment to end of line */
            while (i < len && sql[i] != '\n') i++;
            continue;
        }
        if (sql[i] == '/' && sql[i + 1] == '*') {
            for (i += 2; i + 1 < len && !(sql[i] == '*' && sql[i + 1] == '/'); i++) {}
            i++;
            continue;
        }
        if (sql[i] == '\'') { /* string literal; '' inside is two quotes in a row */
            for (i++; i < len && sql[i] != '\''; i++) {}
            continue;
        }
        if (strncasecmp(sql + i, name, n)) continue;
        bool before = i > 0 && (isalnum((unsigned char)sql[i - 1]) || sql[i - 1] == '_');
        bool after = i + n < len && (isalnum((unsigned char)sql[i + n]) || sql[i + n] == '_');
        if (!before && !after) return true;
    }
    return false;
}

/* A reference table's file, read whole before binding so its schema is known. */
typedef struct TableFile {
    const char *name, *path;
    char *data;
    size_t len;
    bool csv;
    char delimiter;
    const KdaSchema *kda;       /* --table-schema: columns in order, JSONPath mappings */
    CatStream *cat;
} TableFile;

/* A CSV line that names the schema's columns, in order: a header row to
 * skip (a ReferenceSchema maps CSV fields by position). */
static bool names_columns(const char *line, size_t n, char delim, const Schema *s)
{
    int col = 0;
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && line[j] != delim) j++;
        size_t a = i, b = j;
        while (a < b && (line[a] == ' ' || line[a] == '"')) a++;
        while (b > a && (line[b - 1] == ' ' || line[b - 1] == '"')) b--;
        if (col >= s->ncols || strlen(s->cols[col].name) != b - a || strncasecmp(s->cols[col].name, line + a, b - a) != 0)
            return false;
        col++;
        i = j + 1;
    }
    return col == s->ncols;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* Decodes the table's rows into the catalog; bad lines go to the error
 * stream. false when the schema's mappings cannot be used. */
static bool load_table(Run *r, TableFile *t)
{
    Arena *a = &r->app.cat.arena;
    CatStream *cs = t->cat;
    int cap = 64;
    cs->rows = arena_alloc(a, sizeof(Row) * (size_t)cap);
    cs->nrows = 0;
    Decoder *dec = t->csv ? NULL : io_decoder_new(&cs->schema);
    if (dec && t->kda) {
        const char *why = io_decoder_set_mappings(dec, t->kda->paths);
        if (why) {
            fprintf(stderr, "eddy: --table-schema: table %s: %s\n", t->name, why);
            io_decoder_free(dec);
            return false;
        }
    }
    CsvDecoder *csv = t->csv && t->kda ? io_csv_new(&cs->schema, t->delimiter, NULL, 0, a) : NULL;
    bool first = true;
    const char *p = t->data, *end = t->data + t->len;
    uint64_t lineno = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *line = p;
        p = nl ? nl + 1 : end;
        lineno++;
        if (n && line[n - 1] == '\r') n--;
        if (is_blank(line, n)) continue;
        if (t->csv && !csv) {
            csv = io_csv_new(&cs->schema, t->delimiter, line, n, a);
            continue;
        }
        if (first && t->csv && t->kda && names_columns(line, n, t->delimiter, &cs->schema)) {
            first = false;
            continue;
        }
        first = false;
        if (cs->nrows == cap) {
            Row *nr = arena_alloc(a, sizeof(Row) * (size_t)cap * 2);
            memcpy(nr, cs->rows, sizeof(Row) * (size_t)cap);
            cs->rows = nr;
            cap *= 2;
        }
        Row *row = &cs->rows[cs->nrows];
        memset(row, 0, sizeof *row);
        bool has_rt, has_arr;
        DecodeError err;
        bool ok = t->csv ? io_csv_decode(csv, line, n, row, a, &has_rt, &err)
                         : io_ndjson_decode(dec, line, n, row, a, &has_rt, &has_arr, &err);
        if (!ok) {
            ErrorRow e = {.name = err.name, .message = err.msg, .stream = cs->name, .data = line, .data_len = n, .line = lineno};
            write_error(r, &e);
            continue;
        }
        /* values point into the file's text: it stays loaded as long as the table */
        row->recno = lineno;
        cs->nrows++;
    }
    io_decoder_free(dec);
    io_csv_free(csv);
    return true;
}

static void print_schema(const char *name, const Schema *s, FILE *out)
{
    fprintf(out, "-- discovered from the input\nCREATE STREAM \"%s\" (", name);
    for (int i = 0; i < s->ncols; i++) {
        char tn[64];
        fprintf(out, "%s\n    \"%s\" %s", i ? "," : "", s->cols[i].name, type_name(s->cols[i].type, tn, sizeof tn));
    }
    fprintf(out, ");\n");
}

/* The input schema's JSONPath of each column of the stream, matched by
 * name (the stream may be declared by the application itself). */
static bool apply_mappings(Input *in, const CatStream *s)
{
    const KdaSchema *k = in->kda;
    const char **paths = mem_calloc((size_t)(s->schema.ncols ? s->schema.ncols : 1), sizeof *paths);
    for (int c = 0; c < s->schema.ncols; c++)
        for (int j = 0; j < k->schema.ncols; j++)
            if (strcasecmp(s->schema.cols[c].name, k->schema.cols[j].name) == 0) paths[c] = k->paths[j];
    const char *why = io_decoder_set_mappings(in->dec, paths);
    mem_free(paths);
    if (why) fprintf(stderr, "eddy: --input-schema: stream %s: %s\n", s->name, why);
    return why == NULL;
}

static int run(Options *o)
{
    size_t len = 0;
    char *sql;
    const char *shown;
    if (o->sql_text) {
        len = strlen(o->sql_text);
        sql = mem_strndup(o->sql_text, len);
        shown = "<command line>";
    } else {
        sql = read_file(o->sql_file, &len);
        if (!sql) {
            fprintf(stderr, "eddy: cannot read %s: %s\n", o->sql_file, strerror(errno));
            return EXIT_USAGE;
        }
        shown = o->sql_file;
    }
    if (strlen(sql) != len) {
        fprintf(stderr, "%s: error: the SQL text contains a NUL byte\n", shown);
        mem_free(sql);
        return EXIT_USAGE;
    }
    bool graph = !strcmp(o->mode, "graph");
    bool explain = !strcmp(o->mode, "explain") || graph;
    bool check = !strcmp(o->mode, "check") || explain;
    TableFile tables[16];
    memset(tables, 0, sizeof tables);
    DiagList diag;
    diag_init(&diag, shown, sql, (uint32_t)len);
    Arena stmt_arena;
    arena_init(&stmt_arena, 65536);
    ParsedScript ps;
    parse_script(sql, (uint32_t)len, &stmt_arena, &diag, &ps);
    int rc = EXIT_OK;
    Run *r = mem_calloc(1, sizeof *r);
    r->opt = o;
    plan_app_init(&r->app);
    if (diag.errors) goto sql_error;
    if (ps.n == 0) {
        diag_error_nospan(&diag, "no statements to run");
        goto sql_error;
    }

    KdaSchema kda;
    if (o->input_schema) {
        char why[512];
        if (!io_kda_schema_load(o->input_schema, NULL, &r->app.arena, &kda, why, sizeof why)) {
            fprintf(stderr, "eddy: --input-schema: %s\n", why);
            rc = EXIT_USAGE;
            goto done;
        }
        if (kda.csv && !o->format_given) o->format = FMT_CSV, o->delimiter = kda.delimiter;
    }
    /* inputs: SOURCE_SQL_STREAM_001 from stdin unless --input says otherwise
     * (or the input schema names the stream by its NamePrefix) */
    if (o->ninputs == 0) {
        o->inputs[0].stream = o->input_schema && kda.stream ? kda.stream : DEFAULT_SOURCE;
        o->inputs[0].path = o->demo_rate > 0 ? DEMO_PATH : "-";
        o->ninputs = 1;
    } else if (o->demo_rate > 0) {
        fprintf(stderr, "eddy: --demo feeds SOURCE_SQL_STREAM_001 itself; it cannot be combined with --input\n");
        rc = EXIT_USAGE;
        goto done;
    }
    const char *input_names[16];
    for (int i = 0; i < o->ninputs; i++) {
        Input *in = &r->inputs[r->ninputs++];
        in->stream = o->inputs[i].stream;
        in->path = o->inputs[i].path;
        input_names[i] = in->stream;
    }
    bool skip_bind = false;
    for (int i = 0; i < r->ninputs; i++) {
        Input *in = &r->inputs[i];
        /* the input schema is for the named stream, else the first input */
        if (o->input_schema && (kda.stream ? !strcmp(kda.stream, in->stream) : i == 0)) in->kda = &kda;
        if (declares(&ps, in->stream)) continue;
        if (in->kda) {
            CatStream *cs = cat_add_stream(&r->app.cat, in->stream, &kda.schema, span_make(0, 0));
            cs->input = true;
            if (o->verbose) print_schema(in->stream, &cs->schema, stderr);
            continue;
        }
        if (check && !mentions(sql, len, in->stream)) continue;
        if (check) {
            fprintf(stderr, "%s: note: stream \"%s\" is not declared, so its columns come from the input at run time; "
                            "only the syntax was checked (declare it, or pass --input %s=SAMPLE to check against sample data)\n",
                    shown, in->stream, in->stream);
            skip_bind = true;
            continue;
        }
        if (open_input(r, in) < 0) {
            rc = EXIT_RUNTIME;
            goto done;
        }
        const char *data;
        size_t dlen;
        io_peek(&in->rd, 1000, &data, &dlen);
        Schema s;
        /* discovery reads complete lines: give a last line without a newline one */
        Buf tmp = {0};
        if (dlen > 0 && data[dlen - 1] != '\n' && in->rd.eof) {
            buf_put(&tmp, data, dlen);
            buf_putc(&tmp, '\n');
            data = tmp.p;
            dlen = tmp.len;
        }
        int nrec;
        if (o->format == FMT_LINES) {
            static Column line_col = {"LINE", {.id = TY_VARCHAR, .len = 0}};
            s.ncols = 1;
            s.cols = &line_col;
            nrec = dlen ? 1 : 0;
        } else if (o->format == FMT_CSV) {
            nrec = io_csv_discover(data, dlen, o->delimiter, o->header, &s, &r->app.arena);
        } else {
            nrec = io_discover_schema(data, dlen, &s, &r->app.arena);
        }
        buf_free(&tmp);
        CatStream *cs = cat_add_stream(&r->app.cat, in->stream, &s, span_make(0, 0));
        cs->input = true;
        cs->discovered = true;
        if (nrec == 0 && dlen == 0) {
            /* Nothing to discover from: the application is still checked, and
             * names of this stream's columns bind to NULL, since no row will come. */
            cs->schemaless = true;
            if (o->verbose) fprintf(stderr, "eddy: input for \"%s\" is empty\n", in->stream);
        }
        if (o->verbose) print_schema(in->stream, &cs->schema, stderr);
    }
    for (int k = 0; k < o->ntable_schemas; k++) {
        bool found = false;
        for (int i = 0; i < o->ntables; i++) found |= strcasecmp(o->tables[i].stream, o->table_schemas[k].stream) == 0;
        if (!found) {
            fprintf(stderr, "eddy: --table-schema %s: no --table %s=FILE to go with it\n", o->table_schemas[k].stream,
                    o->table_schemas[k].stream);
            rc = EXIT_USAGE;
            goto done;
        }
    }
    for (int i = 0; i < o->ntables; i++) {
        TableFile *t = &tables[i];
        t->name = o->tables[i].stream;
        t->path = o->tables[i].path;
        t->data = read_file(t->path, &t->len);
        if (!t->data) {
            fprintf(stderr, "eddy: cannot read table %s from %s: %s\n", t->name, t->path, strerror(errno));
            rc = EXIT_RUNTIME;
            goto done;
        }
        t->csv = ends_with(t->path, ".csv");
        t->delimiter = ',';
        for (int k = 0; k < o->ntable_schemas; k++) {
            if (strcasecmp(o->table_schemas[k].stream, t->name) != 0) continue;
            KdaSchema *ks = arena_alloc(&r->app.arena, sizeof *ks);
            char why[512];
            if (!io_kda_schema_load(o->table_schemas[k].path, t->name, &r->app.arena, ks, why, sizeof why)) {
                fprintf(stderr, "eddy: --table-schema: %s\n", why);
                rc = EXIT_USAGE;
                goto done;
            }
            t->kda = ks;
            t->csv = ks->csv;
            if (ks->csv) t->delimiter = ks->delimiter;
        }
        Schema ts;
        Buf tmp = {0};
        const char *data = t->data;
        size_t dlen = t->len;
        if (dlen && data[dlen - 1] != '\n') {
            buf_put(&tmp, data, dlen);
            buf_putc(&tmp, '\n');
            data = tmp.p;
            dlen = tmp.len;
        }
        if (t->kda) ts = t->kda->schema;
        else if (t->csv) io_csv_discover(data, dlen, ',', true, &ts, &r->app.arena);
        else io_discover_schema(data, dlen, &ts, &r->app.arena);
        buf_free(&tmp);
        t->cat = cat_add_stream(&r->app.cat, t->name, &ts, span_make(0, 0));
        t->cat->table = true;
        if (o->verbose) print_schema(t->name, &t->cat->schema, stderr);
    }
    if (check && skip_bind) {
        rc = EXIT_OK;
        goto done;
    }
    BindOptions bo = {.inputs = input_names, .ninputs = o->ninputs};
    bind_app(&r->app, ps.stmts, ps.n, &bo, &diag);
    if (diag.errors) goto sql_error;

    /* outputs */
    int nout = 0;
    int out_ids[64];
    if (o->noutputs) {
        for (int i = 0; i < o->noutputs; i++) {
            CatStream *s = cat_find_stream(&r->app.cat, o->outputs[i], false);
            if (!s) {
                diag_error_nospan(&diag, "--output: unknown stream \"%s\"", o->outputs[i]);
                goto sql_error;
            }
            out_ids[nout++] = s->id;
        }
    } else {
        CatStream *d = cat_find_stream(&r->app.cat, DEFAULT_DEST, true);
        if (d) out_ids[nout++] = d->id;
    }
    for (int i = 0; i < r->app.cat.nstreams && nout < 64; i++)
        if (r->app.cat.streams[i]->anonymous) out_ids[nout++] = i;
    if (check) {
        if (diag.n) diag_render(&diag, stderr);
        if (graph)
            plan_graph(&r->app, o->dot, stdout);
        else if (explain)
            for (int i = 0; i < r->app.npumps; i++) plan_dump(&r->app, r->app.pumps[i], stdout);
        goto done;
    }
    if (nout == 0)
        fprintf(stderr, "%s: warning: nothing is written to the output: the application has no %s and no SELECT STREAM "
                        "(name a stream with --output)\n", shown, DEFAULT_DEST);

    signal(SIGPIPE, SIG_IGN);
    /* Ctrl-C and SIGTERM end the input: windows close, output is flushed, exit 0.
     * No SA_RESTART, so a blocked read() returns and sees the request. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    out_init(&r->out, 1, 1 << 16);
    int errfd = 2;
    if (o->errors_path) {
        errfd = open(o->errors_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (errfd < 0) {
            fprintf(stderr, "eddy: cannot write %s: %s\n", o->errors_path, strerror(errno));
            rc = EXIT_USAGE;
            goto done;
        }
    }
    out_init(&r->err, errfd, 1 << 14);
    for (int i = 0; i < o->ntables; i++)
        if (!load_table(r, &tables[i])) {
            rc = EXIT_USAGE;
            goto done;
        }
    r->ex = exec_new(&r->app);
    exec_set_error_sink(r->ex, write_error, r);
    RowWriter *writers = arena_alloc(&r->app.arena, sizeof(RowWriter) * (size_t)(nout ? nout : 1));
    for (int i = 0; i < nout; i++) {
        io_writer_init(&writers[i], &r->out, &r->app.cat.streams[out_ids[i]]->schema, &r->app.arena);
        io_writer_set_format(&writers[i], o->output_format, &r->app.arena);
        exec_set_sink(r->ex, out_ids[i], write_row, &writers[i]);
    }
    /* an input nothing reads while a stream that is read gets no rows is
     * most often a wrong name: say so, since its records would go nowhere */
    const char *starved = NULL;
    for (int p = 0; p < r->app.npumps && !starved; p++)
        for (int k = 0; k < r->app.pumps[p]->nsources && !starved; k++) {
            int sid = r->app.pumps[p]->sources[k];
            bool fed = r->app.cat.streams[sid]->table || r->app.cat.streams[sid]->values;
            for (int q = 0; q < r->app.npumps && !fed; q++) fed = r->app.pumps[q]->target == sid;
            for (int q = 0; q < o->ninputs && !fed; q++) fed = strcasecmp(o->inputs[q].stream, r->app.cat.streams[sid]->name) == 0;
            if (!fed) starved = r->app.cat.streams[sid]->name;
        }
    for (int i = 0; starved && i < o->ninputs; i++) {
        const CatStream *s = cat_find_stream(&r->app.cat, o->inputs[i].stream, false);
        if (s && r->ex->streams[s->id].nreaders == 0)
            fprintf(stderr, "%s: warning: no pump or query reads stream \"%s\", which %s feeds, and nothing feeds stream "
                            "\"%s\", which is read: feed it with --input %s=%s\n",
                    shown, s->name, strcmp(o->inputs[i].path, "-") ? o->inputs[i].path : "standard input", starved,
                    starved, o->inputs[i].path);
    }
    /* a progress line only for a regular file with a person watching stderr */
    if (isatty(2) && !o->stats_every) {
        struct stat st;
        r->show_progress = true;
        for (int i = 0; i < r->ninputs; i++) {
            int fd = r->inputs[i].rd.buf ? r->inputs[i].rd.fd : (strcmp(r->inputs[i].path, "-") ? -1 : 0);
            if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) r->show_progress = false;
        }
    }
    for (int i = 0; i < r->ninputs; i++) {
        Input *in = &r->inputs[i];
        CatStream *s = cat_find_stream(&r->app.cat, in->stream, false);
        if (!s) {
            fprintf(stderr, "eddy: --input: unknown stream \"%s\"\n", in->stream);
            rc = EXIT_USAGE;
            goto done;
        }
        in->stream_id = s->id;
        in->schema = &s->schema;
        if (!in->rd.buf && open_input(r, in) < 0) {
            rc = EXIT_RUNTIME;
            goto done;
        }
        if (o->format == FMT_LINES && s->schema.ncols != 1) {
            fprintf(stderr, "eddy: --format lines feeds one column, but stream \"%s\" has %d; declare it with a single "
                            "VARCHAR column\n", s->name, s->schema.ncols);
            rc = EXIT_USAGE;
            goto done;
        }
        in->dec = io_decoder_new(&s->schema);
        if (in->kda && !in->kda->csv && !apply_mappings(in, s)) {
            rc = EXIT_USAGE;
            goto done;
        }
        if (o->format == FMT_CSV && !o->header) in->csv = io_csv_new(&s->schema, o->delimiter, NULL, 0, &r->app.arena);
        in->rd.nonblocking = r->ninputs > 1;
        fill_pending(r, in);
    }
    r->ex->now = clock_now_ms();
    exec_start(r->ex);
    /* Records in ROWTIME order across inputs; ties go to the first input.
     * Several inputs read without blocking: while one is quiet, a record of
     * another may go first when the quiet one cannot have an earlier one
     * (its records are stamped with their arrival time, which will be
     * later than now), or once it has been quiet for MERGE_GRACE_MS, so a
     * live pipe that pauses does not hold up the others (a record it sends
     * later with an earlier ROWTIME still enters its own stream in order). */
    bool merging = r->ninputs > 1;
    for (;;) {
        Input *next = NULL;
        for (int i = 0; i < r->ninputs; i++) {
            Input *in = &r->inputs[i];
            if (in->pending && (!next || in->row.rowtime < next->row.rowtime)) next = in;
        }
        if (merging && !wait_for_quiet_inputs(r, next)) continue;
        if (!next) break;
        r->ex->now = next->row.arrival;
        exec_push_input(r->ex, next->stream_id, &next->row, &next->arena, next->raw, next->rawlen);
        if ((r->records & 4095) == 0) progress(r, false);
        if (r->out.broken) break;
        fill_pending(r, next);
    }
    exec_finish(r->ex);
    progress(r, true);
    for (int i = 0; i < nout; i++) io_writer_free(&writers[i]);
    for (int i = 0; i < r->ninputs; i++)
        if (r->inputs[i].rd.error) rc = EXIT_RUNTIME;
    if (o->stats)
        fprintf(stderr, "eddy: %llu records in, %llu rows out, %llu error%s\n", (unsigned long long)r->records,
                (unsigned long long)r->ex->stats.output_rows, (unsigned long long)r->ex->stats.errors,
                r->ex->stats.errors == 1 ? "" : "s");
    goto done;

sql_error:
    diag_render(&diag, stderr);
    rc = EXIT_USAGE;
done:
    if (r->out.b.p) out_free(&r->out);
    if (r->err.b.p) {
        out_free(&r->err);
        if (r->err.fd > 2) close(r->err.fd);
    }
    for (int i = 0; i < r->ninputs; i++) {
        Input *in = &r->inputs[i];
        if (in->rd.buf) {
            if (in->rd.fd > 0) close(in->rd.fd);
            io_reader_free(&in->rd);
            arena_free(&in->arena);
        }
        io_decoder_free(in->dec);
        io_csv_free(in->csv);
    }
    exec_free(r->ex);
    plan_app_free(&r->app);
    for (int i = 0; i < 16; i++) mem_free(tables[i].data);
    mem_free(r);
    arena_free(&stmt_arena);
    diag_free(&diag);
    mem_free(sql);
    rowtype_free_all();
    rx_free_all();
    return rc;
}

int main(int argc, char **argv)
{
    if ((argc >= 2 && strcmp(argv[1], "repl") == 0) || (argc == 1 && isatty(0))) return repl_main(argc, argv);
    Options o;
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0) return rc;
    return run(&o);
}
