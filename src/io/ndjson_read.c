/* NDJSON in: one JSON object per line decoded into a row of the stream's
 * columns. Keys are looked up in a table built once per schema, guessing
 * first that a record spells its keys in the same order as the last one;
 * only the declared keys are converted, the rest are skipped. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndjson_int.h"
#include "src/runtime/mem.h"
#include "src/runtime/rowtype.h"
#include "src/runtime/timeutil.h"

static inline uint32_t fnv_step(uint32_t h, unsigned char c) { return (h ^ c) * 16777619u; }
static inline unsigned char fold(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

static void put_slot(KeySlot *t, uint32_t mask, const char *name, uint32_t len, uint32_t h, int col, bool replace)
{
    uint32_t i = h & mask;
    while (t[i].col != -1) {
        if (t[i].hash == h && t[i].len == len && memcmp(t[i].name, name, len) == 0) {
            if (replace) t[i].col = col;
            return;
        }
        i = (i + 1) & mask;
    }
    t[i].name = name;
    t[i].len = len;
    t[i].hash = h;
    t[i].col = col;
}

Decoder *io_decoder_new(const Schema *s)
{
    Decoder *d = mem_calloc(1, sizeof *d);
    d->schema = s;
    uint32_t size = 16;
    while (size < (uint32_t)(s->ncols + 2) * 2) size *= 2;
    d->mask = size - 1;
    d->exact = mem_alloc(sizeof(KeySlot) * size);
    d->folded = mem_alloc(sizeof(KeySlot) * size);
    for (uint32_t i = 0; i < size; i++) d->exact[i].col = d->folded[i].col = -1;
    int ncols = s->ncols;
    for (int c = -3; c < ncols; c++) {
        const char *name;
        int col = c;
        if (c == -3) name = "APPROXIMATE_ARRIVAL_TIME";
        else if (c == -2) name = "ROWTIME";
        else if (c == -1) continue;
        else name = s->cols[c].name;
        if (c < 0 && schema_find(s, name) >= 0) continue;
        uint32_t len = (uint32_t)strlen(name), h = 2166136261u, hf = 2166136261u;
        for (uint32_t i = 0; i < len; i++) {
            h = fnv_step(h, (unsigned char)name[i]);
            hf = fnv_step(hf, fold((unsigned char)name[i]));
        }
        put_slot(d->exact, d->mask, name, len, h, col, true);
        /* case-insensitive entry only when no other column folds the same way */
        uint32_t i = hf & d->mask;
        bool clash = false;
        while (d->folded[i].col != -1) {
            if (d->folded[i].hash == hf && d->folded[i].len == len) {
                bool same = true;
                for (uint32_t k = 0; k < len; k++)
                    if (fold((unsigned char)d->folded[i].name[k]) != fold((unsigned char)name[k])) same = false;
                if (same) {
                    clash = true;
                    d->folded[i].col = -4;   /* ambiguous: matched only exactly */
                    break;
                }
            }
            i = (i + 1) & d->mask;
        }
        if (!clash) put_slot(d->folded, d->mask, name, len, hf, col, false);
    }
    return d;
}


void io_decoder_free(Decoder *d)
{
    if (!d) return;
    io_ndjson_map_free(d->map);
    mem_free(d->exact);
    mem_free(d->folded);
    mem_free(d);
}

static int lookup(const Decoder *d, const char *key, uint32_t len, uint32_t h, uint32_t hf, bool *folded)
{
    *folded = false;
    uint32_t i = h & d->mask;
    while (d->exact[i].col != -1) {
        if (d->exact[i].hash == h && d->exact[i].len == len && memcmp(d->exact[i].name, key, len) == 0) return d->exact[i].col;
        i = (i + 1) & d->mask;
    }
    i = hf & d->mask;
    while (d->folded[i].col != -1) {
        const KeySlot *s = &d->folded[i];
        if (s->hash == hf && s->len == len) {
            bool same = true;
            for (uint32_t k = 0; k < len && same; k++)
                if (fold((unsigned char)s->name[k]) != fold((unsigned char)key[k])) same = false;
            if (same) {
                *folded = true;
                return s->col >= -3 ? s->col : -1;
            }
        }
        i = (i + 1) & d->mask;
    }
    return -1;
}


static bool decode(Decoder *d, const char *line, size_t len, Row *row, Arena *a, bool *has_rowtime,
                   bool *has_arrival, DecodeError *err);

/* For the error row of a record that failed: its ROWTIME, if a top-level
 * "ROWTIME" key with a readable value can still be found. */
static void salvage_rowtime(const char *line, size_t len, Arena *a, DecodeError *err)
{
    const char *p = line, *end = line + len;
    while (p < end) {
        const char *k = memmem(p, (size_t)(end - p), "\"ROWTIME\"", 9);
        if (!k) return;
        Scan s = {k + 9, end, line, a, NULL, 0};
        DecodeError scratch;
        s.err = &scratch;
        jscan_skip_ws(&s);
        if (s.p < s.end && *s.p == ':') {
            err->rowtime_key = true;
            s.p++;
            jscan_skip_ws(&s);
            JKind kind;
            const char *text = NULL;
            uint32_t tl = 0;
            NumText nt;
            int64_t ms;
            if (jscan_read_value(&s, &kind, &text, &tl, &nt) && kind != J_NULL && jscan_read_time(&s, "ROWTIME", kind, text, tl, &nt, &ms)) {
                err->has_rowtime = true;
                err->rowtime = ms;
            }
            return;
        }
        p = k + 9;
    }
}

bool io_ndjson_decode_elem(Decoder *d, const char *line, size_t len, int elem, bool *more, Row *row, Arena *a,
                           bool *has_rowtime, bool *has_arrival, DecodeError *err)
{
    err->has_rowtime = err->rowtime_key = false;
    *more = false;
    if (d->map ? io_ndjson_decode_mapped(d, line, len, elem, more, row, a, has_rowtime, has_arrival, err)
               : decode(d, line, len, row, a, has_rowtime, has_arrival, err))
        return true;
    salvage_rowtime(line, len, a, err);
    return false;
}

uint64_t io_decoder_unknown_keys(const Decoder *d, const char **first)
{
    *first = d->first_unknown;
    return d->unknown;
}

bool io_ndjson_decode(Decoder *d, const char *line, size_t len, Row *row, Arena *a, bool *has_rowtime,
                      bool *has_arrival, DecodeError *err)
{
    bool more;
    return io_ndjson_decode_elem(d, line, len, 0, &more, row, a, has_rowtime, has_arrival, err);
}

static bool decode(Decoder *d, const char *line, size_t len, Row *row, Arena *a, bool *has_rowtime,
                   bool *has_arrival, DecodeError *err)
{
    Scan s = {line, line + len, line, a, err, 0};
    const Schema *sch = d->schema;
    int n = sch->ncols;
    row->n = n;
    row->v = arena_alloc(a, sizeof(Value) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) row->v[i] = val_null();
    uint8_t *exact_seen = arena_zalloc(a, (size_t)(n ? n : 1));
    int keypos = 0, col;
    bool unknown_seen = false;
    *has_rowtime = *has_arrival = false;
    jscan_skip_ws(&s);
    if (s.p >= s.end) return jscan_fail(&s, "MALFORMED_JSON", "empty record");
    if (*s.p != '{') return jscan_fail(&s, "MALFORMED_JSON", "a record must be a JSON object, but it starts with '%c'", *s.p);
    s.p++;
    jscan_skip_ws(&s);
    if (s.p < s.end && *s.p == '}') {
        s.p++;
    } else {
        for (;;) {
            jscan_skip_ws(&s);
            if (s.p >= s.end) return jscan_fail(&s, "MALFORMED_JSON", "unexpected end of line inside the object (the line may be truncated)");
            if (*s.p != '"') return jscan_fail(&s, "MALFORMED_JSON", "expected a key string at column %zu", jscan_col(&s));
            s.p++;
            const char *key = s.p;
            KeyGuess *gs = keypos < PREDICTED_KEYS ? &d->guess[keypos] : NULL;
            keypos++;
            if (gs && gs->text && (size_t)(s.end - key) > gs->len && key[gs->len] == '"' &&
                memcmp(key, gs->text, gs->len) == 0) {
                s.p = key + gs->len + 1;
                jscan_skip_ws(&s);
                if (s.p >= s.end || *s.p != ':') return jscan_fail(&s, "MALFORMED_JSON", "expected ':' after key at column %zu", jscan_col(&s));
                s.p++;
                jscan_skip_ws(&s);
                col = gs->col;
                if (col >= 0) exact_seen[col] = 1;
                goto have_column;
            }
            /* key: hash as we go, exact and case-folded */
            uint32_t h = 2166136261u, hf = 2166136261u;
            const unsigned char *p = (const unsigned char *)s.p, *end = (const unsigned char *)s.end;
            while (p < end && *p != '"' && *p != '\\' && *p >= 0x20 && *p < 0x80) {
                h = fnv_step(h, *p);
                hf = fnv_step(hf, fold(*p));
                p++;
            }
            const char *kp;
            uint32_t klen;
            if (p < end && *p == '"') {
                kp = key;
                klen = (uint32_t)((const char *)p - key);
                s.p = (const char *)p + 1;
            } else {
                if (!jscan_string(&s, &kp, &klen, true)) return false;
                h = hf = 2166136261u;
                for (uint32_t i = 0; i < klen; i++) {
                    h = fnv_step(h, (unsigned char)kp[i]);
                    hf = fnv_step(hf, fold((unsigned char)kp[i]));
                }
            }
            jscan_skip_ws(&s);
            if (s.p >= s.end || *s.p != ':') return jscan_fail(&s, "MALFORMED_JSON", "expected ':' after key at column %zu", jscan_col(&s));
            s.p++;
            jscan_skip_ws(&s);
            bool folded;
            col = lookup(d, kp, klen, h, hf, &folded);
            if (col == -1 && !unknown_seen) {
                /* counted, so that a key the schema does not have is never ignored without a word */
                unknown_seen = true;
                if (!d->unknown++) snprintf(d->first_unknown, sizeof d->first_unknown, "%.*s", (int)(klen > 60 ? 60 : klen), kp);
            }
            /* a key spelled exactly like the column wins over one that only
             * matches when case is ignored, whatever their order */
            if (col >= 0) {
                if (folded && exact_seen[col]) col = -1;
                else if (!folded) exact_seen[col] = 1;
            }
            if (gs && !folded && kp == key) {
                /* remember only plain keys that point into the schema's own spelling */
                gs->text = col >= 0 ? sch->cols[col].name : col == KEY_ROWTIME ? "ROWTIME" : NULL;
                gs->len = gs->text ? klen : 0;
                gs->col = col;
                if (col < -1 && col != KEY_ROWTIME) gs->text = NULL;
            }
        have_column:
            if (col == -1) {
                if (!jscan_skip_value(&s)) return false;
            } else {
                JKind kind;
                const char *text = NULL;
                uint32_t tlen = 0;
                NumText nt;
                if (!jscan_read_value(&s, &kind, &text, &tlen, &nt)) return false;
                if (col >= 0) {
                    if (!jscan_coerce(&s, &sch->cols[col], kind, text, tlen, &nt, &row->v[col])) return false;
                } else if (kind != J_NULL) {
                    int64_t ms;
                    bool rt = col == KEY_ROWTIME;
                    if (!jscan_read_time(&s, rt ? "ROWTIME" : "APPROXIMATE_ARRIVAL_TIME", kind, text, tlen, &nt, &ms)) return false;
                    if (rt) row->rowtime = ms, *has_rowtime = true;
                    else row->arrival = ms, *has_arrival = true;
                }
            }
            jscan_skip_ws(&s);
            if (s.p < s.end && *s.p == ',') {
                s.p++;
                continue;
            }
            if (s.p < s.end && *s.p == '}') {
                s.p++;
                break;
            }
            if (s.p >= s.end) return jscan_fail(&s, "MALFORMED_JSON", "unexpected end of line inside the object (the line may be truncated)");
            return jscan_fail(&s, "MALFORMED_JSON", "expected ',' or '}' at column %zu", jscan_col(&s));
        }
    }
    jscan_skip_ws(&s);
    if (s.p != s.end) return jscan_fail(&s, "MALFORMED_JSON", "unexpected text after the object at column %zu", jscan_col(&s));
    for (int i = 0; i < n; i++)
        if (row->v[i].null && sch->cols[i].type.notnull)
            return jscan_fail(&s, "CONVERSION", "column %s is NOT NULL but the record has no value for it", sch->cols[i].name);
    return true;
}

