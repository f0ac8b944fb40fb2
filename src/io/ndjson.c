/* NDJSON: one JSON object per line in, one per row out. The decoder is
 * hand-written rather than taken from a JSON library because it decodes
 * straight into typed column values, looks up only the declared keys and
 * allocates nothing per record but arena bytes; a DOM parser would cost a
 * tree per line on the hottest path of the program. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/runtime/convert.h"
#include "io.h"
#include "src/runtime/mem.h"
#include "src/runtime/numtext.h"
#include "src/runtime/rowtype.h"
#include "src/runtime/timeutil.h"

/* ---- key lookup ---- */

enum { KEY_ROWTIME = -2, KEY_ARRIVAL = -3 };

typedef struct KeySlot {
    const char *name;
    uint32_t len;
    uint32_t hash;
    int col;              /* -1 empty slot */
} KeySlot;

/* Records of a stream usually spell the same keys in the same order, so
 * the key at each position is first compared with the one seen there
 * last time; only a miss hashes the key. */
#define PREDICTED_KEYS 64
typedef struct KeyGuess {
    const char *text;     /* the column's name as the record spells it */
    uint32_t len;
    int col;              /* what it matched (exactly) */
} KeyGuess;

typedef struct MapNode MapNode;

struct Decoder {
    const Schema *schema;
    KeySlot *exact, *folded;
    uint32_t mask;
    KeyGuess guess[PREDICTED_KEYS];
    MapNode *map;         /* JSONPath mappings, when the columns have them */
    MapNode *split;       /* the array whose elements are the rows ($.orders[0:].id), or NULL */
    const char *split_path;
};

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

static void map_free(MapNode *n);

void io_decoder_free(Decoder *d)
{
    if (!d) return;
    map_free(d->map);
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

/* ---- scanning ---- */

typedef struct Scan {
    const char *p, *end, *line;
    Arena *arena;
    DecodeError *err;
    int depth;
} Scan;

static bool fail(Scan *s, const char *name, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool fail(Scan *s, const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err->msg, sizeof s->err->msg, fmt, ap);
    va_end(ap);
    s->err->name = name;
    return false;
}

static inline void skip_ws(Scan *s)
{
    /* JSON whitespace is all at or below ' ': one compare for the usual token */
    while (s->p < s->end && (unsigned char)*s->p <= ' ' &&
           (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
        s->p++;
}

static size_t col_of(const Scan *s) { return (size_t)(s->p - s->line) + 1; }

/* Length of a valid UTF-8 sequence starting at p, or 0. */
static int utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    if (c < 0xC2) return 0;
    if (c < 0xE0) return end - p >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80) return 0;
        if (c == 0xE0 && p[1] < 0xA0) return 0;    /* overlong */
        if (c == 0xED && p[1] >= 0xA0) return 0;   /* surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (end - p < 4 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (p[3] & 0xC0) != 0x80) return 0;
        if (c == 0xF0 && p[1] < 0x90) return 0;
        if (c == 0xF4 && p[1] >= 0x90) return 0;
        return 4;
    }
    return 0;
}

static int hex4(const char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= c - '0';
        else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
        else return -1;
    }
    return v;
}

/* Whether any of the 8 bytes in v is a quote, a backslash, a control
 * character or not ASCII: what ends the plain run of a JSON string. Eight
 * bytes per step (SWAR) instead of five compares per byte: this loop reads
 * every string of every record. */
static inline uint64_t swar_special(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');
    return (((q - ones) & ~q) | ((b - ones) & ~b) | (v - ones * 0x20) | v) & highs;
}

/* A string after its opening quote. Without escapes the result points into
 * the line; with escapes it is decoded into the arena. */
static bool scan_string(Scan *s, const char **out, uint32_t *outlen, bool keep)
{
    const char *start = s->p;
    const unsigned char *p = (const unsigned char *)s->p, *end = (const unsigned char *)s->end;
    for (;;) {
        while (end - p >= 8) {
            uint64_t v, m;
            memcpy(&v, p, 8);
            if (!(m = swar_special(v))) {
                p += 8;
                continue;
            }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            /* the lowest flag is exact (a borrow only sets flags above a
             * real match), and the first byte in memory is the lowest */
            p += __builtin_ctzll(m) >> 3;
#endif
            break;
        }
        while (p < end && *p >= 0x20 && *p != '"' && *p != '\\' && *p < 0x80) p++;
        if (p >= end) {
            s->p = (const char *)p;
            return fail(s, "MALFORMED_JSON", "unterminated string (the line may be truncated)");
        }
        if (*p == '"') {
            if (keep) {
                *out = start;
                *outlen = (uint32_t)((const char *)p - start);
            }
            s->p = (const char *)p + 1;
            return true;
        }
        if (*p == '\\') break;
        if (*p < 0x20) {
            s->p = (const char *)p;
            return fail(s, "MALFORMED_JSON", "control character U+%04X inside a string at column %zu", *p, col_of(s));
        }
        int k = utf8_seq(p, end);
        if (!k) {
            s->p = (const char *)p;
            return fail(s, "INVALID_UTF8", "invalid UTF-8 byte 0x%02X at column %zu", *p, col_of(s));
        }
        p += k;
    }
    /* escapes: decode into the arena (never longer than the source) */
    size_t prefix = (size_t)((const char *)p - start);
    char *d = keep ? arena_alloc(s->arena, (size_t)(s->end - start) + 4) : NULL;
    size_t k = 0;
    if (keep) memcpy(d, start, prefix), k = prefix;
    while (p < end) {
        unsigned c = *p;
        if (c == '"') {
            if (keep) {
                d[k] = 0;
                *out = d;
                *outlen = (uint32_t)k;
            }
            s->p = (const char *)p + 1;
            return true;
        }
        if (c == '\\') {
            if (p + 1 >= end) break;
            unsigned e = p[1];
            char simple = 0;
            switch (e) {
            case '"': simple = '"'; break;
            case '\\': simple = '\\'; break;
            case '/': simple = '/'; break;
            case 'b': simple = '\b'; break;
            case 'f': simple = '\f'; break;
            case 'n': simple = '\n'; break;
            case 'r': simple = '\r'; break;
            case 't': simple = '\t'; break;
            case 'u': {
                if (end - p < 6) break;
                const unsigned char *esc = p;
                int cp = hex4((const char *)p + 2);
                if (cp < 0) {
                    s->p = (const char *)p;
                    return fail(s, "MALFORMED_JSON", "bad \\u escape at column %zu", col_of(s));
                }
                p += 6;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    int lo = (end - p >= 6 && p[0] == '\\' && p[1] == 'u') ? hex4((const char *)p + 2) : -1;
                    if (lo < 0xDC00 || lo > 0xDFFF) {
                        s->p = (const char *)esc;
                        return fail(s, "INVALID_UTF8", "unpaired surrogate in \\u escape at column %zu", col_of(s));
                    }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    s->p = (const char *)esc;
                    return fail(s, "INVALID_UTF8", "unpaired surrogate in \\u escape at column %zu", col_of(s));
                }
                if (keep) {
                    if (cp < 0x80) d[k++] = (char)cp;
                    else if (cp < 0x800) d[k++] = (char)(0xC0 | (cp >> 6)), d[k++] = (char)(0x80 | (cp & 0x3F));
                    else if (cp < 0x10000) {
                        d[k++] = (char)(0xE0 | (cp >> 12));
                        d[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                        d[k++] = (char)(0x80 | (cp & 0x3F));
                    } else {
                        d[k++] = (char)(0xF0 | (cp >> 18));
                        d[k++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                        d[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                        d[k++] = (char)(0x80 | (cp & 0x3F));
                    }
                }
                continue;
            }
            default: break;
            }
            if (!simple) {
                s->p = (const char *)p;
                return fail(s, "MALFORMED_JSON", "bad escape sequence at column %zu", col_of(s));
            }
            if (keep) d[k++] = simple;
            p += 2;
            continue;
        }
        if (c < 0x20) {
            s->p = (const char *)p;
            return fail(s, "MALFORMED_JSON", "control character U+%04X inside a string at column %zu", c, col_of(s));
        }
        if (c < 0x80) {
            if (keep) d[k++] = (char)c;
            p++;
            continue;
        }
        int n = utf8_seq(p, end);
        if (!n) {
            s->p = (const char *)p;
            return fail(s, "INVALID_UTF8", "invalid UTF-8 byte 0x%02X at column %zu", c, col_of(s));
        }
        if (keep) memcpy(d + k, p, (size_t)n), k += (size_t)n;
        p += n;
    }
    s->p = (const char *)p;
    return fail(s, "MALFORMED_JSON", "unterminated string (the line may be truncated)");
}

static bool skip_value(Scan *s);

static bool skip_composite(Scan *s, char close)
{
    if (++s->depth > 512) return fail(s, "MALFORMED_JSON", "JSON nested more than 512 levels deep");
    s->p++;
    skip_ws(s);
    if (s->p < s->end && *s->p == close) {
        s->p++;
        s->depth--;
        return true;
    }
    for (;;) {
        skip_ws(s);
        if (close == '}') {
            if (s->p >= s->end || *s->p != '"') return fail(s, "MALFORMED_JSON", "expected a key string at column %zu", col_of(s));
            s->p++;
            if (!scan_string(s, NULL, NULL, false)) return false;
            skip_ws(s);
            if (s->p >= s->end || *s->p != ':') return fail(s, "MALFORMED_JSON", "expected ':' at column %zu", col_of(s));
            s->p++;
            skip_ws(s);
        }
        if (!skip_value(s)) return false;
        skip_ws(s);
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            continue;
        }
        if (s->p < s->end && *s->p == close) {
            s->p++;
            s->depth--;
            return true;
        }
        if (s->p >= s->end) return fail(s, "MALFORMED_JSON", "unexpected end of line inside %s (the line may be truncated)",
                                        close == '}' ? "an object" : "an array");
        return fail(s, "MALFORMED_JSON", "expected ',' or '%c' at column %zu", close, col_of(s));
    }
}

static bool scan_literal(Scan *s, const char *word, size_t n)
{
    if ((size_t)(s->end - s->p) >= n && memcmp(s->p, word, n) == 0) {
        s->p += n;
        return true;
    }
    return fail(s, "MALFORMED_JSON", "invalid value at column %zu", col_of(s));
}

static bool skip_value(Scan *s)
{
    if (s->p >= s->end) return fail(s, "MALFORMED_JSON", "missing value at end of line (the line may be truncated)");
    switch (*s->p) {
    case '"': s->p++; return scan_string(s, NULL, NULL, false);
    case '{': return skip_composite(s, '}');
    case '[': return skip_composite(s, ']');
    case 't': return scan_literal(s, "true", 4);
    case 'f': return scan_literal(s, "false", 5);
    case 'n': return scan_literal(s, "null", 4);
    default: {
        NumText nt;
        size_t used = num_parse(s->p, (size_t)(s->end - s->p), true, &nt);
        if (!used) return fail(s, "MALFORMED_JSON", "invalid value at column %zu", col_of(s));
        s->p += used;
        return true;
    }
    }
}

/* ---- coercion into a column (DIALECT section 8) ---- */

typedef enum JKind { J_STRING, J_NUMBER, J_TRUE, J_FALSE, J_NULL, J_COMPOSITE } JKind;

static const char *jkind_name(JKind k)
{
    static const char *const n[] = {"a string", "a number", "true", "false", "null", "an object or array"};
    return n[k];
}

static bool base64_decode(const char *s, size_t n, Arena *a, Value *out)
{
    static signed char map[256];
    static int ready;
    if (!ready) {
        memset(map, -1, sizeof map);
        const char *al = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < 64; i++) map[(unsigned char)al[i]] = (signed char)i;
        ready = 1;
    }
    while (n && s[n - 1] == '=') n--;
    char *d = arena_alloc(a, n * 3 / 4 + 4);
    size_t k = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = map[(unsigned char)s[i]];
        if (v < 0) return false;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            d[k++] = (char)((acc >> bits) & 0xFF);
        }
    }
    *out = val_str(d, (uint32_t)k);
    return true;
}

static bool coerce(Scan *s, const Column *col, JKind kind, const char *text, uint32_t len, const NumText *nt, Value *out)
{
    SqlType t = col->type;
    const char *why = NULL;
    *out = val_null();
    out->null = 0;
    switch (kind) {
    case J_NULL:
        *out = val_null();
        if (t.notnull) return fail(s, "CONVERSION", "column %s is NOT NULL but the value is null", col->name);
        return true;
    case J_TRUE: case J_FALSE: {
        bool b = kind == J_TRUE;
        if (t.id == TY_BOOLEAN || type_is_integer(t.id)) { out->u.i = b; return true; }
        if (t.id == TY_DECIMAL) { out->u.i = b ? pow10_i64[t.scale] : 0; return true; }
        if (type_is_approx(t.id)) { out->u.d = b; return true; }
        if (type_is_string(t.id)) {
            *out = val_str(b ? "true" : "false", b ? 4 : 5);
            conv_fit_string(t, out, s->arena);
            return true;
        }
        break;
    }
    case J_NUMBER:
        if (type_is_integer(t.id)) {
            int64_t v;
            if (!num_to_int64(nt, &v)) {
                if (nt->has_point_or_exp && !nt->inexact && fabs(nt->dbl) < 9.2e18)
                    return fail(s, "CONVERSION", "column %s is %s but %.*s is not a whole number", col->name,
                                type_id_name(t.id), (int)len, text);
                return fail(s, "CONVERSION", "column %s: %.*s is out of range for %s", col->name, (int)len, text, type_id_name(t.id));
            }
            if (v < type_int_min(t.id) || v > type_int_max(t.id))
                return fail(s, "CONVERSION", "column %s: %.*s is out of range for %s", col->name, (int)len, text, type_id_name(t.id));
            out->u.i = v;
            return true;
        }
        if (t.id == TY_DECIMAL) {
            if (!num_to_decimal(nt, t.precision, t.scale, &out->u.i)) {
                char tn[48];
                return fail(s, "CONVERSION", "column %s: %.*s does not fit %s without losing digits", col->name, (int)len, text,
                            type_name(t, tn, sizeof tn));
            }
            return true;
        }
        if (type_is_approx(t.id)) {
            double d = nt->dbl;
            if (isinf(d)) return fail(s, "CONVERSION", "column %s: %.*s is out of range for DOUBLE", col->name, (int)len, text);
            if (t.id == TY_REAL) {
                float f = (float)d;
                if (isinf(f)) return fail(s, "CONVERSION", "column %s: %.*s is out of range for REAL", col->name, (int)len, text);
                d = f;
            }
            out->u.d = d;
            return true;
        }
        if (t.id == TY_BOOLEAN) { out->u.i = nt->digits != 0; return true; }
        if (type_is_string(t.id)) {
            *out = val_str(text, len);
            conv_fit_string(t, out, s->arena);
            return true;
        }
        break;
    case J_STRING:
        if (type_is_string(t.id)) {
            *out = val_str(text, len);
            conv_fit_string(t, out, s->arena);
            return true;
        }
        if (t.id == TY_BOOLEAN) {
            /* the reference's rule: 'true' in any case is TRUE, any other string FALSE */
            out->u.i = len == 4 && (text[0] | 32) == 't' && (text[1] | 32) == 'r' && (text[2] | 32) == 'u' && (text[3] | 32) == 'e';
            return true;
        }
        if (type_is_binary(t.id)) {
            if ((len >= 3 && (text[0] == 'X' || text[0] == 'x') && text[1] == '\'') ? conv_from_text(t, text, len, out, s->arena, &why)
                                                                                     : base64_decode(text, len, s->arena, out)) {
                if (t.len > 0 && out->len > (uint32_t)t.len) out->len = (uint32_t)t.len;
                return true;
            }
            return fail(s, "CONVERSION", "column %s: \"%.*s\" is neither base64 nor X'hex'", col->name, (int)(len > 60 ? 60 : len), text);
        }
        if (conv_from_text(t, text, len, out, s->arena, &why)) return true;
        {
            char tn[48];
            return fail(s, "CONVERSION", "column %s: cannot convert \"%.*s\" to %s: %s", col->name, (int)(len > 60 ? 60 : len), text,
                        type_name(t, tn, sizeof tn), why);
        }
    case J_COMPOSITE:
        if (type_is_string(t.id)) {
            *out = val_str(text, len);
            conv_fit_string(t, out, s->arena);
            return true;
        }
        break;
    }
    char tn[48];
    return fail(s, "CONVERSION", "column %s is %s but the value is %s", col->name, type_name(t, tn, sizeof tn), jkind_name(kind));
}

/* ---- decode ---- */

static bool read_value(Scan *s, JKind *kind, const char **text, uint32_t *len, NumText *nt)
{
    if (s->p >= s->end) return fail(s, "MALFORMED_JSON", "missing value at end of line (the line may be truncated)");
    const char *start = s->p;
    switch (*s->p) {
    case '"':
        s->p++;
        *kind = J_STRING;
        return scan_string(s, text, len, true);
    case '{': case '[':
        if (!skip_value(s)) return false;
        *kind = J_COMPOSITE;
        *text = start;
        *len = (uint32_t)(s->p - start);
        return true;
    case 't': *kind = J_TRUE; return scan_literal(s, "true", 4);
    case 'f': *kind = J_FALSE; return scan_literal(s, "false", 5);
    case 'n': *kind = J_NULL; return scan_literal(s, "null", 4);
    default: {
        size_t used = num_parse(s->p, (size_t)(s->end - s->p), true, nt);
        if (!used) return fail(s, "MALFORMED_JSON", "invalid value at column %zu", col_of(s));
        s->p += used;
        *kind = J_NUMBER;
        *text = start;
        *len = (uint32_t)used;
        return true;
    }
    }
}

static bool read_time(Scan *s, const char *what, JKind kind, const char *text, uint32_t len, const NumText *nt, int64_t *ms)
{
    if (kind == J_STRING) {
        if (time_parse_timestamp(text, len, ms)) return true;
        return fail(s, "CONVERSION", "%s \"%.*s\" is not a timestamp (expected YYYY-MM-DD HH:MM:SS[.fff])", what,
                    (int)(len > 60 ? 60 : len), text);
    }
    if (kind == J_NUMBER) {
        double d = floor(nt->dbl);   /* epoch milliseconds; sub-millisecond digits dropped */
        if (d > 9.2e15 || d < -9.2e15) return fail(s, "CONVERSION", "%s %.*s is out of range", what, (int)len, text);
        *ms = (int64_t)d;
        return true;
    }
    return fail(s, "CONVERSION", "%s must be a timestamp string or epoch milliseconds, not %s", what, jkind_name(kind));
}

static bool decode(Decoder *d, const char *line, size_t len, Row *row, Arena *a, bool *has_rowtime,
                   bool *has_arrival, DecodeError *err);
static bool decode_mapped(Decoder *d, const char *line, size_t len, int32_t elem, bool *more, Row *row, Arena *a,
                          bool *has_rowtime, bool *has_arrival, DecodeError *err);

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
        skip_ws(&s);
        if (s.p < s.end && *s.p == ':') {
            err->rowtime_key = true;
            s.p++;
            skip_ws(&s);
            JKind kind;
            const char *text = NULL;
            uint32_t tl = 0;
            NumText nt;
            int64_t ms;
            if (read_value(&s, &kind, &text, &tl, &nt) && kind != J_NULL && read_time(&s, "ROWTIME", kind, text, tl, &nt, &ms)) {
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
    if (d->map ? decode_mapped(d, line, len, elem, more, row, a, has_rowtime, has_arrival, err)
               : decode(d, line, len, row, a, has_rowtime, has_arrival, err))
        return true;
    salvage_rowtime(line, len, a, err);
    return false;
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
    *has_rowtime = *has_arrival = false;
    skip_ws(&s);
    if (s.p >= s.end) return fail(&s, "MALFORMED_JSON", "empty record");
    if (*s.p != '{') return fail(&s, "MALFORMED_JSON", "a record must be a JSON object, but it starts with '%c'", *s.p);
    s.p++;
    skip_ws(&s);
    if (s.p < s.end && *s.p == '}') {
        s.p++;
    } else {
        for (;;) {
            skip_ws(&s);
            if (s.p >= s.end) return fail(&s, "MALFORMED_JSON", "unexpected end of line inside the object (the line may be truncated)");
            if (*s.p != '"') return fail(&s, "MALFORMED_JSON", "expected a key string at column %zu", col_of(&s));
            s.p++;
            const char *key = s.p;
            KeyGuess *gs = keypos < PREDICTED_KEYS ? &d->guess[keypos] : NULL;
            keypos++;
            if (gs && gs->text && (size_t)(s.end - key) > gs->len && key[gs->len] == '"' &&
                memcmp(key, gs->text, gs->len) == 0) {
                s.p = key + gs->len + 1;
                skip_ws(&s);
                if (s.p >= s.end || *s.p != ':') return fail(&s, "MALFORMED_JSON", "expected ':' after key at column %zu", col_of(&s));
                s.p++;
                skip_ws(&s);
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
                if (!scan_string(&s, &kp, &klen, true)) return false;
                h = hf = 2166136261u;
                for (uint32_t i = 0; i < klen; i++) {
                    h = fnv_step(h, (unsigned char)kp[i]);
                    hf = fnv_step(hf, fold((unsigned char)kp[i]));
                }
            }
            skip_ws(&s);
            if (s.p >= s.end || *s.p != ':') return fail(&s, "MALFORMED_JSON", "expected ':' after key at column %zu", col_of(&s));
            s.p++;
            skip_ws(&s);
            bool folded;
            col = lookup(d, kp, klen, h, hf, &folded);
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
                if (!skip_value(&s)) return false;
            } else {
                JKind kind;
                const char *text = NULL;
                uint32_t tlen = 0;
                NumText nt;
                if (!read_value(&s, &kind, &text, &tlen, &nt)) return false;
                if (col >= 0) {
                    if (!coerce(&s, &sch->cols[col], kind, text, tlen, &nt, &row->v[col])) return false;
                } else if (kind != J_NULL) {
                    int64_t ms;
                    bool rt = col == KEY_ROWTIME;
                    if (!read_time(&s, rt ? "ROWTIME" : "APPROXIMATE_ARRIVAL_TIME", kind, text, tlen, &nt, &ms)) return false;
                    if (rt) row->rowtime = ms, *has_rowtime = true;
                    else row->arrival = ms, *has_arrival = true;
                }
            }
            skip_ws(&s);
            if (s.p < s.end && *s.p == ',') {
                s.p++;
                continue;
            }
            if (s.p < s.end && *s.p == '}') {
                s.p++;
                break;
            }
            if (s.p >= s.end) return fail(&s, "MALFORMED_JSON", "unexpected end of line inside the object (the line may be truncated)");
            return fail(&s, "MALFORMED_JSON", "expected ',' or '}' at column %zu", col_of(&s));
        }
    }
    skip_ws(&s);
    if (s.p != s.end) return fail(&s, "MALFORMED_JSON", "unexpected text after the object at column %zu", col_of(&s));
    for (int i = 0; i < n; i++)
        if (row->v[i].null && sch->cols[i].type.notnull)
            return fail(&s, "CONVERSION", "column %s is NOT NULL but the record has no value for it", sch->cols[i].name);
    return true;
}

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

static void map_free(MapNode *n)
{
    while (n) {
        MapNode *next = n->next;
        map_free(n->kids);
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
    const char *split_path = NULL;
    for (int c = 0; c < d->schema->ncols; c++) {
        char why[200];
        const char *path = paths[c];
        char dflt[200];
        if (!path) {
            /* a column without a mapping reads the key of its own name */
            snprintf(dflt, sizeof dflt, "$.%s", d->schema->cols[c].name);
            path = dflt;
        }
        MapNode *had = split;
        if (!map_add(root, path, c, &split, why, sizeof why)) {
            snprintf(msg, sizeof msg, "column %.100s: mapping \"%.200s\": %s", d->schema->cols[c].name, path, why);
            map_free(root);
            return msg;
        }
        if (split && !had) split_path = paths[c];
    }
    static const struct { const char *name; int key; } sys[] = {{"ROWTIME", KEY_ROWTIME}, {"APPROXIMATE_ARRIVAL_TIME", KEY_ARRIVAL}};
    for (size_t i = 0; i < 2; i++) {
        MapNode *k = map_kid(root, sys[i].name, (uint32_t)strlen(sys[i].name), 0);
        if (k->col == -1 && !k->kids) k->col = sys[i].key;
    }
    map_free(d->map);
    d->map = root;
    d->split = split;
    d->split_path = split_path;
    return NULL;
}

typedef struct MapCtx {
    const Schema *schema;
    Row *row;
    bool *has_rowtime, *has_arrival;
    int32_t elem;         /* the element of the split array this row is made of */
    int32_t nelems;       /* how many it has (-1: the array was not there) */
    bool count_only;      /* only count the split array's elements: no values read */
} MapCtx;

static bool walk(Scan *s, const MapNode *node, MapCtx *m);

/* The value at s->p reaches node: it feeds the node's column, then its kids. */
static bool visit(Scan *s, const MapNode *node, MapCtx *m)
{
    if (node->col == -1 || (m->count_only && node->kids)) return walk(s, node, m);
    if (m->count_only) return skip_value(s);
    const char *start = s->p;
    JKind kind;
    const char *text = NULL;
    uint32_t tlen = 0;
    NumText nt;
    if (!read_value(s, &kind, &text, &tlen, &nt)) return false;
    if (node->col >= 0) {
        if (!coerce(s, &m->schema->cols[node->col], kind, text, tlen, &nt, &m->row->v[node->col])) return false;
    } else if (kind != J_NULL) {
        int64_t ms;
        bool rt = node->col == KEY_ROWTIME;
        if (!read_time(s, rt ? "ROWTIME" : "APPROXIMATE_ARRIVAL_TIME", kind, text, tlen, &nt, &ms)) return false;
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
    skip_ws(s);
    if (s->p >= s->end) return fail(s, "MALFORMED_JSON", "missing value at end of line (the line may be truncated)");
    char open = *s->p;
    if (open != '{' && open != '[') return skip_value(s);   /* not what the path expects: its columns stay NULL */
    char close = open == '{' ? '}' : ']';
    if (open == '[')
        for (const MapNode *k = node->kids; k; k = k->next)
            if (k->index == -1 && !k->key && m->nelems < 0) m->nelems = 0;
    if (++s->depth > 512) return fail(s, "MALFORMED_JSON", "JSON nested more than 512 levels deep");
    s->p++;
    skip_ws(s);
    if (s->p < s->end && *s->p == close) {
        s->p++;
        s->depth--;
        return true;
    }
    for (int32_t index = 0;; index++) {
        skip_ws(s);
        const MapNode *kid = NULL;
        if (open == '{') {
            if (s->p >= s->end || *s->p != '"') return fail(s, "MALFORMED_JSON", "expected a key string at column %zu", col_of(s));
            s->p++;
            const char *k;
            uint32_t kl;
            if (!scan_string(s, &k, &kl, true)) return false;
            skip_ws(s);
            if (s->p >= s->end || *s->p != ':') return fail(s, "MALFORMED_JSON", "expected ':' after key at column %zu", col_of(s));
            s->p++;
            skip_ws(s);
            for (kid = node->kids; kid; kid = kid->next)
                if (kid->key && kid->len == kl && memcmp(kid->key, k, kl) == 0) break;
        } else {
            for (kid = node->kids; kid; kid = kid->next)
                if (!kid->key && (kid->index == index || (kid->index == -1 && index == m->elem))) break;
            for (const MapNode *k = node->kids; k; k = k->next)
                if (k->index == -1 && !k->key) m->nelems = index + 1;
        }
        if (!(kid ? visit(s, kid, m) : skip_value(s))) return false;
        skip_ws(s);
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            continue;
        }
        if (s->p < s->end && *s->p == close) {
            s->p++;
            s->depth--;
            return true;
        }
        if (s->p >= s->end) return fail(s, "MALFORMED_JSON", "unexpected end of line inside %s (the line may be truncated)",
                                        open == '{' ? "an object" : "an array");
        return fail(s, "MALFORMED_JSON", "expected ',' or '%c' at column %zu", close, col_of(s));
    }
}

static bool decode_mapped(Decoder *d, const char *line, size_t len, int32_t elem, bool *more, Row *row, Arena *a,
                          bool *has_rowtime, bool *has_arrival, DecodeError *err)
{
    Scan s = {line, line + len, line, a, err, 0};
    const Schema *sch = d->schema;
    int n = sch->ncols;
    row->n = n;
    row->v = arena_alloc(a, sizeof(Value) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) row->v[i] = val_null();
    *has_rowtime = *has_arrival = false;
    skip_ws(&s);
    if (s.p >= s.end) return fail(&s, "MALFORMED_JSON", "empty record");
    if (*s.p != '{') return fail(&s, "MALFORMED_JSON", "a record must be a JSON object, but it starts with '%c'", *s.p);
    MapCtx m = {sch, row, has_rowtime, has_arrival, elem, -1, false};
    if (!walk(&s, d->map, &m)) {
        if (d->split) {
            /* this element failed: the ones after it are still rows */
            Scan c = {line, line + len, line, a, err, 0};
            DecodeError keep = *err;
            MapCtx k = {sch, row, has_rowtime, has_arrival, -2, -1, true};
            skip_ws(&c);
            if (walk(&c, d->map, &k)) *more = elem + 1 < k.nelems;
            *err = keep;
        }
        return false;
    }
    if (d->split) {
        /* the record's rows are the split array's elements: none, no row (said, not dropped) */
        if (m.nelems <= elem)
            return fail(&s, "NO_ROWS", "the array that makes this record's rows (%s) is %s", d->split_path,
                        m.nelems < 0 ? "missing" : "empty");
        *more = elem + 1 < m.nelems;
    }
    skip_ws(&s);
    if (s.p != s.end) return fail(&s, "MALFORMED_JSON", "unexpected text after the object at column %zu", col_of(&s));
    for (int i = 0; i < n; i++)
        if (row->v[i].null && sch->cols[i].type.notnull)
            return fail(&s, "CONVERSION", "column %s is NOT NULL but the record has no value for it", sch->cols[i].name);
    return true;
}

/* ---- discovery ---- */

typedef struct Seen {
    const char *name;
    uint32_t len;
    int ints, doubles, bools, strings, timestamps, composites, nulls;
} Seen;

int io_discover_schema(const char *data, size_t len, Schema *out, Arena *a)
{
    Seen seen[1024];
    int nseen = 0, records = 0;
    DecodeError err;
    const char *p = data, *end = data + len;
    while (p < end && records < 1000) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) break;   /* only complete lines */
        Scan s = {p, nl, p, a, &err, 0};
        p = nl + 1;
        skip_ws(&s);
        if (s.p >= s.end || *s.p != '{') continue;
        s.p++;
        bool ok = true;
        skip_ws(&s);
        if (s.p < s.end && *s.p == '}') continue;
        while (ok) {
            skip_ws(&s);
            if (s.p >= s.end || *s.p != '"') break;
            s.p++;
            const char *k;
            uint32_t kl;
            if (!scan_string(&s, &k, &kl, true)) break;
            skip_ws(&s);
            if (s.p >= s.end || *s.p != ':') break;
            s.p++;
            skip_ws(&s);
            JKind kind;
            const char *text;
            uint32_t tl;
            NumText nt;
            if (!read_value(&s, &kind, &text, &tl, &nt)) break;
            if ((kl == 7 && memcmp(k, "ROWTIME", 7) == 0) || (kl == 24 && memcmp(k, "APPROXIMATE_ARRIVAL_TIME", 24) == 0)) {
            } else {
                int i;
                for (i = 0; i < nseen; i++)
                    if (seen[i].len == kl && memcmp(seen[i].name, k, kl) == 0) break;
                if (i == nseen && nseen < 1024) {
                    memset(&seen[i], 0, sizeof seen[i]);
                    seen[i].name = arena_strndup(a, k, kl);
                    seen[i].len = kl;
                    nseen++;
                }
                if (i < nseen) {
                    int64_t iv, ms;
                    switch (kind) {
                    case J_NUMBER:
                        if (!nt.has_point_or_exp && num_to_int64(&nt, &iv)) seen[i].ints++;
                        else seen[i].doubles++;
                        break;
                    case J_TRUE: case J_FALSE: seen[i].bools++; break;
                    case J_NULL: seen[i].nulls++; break;
                    case J_STRING:
                        seen[i].strings++;
                        if (tl >= 16 && time_parse_timestamp(text, tl, &ms)) seen[i].timestamps++;
                        break;
                    default: seen[i].composites++;
                    }
                }
            }
            skip_ws(&s);
            if (s.p < s.end && *s.p == ',') { s.p++; continue; }
            break;
        }
        records++;
    }
    out->ncols = nseen;
    out->cols = arena_alloc(a, sizeof(Column) * (size_t)(nseen ? nseen : 1));
    for (int i = 0; i < nseen; i++) {
        Seen *c = &seen[i];
        TypeId t;
        int nonnull = c->ints + c->doubles + c->bools + c->strings + c->composites;
        if (nonnull == 0) t = TY_VARCHAR;
        else if (c->ints + c->doubles == nonnull) t = c->doubles ? TY_DOUBLE : TY_BIGINT;
        else if (c->bools == nonnull) t = TY_BOOLEAN;
        else if (c->strings == nonnull && c->timestamps == c->strings) t = TY_TIMESTAMP;
        else t = TY_VARCHAR;
        out->cols[i].name = c->name;
        out->cols[i].type = t == TY_VARCHAR ? type_string(TY_VARCHAR, 0) : type_make(t);
    }
    return records;
}

/* ---- output ---- */

void json_put_string(Buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    buf_reserve(b, n + 2);
    b->p[b->len++] = '"';
    size_t i = 0;
    while (i < n) {
        /* copy the longest run that needs no escaping */
        size_t j = i;
        while (j < n) {
            unsigned char c = (unsigned char)s[j];
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80) break;
            j++;
        }
        if (j > i) {
            buf_put(b, s + i, j - i);
            i = j;
            if (i >= n) break;
        }
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int k = utf8_seq((const unsigned char *)s + i, (const unsigned char *)s + n);
            if (k) {
                buf_put(b, s + i, (size_t)k);
                i += (size_t)k;
            } else {
                buf_put(b, "\xEF\xBF\xBD", 3);   /* U+FFFD for a byte that is not UTF-8 */
                i++;
            }
            continue;
        }
        char esc[6] = {'\\', 0, 0, 0, 0, 0};
        size_t el = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            el = 6;
        }
        buf_put(b, esc, el);
        i++;
    }
    buf_putc(b, '"');
}

static void put_base64(Buf *b, const unsigned char *s, size_t n)
{
    static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    buf_reserve(b, n / 3 * 4 + 8);
    b->p[b->len++] = '"';
    size_t i = 0;
    for (; i + 2 < n; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16 | (uint32_t)s[i + 1] << 8 | s[i + 2];
        b->p[b->len++] = al[v >> 18];
        b->p[b->len++] = al[(v >> 12) & 63];
        b->p[b->len++] = al[(v >> 6) & 63];
        b->p[b->len++] = al[v & 63];
    }
    if (i < n) {
        uint32_t v = (uint32_t)s[i] << 16 | (i + 1 < n ? (uint32_t)s[i + 1] << 8 : 0);
        b->p[b->len++] = al[v >> 18];
        b->p[b->len++] = al[(v >> 12) & 63];
        b->p[b->len++] = i + 1 < n ? al[(v >> 6) & 63] : '=';
        b->p[b->len++] = '=';
    }
    b->p[b->len++] = '"';
}

void json_put_value(Buf *b, SqlType t, const Value *v)
{
    if (v->null) {
        buf_put(b, "null", 4);
        return;
    }
    buf_reserve(b, 48);
    char *o = b->p + b->len;
    switch (t.id) {
    case TY_BOOLEAN:
        if (v->u.i) memcpy(o, "true", 4), b->len += 4;
        else memcpy(o, "false", 5), b->len += 5;
        return;
    case TY_TINYINT: case TY_SMALLINT: case TY_INTEGER: case TY_BIGINT:
        b->len += (size_t)fmt_int64(v->u.i, o);
        return;
    case TY_DECIMAL:
        b->len += (size_t)fmt_decimal(v->u.i, t.scale, o);
        return;
    case TY_REAL: case TY_DOUBLE:
        if (isnan(v->u.d)) buf_put(b, "\"NaN\"", 5);
        else if (isinf(v->u.d)) buf_puts(b, v->u.d < 0 ? "\"-Infinity\"" : "\"Infinity\"");
        else b->len += (size_t)(t.id == TY_REAL ? fmt_real((float)v->u.d, o) : fmt_double(v->u.d, o));
        return;
    case TY_CHAR: case TY_VARCHAR:
        json_put_string(b, v->u.s, v->len);
        return;
    case TY_BINARY: case TY_VARBINARY:
        put_base64(b, (const unsigned char *)v->u.s, v->len);
        return;
    case TY_DATE:
        o[0] = '"';
        b->len += (size_t)time_format_date(v->u.i, o + 1) + 1;
        b->p[b->len++] = '"';
        return;
    case TY_TIME:
        o[0] = '"';
        b->len += (size_t)time_format_time(v->u.i, o + 1) + 1;
        b->p[b->len++] = '"';
        return;
    case TY_TIMESTAMP:
        o[0] = '"';
        b->len += (size_t)time_format_timestamp(v->u.i, o + 1) + 1;
        b->p[b->len++] = '"';
        return;
    case TY_INTERVAL_DT: case TY_INTERVAL_YM:
        o[0] = '"';
        b->len += (size_t)time_format_interval(v->u.i, t, o + 1) + 1;
        b->p[b->len++] = '"';
        return;
    case TY_ROW: {
        /* a row value is an object of its fields */
        const RowType *rt = rowtype_of(t);
        buf_putc(b, '{');
        for (uint32_t i = 0; rt && i < v->len && (int)i < rt->n; i++) {
            if (i) buf_putc(b, ',');
            json_put_string(b, rt->fields[i].name, strlen(rt->fields[i].name));
            buf_putc(b, ':');
            json_put_value(b, rt->fields[i].type, &v->u.r[i]);
        }
        buf_putc(b, '}');
        return;
    }
    default:
        buf_put(b, "null", 4);
    }
}

void json_put_row(Buf *b, const Schema *s, const Row *row)
{
    buf_puts(b, "{\"ROWTIME\":\"");
    buf_reserve(b, 40);
    b->len += (size_t)time_format_timestamp(row->rowtime, b->p + b->len);
    buf_putc(b, '"');
    for (int i = 0; i < s->ncols && i < row->n; i++) {
        buf_putc(b, ',');
        json_put_string(b, s->cols[i].name, strlen(s->cols[i].name));
        buf_putc(b, ':');
        json_put_value(b, s->cols[i].type, &row->v[i]);
    }
    buf_putc(b, '}');
}

void io_writer_init(RowWriter *w, OutBuf *out, const Schema *s, Arena *a)
{
    *w = (RowWriter){0};
    arena_init(&w->scratch, 4096);
    w->out = out;
    w->schema = s;
    int n = s->ncols;
    w->keys = arena_alloc(a, sizeof(char *) * (size_t)(n ? n : 1));
    w->keylens = arena_alloc(a, sizeof(size_t) * (size_t)(n ? n : 1));
    Buf tmp = {0};
    for (int i = 0; i < n; i++) {
        tmp.len = 0;
        buf_putc(&tmp, ',');
        json_put_string(&tmp, s->cols[i].name, strlen(s->cols[i].name));
        buf_putc(&tmp, ':');
        w->keys[i] = arena_strndup(a, tmp.p, tmp.len);
        w->keylens[i] = tmp.len;
    }
    buf_free(&tmp);
}

void io_writer_set_format(RowWriter *w, OutputFormat f, Arena *a)
{
    w->format = f;
    if (f != OUT_TABLE) return;
    /* a stream has no end to measure: widths come from the types and names */
    int n = w->schema->ncols;
    w->widths = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        SqlType t = w->schema->cols[i].type;
        int width;
        switch (t.id) {
        case TY_BOOLEAN: width = 5; break;
        case TY_TINYINT: case TY_SMALLINT: case TY_INTEGER: width = 11; break;
        case TY_BIGINT: case TY_DECIMAL: case TY_REAL: case TY_DOUBLE: width = 12; break;
        case TY_DATE: width = 10; break;
        case TY_TIME: width = 12; break;
        case TY_TIMESTAMP: width = 23; break;
        case TY_CHAR: case TY_VARCHAR: width = t.len > 0 && t.len < 24 ? t.len : 24; break;
        default: width = 16;
        }
        int nl = (int)utf8_length(w->schema->cols[i].name, strlen(w->schema->cols[i].name));
        w->widths[i] = width > nl ? width : nl;
    }
}

void io_writer_free(RowWriter *w)
{
    arena_free(&w->scratch);
}

static void put_csv_field(Buf *b, const char *s, size_t n)
{
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') quote = true;
    if (!quote) {
        buf_put(b, s, n);
        return;
    }
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"') buf_putc(b, '"');
        buf_putc(b, s[i]);
    }
    buf_putc(b, '"');
}

static void put_padded(Buf *b, const char *s, size_t n, int width, bool right)
{
    int chars = (int)utf8_length(s, n);
    if (right)
        for (int i = chars; i < width; i++) buf_putc(b, ' ');
    buf_put(b, s, n);
    if (!right)
        for (int i = chars; i < width; i++) buf_putc(b, ' ');
}

static void write_text_row(RowWriter *w, const Row *row)
{
    Buf *b = &w->out->b;
    const Schema *s = w->schema;
    bool table = w->format == OUT_TABLE;
    const char *sep = table ? " | " : ",";
    if (!w->header_done) {
        w->header_done = true;
        if (table) put_padded(b, "ROWTIME", 7, 23, false);
        else buf_puts(b, "ROWTIME");
        for (int i = 0; i < s->ncols; i++) {
            buf_puts(b, sep);
            const char *nm = s->cols[i].name;
            if (table) put_padded(b, nm, strlen(nm), w->widths[i], false);
            else put_csv_field(b, nm, strlen(nm));
        }
        buf_putc(b, '\n');
        if (table) {
            for (int k = 0; k < 23; k++) buf_putc(b, '-');
            for (int i = 0; i < s->ncols; i++) {
                buf_puts(b, "-+-");
                for (int k = 0; k < w->widths[i]; k++) buf_putc(b, '-');
            }
            buf_putc(b, '\n');
        }
    }
    char ts[40];
    int tn = time_format_timestamp(row->rowtime, ts);
    buf_put(b, ts, (size_t)tn);
    for (int i = 0; i < s->ncols; i++) {
        buf_puts(b, sep);
        Value text;
        const Value *v = &row->v[i];
        SqlType t = s->cols[i].type;
        bool right = type_is_numeric(t.id);
        if (v->null) {
            if (table) put_padded(b, "NULL", 4, w->widths[i], right);
            continue;
        }
        if (t.id == TY_ROW) {
            Buf tmp = {0};
            json_put_value(&tmp, t, v);
            if (table) put_padded(b, tmp.p, tmp.len, w->widths[i], false);
            else put_csv_field(b, tmp.p, tmp.len);
            buf_free(&tmp);
            continue;
        }
        if (!conv_to_text(t, v, &w->scratch, &text)) text = val_str("?", 1);
        if (table) put_padded(b, text.u.s, text.len, w->widths[i], right);
        else put_csv_field(b, text.u.s, text.len);
    }
    buf_putc(b, '\n');
    arena_reset(&w->scratch);
    out_maybe_flush(w->out);
}

void io_write_row(RowWriter *w, const Row *row)
{
    if (w->format != OUT_NDJSON) {
        write_text_row(w, row);
        return;
    }
    Buf *b = &w->out->b;
    buf_reserve(b, 48);
    memcpy(b->p + b->len, "{\"ROWTIME\":\"", 12);
    b->len += 12;
    b->len += (size_t)time_format_timestamp(row->rowtime, b->p + b->len);
    b->p[b->len++] = '"';
    const Schema *s = w->schema;
    for (int i = 0; i < s->ncols; i++) {
        buf_put(b, w->keys[i], w->keylens[i]);
        json_put_value(b, s->cols[i].type, &row->v[i]);
    }
    buf_put(b, "}\n", 2);
    out_maybe_flush(w->out);
}
