/* --kda APP.json: the application's own KDA configuration says what the
 * command line otherwise would: the code, each input's in-application
 * streams (PREFIX_001 ... by InputParallelism) with their schema and
 * Kinesis stream, each output's Kinesis stream and format, each reference
 * table's schema. What the command line says for a stream wins. What eddy
 * cannot do (Firehose, Lambda, S3, a name only the deployed stack knows)
 * is refused by run, each with the setting and the way around it, and
 * noted by check, which needs none of it. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "src/runtime/mem.h"

static const char *keep(Run *r, const char *s)
{
    return arena_strndup(&r->app.arena, s, strlen(s));
}

/* A problem the configuration gives: run refuses, check notes. */
static void problem(Run *r, bool check, int *problems, const char *f, ...) __attribute__((format(printf, 4, 5)));
static void problem(Run *r, bool check, int *problems, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    fprintf(stderr, check ? "%s: note: " : "eddy: %s: ", r->opt->kda_path);
    vfprintf(stderr, f, ap);
    fputc('\n', stderr);
    va_end(ap);
    if (!check) (*problems)++;
}

int cli_kda_load(Run *r)
{
    Options *o = r->opt;
    KdaParam *params = arena_alloc(&r->app.arena, sizeof(KdaParam) * (size_t)(o->nkda_params + 1));
    for (int i = 0; i < o->nkda_params; i++) params[i] = (KdaParam){o->kda_params[i].stream, o->kda_params[i].path};
    KdaConfig *c = arena_zalloc(&r->app.arena, sizeof *c);
    char why[1024];
    if (!io_kda_config_load(o->kda_path, params, o->nkda_params, &r->app.arena, c, why, sizeof why)) {
        fprintf(stderr, "eddy: %s\n", why);
        return EXIT_USAGE;
    }
    r->kda_conf = c;
    if (o->verbose)
        fprintf(stderr, "eddy: %s: %s of application %s: %d input%s, %d output%s, %d reference table%s\n", o->kda_path,
                c->shape, c->app_name ? c->app_name : "(unnamed)", c->ninputs, c->ninputs == 1 ? "" : "s", c->noutputs,
                c->noutputs == 1 ? "" : "s", c->ntables, c->ntables == 1 ? "" : "s");
    if (o->sql_file || o->sql_text) return EXIT_OK;   /* the SQL given overrides the configuration's code */
    if (!c->code) {
        fprintf(stderr, "eddy: %s (%s) holds no application code: give the SQL too (eddy %s APP.sql --kda %s)\n",
                o->kda_path, c->shape, o->mode, o->kda_path);
        return EXIT_USAGE;
    }
    r->sql_len = strlen(c->code);
    r->sql = mem_strndup(c->code, r->sql_len);
    char shown[1024];
    snprintf(shown, sizeof shown, "%s[ApplicationCode]", o->kda_path);
    r->shown = keep(r, shown);
    return EXIT_OK;
}

static bool given_input(const Options *o, const char *stream)
{
    for (int i = 0; i < o->ninputs; i++)
        if (!strcasecmp(o->inputs[i].stream, stream)) return true;
    return false;
}

static bool given_output(const Options *o, const char *stream)
{
    for (int i = 0; i < o->noutputs; i++)
        if (!o->outputs[i].origin && !strcasecmp(o->outputs[i].stream, stream)) return true;
    return false;
}

/* The stream's name for messages, unknown parts written ${NAME}. */
static const char *shown(const KdaEndpoint *ep)
{
    return ep->name ? ep->name : ep->shown ? ep->shown : ep->arn ? ep->arn : "(not set)";
}

/* kinesis://STREAM?region=R&...: the form the Kinesis connector reads. */
static const char *kinesis_uri(Run *r, const KdaEndpoint *ep, const char *extra)
{
    char uri[1024];
    int n = snprintf(uri, sizeof uri, "kinesis://%s", ep->name);
    char sep = '?';
    if (ep->region && n > 0 && (size_t)n < sizeof uri) {
        n += snprintf(uri + n, sizeof uri - (size_t)n, "%cregion=%s", sep, ep->region);
        sep = '&';
    }
    if (extra && n > 0 && (size_t)n < sizeof uri) snprintf(uri + n, sizeof uri - (size_t)n, "%c%s", sep, extra);
    return keep(r, uri);
}

/* The input stream's source: a kinesis:// URI, or NULL with the problem said. */
static const char *input_source(Run *r, bool check, int *problems, const KdaInput *ki, const char *stream, int part)
{
    const KdaEndpoint *ep = &ki->from;
    if (ki->lambda) {
        problem(r, check, problems,
                "input %s is preprocessed by Lambda function %s (%s): eddy cannot call Lambda; give it the records as "
                "the function returns them with --input %s=FILE", stream, ki->lambda, ki->lambda_setting, stream);
        return NULL;
    }
    if (ep->kind == KDA_FIREHOSE) {
        problem(r, check, problems,
                "input %s comes from Firehose delivery stream %s (%s): eddy cannot read Firehose; feed it from a file "
                "or pipe with --input %s=FILE, or from a Kinesis stream with --input %s=kinesis://STREAM", stream,
                shown(ep), ep->setting, stream, stream);
        return NULL;
    }
    if (ep->kind == KDA_NONE) return "-";
    if (!ep->name) {
        problem(r, check, problems,
                "input %s reads Kinesis stream %s (%s), and the file leaves %s to the deployment: give it with "
                "--kda-param %s=VALUE, or give the input with --input %s=FILE", stream, shown(ep), ep->setting,
                ep->unknown, ep->unknown, stream);
        return NULL;
    }
    char shards[32] = "";
    /* KDA spread the stream's shards over the in-application streams */
    if (ki->parallelism > 1) snprintf(shards, sizeof shards, "shards=%d/%d", part, ki->parallelism);
    return kinesis_uri(r, ep, shards[0] ? shards : NULL);
}

/* The output's destination: a kinesis:// URI, "-" when the configuration
 * gives none, or NULL with the problem said. The error stream (an output
 * named error_stream) is eddy's --errors. */
static const char *output_dest(Run *r, bool check, int *problems, const KdaOutput *ko, bool errors)
{
    const KdaEndpoint *ep = &ko->to;
    const char *what = shown(ep);
    char instead[512];
    if (errors)
        snprintf(instead, sizeof instead, "write it to a file with --errors FILE");
    else
        snprintf(instead, sizeof instead, "write it to a file with --output %s=FILE or point it at a Kinesis stream with "
                                          "--output %s=kinesis://STREAM", ko->stream, ko->stream);
    if (ep->kind == KDA_FIREHOSE) {
        problem(r, check, problems, "output %s goes to Firehose delivery stream %s (%s): eddy cannot deliver to Firehose; %s",
                ko->stream, what, ep->setting, instead);
        return NULL;
    }
    if (ep->kind == KDA_LAMBDA) {
        problem(r, check, problems, "output %s goes to Lambda function %s (%s): eddy cannot call Lambda; %s", ko->stream,
                what, ep->setting, instead);
        return NULL;
    }
    if (ep->kind == KDA_NONE) return "-";
    if (!ep->name) {
        if (errors) snprintf(instead, sizeof instead, "give --errors FILE");
        else snprintf(instead, sizeof instead, "give the output with --output %s=FILE", ko->stream);
        problem(r, check, problems,
                "output %s goes to Kinesis stream %s (%s), and the file leaves %s to the deployment: give it with "
                "--kda-param %s=VALUE, or %s", ko->stream, what, ep->setting, ep->unknown, ep->unknown, instead);
        return NULL;
    }
    return kinesis_uri(r, ep, ko->csv ? "format=CSV" : "format=JSON");
}

static void add_table_without_rows(Run *r, const KdaTable *kt)
{
    CatStream *cs = cat_add_stream(&r->app.cat, kt->name, &kt->schema.schema, span_make(0, 0));
    cs->table = true;
}

int cli_kda_wire(Run *r, bool check)
{
    Options *o = r->opt;
    const KdaConfig *c = r->kda_conf;
    int problems = 0;
    for (int i = 0; i < c->ninputs; i++) {
        const KdaInput *ki = &c->inputs[i];
        if (ki->schema.csv && !o->format_given) o->format = FMT_CSV, o->delimiter = ki->schema.delimiter;
        for (int part = 1; part <= ki->parallelism; part++) {
            char name[256];
            snprintf(name, sizeof name, "%s_%03d", ki->prefix, part);
            if (given_input(o, name)) continue;
            const char *src = input_source(r, check, &problems, ki, name, part);
            if (o->ninputs == MAX_INPUTS) {
                fprintf(stderr, "eddy: %s: more than %d input streams\n", o->kda_path, MAX_INPUTS);
                return EXIT_USAGE;
            }
            /* check declares every input stream, whatever run would need */
            if (src || check) o->inputs[o->ninputs++] = (InputSpec){keep(r, name), src ? src : "-", ki->from.setting};
            if (src && o->verbose) fprintf(stderr, "eddy: %s: --input %s=%s\n", o->kda_path, name, src);
        }
    }
    for (int i = 0; i < c->noutputs; i++) {
        const KdaOutput *ko = &c->outputs[i];
        if (!strcasecmp(ko->stream, "error_stream")) {
            /* KDA's error stream is eddy's --errors */
            const char *dest = o->errors_path ? NULL : output_dest(r, check, &problems, ko, true);
            if (dest && strcmp(dest, "-")) o->errors_path = dest;
            if (dest && o->verbose) fprintf(stderr, "eddy: %s: --errors %s\n", o->kda_path, dest);
            continue;
        }
        if (given_output(o, ko->stream)) continue;
        const char *dest = output_dest(r, check, &problems, ko, false);
        if (o->noutputs == 16) {
            fprintf(stderr, "eddy: %s: more than 16 outputs\n", o->kda_path);
            return EXIT_USAGE;
        }
        /* check still sees that the application creates the stream */
        if (dest || check) o->outputs[o->noutputs++] = (InputSpec){ko->stream, dest ? dest : "-", ko->setting};
        if (dest && o->verbose) fprintf(stderr, "eddy: %s: --output %s=%s\n", o->kda_path, ko->stream, dest);
    }
    for (int i = 0; i < c->ntables; i++) {
        const KdaTable *kt = &c->tables[i];
        bool given = false;
        for (int k = 0; k < o->ntables; k++) given |= !strcasecmp(o->tables[k].stream, kt->name);
        if (given) continue;
        const char *bucket = kt->bucket ? kt->bucket : "BUCKET", *key = kt->key ? kt->key : "KEY";
        problem(r, check, &problems,
                "reference table %s comes from S3 object s3://%s/%s (%s): eddy does not read S3; copy it (aws s3 cp "
                "s3://%s/%s FILE) and give it with --table %s=FILE", kt->name, bucket, key, kt->setting, bucket, key,
                kt->name);
        if (check) add_table_without_rows(r, kt);
    }
    return problems ? EXIT_USAGE : EXIT_OK;
}

const KdaSchema *cli_kda_input_schema(const Run *r, const char *stream)
{
    const KdaConfig *c = r->kda_conf;
    for (int i = 0; c && i < c->ninputs; i++) {
        size_t n = strlen(c->inputs[i].prefix);
        if (strncasecmp(stream, c->inputs[i].prefix, n) || stream[n] != '_') continue;
        int part = 0;
        if (sscanf(stream + n + 1, "%3d", &part) == 1 && strlen(stream + n + 1) == 3 && part >= 1 &&
            part <= c->inputs[i].parallelism)
            return &c->inputs[i].schema;
    }
    return NULL;
}

const KdaSchema *cli_kda_table_schema(const Run *r, const char *table)
{
    const KdaConfig *c = r->kda_conf;
    for (int i = 0; c && i < c->ntables; i++)
        if (!strcasecmp(c->tables[i].name, table)) return &c->tables[i].schema;
    return NULL;
}
