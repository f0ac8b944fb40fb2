/* The command line: usage, and the options into an Options. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "src/runtime/clock.h"
#include "src/runtime/mem.h"
#include "src/runtime/timeutil.h"

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
          "  --input NAME=kinesis://STREAM[?region=R&start=trim_horizon|latest|at_timestamp:T&stop=caught_up\n"
          "                      &endpoint=URL]  feed stream NAME from a Kinesis data stream (credentials and\n"
          "                      region as the AWS CLI finds them; start: latest by default; stop=caught_up ends\n"
          "                      once every shard is read to its end)\n"
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
    return b.p;
}

int cli_parse_args(int argc, char **argv, Options *o)
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
            if (o->ninputs == MAX_INPUTS) { fprintf(stderr, "eddy: too many --input options\n"); return EXIT_USAGE; }
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
