/* The command line: usage, and the options into an Options. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "src/runtime/clock.h"
#include "src/runtime/mem.h"
#include "src/io/ticker.h"
#include "src/runtime/timeutil.h"

static void usage(FILE *out)
{
    fputs("Usage:\n"
          "  eddy run APP.sql [options]      run an application (NDJSON in on stdin, out on stdout)\n"
          "  eddy -e 'SQL' [options]         run SQL given on the command line\n"
          "  eddy check APP.sql [options]    parse, bind and plan; report every error\n"
          "  eddy explain APP.sql [options]  print each pump's plan (its operators, windows and keys)\n"
          "  eddy graph APP.sql [--dot]      the application's streams and pumps (--dot: for Graphviz)\n"
          "  eddy schema [SAMPLE]            print the CREATE STREAM discovered from sample records\n"
          "  eddy state DIR                  what the checkpoint in DIR holds (or each partition's, in a\n"
          "                                  --shared-state directory)\n"
          "  eddy repl [APP.sql]             interactive session (also: eddy alone on a terminal)\n"
          "  eddy run --kda APP.json         run a KDA application from its configuration (describe-application\n"
          "                                  output, v1 or v2, or its CloudFormation template); check --kda too\n"
          "\n"
          "Options:\n"
          "  --input NAME=FILE   feed stream NAME from FILE ('-' is stdin); repeatable.\n"
          "                      Default: SOURCE_SQL_STREAM_001 from stdin\n"
          "  --input NAME=kinesis://STREAM[?region=R&start=trim_horizon|latest|at_timestamp:T&stop=caught_up\n"
          "                      &endpoint=URL&shards=I/N]  feed stream NAME from a Kinesis data stream (credentials\n"
          "                      and region as the AWS CLI finds them; start: latest by default; stop=caught_up ends\n"
          "                      once every shard is read to its end; shards=I/N reads only the shards whose index\n"
          "                      is I modulo N, for KDA's input parallelism)\n"
          "  --table NAME=FILE   load reference table NAME from FILE (.csv with a header row, or NDJSON)\n"
          "                      before the stream starts; join it with FROM stream JOIN NAME ON ...\n"
          "  --table-schema NAME=FILE  table NAME's columns, types and format from a KDA ReferenceSchema\n"
          "                      (or describe-application's JSON holding it) instead of from its file\n"
          "  --output NAME[=FILE]  write stream NAME to stdout, or to FILE (repeatable).\n"
          "                      Default: DESTINATION_SQL_STREAM and every bare SELECT STREAM to stdout\n"
          "  --output NAME=kinesis://STREAM[?region=R&endpoint=URL&partition_key=COLUMN&format=JSON|CSV&order=strict]\n"
          "                      put stream NAME's rows into a Kinesis data stream as KDA wrote them (JSON objects\n"
          "                      or CSV lines of the columns, no ROWTIME); partition key: COLUMN's text, else the\n"
          "                      row's number. At least once: a retry or a restart may put a row twice (--row-id)\n"
          "  --stream-field      each NDJSON row names its stream in a \"STREAM\" field after ROWTIME\n"
          "                      (to tell apart several streams written to one output)\n"
          "  --input-schema FILE the source stream's columns, types and JSONPath mappings from a KDA\n"
          "                      input schema (InputSchema, or describe-application's JSON holding it)\n"
          "  --kda FILE          the application's KDA configuration: its code (unless APP.sql is given), its\n"
          "                      inputs (NAME_001... from NamePrefix and InputParallelism, with their schema and\n"
          "                      Kinesis stream), outputs and reference tables; --input, --output and --table\n"
          "                      for a stream or table override it\n"
          "  --kda-param NAME=VALUE  a value the configuration leaves to its deployment: a template parameter,\n"
          "                      AWS::Region or AWS::StackName, or a template resource's name (by logical id)\n"
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
          "  --state DIR         keep checkpoints in DIR and resume from the last one: a restart loses and doubles\n"
          "                      nothing in output files (stdout and Kinesis streams: at least once, give --row-id to\n"
          "                      drop rows seen twice); Kinesis inputs resume after each shard's last record processed\n"
          "  --checkpoint-every S  seconds between checkpoints (default 5); also at a stop and at the end\n"
          "  --state-reset       forget the checkpoint in --state DIR and start over\n"
          "  --shared-state DIR  with --state and a kafka:// input in a group: the state of each partition, in DIR,\n"
          "                      which every process of the group reaches (a shared filesystem across machines):\n"
          "                      when a partition moves to another process, its windows and other state go with it\n"
          "  --row-id            each NDJSON row (and Kinesis record) carries ROW_ID \"STREAM:n\", the same on every\n"
          "                      run of the same input\n"
          "  --max-memory SIZE   a memory budget (512M, 2G): past it, a row that would open a new group, partition or\n"
          "                      window goes to the error stream (MEMORY_LIMIT) instead; open ones go on\n"
          "  --threads N         1: read, decode and run on one thread; 2 or more: file inputs (stdin, files,\n"
          "                      FIFOs) are read and decoded on threads of their own, up to N-1, while the main\n"
          "                      thread runs the application (same rows, same order), and each output that is\n"
          "                      a regular file is written by a thread of its own. Default: EDDY_THREADS if\n"
          "                      set, else 2 when eddy may use two CPUs or more (affinity, cgroup CPU quota)\n"
          "                      and no ulimit -v, else 1\n"
          "  --verbose           print discovered schemas to stderr\n"
          "  --help, --version\n"
          "\n"
          "Examples:\n"
          "  tail -f events.ndjson | eddy -e \"SELECT STREAM ticker, price FROM SOURCE_SQL_STREAM_001 WHERE price > 50\"\n"
          "  eddy run app.sql < input.ndjson > output.ndjson\n"
          "  eddy check app.sql\n"
          "\n"
          "Exit status: 0 success, 1 runtime failure (unreadable input, failed output), 2 usage or SQL error,\n"
          "3 check/explain: everything was checked but the columns of an undeclared input stream.\n",
          out);
}

char *cli_read_file(const char *path, size_t *len)
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
    if (*len >= 3 && memcmp(b.p, "\xEF\xBB\xBF", 3) == 0) {
        /* a UTF-8 byte order mark is not part of the text */
        memmove(b.p, b.p + 3, b.len - 3);
        *len -= 3;
    }
    return b.p;
}

enum {
    OPT_HELP, OPT_VERSION, OPT_EXPR, OPT_DEMO, OPT_OUTPUT_FORMAT, OPT_STATS_EVERY, OPT_DOT, OPT_INPUT, OPT_TABLE,
    OPT_TABLE_SCHEMA, OPT_OUTPUT, OPT_ERRORS, OPT_FORMAT, OPT_DELIMITER, OPT_HEADER, OPT_INPUT_SCHEMA,
    OPT_STREAM_FIELD, OPT_STATS, OPT_VERBOSE, OPT_NOW, OPT_STATE, OPT_CHECKPOINT_EVERY, OPT_STATE_RESET, OPT_ROW_ID, OPT_MAX_MEMORY, OPT_KDA, OPT_KDA_PARAM,
    OPT_THREADS, OPT_SHARED_STATE,
};

typedef enum ArgKind { ARG_NONE, ARG_REQUIRED, ARG_RATE } ArgKind;

/* Options may come anywhere among the words, as --name VALUE or --name=VALUE
 * (getopt_long's habits); --demo takes an optional rate, which getopt_long
 * could only read as --demo=RATE. */
static const struct {
    const char *name;          /* long form */
    char short_name;
    ArgKind arg;
    int id;
    const char *needs;         /* what the value is, for messages */
} options[] = {
    {"help", 'h', ARG_NONE, OPT_HELP, NULL},
    {"version", 0, ARG_NONE, OPT_VERSION, NULL},
    {"expr", 'e', ARG_REQUIRED, OPT_EXPR, "SQL text"},
    {"demo", 0, ARG_RATE, OPT_DEMO, NULL},
    {"output-format", 0, ARG_REQUIRED, OPT_OUTPUT_FORMAT, "ndjson, csv or table"},
    {"stats-every", 0, ARG_REQUIRED, OPT_STATS_EVERY, "a number of seconds"},
    {"dot", 0, ARG_NONE, OPT_DOT, NULL},
    {"input", 0, ARG_REQUIRED, OPT_INPUT, "NAME=FILE"},
    {"table", 0, ARG_REQUIRED, OPT_TABLE, "NAME=FILE"},
    {"table-schema", 0, ARG_REQUIRED, OPT_TABLE_SCHEMA, "NAME=FILE (the table's KDA ReferenceSchema, as JSON)"},
    {"output", 0, ARG_REQUIRED, OPT_OUTPUT, "a stream name (NAME or NAME=FILE)"},
    {"errors", 0, ARG_REQUIRED, OPT_ERRORS, "a file"},
    {"format", 0, ARG_REQUIRED, OPT_FORMAT, "ndjson, csv or lines"},
    {"delimiter", 0, ARG_REQUIRED, OPT_DELIMITER, "a character"},
    {"header", 0, ARG_NONE, OPT_HEADER, NULL},
    {"input-schema", 0, ARG_REQUIRED, OPT_INPUT_SCHEMA, "a file"},
    {"stream-field", 0, ARG_NONE, OPT_STREAM_FIELD, NULL},
    {"stats", 0, ARG_NONE, OPT_STATS, NULL},
    {"verbose", 'v', ARG_NONE, OPT_VERBOSE, NULL},
    {"now", 0, ARG_REQUIRED, OPT_NOW, "a timestamp such as '2024-01-01 00:00:00'"},
    {"state", 0, ARG_REQUIRED, OPT_STATE, "a directory"},
    {"checkpoint-every", 0, ARG_REQUIRED, OPT_CHECKPOINT_EVERY, "a number of seconds"},
    {"state-reset", 0, ARG_NONE, OPT_STATE_RESET, NULL},
    {"shared-state", 0, ARG_REQUIRED, OPT_SHARED_STATE, "a directory"},
    {"row-id", 0, ARG_NONE, OPT_ROW_ID, NULL},
    {"max-memory", 0, ARG_REQUIRED, OPT_MAX_MEMORY, "a size such as 512M or 2G"},
    {"kda", 0, ARG_REQUIRED, OPT_KDA, "a KDA configuration file (describe-application JSON or a CloudFormation template)"},
    {"kda-param", 0, ARG_REQUIRED, OPT_KDA_PARAM, "NAME=VALUE"},
    {"threads", 0, ARG_REQUIRED, OPT_THREADS, "a number of threads (1 or more)"},
};

static const char *const commands[] = {"run", "check", "explain", "graph", "schema", "state"};

/* NAME=VALUE into spec; false when there is no '=' or no name. */
static bool name_value(char *v, InputSpec *spec, bool value_optional)
{
    char *eq = strchr(v, '=');
    if (eq == v || (!eq && !value_optional)) return false;
    if (eq) *eq = 0;
    spec->stream = v;
    spec->path = eq && eq[1] ? eq + 1 : "-";
    return true;
}

static int bad_value(const char *opt, const char *needs)
{
    fprintf(stderr, "eddy: --%s needs %s\n", opt, needs);
    return EXIT_USAGE;
}

/* A number of threads: 1 to 64. */
static bool parse_threads(const char *v, int *out)
{
    char *end = NULL;
    long n = strtol(v, &end, 10);
    if (end == v || *end || n < 1 || n > 64) return false;
    *out = (int)n;
    return true;
}

/* One option with its value (NULL when it has none); -1 when it is fine. */
static int apply(Options *o, int k, char *v)
{
    const char *name = options[k].name, *needs = options[k].needs;
    char *end = NULL;
    switch (options[k].id) {
    case OPT_HELP:
        usage(stdout);
        exit(EXIT_OK);
    case OPT_VERSION:
        printf("eddy %s\n", PACKAGE_VERSION);
        exit(EXIT_OK);
    case OPT_EXPR:
        if (o->mode && strcmp(o->mode, "expr")) {
            fprintf(stderr, "eddy: -e gives the SQL itself: it cannot be combined with %s\n", o->mode);
            return EXIT_USAGE;
        }
        o->sql_text = v;
        o->mode = "expr";
        break;
    case OPT_DEMO:
        o->demo_rate = 10;
        if (v && ((o->demo_rate = strtod(v, &end)) <= 0 || *end)) return bad_value(name, "a rate of rows per second");
        break;
    case OPT_OUTPUT_FORMAT:
        if (!strcmp(v, "ndjson") || !strcmp(v, "json")) o->output_format = OUT_NDJSON;
        else if (!strcmp(v, "csv")) o->output_format = OUT_CSV;
        else if (!strcmp(v, "table")) o->output_format = OUT_TABLE;
        else return fprintf(stderr, "eddy: unknown --output-format '%s': expected ndjson, csv or table\n", v), EXIT_USAGE;
        o->output_format_given = true;
        break;
    case OPT_STATS_EVERY:
        if ((o->stats_every = strtod(v, &end)) <= 0 || *end) return bad_value(name, needs);
        break;
    case OPT_DOT: o->dot = true; break;
    case OPT_INPUT:
        if (o->ninputs == MAX_INPUTS) return fprintf(stderr, "eddy: too many --input options\n"), EXIT_USAGE;
        if (!name_value(v, &o->inputs[o->ninputs++], false)) return bad_value(name, needs);
        break;
    case OPT_TABLE:
        if (o->ntables == 16) return fprintf(stderr, "eddy: too many --table options\n"), EXIT_USAGE;
        if (!name_value(v, &o->tables[o->ntables++], false)) return bad_value(name, needs);
        break;
    case OPT_TABLE_SCHEMA:
        if (o->ntable_schemas == 16) return fprintf(stderr, "eddy: too many --table-schema options\n"), EXIT_USAGE;
        if (!name_value(v, &o->table_schemas[o->ntable_schemas++], false)) return bad_value(name, needs);
        break;
    case OPT_OUTPUT:
        if (o->noutputs == 16) return fprintf(stderr, "eddy: too many --output options\n"), EXIT_USAGE;
        if (!name_value(v, &o->outputs[o->noutputs++], true)) return bad_value(name, needs);
        break;
    case OPT_ERRORS: o->errors_path = v; break;
    case OPT_FORMAT:
        if (!strcmp(v, "ndjson") || !strcmp(v, "json")) o->format = FMT_NDJSON;
        else if (!strcmp(v, "csv")) o->format = FMT_CSV;
        else if (!strcmp(v, "lines")) o->format = FMT_LINES;
        else return fprintf(stderr, "eddy: unknown --format '%s': expected ndjson, csv or lines\n", v), EXIT_USAGE;
        o->format_given = true;
        break;
    case OPT_DELIMITER:
        if (!strcmp(v, "tab") || !strcmp(v, "\\t")) o->delimiter = '\t';
        else if (strlen(v) == 1) o->delimiter = v[0];
        else return fprintf(stderr, "eddy: --delimiter takes one character (or 'tab')\n"), EXIT_USAGE;
        break;
    case OPT_HEADER: o->header = true; break;
    case OPT_INPUT_SCHEMA: o->input_schema = v; break;
    case OPT_STREAM_FIELD: o->stream_field = true; break;
    case OPT_STATS: o->stats = true; break;
    case OPT_VERBOSE: o->verbose = true; break;
    case OPT_STATE: o->state_dir = v; break;
    case OPT_CHECKPOINT_EVERY:
        if ((o->checkpoint_every = strtod(v, &end)) <= 0 || *end) return bad_value(name, needs);
        break;
    case OPT_STATE_RESET: o->state_reset = true; break;
    case OPT_SHARED_STATE: o->shared_state_dir = v; break;
    case OPT_ROW_ID: o->row_id = true; break;
    case OPT_MAX_MEMORY: {
        double size = strtod(v, &end);
        double unit = !*end ? 1 : !strcasecmp(end, "k") ? 1024.0 : !strcasecmp(end, "m") ? 1048576.0
                    : !strcasecmp(end, "g") ? 1073741824.0 : 0;
        if (size <= 0 || unit == 0 || size * unit < 1048576) return bad_value(name, "a size of at least 1M, such as 512M or 2G");
        o->max_memory = (size_t)(size * unit);
        break;
    }
    case OPT_KDA: o->kda_path = v; break;
    case OPT_KDA_PARAM:
        if (o->nkda_params == 16) return fprintf(stderr, "eddy: too many --kda-param options\n"), EXIT_USAGE;
        if (!name_value(v, &o->kda_params[o->nkda_params++], false)) return bad_value(name, needs);
        break;
    case OPT_THREADS:
        if (!parse_threads(v, &o->threads)) return bad_value(name, needs);
        break;
    case OPT_NOW: {
        int64_t ms;
        if (!time_parse_timestamp(v, strlen(v), &ms)) return bad_value(name, needs);
        clock_fix(ms);
        break;
    }
    }
    return -1;
}

static bool is_rate(const char *s)
{
    char *end = NULL;
    double v = strtod(s, &end);
    return end != s && *end == 0 && v > 0;
}

/* A word that is not an option: the command, then its file. */
static int positional(Options *o, const char *a)
{
    if (!o->mode) {
        for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
            if (!strcmp(a, commands[c])) {
                o->mode = commands[c];
                return -1;
            }
        fprintf(stderr, "eddy: unknown command '%s': expected run, check, explain, graph, schema, state, repl or -e 'SQL' "
                        "(see eddy --help)\n", a);
        return EXIT_USAGE;
    }
    if (strcmp(o->mode, "expr") != 0 && !o->sql_file) {
        o->sql_file = a;
        return -1;
    }
    fprintf(stderr, "eddy: unexpected argument '%s' (see eddy --help)\n", a);
    return EXIT_USAGE;
}

int cli_parse_args(int argc, char **argv, Options *o)
{
    memset(o, 0, sizeof *o);
    o->delimiter = ',';
    o->checkpoint_every = 5;
    /* the environment's choice of threads, unless --threads says otherwise (a test suite run both ways) */
    const char *env = getenv("EDDY_THREADS");
    if (env && *env && !parse_threads(env, &o->threads)) {
        fprintf(stderr, "eddy: EDDY_THREADS needs a number of threads (1 or more), not '%s'\n", env);
        return EXIT_USAGE;
    }
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    bool only_words = false;
    for (int i = 1; i < argc; i++) {
        char *a = argv[i];
        int rc;
        if (only_words || a[0] != '-' || a[1] == 0) {
            if ((rc = positional(o, a)) >= 0) return rc;
            continue;
        }
        if (!strcmp(a, "--")) {
            only_words = true;
            continue;
        }
        int k = -1;
        char *v = NULL;
        bool is_long = a[1] == '-';
        char *eq = is_long ? strchr(a, '=') : NULL;
        size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
        for (size_t j = 0; j < sizeof options / sizeof options[0] && k < 0; j++) {
            if (is_long ? strlen(options[j].name) == len && !strncmp(a + 2, options[j].name, len)
                        : options[j].short_name && a[1] == options[j].short_name && a[2] == 0)
                k = (int)j;
        }
        if (k < 0) {
            fprintf(stderr, "eddy: unknown option '%s' (see eddy --help)\n", a);
            return EXIT_USAGE;
        }
        if (eq) v = eq + 1;
        if (options[k].arg == ARG_NONE && v) {
            fprintf(stderr, "eddy: --%s takes no value\n", options[k].name);
            return EXIT_USAGE;
        }
        if (options[k].arg == ARG_REQUIRED && !v) {
            if (i + 1 >= argc) return bad_value(options[k].name, options[k].needs);
            v = argv[++i];
        }
        if (options[k].arg == ARG_RATE && !v && i + 1 < argc && is_rate(argv[i + 1])) v = argv[++i];
        if ((rc = apply(o, k, v)) >= 0) return rc;
    }
    if (!o->mode && o->demo_rate > 0) {
        /* --demo alone: watch the ticker */
        o->mode = "expr";
        o->sql_text = TICKER_DDL " SELECT STREAM * FROM \"SOURCE_SQL_STREAM_001\";";
    }
    if (!o->mode) {
        fprintf(stderr, "eddy: nothing to do: give run APP.sql, check APP.sql or -e 'SQL' (see eddy --help)\n");
        return EXIT_USAGE;
    }
    if (o->state_reset && !o->state_dir) {
        fprintf(stderr, "eddy: --state-reset needs --state DIR\n");
        return EXIT_USAGE;
    }
    if (o->shared_state_dir && !o->state_dir) {
        fprintf(stderr, "eddy: --shared-state needs --state DIR too: this process's own checkpoints (its outputs' "
                        "committed lengths, its Kafka transaction), beside the partitions' state in the shared one\n");
        return EXIT_USAGE;
    }
    if (strcmp(o->mode, "expr") != 0 && !o->sql_file && !(o->kda_path && strcmp(o->mode, "schema") && strcmp(o->mode, "state"))) {
        if (!strcmp(o->mode, "schema")) {
            o->sql_file = "-";   /* the sample on standard input */
        } else {
            fprintf(stderr, "eddy: %s needs %s\n", o->mode,
                    !strcmp(o->mode, "state") ? "a state directory" : "an application file (APP.sql, or --kda APP.json)");
            return EXIT_USAGE;
        }
    }
    return -1;
}
