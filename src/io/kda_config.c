/* The shapes differ mostly by name: describe-application calls an input's
 * Kinesis stream KinesisStreamsInputDescription where the request and the
 * template call it KinesisStreamsInput, and lists InputDescriptions where
 * they list Inputs. So one reader serves all, looking a key up with and
 * without "Description"; each shape only says where the lists are. Values
 * go through the template resolver (plain text passes through). */
#include "kda_config.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kda_cfn.h"
#include "yaml_json.h"
#include "src/runtime/mem.h"

typedef struct Reader {
    CfnResolver res;
    Arena *a;
    KdaConfig *out;
    const char *path;
    char *err;
    size_t errsize;
} Reader;

static const char *fmt(Reader *r, const char *f, ...) __attribute__((format(printf, 2, 3)));
static const char *fmt(Reader *r, const char *f, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, f);
    vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return arena_strndup(r->a, buf, strlen(buf));
}

static bool fail(Reader *r, const char *f, ...) __attribute__((format(printf, 2, 3)));
static bool fail(Reader *r, const char *f, ...)
{
    int n = snprintf(r->err, r->errsize, "%s: ", r->path);
    va_list ap;
    va_start(ap, f);
    if (n >= 0 && (size_t)n < r->errsize) vsnprintf(r->err + n, r->errsize - (size_t)n, f, ap);
    va_end(ap);
    return false;
}

/* o[key], or o[key + "Description"] as describe-application names it;
 * *name gets the key found. */
static const json_t *member(const json_t *o, const char *key, const char **name)
{
    static char described[128];
    if (!json_is_object(o)) return NULL;
    const json_t *v = json_object_get(o, key);
    if (name) *name = key;
    if (v) return v;
    snprintf(described, sizeof described, "%sDescription", key);
    if (name) *name = described;
    return json_object_get(o, described);
}

/* A resolved text, or a failure naming what it waits for. */
static char *known_text(Reader *r, const json_t *v, const char *setting, bool *ok)
{
    char *s = io_cfn_resolve(&r->res, v);
    const char *unknown = io_cfn_unknown_in(&r->res, s);
    *ok = true;
    if (unknown) {
        *ok = fail(r, "%s is \"%s\", and %s is not given in the file: give it with --kda-param %s=VALUE", setting,
                   io_cfn_shown(&r->res, s), unknown, unknown);
        return NULL;
    }
    return s;
}

/* part[key]: a text the part must have, known without the deployment;
 * NULL when it is not (said). */
static const char *required_text(Reader *r, const json_t *part, const char *key, const char *base, const char *what)
{
    bool ok;
    const char *s = known_text(r, json_object_get(part, key), fmt(r, "%s.%s", base, key), &ok);
    if (ok && (!s || !*s)) fail(r, "%s has no %s%s", base, key, what);
    return ok && s && *s ? s : NULL;
}

/* A new zeroed element at the end of an arena array of *n, grown by
 * doubling (the array is full whenever *n is 0 or a power of two). */
static void *append(Reader *r, void **items, int *n, size_t size)
{
    if ((*n & (*n - 1)) == 0) {
        void *bigger = arena_zalloc(r->a, size * (size_t)(*n ? *n * 2 : 1));
        if (*n) memcpy(bigger, *items, size * (size_t)*n);
        *items = bigger;
    }
    return (char *)*items + size * (size_t)(*n)++;
}
#define APPEND(r, array, n) append((r), (void **)&(array), &(n), sizeof *(array))

static int count_of(const json_t *v)
{
    if (json_is_integer(v)) return (int)json_integer_value(v);
    if (json_is_string(v)) return atoi(json_string_value(v));
    return v ? 0 : 1;
}

/* arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE into the endpoint's name
 * and region; a text that is no ARN is taken as the name itself. */
static void parse_arn(Reader *r, const char *arn, KdaEndpoint *ep)
{
    ep->arn = io_cfn_shown(&r->res, arn);
    const char *field[6] = {0};
    size_t len[6] = {0};
    const char *p = arn;
    int n = 0;
    if (!strncmp(arn, "arn:", 4)) {
        for (; n < 6; n++) {
            const char *c = n < 5 ? strchr(p, ':') : NULL;
            field[n] = p;
            len[n] = c ? (size_t)(c - p) : strlen(p);
            if (!c) {
                n++;
                break;
            }
            p = c + 1;
        }
    }
    if (n < 6) {
        /* no ARN: a name, or a value standing for the whole ARN */
        if (io_cfn_has_unknown(arn, strlen(arn))) ep->unknown = io_cfn_unknown_in(&r->res, arn);
        else ep->name = arn;
        ep->shown = ep->arn;
        return;
    }
    if (len[3] && !io_cfn_has_unknown(field[3], len[3])) ep->region = arena_strndup(r->a, field[3], len[3]);
    const char *res = field[5];
    static const char *const prefixes[] = {"stream/", "deliverystream/", "function:", "application/"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (!strncmp(res, prefixes[i], strlen(prefixes[i]))) res += strlen(prefixes[i]);
    size_t nlen = strcspn(res, ":");   /* a Lambda function's :QUALIFIER is not its name */
    char *name = arena_strndup(r->a, res, nlen);
    ep->shown = io_cfn_shown(&r->res, name);
    if (io_cfn_has_unknown(res, nlen)) ep->unknown = io_cfn_unknown_in(&r->res, name);
    else if (nlen) ep->name = name;
}

/* KinesisStreamsInput, KinesisFirehoseOutput ...: {ResourceARN, RoleARN}. */
static void read_endpoint(Reader *r, const json_t *holder, const char *base, const char *key, KdaKind kind,
                          KdaEndpoint *ep)
{
    const char *name;
    const json_t *o = member(holder, key, &name);
    if (!json_is_object(o) || ep->kind != KDA_NONE) return;
    ep->kind = kind;
    ep->setting = fmt(r, "%s.%s", base, name);
    char *arn = io_cfn_resolve(&r->res, json_object_get(o, "ResourceARN"));
    if (arn) parse_arn(r, arn, ep);
    else ep->unknown = fmt(r, "%s.ResourceARN", ep->setting);
}

static bool read_input(Reader *r, const json_t *in, const char *base)
{
    KdaInput *ki = APPEND(r, r->out->inputs, r->out->ninputs);
    if (!(ki->prefix = required_text(r, in, "NamePrefix", base, ""))) return false;
    const json_t *par = member(in, "InputParallelism", NULL);
    ki->parallelism = par ? count_of(json_object_get(par, "Count")) : 1;
    if (ki->parallelism < 1 || ki->parallelism > 64)
        return fail(r, "%s.InputParallelism.Count must be from 1 to 64", base);
    const json_t *sch = json_object_get(in, "InputSchema");
    if (!json_is_object(sch)) return fail(r, "%s has no InputSchema", base);
    const char *where = fmt(r, "%s: %s.InputSchema", r->path, base);
    if (!io_kda_schema_from_json(sch, ki->prefix, where, r->a, &ki->schema, r->err, r->errsize)) return false;
    read_endpoint(r, in, base, "KinesisStreamsInput", KDA_KINESIS, &ki->from);
    read_endpoint(r, in, base, "KinesisFirehoseInput", KDA_FIREHOSE, &ki->from);
    const char *pname, *lname;
    const json_t *proc = member(in, "InputProcessingConfiguration", &pname);
    pname = fmt(r, "%s", pname);
    const json_t *lambda = member(proc, "InputLambdaProcessor", &lname);
    if (json_is_object(lambda)) {
        char *arn = io_cfn_resolve(&r->res, json_object_get(lambda, "ResourceARN"));
        ki->lambda = arn ? io_cfn_shown(&r->res, arn) : "a Lambda function";
        ki->lambda_setting = fmt(r, "%s.%s.%s", base, pname, lname);
    }
    return true;
}

static bool read_output(Reader *r, const json_t *o, const char *base)
{
    KdaOutput *ko = APPEND(r, r->out->outputs, r->out->noutputs);
    ko->setting = fmt(r, "%s.Name", base);
    if (!(ko->stream = required_text(r, o, "Name", base, " (the in-application stream it delivers)"))) return false;
    const json_t *ds = json_object_get(o, "DestinationSchema");
    const char *format = ds ? io_cfn_resolve(&r->res, json_object_get(ds, "RecordFormatType")) : NULL;
    if (format && strcmp(format, "JSON") && strcmp(format, "CSV"))
        return fail(r, "%s.DestinationSchema.RecordFormatType \"%s\" is not JSON or CSV", base, format);
    ko->csv = format && !strcmp(format, "CSV");
    read_endpoint(r, o, base, "KinesisStreamsOutput", KDA_KINESIS, &ko->to);
    read_endpoint(r, o, base, "KinesisFirehoseOutput", KDA_FIREHOSE, &ko->to);
    read_endpoint(r, o, base, "LambdaOutput", KDA_LAMBDA, &ko->to);
    return true;
}

static bool read_table(Reader *r, const json_t *t, const char *base)
{
    KdaTable *kt = APPEND(r, r->out->tables, r->out->ntables);
    kt->setting = base;
    if (!(kt->name = required_text(r, t, "TableName", base, ""))) return false;
    const json_t *sch = json_object_get(t, "ReferenceSchema");
    if (!json_is_object(sch)) return fail(r, "%s has no ReferenceSchema", base);
    const char *where = fmt(r, "%s: %s.ReferenceSchema", r->path, base);
    if (!io_kda_schema_from_json(sch, NULL, where, r->a, &kt->schema, r->err, r->errsize)) return false;
    const json_t *s3 = member(t, "S3ReferenceDataSource", NULL);
    char *bucket = s3 ? io_cfn_resolve(&r->res, json_object_get(s3, "BucketARN")) : NULL;
    char *key = s3 ? io_cfn_resolve(&r->res, json_object_get(s3, "FileKey")) : NULL;
    if (bucket && !strncmp(bucket, "arn:aws:s3:::", 13)) bucket += 13;
    kt->bucket = bucket ? io_cfn_shown(&r->res, bucket) : NULL;
    kt->key = key ? io_cfn_shown(&r->res, key) : NULL;
    return true;
}

typedef bool (*PartReader)(Reader *r, const json_t *part, const char *base);

/* holder's list `plural` (or its "Descriptions" form), or a single `one`
 * (the add-application-output request's Output, for one). */
static bool read_list(Reader *r, const json_t *holder, const char *base, const char *plural, const char *described,
                      const char *one, PartReader fn)
{
    const char *name = plural;
    const json_t *list = json_object_get(holder, plural);
    if (!list) list = json_object_get(holder, name = described);
    if (json_is_array(list)) {
        for (size_t i = 0; i < json_array_size(list); i++)
            if (!fn(r, json_array_get(list, i), fmt(r, "%s%s%s[%zu]", base, *base ? "." : "", name, i))) return false;
    } else if (json_is_object(json_object_get(holder, one))) {
        if (!fn(r, json_object_get(holder, one), fmt(r, "%s%s%s", base, *base ? "." : "", one))) return false;
    }
    return true;
}

static bool read_lists(Reader *r, const json_t *holder, const char *base)
{
    return read_list(r, holder, base, "Inputs", "InputDescriptions", "Input", read_input) &&
           read_list(r, holder, base, "Outputs", "OutputDescriptions", "Output", read_output) &&
           read_list(r, holder, base, "ReferenceDataSources", "ReferenceDataSourceDescriptions", "ReferenceDataSource",
                     read_table);
}

static bool read_code(Reader *r, const json_t *v, const char *setting)
{
    if (!v) return true;
    bool ok;
    r->out->code = known_text(r, v, setting, &ok);
    r->out->code_setting = setting;
    if (ok && !r->out->code) return fail(r, "%s is not text", setting);
    return ok;
}

static bool runtime_is_sql(Reader *r, const json_t *app, const char *base)
{
    const char *rt = io_cfn_resolve(&r->res, json_object_get(app, "RuntimeEnvironment"));
    if (!rt || !strncmp(rt, "SQL", 3)) return true;
    return fail(r, "%s is %s: eddy runs KDA SQL applications (SQL-1_0), not Flink ones",
                fmt(r, "%s%sRuntimeEnvironment", base, *base ? "." : ""), rt);
}

/* base.name, or name alone at the top of the file. */
static const char *joined(Reader *r, const char *base, const char *name)
{
    return fmt(r, "%s%s%s", base, *base ? "." : "", name);
}

/* describe-application's ApplicationDetail (base "ApplicationDetail") or a
 * create-application request (base ""): v1 has the code and the lists in
 * it, v2 in its ApplicationConfiguration (each part named with
 * "Description" in describe-application's output). */
static bool read_api(Reader *r, const json_t *app, const char *what, const char *base)
{
    KdaConfig *c = r->out;
    c->app_name = io_cfn_resolve(&r->res, json_object_get(app, "ApplicationName"));
    const char *name;
    const json_t *ac = member(app, "ApplicationConfiguration", &name);
    if (!ac) {
        c->shape = fmt(r, "%s (v1)", what);
        return read_code(r, json_object_get(app, "ApplicationCode"), joined(r, base, "ApplicationCode")) &&
               read_lists(r, app, base);
    }
    const char *ac_base = joined(r, base, name);
    c->shape = fmt(r, "%s (v2)", what);
    if (!runtime_is_sql(r, app, base)) return false;
    const json_t *cc = member(ac, "ApplicationCodeConfiguration", &name);
    const char *code_base = joined(r, ac_base, name);
    const json_t *content = member(cc, "CodeContent", &name);
    const char *code_setting = joined(r, joined(r, code_base, name), "TextContent");
    const json_t *sql = member(ac, "SqlApplicationConfiguration", &name);
    return read_code(r, json_object_get(content, "TextContent"), code_setting) &&
           read_lists(r, sql, joined(r, ac_base, name));
}

static const char *type_of(const json_t *res)
{
    const json_t *t = json_object_get(res, "Type");
    return json_is_string(t) ? json_string_value(t) : "";
}

static bool is_type(const json_t *res, const char *v1_suffix)
{
    const char *t = type_of(res);
    const char *v1 = "AWS::KinesisAnalytics::", *v2 = "AWS::KinesisAnalyticsV2::";
    return (!strncmp(t, v1, strlen(v1)) && !strcmp(t + strlen(v1), v1_suffix)) ||
           (!strncmp(t, v2, strlen(v2)) && !strcmp(t + strlen(v2), v1_suffix));
}

/* A CloudFormation template: the application resource, then every
 * ApplicationOutput and ApplicationReferenceDataSource resource. */
static bool read_template(Reader *r, const json_t *root)
{
    KdaConfig *c = r->out;
    c->shape = "CloudFormation template";
    const json_t *resources = json_object_get(root, "Resources");
    const char *id, *app_id = NULL;
    const json_t *res, *app = NULL;
    int napps = 0;
    char ids[512] = "";
    json_object_foreach((json_t *)resources, id, res) {
        if (!is_type(res, "Application")) continue;
        if (napps++ == 0) app = res, app_id = id;
        size_t n = strlen(ids);
        snprintf(ids + n, sizeof ids - n, "%s%s", n ? ", " : "", id);
    }
    if (napps == 0)
        return fail(r, "the template has no AWS::KinesisAnalytics::Application (or KinesisAnalyticsV2) resource");
    if (napps > 1) return fail(r, "the template has %d KDA applications (%s): eddy runs one at a time", napps, ids);
    const json_t *props = json_object_get(app, "Properties");
    const char *base = fmt(r, "Resources.%s.Properties", app_id);
    c->app_name = io_cfn_resolve(&r->res, json_object_get(props, "ApplicationName"));
    if (c->app_name) c->app_name = io_cfn_shown(&r->res, c->app_name);
    if (!strcmp(type_of(app), "AWS::KinesisAnalytics::Application")) {
        if (!read_code(r, json_object_get(props, "ApplicationCode"), fmt(r, "%s.ApplicationCode", base)) ||
            !read_list(r, props, base, "Inputs", "Inputs", "Input", read_input))
            return false;
    } else {
        const json_t *ac = json_object_get(props, "ApplicationConfiguration");
        const json_t *code = json_object_get(json_object_get(json_object_get(ac, "ApplicationCodeConfiguration"),
                                                             "CodeContent"), "TextContent");
        if (!runtime_is_sql(r, props, base) ||
            !read_code(r, code, fmt(r, "%s.ApplicationConfiguration.ApplicationCodeConfiguration.CodeContent.TextContent",
                                    base)) ||
            !read_list(r, json_object_get(ac, "SqlApplicationConfiguration"),
                       fmt(r, "%s.ApplicationConfiguration.SqlApplicationConfiguration", base), "Inputs", "Inputs", "Input",
                       read_input))
            return false;
    }
    /* outputs and reference tables are resources of their own; with one
     * application in the template, they are its */
    json_object_foreach((json_t *)resources, id, res) {
        const json_t *p = json_object_get(res, "Properties");
        if (is_type(res, "ApplicationOutput") && json_is_object(json_object_get(p, "Output")) &&
            !read_output(r, json_object_get(p, "Output"), fmt(r, "Resources.%s.Properties.Output", id)))
            return false;
        if (is_type(res, "ApplicationReferenceDataSource") && json_is_object(json_object_get(p, "ReferenceDataSource")) &&
            !read_table(r, json_object_get(p, "ReferenceDataSource"),
                        fmt(r, "Resources.%s.Properties.ReferenceDataSource", id)))
            return false;
    }
    return true;
}

/* JSON when it starts like JSON; else YAML (a template written in YAML). */
static json_t *parse_file(const char *path, char *err, size_t errsize)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    int ch;
    while ((ch = getc(f)) == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == 0xEF || ch == 0xBB || ch == 0xBF) {}
    fclose(f);
    if (ch != '{' && ch != '[') return io_yaml_load(path, err, errsize);
    json_error_t je;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!root) snprintf(err, errsize, "%s:%d:%d: %s", path, je.line, je.column, je.text);
    return root;
}

bool io_kda_config_load(const char *path, const KdaParam *params, int nparams, Arena *a, KdaConfig *out, char *err,
                        size_t errsize)
{
    memset(out, 0, sizeof *out);
    out->path = path;
    json_t *root = parse_file(path, err, errsize);
    if (!root) return false;
    Reader r = {.a = a, .out = out, .path = path, .err = err, .errsize = errsize};
    io_cfn_resolver_init(&r.res, root, params, nparams, a);
    bool ok;
    if (!json_is_object(root))
        ok = fail(&r, "not a KDA application's configuration (a JSON or YAML object)");
    else if (json_is_object(json_object_get(root, "ApplicationDetail")))
        ok = read_api(&r, json_object_get(root, "ApplicationDetail"), "describe-application", "ApplicationDetail");
    else if (json_is_object(json_object_get(root, "Resources")))
        ok = read_template(&r, root);
    else if (json_object_get(root, "ApplicationConfiguration") || json_object_get(root, "ApplicationCode") ||
             json_object_get(root, "Inputs") || json_object_get(root, "Outputs") || json_object_get(root, "Input") ||
             json_object_get(root, "Output") || json_object_get(root, "ReferenceDataSource"))
        ok = read_api(&r, root, "create-application request", "");
    else
        ok = fail(&r, "not a KDA application's configuration: expected describe-application's ApplicationDetail, a "
                      "create-application request, or a CloudFormation template with Resources");
    json_decref(root);
    return ok;
}
