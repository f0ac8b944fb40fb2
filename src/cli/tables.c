/* Reference tables (--table NAME=FILE): a CSV file with a header row or an
 * NDJSON file, read whole and decoded into the table's rows before the
 * stream starts; bad lines go to the error stream. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

static bool is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
    return true;
}

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
bool cli_table_load(Run *r, TableFile *t)
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
            cli_write_error(r, &e);
            r->table_errors++;
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

/* Reads every --table file and declares its table (columns from its
 * --table-schema, or discovered from the file), before binding. */
int cli_tables_declare(Run *r)
{
    Options *o = r->opt;
    for (int k = 0; k < o->ntable_schemas; k++) {
        bool found = false;
        for (int i = 0; i < o->ntables; i++) found |= strcasecmp(o->tables[i].stream, o->table_schemas[k].stream) == 0;
        if (!found) {
            fprintf(stderr, "eddy: --table-schema %s: no --table %s=FILE to go with it\n", o->table_schemas[k].stream,
                    o->table_schemas[k].stream);
            return EXIT_USAGE;
        }
    }
    for (int i = 0; i < o->ntables; i++) {
        TableFile *t = &r->tables[i];
        t->name = o->tables[i].stream;
        t->path = o->tables[i].path;
        t->data = cli_read_file(t->path, &t->len);
        if (!t->data) {
            fprintf(stderr, "eddy: cannot read table %s from %s: %s\n", t->name, t->path, strerror(errno));
            return EXIT_RUNTIME;
        }
        t->csv = ends_with(t->path, ".csv");
        t->delimiter = ',';
        for (int k = 0; k < o->ntable_schemas; k++) {
            if (strcasecmp(o->table_schemas[k].stream, t->name) != 0) continue;
            KdaSchema *ks = arena_alloc(&r->app.arena, sizeof *ks);
            char why[512];
            if (!io_kda_schema_load(o->table_schemas[k].path, t->name, &r->app.arena, ks, why, sizeof why)) {
                fprintf(stderr, "eddy: --table-schema: %s\n", why);
                return EXIT_USAGE;
            }
            t->kda = ks;
            t->csv = ks->csv;
            if (ks->csv) t->delimiter = ks->delimiter;
        }
        if (!t->kda && (t->kda = cli_kda_table_schema(r, t->name))) {
            /* --kda: the configuration's ReferenceSchema */
            t->csv = t->kda->csv;
            if (t->csv) t->delimiter = t->kda->delimiter;
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
        if (o->verbose) cli_print_schema(t->name, &t->cat->schema, stderr);
    }
    return EXIT_OK;
}
