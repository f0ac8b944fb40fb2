/* From the command line to a bound application: the SQL text, the input
 * schema, the inputs the application does not declare (their columns
 * discovered from their first records), the reference tables, binding and
 * the streams to write out. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "planner/bind.h"
#include "src/runtime/mem.h"

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

void cli_print_schema(const char *name, const Schema *s, FILE *out)
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
bool cli_apply_mappings(Input *in, const CatStream *s)
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


/* The application's text, from its file or the command line. */
static int read_sql(Run *r)
{
    Options *o = r->opt;
    if (o->sql_text) {
        r->sql_len = strlen(o->sql_text);
        r->sql = mem_strndup(o->sql_text, r->sql_len);
        r->shown = "<command line>";
    } else {
        r->sql = cli_read_file(o->sql_file, &r->sql_len);
        if (!r->sql) {
            fprintf(stderr, "eddy: cannot read %s: %s\n", o->sql_file, strerror(errno));
            return EXIT_USAGE;
        }
        r->shown = o->sql_file;
    }
    if (strlen(r->sql) != r->sql_len) {
        fprintf(stderr, "%s: error: the SQL text contains a NUL byte\n", r->shown);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}

/* Declares an input stream the application does not declare itself: from
 * the input schema, or from the columns of its first records. */
static int declare_input(Run *r, Input *in, bool check)
{
    Options *o = r->opt;
    if (in->saved_schema) {
        /* resuming: the columns the first run discovered, not whatever comes now */
        CatStream *cs = cat_add_stream(&r->app.cat, in->stream, in->saved_schema, span_make(0, 0));
        cs->input = true;
        cs->discovered = true;
        in->discovered = true;
        return EXIT_OK;
    }
    if (in->kda) {
        CatStream *cs = cat_add_stream(&r->app.cat, in->stream, &in->kda->schema, span_make(0, 0));
        cs->input = true;
        if (o->verbose) cli_print_schema(in->stream, &cs->schema, stderr);
        return EXIT_OK;
    }
    if (check && !mentions(r->sql, r->sql_len, in->stream)) return EXIT_OK;
    if (o->format == FMT_LINES) {
        /* each line is the stream's one column: nothing to discover */
        static Column line_col = {"LINE", {.id = TY_VARCHAR, .len = 0}};
        Schema s = {.ncols = 1, .cols = &line_col};
        CatStream *cs = cat_add_stream(&r->app.cat, in->stream, &s, span_make(0, 0));
        cs->input = true;
        if (o->verbose) cli_print_schema(in->stream, &cs->schema, stderr);
        return EXIT_OK;
    }
    if (check && !strcmp(in->path, "-")) {
        /* no sample given: the rest is checked, names of its columns are not */
        fprintf(stderr, "%s: note: stream \"%s\" is not declared, so its columns come from the input at run time; "
                        "they were not checked (declare it, or check against sample data with --input %s=SAMPLE, "
                        "or a KDA input schema with --input-schema FILE; eddy schema SAMPLE prints a declaration to start from)\n",
                r->shown, in->stream, in->stream);
        r->unchecked = true;
        CatStream *cs = cat_add_stream(&r->app.cat, in->stream, &(Schema){0}, span_make(0, 0));
        cs->input = true;
        cs->schemaless = true;
        return EXIT_OK;
    }
    if (cli_input_open(r, in) < 0) return EXIT_RUNTIME;
    Schema s;
    int nrec = cli_input_discover(r, in, &s);
    CatStream *cs = cat_add_stream(&r->app.cat, in->stream, &s, span_make(0, 0));
    cs->input = true;
    cs->discovered = true;
    in->discovered = true;
    if (nrec < 0) {
        /* Nothing to discover from: the application is still checked, and
         * names of this stream's columns bind to NULL, since no row will come. */
        cs->schemaless = true;
        if (o->verbose) fprintf(stderr, "eddy: input for \"%s\" is empty\n", in->stream);
    }
    if (o->verbose) cli_print_schema(in->stream, &cs->schema, stderr);
    return EXIT_OK;
}

/* The streams the run writes out: --output's, or DESTINATION_SQL_STREAM,
 * and every bare SELECT STREAM. */
static int choose_outputs(Run *r)
{
    Options *o = r->opt;
    r->nout = 0;
    if (o->noutputs) {
        for (int i = 0; i < o->noutputs; i++) {
            CatStream *s = cat_find_stream(&r->app.cat, o->outputs[i].stream, false);
            if (!s && o->outputs[i].origin) {
                /* naming the configuration, unless the code (and so every message) comes from it */
                bool named = !strncmp(r->shown, o->kda_path, strlen(o->kda_path));
                diag_error_nospan(&r->diag, "%s%s%s is \"%s\", a stream the application does not create",
                                  named ? "" : o->kda_path, named ? "" : ": ", o->outputs[i].origin, o->outputs[i].stream);
                return EXIT_USAGE;
            }
            if (!s) {
                diag_error_nospan(&r->diag, "--output: unknown stream \"%s\"", o->outputs[i].stream);
                return EXIT_USAGE;
            }
            r->out_dest[r->nout] = o->outputs[i].path;
            r->out_ids[r->nout++] = s->id;
        }
    } else {
        CatStream *d = cat_find_stream(&r->app.cat, DEFAULT_DEST, true);
        if (d) r->out_dest[r->nout] = "-", r->out_ids[r->nout++] = d->id;
    }
    for (int i = 0; i < r->app.cat.nstreams && r->nout < MAX_OUTPUTS; i++)
        if (r->app.cat.streams[i]->anonymous) r->out_dest[r->nout] = "-", r->out_ids[r->nout++] = i;
    return EXIT_OK;
}

int cli_app_load(Run *r)
{
    Options *o = r->opt;
    plan_app_init(&r->app);
    arena_init(&r->stmt_arena, 65536);
    int rc = o->kda_path ? cli_kda_load(r) : EXIT_OK;   /* the configuration may give the code */
    if (rc == EXIT_OK && !r->sql) rc = read_sql(r);
    diag_init(&r->diag, r->shown ? r->shown : "<command line>", r->sql ? r->sql : "", (uint32_t)r->sql_len);
    if (rc != EXIT_OK) return rc;
    bool check = strcmp(o->mode, "run") != 0 && strcmp(o->mode, "expr") != 0;
    parse_script(r->sql, (uint32_t)r->sql_len, &r->stmt_arena, &r->diag, &r->ps);
    if (r->diag.errors) goto sql_error;
    if (r->ps.n == 0) {
        diag_error_nospan(&r->diag, "no statements to run");
        goto sql_error;
    }
    if (o->input_schema) {
        char why[512];
        if (!io_kda_schema_load(o->input_schema, NULL, &r->app.arena, &r->kda, why, sizeof why)) {
            fprintf(stderr, "eddy: --input-schema: %s\n", why);
            return EXIT_USAGE;
        }
        if (r->kda.csv && !o->format_given) o->format = FMT_CSV, o->delimiter = r->kda.delimiter;
    }
    if (o->kda_path && (rc = cli_kda_wire(r, check)) != EXIT_OK) return rc;
    /* inputs: SOURCE_SQL_STREAM_001 from stdin unless --input says otherwise
     * (or the input schema names the stream by its NamePrefix) */
    if (o->ninputs == 0) {
        o->inputs[0].stream = o->input_schema && r->kda.stream ? r->kda.stream : DEFAULT_SOURCE;
        o->inputs[0].path = o->demo_rate > 0 ? DEMO_PATH : "-";
        o->ninputs = 1;
    } else if (o->demo_rate > 0) {
        fprintf(stderr, "eddy: --demo feeds SOURCE_SQL_STREAM_001 itself; it cannot be combined with --input\n");
        return EXIT_USAGE;
    }
    const char *input_names[MAX_INPUTS];
    for (int i = 0; i < o->ninputs; i++) {
        Input *in = &r->inputs[r->ninputs++];
        in->stream = o->inputs[i].stream;
        in->path = o->inputs[i].path;
        input_names[i] = in->stream;
        /* the input schema is for the named stream, else the first input */
        if (o->input_schema && (r->kda.stream ? !strcmp(r->kda.stream, in->stream) : i == 0)) in->kda = &r->kda;
        if (!in->kda) in->kda = cli_kda_input_schema(r, in->stream);
    }
    if (o->state_dir && !check && (rc = cli_checkpoint_load(r)) != EXIT_OK) return rc;
    for (int i = 0; i < r->ninputs; i++) {
        if (declares(&r->ps, r->inputs[i].stream)) continue;
        if ((rc = declare_input(r, &r->inputs[i], check)) != EXIT_OK) return rc;
    }
    if ((rc = cli_tables_declare(r)) != EXIT_OK) return rc;
    BindOptions bo = {.inputs = input_names, .ninputs = o->ninputs};
    bind_app(&r->app, r->ps.stmts, r->ps.n, &bo, &r->diag);
    if (r->diag.errors) goto sql_error;
    if (choose_outputs(r) != EXIT_OK) goto sql_error;
    return EXIT_OK;
sql_error:
    diag_render(&r->diag, stderr);
    return EXIT_USAGE;
}

void cli_app_free(Run *r)
{
    for (int i = 0; i < r->ninputs; i++) cli_input_close(&r->inputs[i]);
    cli_partitions_free(r);
    exec_free(r->ex);
    plan_app_free(&r->app);
    for (int i = 0; i < 16; i++) mem_free(r->tables[i].data);
    arena_free(&r->stmt_arena);
    diag_free(&r->diag);
    mem_free(r->sql);
    mem_free(r->ckpt);
}
