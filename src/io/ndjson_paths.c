#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndjson_int.h"
#include "src/runtime/mem.h"

/* ---- JSONPath mappings ----
 * KDA maps each column with a JSONPath in the application's input schema
 * ($.ticker, $.detail.price, $.readings[0]); the paths form a tree walked
 * once per record, matching keys exactly (paths are case-sensitive). A
 * value that leads further down may feed a column too: a character column
 * gets its JSON text. */

struct MapNode {
    const char *key;      /* the key that leads here, or NULL for an array index */
    uint32_t len;
    int32_t index;        /* -1: each element in turn (the array makes the rows) */
    int col;              /* the column fed by this value; -1 none; KEY_ROWTIME / KEY_ARRIVAL */
    MapNode *kids, *next;
};

void io_ndjson_map_free(MapNode *n)
{
    while (n) {
        MapNode *next = n->next;
        io_ndjson_map_free(n->kids);
        mem_free((void *)n->key);
        mem_free(n);
        n = next;
    }
}

static MapNode *map_kid(MapNode *parent, const char *key, uint32_t len, int32_t index)
{
    for (MapNode *k = parent->kids; k; k = k->next)
        if (key ? k->key && k->len == len && memcmp(k->key, key, len) == 0 : !k->key && k->index == index) return k;
    MapNode *k = mem_calloc(1, sizeof *k);
    k->key = key ? mem_strndup(key, len) : NULL;
    k->len = len;
    k->index = index;
    k->col = -1;
    /* keep the kids in the order they were given: errors then name the first column */
    MapNode **pp = &parent->kids;
    while (*pp) pp = &(*pp)->next;
    *pp = k;
    return k;
}

/* Adds path (e.g. $.a.b[2]) for column col; false with a reason. A
 * [0:] with more path after it makes a row of each element of that array
 * (*split is where, the same array for every such path). */
static bool map_add(MapNode *root, const char *path, int col, MapNode **split, char *why, size_t whysize)
{
    const char *p = path;
    if (*p++ != '$') return snprintf(why, whysize, "a mapping starts with '$'"), false;
    MapNode *n = root;
    while (*p) {
        if (*p == '.') {
            const char *k = ++p;
            while (*p && *p != '.' && *p != '[') p++;
            if (p == k) return snprintf(why, whysize, "an empty key after '.'"), false;
            n = map_kid(n, k, (uint32_t)(p - k), 0);
        } else if (*p == '[') {
            p++;
            if ((p[0] == '0' && p[1] == ':' && p[2] == ']') || (p[0] == '*' && p[1] == ']')) {
                p += p[0] == '*' ? 2 : 3;
                if (!*p) break;   /* [0:] at the end is the whole array, as one value */
                n = map_kid(n, NULL, 0, -1);
                if (*split && *split != n) return snprintf(why, whysize, "only one array can make the rows of a record"), false;
                *split = n;
                continue;
            }
            char *end;
            long i = strtol(p, &end, 10);
            if (end == p || *end != ']' || i < 0 || i > 1000000)
                return snprintf(why, whysize, "expected an array index such as [0] at offset %d", (int)(p - path)), false;
            n = map_kid(n, NULL, 0, (int32_t)i);
            p = end + 1;
        } else {
            return snprintf(why, whysize, "unexpected '%c' at offset %d", *p, (int)(p - path)), false;
        }
    }
    if (n == root) return snprintf(why, whysize, "'$' alone is the whole record, not a column"), false;
    if (n->col != -1) return snprintf(why, whysize, "another column has the same mapping"), false;
    n->col = col;
    return true;
}

const char *io_decoder_set_mappings(Decoder *d, const char *const *paths)
{
    static char msg[600];
    MapNode *root = mem_calloc(1, sizeof *root);
    root->col = -1;
    MapNode *split = NULL;
    for (int c = 0; c < d->schema->ncols; c++) {
        char why[200];
        const char *path = paths[c];
        char dflt[200];
        if (!path) {
            /* a column without a mapping reads the key of its own name */
            snprintf(dflt, sizeof dflt, "$.%s", d->schema->cols[c].name);
            path = dflt;
        }
        if (!map_add(root, path, c, &split, why, sizeof why)) {
            snprintf(msg, sizeof msg, "column %.100s: mapping \"%.200s\": %s", d->schema->cols[c].name, path, why);
            io_ndjson_map_free(root);
            return msg;
        }
    }
    static const struct { const char *name; int key; } sys[] = {{"ROWTIME", KEY_ROWTIME}, {"APPROXIMATE_ARRIVAL_TIME", KEY_ARRIVAL}};
    for (size_t i = 0; i < 2; i++) {
        MapNode *k = map_kid(root, sys[i].name, (uint32_t)strlen(sys[i].name), 0);
        if (k->col == -1 && !k->kids) k->col = sys[i].key;
    }
    io_ndjson_map_free(d->map);
    d->map = root;
    d->split = split;
    return NULL;
}

typedef struct MapCtx {
    const Schema *schema;
    Row *row;
    bool *has_rowtime, *has_arrival;
    int32_t elem;         /* the element of the split array this row is made of */
    int32_t nelems;       /* how many it has (-1: the array was not there) */
    bool count_only;      /* only count the split array's elements: no values read */
    const MapNode *split; /* the split array's [0:] node */
    SplitJump *jump;      /* made (JUMP_MAKE) or used (JUMP_USE) at that array, or NULL */
    int jump_mode;
    const char *line;     /* the record: the jump's offsets count from it */
} MapCtx;

enum { JUMP_MAKE = 1, JUMP_USE = 2 };

/* Only an array whose one kid is the split ([0:]) can be jumped through:
 * a fixed index ($.a[2]) beside it needs its own element read. */
static bool jumpable(const MapNode *node)
{
    for (const MapNode *k = node->kids; k; k = k->next)
        if (k->key || k->index != -1) return false;
    return node->kids != NULL;
}

static bool walk(Scan *s, const MapNode *node, MapCtx *m);

/* The value at s->p reaches node: it feeds the node's column, then its kids. */
static bool visit(Scan *s, const MapNode *node, MapCtx *m)
{
    if (node->col == -1 || (m->count_only && node->kids)) return walk(s, node, m);
    if (m->count_only) return jscan_skip_value(s);
    const char *start = s->p;
    JKind kind;
    const char *text = NULL;
    uint32_t tlen = 0;
    NumText nt;
    if (!jscan_read_value(s, &kind, &text, &tlen, &nt)) return false;
    if (node->col >= 0) {
        if (!jscan_coerce(s, &m->schema->cols[node->col], kind, text, tlen, &nt, &m->row->v[node->col])) return false;
    } else if (kind != J_NULL) {
        int64_t ms;
        bool rt = node->col == KEY_ROWTIME;
        if (!jscan_read_time(s, rt ? "ROWTIME" : "APPROXIMATE_ARRIVAL_TIME", kind, text, tlen, &nt, &ms)) return false;
        if (rt) m->row->rowtime = ms, *m->has_rowtime = true;
        else m->row->arrival = ms, *m->has_arrival = true;
    }
    if (!node->kids || kind != J_COMPOSITE) return true;
    Scan sub = *s;
    sub.p = start;
    sub.end = s->p;
    return walk(&sub, node, m);
}

static bool walk(Scan *s, const MapNode *node, MapCtx *m)
{
    jscan_skip_ws(s);
    if (s->p >= s->end) return jscan_fail(s, "MALFORMED_JSON", "missing value at end of line (the line may be truncated)");
    char open = *s->p;
    if (open != '{' && open != '[') return jscan_skip_value(s);   /* not what the path expects: its columns stay NULL */
    char close = open == '{' ? '}' : ']';
    if (open == '[')
        for (const MapNode *k = node->kids; k; k = k->next)
            if (k->index == -1 && !k->key && m->nelems < 0) m->nelems = 0;
    if (++s->depth > 512) return jscan_fail(s, "MALFORMED_JSON", "JSON nested more than 512 levels deep");
    s->p++;
    jscan_skip_ws(s);
    SplitJump *j = open == '[' && m->jump && node->kids == m->split && jumpable(node) ? m->jump : NULL;
    if (j && m->jump_mode == JUMP_USE) {
        /* the row's element, where the first row found it; then past the array */
        m->jump = NULL;
        s->p = m->line + j->starts[m->elem];
        if (!visit(s, node->kids, m)) return false;
        m->nelems = j->n;
        s->p = m->line + j->end;
        s->depth--;
        return true;
    }
    if (j) m->jump = NULL;   /* made at the first split array met, the one rows come from */
    if (s->p < s->end && *s->p == close) {
        s->p++;
        s->depth--;
        if (j) j->n = 0, j->end = (size_t)(s->p - m->line), j->made = true;
        return true;
    }
    for (int32_t index = 0;; index++) {
        if (j) {
            if ((size_t)index >= j->cap) {
                j->cap = j->cap ? 2 * j->cap : 64;
                j->starts = mem_realloc(j->starts, sizeof *j->starts * j->cap);
            }
            j->starts[index] = (size_t)(s->p - m->line);
        }
        jscan_skip_ws(s);
        const MapNode *kid = NULL;
        if (open == '{') {
            if (s->p >= s->end || *s->p != '"') return jscan_fail(s, "MALFORMED_JSON", "expected a key string at column %zu", jscan_col(s));
            s->p++;
            const char *k;
            uint32_t kl;
            if (!jscan_string(s, &k, &kl, true)) return false;
            jscan_skip_ws(s);
            if (s->p >= s->end || *s->p != ':') return jscan_fail(s, "MALFORMED_JSON", "expected ':' after key at column %zu", jscan_col(s));
            s->p++;
            jscan_skip_ws(s);
            for (kid = node->kids; kid; kid = kid->next)
                if (kid->key && kid->len == kl && memcmp(kid->key, k, kl) == 0) break;
        } else {
            for (kid = node->kids; kid; kid = kid->next)
                if (!kid->key && (kid->index == index || (kid->index == -1 && index == m->elem))) break;
            for (const MapNode *k = node->kids; k; k = k->next)
                if (k->index == -1 && !k->key) m->nelems = index + 1;
        }
        if (!(kid ? visit(s, kid, m) : jscan_skip_value(s))) return false;
        jscan_skip_ws(s);
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            continue;
        }
        if (s->p < s->end && *s->p == close) {
            s->p++;
            s->depth--;
            if (j) j->n = index + 1, j->end = (size_t)(s->p - m->line), j->made = true;
            return true;
        }
        if (s->p >= s->end) return jscan_fail(s, "MALFORMED_JSON", "unexpected end of line inside %s (the line may be truncated)",
                                        open == '{' ? "an object" : "an array");
        return jscan_fail(s, "MALFORMED_JSON", "expected ',' or '%c' at column %zu", close, jscan_col(s));
    }
}

bool io_ndjson_decode_mapped(Decoder *d, const char *line, size_t len, int32_t elem, bool *more, Row *row, Arena *a,
                     bool *has_rowtime, bool *has_arrival, DecodeError *err)
{
    Scan s = {line, line + len, line, a, err, 0};
    const Schema *sch = d->schema;
    int n = sch->ncols;
    row->n = n;
    row->v = arena_alloc(a, sizeof(Value) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) row->v[i] = val_null();
    *has_rowtime = *has_arrival = false;
    jscan_skip_ws(&s);
    if (s.p >= s.end) return jscan_fail(&s, "MALFORMED_JSON", "empty record");
    if (*s.p != '{') return jscan_fail_not_object(&s);
    MapCtx m = {sch, row, has_rowtime, has_arrival, elem, -1, false, d->split, NULL, 0, line};
    SplitJump *j = d->split ? &d->jump : NULL;
    if (j && elem == 0) {
        j->made = false;
        j->len = len;
        m.jump = j, m.jump_mode = JUMP_MAKE;
    } else if (j && j->made && j->len == len && elem == j->last + 1 && elem < j->n) {
        /* the next row of the record the call before read (io.h) */
        m.jump = j, m.jump_mode = JUMP_USE;
    }
    if (j) j->last = elem;
    if (!walk(&s, d->map, &m)) {
        if (d->split) {
            /* this element failed: the ones after it are still rows */
            Scan c = {line, line + len, line, a, err, 0};
            DecodeError keep = *err;
            MapCtx k = {sch, row, has_rowtime, has_arrival, -2, -1, true, d->split, NULL, 0, line};
            jscan_skip_ws(&c);
            if (walk(&c, d->map, &k)) *more = elem + 1 < k.nelems;
            *err = keep;
        }
        return false;
    }
    if (d->split) {
        /* the record's rows are the split array's elements; an empty or missing array still gives
         * one row, its element columns NULL ("an array is always flattened to at least one row",
         * the KDA guide's JSONPath page) */
        *more = elem + 1 < m.nelems;
    }
    jscan_skip_ws(&s);
    if (s.p != s.end) return jscan_fail(&s, "MALFORMED_JSON", "unexpected text after the object at column %zu", jscan_col(&s));
    for (int i = 0; i < n; i++)
        if (row->v[i].null && sch->cols[i].type.notnull)
            return jscan_fail(&s, "CONVERSION", "column %s is NOT NULL but the record has no value for it", sch->cols[i].name);
    return true;
}

