/* The NDJSON scanner: strings (8 bytes at a time), literals, numbers and
 * skipped values over one line's bytes, and the coercion of each JSON value
 * into its column's type. Hand-written rather than taken from a JSON
 * library: it decodes straight into typed column values and allocates
 * nothing per record but arena bytes. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ndjson_int.h"
#include "src/runtime/convert.h"
#include "src/runtime/timeutil.h"

/* ---- scanning ---- */

bool jscan_fail(Scan *s, const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err->msg, sizeof s->err->msg, fmt, ap);
    va_end(ap);
    s->err->name = name;
    return false;
}

bool jscan_fail_not_object(Scan *s)
{
    unsigned char c = (unsigned char)*s->p;
    /* a byte that prints is shown as itself; any other (a NUL would end the message) by its value */
    if (c > ' ' && c < 0x7F) return jscan_fail(s, "MALFORMED_JSON", "a record must be a JSON object, but it starts with '%c'", c);
    return jscan_fail(s, "MALFORMED_JSON", "a record must be a JSON object, but it starts with the byte 0x%02X", c);
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

/* A string after its opening quote, from p on (jscan_string read the plain
 * bytes before it). Without escapes the result points into the line; with
 * escapes it is decoded into the arena. */
bool jscan_string_rest(Scan *s, const char *start, const char *from, const char **out, uint32_t *outlen, bool keep)
{
    const unsigned char *p = (const unsigned char *)from, *end = (const unsigned char *)s->end;
    for (;;) {
        while (end - p >= 8) {
            uint64_t v, m;
            memcpy(&v, p, 8);
            if (!(m = jscan_swar_special(v))) {
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
            return jscan_fail(s, "MALFORMED_JSON", "unterminated string (the line may be truncated)");
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
            return jscan_fail(s, "MALFORMED_JSON", "control character U+%04X inside a string at column %zu", *p, jscan_col(s));
        }
        int k = utf8_seq(p, end);
        if (!k) {
            s->p = (const char *)p;
            return jscan_fail(s, "INVALID_UTF8", "invalid UTF-8 byte 0x%02X at column %zu", *p, jscan_col(s));
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
                    return jscan_fail(s, "MALFORMED_JSON", "bad \\u escape at column %zu", jscan_col(s));
                }
                p += 6;
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    int lo = (end - p >= 6 && p[0] == '\\' && p[1] == 'u') ? hex4((const char *)p + 2) : -1;
                    if (lo < 0xDC00 || lo > 0xDFFF) {
                        s->p = (const char *)esc;
                        return jscan_fail(s, "INVALID_UTF8", "unpaired surrogate in \\u escape at column %zu", jscan_col(s));
                    }
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                    s->p = (const char *)esc;
                    return jscan_fail(s, "INVALID_UTF8", "unpaired surrogate in \\u escape at column %zu", jscan_col(s));
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
                return jscan_fail(s, "MALFORMED_JSON", "bad escape sequence at column %zu", jscan_col(s));
            }
            if (keep) d[k++] = simple;
            p += 2;
            continue;
        }
        if (c < 0x20) {
            s->p = (const char *)p;
            return jscan_fail(s, "MALFORMED_JSON", "control character U+%04X inside a string at column %zu", c, jscan_col(s));
        }
        if (c < 0x80) {
            if (keep) d[k++] = (char)c;
            p++;
            continue;
        }
        int n = utf8_seq(p, end);
        if (!n) {
            s->p = (const char *)p;
            return jscan_fail(s, "INVALID_UTF8", "invalid UTF-8 byte 0x%02X at column %zu", c, jscan_col(s));
        }
        if (keep) memcpy(d + k, p, (size_t)n), k += (size_t)n;
        p += n;
    }
    s->p = (const char *)p;
    return jscan_fail(s, "MALFORMED_JSON", "unterminated string (the line may be truncated)");
}


static bool skip_composite(Scan *s, char close)
{
    if (++s->depth > 512) return jscan_fail(s, "MALFORMED_JSON", "JSON nested more than 512 levels deep");
    s->p++;
    jscan_skip_ws(s);
    if (s->p < s->end && *s->p == close) {
        s->p++;
        s->depth--;
        return true;
    }
    for (;;) {
        jscan_skip_ws(s);
        if (close == '}') {
            if (s->p >= s->end || *s->p != '"') return jscan_fail(s, "MALFORMED_JSON", "expected a key string at column %zu", jscan_col(s));
            s->p++;
            if (!jscan_string(s, NULL, NULL, false)) return false;
            jscan_skip_ws(s);
            if (s->p >= s->end || *s->p != ':') return jscan_fail(s, "MALFORMED_JSON", "expected ':' at column %zu", jscan_col(s));
            s->p++;
            jscan_skip_ws(s);
        }
        if (!jscan_skip_value(s)) return false;
        jscan_skip_ws(s);
        if (s->p < s->end && *s->p == ',') {
            s->p++;
            continue;
        }
        if (s->p < s->end && *s->p == close) {
            s->p++;
            s->depth--;
            return true;
        }
        if (s->p >= s->end) return jscan_fail(s, "MALFORMED_JSON", "unexpected end of line inside %s (the line may be truncated)",
                                        close == '}' ? "an object" : "an array");
        return jscan_fail(s, "MALFORMED_JSON", "expected ',' or '%c' at column %zu", close, jscan_col(s));
    }
}

static bool scan_literal(Scan *s, const char *word, size_t n)
{
    if ((size_t)(s->end - s->p) >= n && memcmp(s->p, word, n) == 0) {
        s->p += n;
        return true;
    }
    return jscan_fail(s, "MALFORMED_JSON", "invalid value at column %zu", jscan_col(s));
}

bool jscan_skip_value(Scan *s)
{
    if (s->p >= s->end) return jscan_fail(s, "MALFORMED_JSON", "missing value at end of line (the line may be truncated)");
    switch (*s->p) {
    case '"': s->p++; return jscan_string(s, NULL, NULL, false);
    case '{': return skip_composite(s, '}');
    case '[': return skip_composite(s, ']');
    case 't': return scan_literal(s, "true", 4);
    case 'f': return scan_literal(s, "false", 5);
    case 'n': return scan_literal(s, "null", 4);
    default: {
        /* only its syntax: a skipped number is never converted */
        NumText nt;
        size_t used = num_scan(s->p, (size_t)(s->end - s->p), true, &nt);
        if (!used) return jscan_fail(s, "MALFORMED_JSON", "invalid value at column %zu", jscan_col(s));
        s->p += used;
        return true;
    }
    }
}

/* ---- coercion into a column (DIALECT section 8) ---- */

const char *jscan_kind_name(JKind k)
{
    static const char *const n[] = {"a string", "a number", "true", "false", "null", "an object or array"};
    return n[k];
}

static bool base64_decode(const char *s, size_t n, Arena *a, Value *out)
{
    char *d = arena_alloc(a, n * 3 / 4 + 4);
    size_t k;
    if (!io_base64_decode(s, n, d, &k)) return false;
    *out = val_str(d, (uint32_t)k);
    return true;
}

bool jscan_coerce(Scan *s, const Column *col, JKind kind, const char *text, uint32_t len, const NumText *nt, Value *out)
{
    SqlType t = col->type;
    const char *why = NULL;
    *out = val_null();
    out->null = 0;
    switch (kind) {
    case J_NULL:
        *out = val_null();
        if (t.notnull) return jscan_fail(s, "CONVERSION", "column %s is NOT NULL but the value is null", col->name);
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
                    return jscan_fail(s, "CONVERSION", "column %s is %s but %.*s is not a whole number", col->name,
                                type_id_name(t.id), (int)len, text);
                return jscan_fail(s, "CONVERSION", "column %s: %.*s is out of range for %s", col->name, (int)len, text, type_id_name(t.id));
            }
            if (v < type_int_min(t.id) || v > type_int_max(t.id))
                return jscan_fail(s, "CONVERSION", "column %s: %.*s is out of range for %s", col->name, (int)len, text, type_id_name(t.id));
            out->u.i = v;
            return true;
        }
        if (t.id == TY_DECIMAL) {
            if (!num_to_decimal(nt, t.precision, t.scale, &out->u.i)) {
                char tn[48];
                return jscan_fail(s, "CONVERSION", "column %s: %.*s does not fit %s without losing digits", col->name, (int)len, text,
                            type_name(t, tn, sizeof tn));
            }
            return true;
        }
        if (type_is_approx(t.id)) {
            double d = nt->dbl;
            if (isinf(d)) return jscan_fail(s, "CONVERSION", "column %s: %.*s is out of range for DOUBLE", col->name, (int)len, text);
            if (t.id == TY_REAL) {
                float f = (float)d;
                if (isinf(f)) return jscan_fail(s, "CONVERSION", "column %s: %.*s is out of range for REAL", col->name, (int)len, text);
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
            return jscan_fail(s, "CONVERSION", "column %s: \"%.*s\" is neither base64 nor X'hex'", col->name, (int)(len > 60 ? 60 : len), text);
        }
        if (conv_from_text(t, text, len, out, s->arena, &why)) return true;
        {
            char tn[48];
            return jscan_fail(s, "CONVERSION", "column %s: cannot convert \"%.*s\" to %s: %s", col->name, (int)(len > 60 ? 60 : len), text,
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
    return jscan_fail(s, "CONVERSION", "column %s is %s but the value is %s", col->name, type_name(t, tn, sizeof tn), jscan_kind_name(kind));
}

/* ---- decode ---- */

bool jscan_read_value(Scan *s, JKind *kind, const char **text, uint32_t *len, NumText *nt)
{
    if (s->p >= s->end) return jscan_fail(s, "MALFORMED_JSON", "missing value at end of line (the line may be truncated)");
    const char *start = s->p;
    switch (*s->p) {
    case '"':
        s->p++;
        *kind = J_STRING;
        return jscan_string(s, text, len, true);
    case '{': case '[':
        if (!jscan_skip_value(s)) return false;
        *kind = J_COMPOSITE;
        *text = start;
        *len = (uint32_t)(s->p - start);
        return true;
    case 't': *kind = J_TRUE; return scan_literal(s, "true", 4);
    case 'f': *kind = J_FALSE; return scan_literal(s, "false", 5);
    case 'n': *kind = J_NULL; return scan_literal(s, "null", 4);
    default: {
        size_t used = num_parse(s->p, (size_t)(s->end - s->p), true, nt);
        if (!used) return jscan_fail(s, "MALFORMED_JSON", "invalid value at column %zu", jscan_col(s));
        s->p += used;
        *kind = J_NUMBER;
        *text = start;
        *len = (uint32_t)used;
        return true;
    }
    }
}

bool jscan_read_time(Scan *s, const char *what, JKind kind, const char *text, uint32_t len, const NumText *nt, int64_t *ms)
{
    if (kind == J_STRING) {
        if (time_parse_timestamp(text, len, ms)) return true;
        return jscan_fail(s, "CONVERSION", "%s \"%.*s\" is not a timestamp (expected YYYY-MM-DD HH:MM:SS[.fff])", what,
                    (int)(len > 60 ? 60 : len), text);
    }
    if (kind == J_NUMBER) {
        double d = floor(nt->dbl);   /* epoch milliseconds; sub-millisecond digits dropped */
        if (d > 9.2e15 || d < -9.2e15) return jscan_fail(s, "CONVERSION", "%s %.*s is out of range", what, (int)len, text);
        *ms = (int64_t)d;
        return true;
    }
    return jscan_fail(s, "CONVERSION", "%s must be a timestamp string or epoch milliseconds, not %s", what, jscan_kind_name(kind));
}

