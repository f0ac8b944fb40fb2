/* eddy schema [SAMPLE]: the columns eddy discovers from sample records,
 * printed as the CREATE STREAM that pins them (or, with --output-format
 * json, as the KDA InputSchema that --input-schema reads), as KDA's
 * discover-input-schema did for a console user. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "src/runtime/convert.h"

/* VARCHAR lengths: the longest value seen, rounded up to a power of two
 * (at least 8), so a slightly longer value later is not cut. */
static int round_length(int n)
{
    int len = 8;
    while (len < n && len < 65535) len *= 2;
    return len > 65535 ? 65535 : len;
}

/* The longest text of each string column among the sample's records. */
static void measure(Run *r, Input *in, Schema *s, int *longest)
{
    Options *o = r->opt;
    Decoder *dec = o->format == FMT_NDJSON ? io_decoder_new(s) : NULL;
    CsvDecoder *csv = o->format == FMT_CSV && !o->header ? io_csv_new(s, o->delimiter, NULL, 0, &in->arena) : NULL;
    bool header = o->format == FMT_CSV && o->header;
    size_t at = 0;
    SourceRecord rec;
    while (cli_input_replayed(in, &at, &rec)) {
        const char *data = rec.data;
        size_t len = rec.len;
        if (header) {
            header = false;
            csv = io_csv_new(s, o->delimiter, data, len, &in->arena);
            continue;
        }
        if (o->format == FMT_LINES) {
            int n = (int)utf8_length(data, len);
            if (n > longest[0]) longest[0] = n;
            continue;
        }
        Row row;
        bool has_rt, has_arr;
        DecodeError err;
        bool ok = dec ? io_ndjson_decode(dec, data, len, &row, &in->arena, &has_rt, &has_arr, &err)
                      : io_csv_decode(csv, data, len, &row, &in->arena, &has_rt, &err);
        for (int c = 0; ok && c < s->ncols && c < row.n; c++) {
            if (row.v[c].null || !type_is_string(s->cols[c].type.id)) continue;
            int n = (int)utf8_length(row.v[c].u.s, row.v[c].len);
            if (n > longest[c]) longest[c] = n;
        }
    }
    io_decoder_free(dec);
    io_csv_free(csv);
}

static void put_json_string(const char *s)
{
    Buf b = {0};
    json_put_string(&b, s, strlen(s));
    fwrite(b.p, 1, b.len, stdout);
    buf_free(&b);
}

int cli_schema(Run *r)
{
    Options *o = r->opt;
    Input *in = &r->inputs[0];
    in->stream = o->ninputs ? o->inputs[0].stream : DEFAULT_SOURCE;
    in->path = o->ninputs ? o->inputs[0].path : o->sql_file;
    r->ninputs = 1;
    if (cli_input_open(r, in) < 0) return EXIT_RUNTIME;
    Schema s;
    int nrec = cli_input_discover(r, in, &s);
    if (nrec <= 0) {
        fprintf(stderr, "eddy: schema: %s has no records to discover columns from\n", in->src->name);
        return EXIT_RUNTIME;
    }
    int longest[s.ncols ? s.ncols : 1];
    memset(longest, 0, sizeof longest);
    measure(r, in, &s, longest);
    char tn[64];
    if (o->output_format == OUT_NDJSON && o->output_format_given) {
        printf("{\"RecordFormat\":{\"RecordFormatType\":\"%s\",\"MappingParameters\":", o->format == FMT_NDJSON ? "JSON" : "CSV");
        if (o->format == FMT_NDJSON)
            printf("{\"JSONMappingParameters\":{\"RecordRowPath\":\"$\"}}}");
        else
            printf("{\"CSVMappingParameters\":{\"RecordRowDelimiter\":\"\\n\",\"RecordColumnDelimiter\":\"%s\"}}}",
                   o->delimiter == '\t' ? "\\t" : (char[]){o->delimiter, 0});
        printf(",\"RecordEncoding\":\"UTF-8\",\"RecordColumns\":[");
        for (int c = 0; c < s.ncols; c++) {
            SqlType t = s.cols[c].type;
            if (type_is_string(t.id)) t.len = round_length(longest[c]);
            printf("%s{\"Name\":", c ? "," : "");
            put_json_string(s.cols[c].name);
            printf(",\"SqlType\":\"%s\"", type_name(t, tn, sizeof tn));
            if (o->format == FMT_NDJSON) {
                char path[300];
                snprintf(path, sizeof path, "$.%s", s.cols[c].name);
                printf(",\"Mapping\":");
                put_json_string(path);
            }
            printf("}");
        }
        printf("]}\n");
        return EXIT_OK;
    }
    printf("-- discovered from %d record%s of %s (string lengths: the longest value seen, rounded up);\n"
           "-- pin it in the application, or print it as a KDA InputSchema with --output-format json\n",
           nrec, nrec == 1 ? "" : "s", in->src->name);
    printf("CREATE OR REPLACE STREAM \"%s\" (", in->stream);
    for (int c = 0; c < s.ncols; c++) {
        SqlType t = s.cols[c].type;
        if (type_is_string(t.id)) t.len = round_length(longest[c]);
        printf("%s\n    \"%s\" %s", c ? "," : "", s.cols[c].name, type_name(t, tn, sizeof tn));
    }
    printf("\n);\n");
    return EXIT_OK;
}
