/* The configuration file is read with jansson: it is read once, and a
 * general JSON library is the right tool for it (the hot-path record
 * decoder is io_ndjson.c). */
#include "kda_schema.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "src/runtime/type.h"

/* The first object holding "RecordColumns", and the object around it. */
static json_t *find_schema(json_t *j, json_t *parent, json_t **holder)
{
    if (json_is_object(j)) {
        if (json_is_array(json_object_get(j, "RecordColumns"))) {
            *holder = parent;
            return j;
        }
        const char *k;
        json_t *v;
        json_object_foreach(j, k, v) {
            json_t *f = find_schema(v, j, holder);
            if (f) return f;
        }
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) {
            json_t *f = find_schema(v, parent, holder);
            if (f) return f;
        }
    }
    return NULL;
}

static const char *str_at(const json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The first object under `key` (InputSchema, ReferenceSchema) that holds
 * RecordColumns; with table, only one whose holder has no TableName or
 * that TableName (describe-application lists every reference table). */
static json_t *find_keyed(json_t *j, const char *key, const char *table, json_t **holder)
{
    if (json_is_object(j)) {
        json_t *s = json_object_get(j, key);
        const char *tn = str_at(j, "TableName");
        if (json_is_object(s) && json_is_array(json_object_get(s, "RecordColumns")) &&
            (!table || !tn || strcasecmp(tn, table) == 0)) {
            *holder = j;
            return s;
        }
        const char *k;
        json_t *v;
        json_object_foreach(j, k, v) {
            json_t *f = find_keyed(v, key, table, holder);
            if (f) return f;
        }
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) {
            json_t *f = find_keyed(v, key, table, holder);
            if (f) return f;
        }
    }
    return NULL;
}

bool io_kda_schema_load(const char *path, const char *table, Arena *a, KdaSchema *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) {
        snprintf(err, errsize, "%s:%d:%d: %s", path, je.line, je.column, je.text);
        return false;
    }
    bool ok = false;
    json_t *holder = NULL;
    json_t *sch = find_keyed(root, table ? "ReferenceSchema" : "InputSchema", table, &holder);
    if (!sch) sch = find_schema(root, NULL, &holder);
    /* a bare array of columns (how deploy scripts often keep them, to put
     * into InputSchema.RecordColumns): JSON records, those columns */
    json_t *first = json_is_array(root) ? json_array_get(root, 0) : NULL;
    json_t *wrap = NULL;
    if (!sch && first && json_is_object(first) && json_object_get(first, "SqlType")) {
        wrap = json_object();
        json_object_set(wrap, "RecordColumns", root);
        sch = wrap;
    }
    if (!sch)
        snprintf(err, errsize, "%s: no input schema in it (an object with \"RecordColumns\", or an array of columns)", path);
    else
        ok = io_kda_schema_from_json(sch, holder && !table ? str_at(holder, "NamePrefix") : NULL, path, a, out, err, errsize);
    if (wrap) json_decref(wrap);
    json_decref(root);
    return ok;
}

bool io_kda_schema_from_json(const json_t *sch, const char *prefix, const char *path, Arena *a, KdaSchema *out, char *err,
                             size_t errsize)
{
    memset(out, 0, sizeof *out);
    const char *row_path = NULL;   /* RecordRowPath other than $: the mappings are relative to it */
    if (prefix) {
        char name[200];
        snprintf(name, sizeof name, "%s_001", prefix);
        out->stream = arena_strndup(a, name, strlen(name));
    }
    json_t *fmt = json_object_get(sch, "RecordFormat");
    const char *kind = fmt ? str_at(fmt, "RecordFormatType") : NULL;
    json_t *mp = fmt ? json_object_get(fmt, "MappingParameters") : NULL;
    if (kind && !strcmp(kind, "CSV")) {
        out->csv = true;
        out->delimiter = ',';
        json_t *c = mp ? json_object_get(mp, "CSVMappingParameters") : NULL;
        const char *cd = c ? str_at(c, "RecordColumnDelimiter") : NULL;
        const char *rd = c ? str_at(c, "RecordRowDelimiter") : NULL;
        if (cd && strlen(cd) != 1) {
            snprintf(err, errsize, "%s: RecordColumnDelimiter \"%s\": eddy takes a delimiter of one character", path, cd);
            return false;
        }
        if (cd) out->delimiter = cd[0];
        if (rd && strcmp(rd, "\n") && strcmp(rd, "\r\n")) {
            snprintf(err, errsize, "%s: RecordRowDelimiter must be a newline for eddy, which reads one record per line", path);
            return false;
        }
    } else if (kind && strcmp(kind, "JSON")) {
        snprintf(err, errsize, "%s: RecordFormatType \"%s\" is not JSON or CSV", path, kind);
        return false;
    } else {
        json_t *jm = mp ? json_object_get(mp, "JSONMappingParameters") : NULL;
        row_path = jm ? str_at(jm, "RecordRowPath") : NULL;
        if (row_path && (row_path[0] != '$' || (row_path[1] && row_path[1] != '.'))) {
            snprintf(err, errsize, "%s: RecordRowPath \"%s\" is not a path such as $ or $.records[0:]", path, row_path);
            return false;
        }
        if (row_path && !strcmp(row_path, "$")) row_path = NULL;
    }
    json_t *cols = json_object_get(sch, "RecordColumns");
    size_t n = json_array_size(cols);
    if (n == 0) {
        snprintf(err, errsize, "%s: RecordColumns is empty", path);
        return false;
    }
    out->schema.ncols = (int)n;
    out->schema.cols = arena_alloc(a, sizeof(Column) * n);
    out->paths = arena_alloc(a, sizeof(char *) * n);
    for (size_t i = 0; i < n; i++) {
        json_t *c = json_array_get(cols, i);
        const char *name = json_is_object(c) ? str_at(c, "Name") : NULL;
        const char *type = json_is_object(c) ? str_at(c, "SqlType") : NULL;
        const char *map = json_is_object(c) ? str_at(c, "Mapping") : NULL;
        if (!name || !type) {
            snprintf(err, errsize, "%s: RecordColumns[%zu] needs a \"Name\" and a \"SqlType\"", path, i);
            return false;
        }
        if (!type_parse(type, &out->schema.cols[i].type)) {
            snprintf(err, errsize, "%s: column %s: SqlType \"%s\" is not a type eddy knows", path, name, type);
            return false;
        }
        /* names created outside SQL keep their case (DIALECT section 4) */
        out->schema.cols[i].name = arena_strndup(a, name, strlen(name));
        if (out->csv) {
            out->paths[i] = NULL;
        } else {
            /* relative to the RecordRowPath: $.a under $.records[0:] is $.records[0:].a */
            char full[1024];
            const char *m = map ? map : NULL;
            if (!m) {
                snprintf(full, sizeof full, "$.%s", name);
                m = full;
            }
            if (row_path) {
                char joined[1024];
                snprintf(joined, sizeof joined, "%s%s", row_path, m + 1);
                out->paths[i] = arena_strndup(a, joined, strlen(joined));
            } else {
                out->paths[i] = map ? arena_strndup(a, map, strlen(map)) : NULL;
            }
        }
    }
    return true;
}
