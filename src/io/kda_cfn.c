/* An unknown name is written into the text as \001, one byte naming its
 * slot in r->unknown (from 'A' on, so never ':' or '/', which ARNs are
 * split at), and \002: the text can still be split into an ARN's fields,
 * and each field says whether it is known. */
#include "kda_cfn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/runtime/buf.h"

enum { MAX_DEPTH = 32 };

void io_cfn_resolver_init(CfnResolver *r, const json_t *root, const KdaParam *params, int nparams, Arena *a)
{
    memset(r, 0, sizeof *r);
    r->arena = a;
    r->params = params;
    r->nparams = nparams;
    if (json_is_object(root) && json_is_object(json_object_get(root, "Resources"))) {
        r->resources = json_object_get(root, "Resources");
        r->parameters = json_object_get(root, "Parameters");
        r->mappings = json_object_get(root, "Mappings");
    }
}

/* buf_put of nothing may meet a buffer not yet allocated */
static void put_text(Buf *b, const char *s, size_t n)
{
    if (n) buf_put(b, s, n);
}

static void put_str(Buf *b, const char *s)
{
    put_text(b, s, strlen(s));
}

static void put_unknown(CfnResolver *r, Buf *b, const char *name)
{
    int i = 0;
    while (i < r->nunknown && strcmp(r->unknown[i], name)) i++;
    if (i == r->nunknown) {
        if (r->nunknown == CFN_MAX_UNKNOWN) i = CFN_MAX_UNKNOWN - 1;
        else r->unknown[r->nunknown++] = arena_strndup(r->arena, name, strlen(name));
    }
    buf_putc(b, '\001');
    buf_putc(b, (char)('A' + i));
    buf_putc(b, '\002');
}

static const char *given(const CfnResolver *r, const char *name)
{
    for (int i = r->nparams - 1; i >= 0; i--)
        if (!strcmp(r->params[i].name, name)) return r->params[i].value;
    return NULL;
}

static bool resolve_into(CfnResolver *r, const json_t *v, Buf *b);

static const json_t *resource(const CfnResolver *r, const char *id)
{
    const json_t *res = r->resources ? json_object_get(r->resources, id) : NULL;
    return json_is_object(res) ? res : NULL;
}

static const char *type_of(const json_t *res)
{
    const json_t *t = json_object_get(res, "Type");
    return json_is_string(t) ? json_string_value(t) : "";
}

/* The property that names a resource of each kind this reader follows,
 * and the service and resource prefix of its ARN. */
static const struct {
    const char *type, *name_prop, *service, *arn_prefix;
} kinds[] = {
    {"AWS::Kinesis::Stream", "Name", "kinesis", "stream/"},
    {"AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamName", "firehose", "deliverystream/"},
    {"AWS::Lambda::Function", "FunctionName", "lambda", "function:"},
    {"AWS::S3::Bucket", "BucketName", "s3", ""},
    {"AWS::KinesisAnalytics::Application", "ApplicationName", "kinesisanalytics", "application/"},
    {"AWS::KinesisAnalyticsV2::Application", "ApplicationName", "kinesisanalytics", "application/"},
};

static int kind_of(const json_t *res)
{
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (!strcmp(type_of(res), kinds[k].type)) return (int)k;
    return -1;
}

/* A resource's physical name: given by the user, else its name property;
 * else CloudFormation makes one up at deployment, unknown here. */
static void physical_name(CfnResolver *r, const char *id, const json_t *res, Buf *b)
{
    const char *g = given(r, id);
    int k = kind_of(res);
    const json_t *props = json_object_get(res, "Properties");
    const json_t *name = k >= 0 && props ? json_object_get(props, kinds[k].name_prop) : NULL;
    if (g) put_str(b, g);
    else if (!name || !resolve_into(r, name, b)) put_unknown(r, b, id);
}

static void ref(CfnResolver *r, const char *name, Buf *b)
{
    const char *g = given(r, name);
    const json_t *p = r->parameters ? json_object_get(r->parameters, name) : NULL;
    const json_t *res = resource(r, name);
    if (g) {
        put_str(b, g);
    } else if (!strcmp(name, "AWS::Partition")) {
        put_str(b, "aws");
    } else if (!strcmp(name, "AWS::URLSuffix")) {
        put_str(b, "amazonaws.com");
    } else if (!strcmp(name, "AWS::NoValue")) {
        /* nothing */
    } else if (json_is_object(p) && json_object_get(p, "Default")) {
        if (!resolve_into(r, json_object_get(p, "Default"), b)) put_unknown(r, b, name);
    } else if (res) {
        physical_name(r, name, res, b);
    } else {
        put_unknown(r, b, name);
    }
}

static void get_att(CfnResolver *r, const char *id, const char *attr, Buf *b)
{
    const char *g = given(r, id);
    const json_t *res = resource(r, id);
    int k = res ? kind_of(res) : -1;
    if (g && !strncmp(g, "arn:", 4)) {
        put_str(b, g);
    } else if (k >= 0 && !strcmp(attr, "Arn")) {
        if (!strcmp(kinds[k].service, "s3")) {
            put_str(b, "arn:aws:s3:::");
        } else {
            put_str(b, "arn:");
            ref(r, "AWS::Partition", b);
            buf_putc(b, ':');
            put_str(b, kinds[k].service);
            buf_putc(b, ':');
            ref(r, "AWS::Region", b);
            buf_putc(b, ':');
            ref(r, "AWS::AccountId", b);
            buf_putc(b, ':');
            put_str(b, kinds[k].arn_prefix);
        }
        physical_name(r, id, res, b);
    } else {
        char what[256];
        snprintf(what, sizeof what, "%s.%s", id, attr);
        put_unknown(r, b, what);
    }
}

/* ${Name}, ${Resource.Attribute}, ${!Literal}; vars: Fn::Sub's own map. */
static void substitute(CfnResolver *r, const char *s, const json_t *vars, Buf *b)
{
    while (*s) {
        const char *open = strstr(s, "${");
        if (!open) {
            put_str(b, s);
            return;
        }
        put_text(b, s, (size_t)(open - s));
        const char *close = strchr(open, '}');
        if (!close) {
            put_str(b, open);
            return;
        }
        char name[256];
        snprintf(name, sizeof name, "%.*s", (int)(close - open - 2), open + 2);
        const char *dot = strchr(name, '.');
        if (name[0] == '!') {
            put_str(b, "${");
            put_str(b, name + 1);
            buf_putc(b, '}');
        } else if (vars && json_object_get(vars, name)) {
            if (!resolve_into(r, json_object_get(vars, name), b)) put_unknown(r, b, name);
        } else if (dot && !given(r, name)) {
            char id[256];
            snprintf(id, sizeof id, "%.*s", (int)(dot - name), name);
            get_att(r, id, dot + 1, b);
        } else {
            ref(r, name, b);
        }
        s = close + 1;
    }
}

static const char *text_at(const json_t *a, size_t i)
{
    const json_t *v = json_array_get(a, i);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Fn::FindInMap [Map, Key, Key]: the keys may be functions themselves. */
static void find_in_map(CfnResolver *r, const json_t *args, Buf *b)
{
    const json_t *v = r->mappings;
    for (size_t i = 0; i < 3 && v; i++) {
        char *key = json_array_size(args) == 3 ? io_cfn_resolve(r, json_array_get(args, i)) : NULL;
        v = key && json_is_object(v) && !io_cfn_has_unknown(key, strlen(key)) ? json_object_get(v, key) : NULL;
    }
    if (!v || !resolve_into(r, v, b)) put_unknown(r, b, "Fn::FindInMap");
}

static bool function_into(CfnResolver *r, const char *fn, const json_t *arg, Buf *b)
{
    if (!strcmp(fn, "Ref")) {
        if (!json_is_string(arg)) return false;
        ref(r, json_string_value(arg), b);
    } else if (!strcmp(fn, "Fn::GetAtt")) {
        const char *id = json_is_string(arg) ? json_string_value(arg) : text_at(arg, 0);
        const char *attr = json_is_string(arg) ? strchr(id, '.') : text_at(arg, 1);
        if (!id || !attr) return false;
        char idbuf[256];
        if (json_is_string(arg)) {
            snprintf(idbuf, sizeof idbuf, "%.*s", (int)(attr - id), id);
            id = idbuf;
            attr++;
        }
        get_att(r, id, attr, b);
    } else if (!strcmp(fn, "Fn::Sub")) {
        const char *s = json_is_string(arg) ? json_string_value(arg) : text_at(arg, 0);
        if (!s) return false;
        substitute(r, s, json_is_array(arg) ? json_array_get(arg, 1) : NULL, b);
    } else if (!strcmp(fn, "Fn::Join")) {
        const char *sep = text_at(arg, 0);
        const json_t *parts = json_array_get(arg, 1);
        if (!sep || !json_is_array(parts)) return false;
        for (size_t i = 0; i < json_array_size(parts); i++) {
            if (i) put_str(b, sep);
            if (!resolve_into(r, json_array_get(parts, i), b)) put_unknown(r, b, "Fn::Join");
        }
    } else if (!strcmp(fn, "Fn::FindInMap")) {
        find_in_map(r, arg, b);
    } else if (!strcmp(fn, "Fn::Select")) {
        char *idx = io_cfn_resolve(r, json_array_get(arg, 0));
        const json_t *list = json_array_get(arg, 1);
        const json_t *item = idx && json_is_array(list) ? json_array_get(list, (size_t)atoi(idx)) : NULL;
        if (!item || !resolve_into(r, item, b)) put_unknown(r, b, "Fn::Select");
    } else if (!strncmp(fn, "Fn::", 4)) {
        /* Fn::If, Fn::ImportValue ...: only the deployment decides */
        put_unknown(r, b, fn);
    } else {
        return false;
    }
    return true;
}

static bool resolve_into(CfnResolver *r, const json_t *v, Buf *b)
{
    if (json_is_string(v)) {
        put_text(b, json_string_value(v), json_string_length(v));
        return true;
    }
    if (json_is_integer(v) || json_is_real(v) || json_is_boolean(v)) {
        char num[64];
        if (json_is_integer(v)) snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
        else if (json_is_real(v)) snprintf(num, sizeof num, "%.17g", json_real_value(v));
        else snprintf(num, sizeof num, "%s", json_is_true(v) ? "true" : "false");
        put_str(b, num);
        return true;
    }
    if (!json_is_object(v) || json_object_size(v) != 1) return false;
    if (r->depth >= MAX_DEPTH) {
        put_unknown(r, b, "a function nested too deeply");
        return true;
    }
    const char *fn = json_object_iter_key(json_object_iter((json_t *)v));
    r->depth++;
    bool ok = function_into(r, fn, json_object_get(v, fn), b);
    r->depth--;
    return ok;
}

char *io_cfn_resolve(CfnResolver *r, const json_t *v)
{
    Buf b = {0};
    if (!v || !resolve_into(r, v, &b)) {
        buf_free(&b);
        return NULL;
    }
    char *out = arena_strndup(r->arena, b.p ? b.p : "", b.len);
    buf_free(&b);
    return out;
}

const char *io_cfn_unknown_in(const CfnResolver *r, const char *s)
{
    const char *m = s ? strchr(s, '\001') : NULL;
    if (!m || !m[1]) return NULL;
    int i = m[1] - 'A';
    return i >= 0 && i < r->nunknown ? r->unknown[i] : "?";
}

char *io_cfn_shown(const CfnResolver *r, const char *s)
{
    Buf b = {0};
    for (; *s; s++) {
        if (*s == '\001' && s[1] && s[2] == '\002') {
            int i = s[1] - 'A';
            put_str(&b, "${");
            put_str(&b, i >= 0 && i < r->nunknown ? r->unknown[i] : "?");
            buf_putc(&b, '}');
            s += 2;
        } else {
            buf_putc(&b, *s);
        }
    }
    char *out = arena_strndup(r->arena, b.p ? b.p : "", b.len);
    buf_free(&b);
    return out;
}
