/* libyaml's event parser, walked once into jansson values. Anchors and
 * aliases are kept (an alias shares the anchored value); tags other than
 * CloudFormation's short forms are ignored. */
#include "yaml_json.h"

#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "src/runtime/mem.h"

enum { MAX_DEPTH = 256, MAX_ANCHORS = 256 };

typedef struct Reader {
    yaml_parser_t parser;
    const char *name;
    char *err;
    size_t errsize;
    bool failed;
    struct {
        char *name;
        json_t *value;
    } anchors[MAX_ANCHORS];
    int nanchors;
} Reader;

static void fail_at(Reader *r, const yaml_mark_t *m, const char *what)
{
    if (r->failed) return;
    r->failed = true;
    snprintf(r->err, r->errsize, "%s:%zu:%zu: %s", r->name, m->line + 1, m->column + 1, what);
}

static bool next(Reader *r, yaml_event_t *ev)
{
    if (yaml_parser_parse(&r->parser, ev)) return true;
    const char *problem = r->parser.problem ? r->parser.problem : "not valid YAML";
    fail_at(r, &r->parser.problem_mark, problem);
    return false;
}

/* !Ref X, !GetAtt A.B, !Sub ...: the long form of a CloudFormation tag. */
static json_t *apply_tag(const char *tag, json_t *v)
{
    if (!tag || tag[0] != '!' || tag[1] == 0 || tag[1] == '!') return v;
    const char *name = tag + 1;
    char key[64];
    if (!strcmp(name, "Ref") || !strcmp(name, "Condition"))
        snprintf(key, sizeof key, "%s", name);
    else
        snprintf(key, sizeof key, "Fn::%s", name);
    if (!strcmp(name, "GetAtt") && json_is_string(v)) {
        /* !GetAtt Resource.Attribute: the logical id has no dot */
        const char *s = json_string_value(v);
        const char *dot = strchr(s, '.');
        json_t *pair = json_array();
        json_array_append_new(pair, json_stringn(s, dot ? (size_t)(dot - s) : strlen(s)));
        if (dot) json_array_append_new(pair, json_string(dot + 1));
        json_decref(v);
        v = pair;
    }
    json_t *o = json_object();
    json_object_set_new(o, key, v);
    return o;
}

static void remember(Reader *r, const yaml_char_t *anchor, json_t *v)
{
    if (!anchor || r->nanchors == MAX_ANCHORS) return;
    r->anchors[r->nanchors].name = mem_strdup((const char *)anchor);
    r->anchors[r->nanchors].value = json_incref(v);
    r->nanchors++;
}

static json_t *node(Reader *r, yaml_event_t *ev, int depth);

/* The items of a sequence or the pairs of a mapping, up to its end event. */
static json_t *collection(Reader *r, bool mapping, int depth)
{
    json_t *out = mapping ? json_object() : json_array();
    for (;;) {
        yaml_event_t ev;
        if (!next(r, &ev)) break;
        if (ev.type == YAML_SEQUENCE_END_EVENT || ev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&ev);
            return out;
        }
        if (!mapping) {
            json_t *v = node(r, &ev, depth + 1);
            yaml_event_delete(&ev);
            if (!v) break;
            json_array_append_new(out, v);
            continue;
        }
        if (ev.type != YAML_SCALAR_EVENT) {
            fail_at(r, &ev.start_mark, "a mapping key that is not a plain string");
            yaml_event_delete(&ev);
            break;
        }
        char *key = mem_strndup((const char *)ev.data.scalar.value, ev.data.scalar.length);
        yaml_event_delete(&ev);
        json_t *v = NULL;
        if (next(r, &ev)) {
            v = node(r, &ev, depth + 1);
            yaml_event_delete(&ev);
        }
        if (v) json_object_set_new(out, key, v);
        mem_free(key);
        if (!v) break;
    }
    json_decref(out);
    return NULL;
}

static json_t *node(Reader *r, yaml_event_t *ev, int depth)
{
    if (depth > MAX_DEPTH) {
        fail_at(r, &ev->start_mark, "nested too deeply");
        return NULL;
    }
    json_t *v = NULL;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        v = json_stringn((const char *)ev->data.scalar.value, ev->data.scalar.length);
        if (!v) {
            fail_at(r, &ev->start_mark, "a scalar that is not valid UTF-8");
            return NULL;
        }
        v = apply_tag((const char *)ev->data.scalar.tag, v);
        remember(r, ev->data.scalar.anchor, v);
        return v;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT: {
        bool mapping = ev->type == YAML_MAPPING_START_EVENT;
        const yaml_char_t *anchor = mapping ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
        const char *tag = (const char *)(mapping ? ev->data.mapping_start.tag : ev->data.sequence_start.tag);
        v = collection(r, mapping, depth);
        if (!v) return NULL;
        v = apply_tag(tag, v);
        remember(r, anchor, v);
        return v;
    }
    case YAML_ALIAS_EVENT:
        for (int i = r->nanchors - 1; i >= 0; i--)
            if (!strcmp(r->anchors[i].name, (const char *)ev->data.alias.anchor)) return json_incref(r->anchors[i].value);
        fail_at(r, &ev->start_mark, "an alias to an unknown anchor");
        return NULL;
    default:
        fail_at(r, &ev->start_mark, "unexpected YAML structure");
        return NULL;
    }
}

/* Stream start, document start, the root node. */
static json_t *read_document(Reader *r)
{
    json_t *root = NULL;
    yaml_event_t ev;
    while (!root && next(r, &ev)) {
        if (ev.type == YAML_STREAM_END_EVENT) {
            yaml_event_delete(&ev);
            fail_at(r, &r->parser.mark, "the file holds no YAML document");
            break;
        }
        if (ev.type != YAML_STREAM_START_EVENT && ev.type != YAML_DOCUMENT_START_EVENT) {
            root = node(r, &ev, 0);
            yaml_event_delete(&ev);
            if (!root) break;
            continue;
        }
        yaml_event_delete(&ev);
    }
    for (int i = 0; i < r->nanchors; i++) {
        mem_free(r->anchors[i].name);
        json_decref(r->anchors[i].value);
    }
    yaml_parser_delete(&r->parser);
    return root;
}

json_t *io_yaml_parse(const char *text, size_t len, const char *name, char *err, size_t errsize)
{
    Reader r = {.name = name, .err = err, .errsize = errsize};
    if (!yaml_parser_initialize(&r.parser)) {
        snprintf(err, errsize, "%s: out of memory", name);
        return NULL;
    }
    yaml_parser_set_input_string(&r.parser, (const unsigned char *)text, len);
    return read_document(&r);
}

json_t *io_yaml_load(const char *path, char *err, size_t errsize)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsize, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    Reader r = {.name = path, .err = err, .errsize = errsize};
    json_t *root = NULL;
    if (yaml_parser_initialize(&r.parser)) {
        yaml_parser_set_input_file(&r.parser, f);
        root = read_document(&r);
    } else {
        snprintf(err, errsize, "%s: out of memory", path);
    }
    fclose(f);
    return root;
}
