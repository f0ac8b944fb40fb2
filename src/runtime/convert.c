#include "convert.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "numtext.h"
#include "timeutil.h"

bool utf8_valid(const char *s, size_t n, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) { i++; continue; }
        int k = utf8_seq(p + i, end);
        if (!k) {
            if (bad) *bad = i;
            return false;
        }
        i += (size_t)k;
    }
    return true;
}

size_t utf8_length(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

size_t utf8_offset(const char *s, size_t n, size_t k)
{
    size_t i = 0;
    while (i < n && k) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80) i++;
        k--;
    }
    return i;
}

void conv_fit_string(SqlType to, Value *v, Arena *a)
{
    if (v->null || to.len <= 0) return;
    if (to.id != TY_CHAR && v->len <= (uint32_t)to.len) return;   /* bytes bound characters */
    size_t chars = utf8_length(v->u.s, v->len);
    if (chars > (size_t)to.len) {
        v->len = (uint32_t)utf8_offset(v->u.s, v->len, (size_t)to.len);
        chars = (size_t)to.len;
    }
    if (to.id == TY_CHAR && chars < (size_t)to.len) {
        size_t pad = (size_t)to.len - chars;
        char *p = arena_alloc(a, v->len + pad + 1);
        memcpy(p, v->u.s, v->len);
        memset(p + v->len, ' ', pad);
        p[v->len + pad] = 0;
        v->u.s = p;
        v->len += (uint32_t)pad;
    }
}

static void trim(const char **s, size_t *n)
{
    while (*n && ((*s)[0] == ' ' || (*s)[0] == '\t' || (*s)[0] == '\n' || (*s)[0] == '\r')) (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\n' || (*s)[*n - 1] == '\r')) (*n)--;
}

static bool round_to_int(double d, TypeId to, int64_t *out)
{
    if (d != d) return false;
    double r = round(d);   /* half away from zero, as the reference's CAST(-1.5 AS INTEGER) = -2 */
    if (r < -9223372036854775808.0 || r >= 9223372036854775808.0) return false;
    int64_t i = (int64_t)r;
    if (i < type_int_min(to) || i > type_int_max(to)) return false;
    *out = i;
    return true;
}

/* DECIMAL from a NumText, rounding half away from zero where digits go. */
static bool decimal_round(const NumText *nt, int precision, int scale, int64_t *out)
{
    if (num_to_decimal(nt, precision, scale, out)) return true;
    if (nt->inexact) {
        double d = nt->dbl * (double)pow10_i64[scale];
        double r = round(d);
        if (fabs(r) >= (double)pow10_i64[precision]) return false;
        *out = (int64_t)r;
        return true;
    }
    uint64_t v = nt->digits;
    int32_t e = nt->exp10 + scale;
    if (e >= 0) return false;   /* overflow, not lost digits */
    bool up = false;
    while (e < 0) {
        if (e == -1) up = v % 10 >= 5;
        v /= 10;
        e++;
        if (v == 0 && e < 0) { up = false; break; }
    }
    if (up) v++;
    if (v >= (uint64_t)pow10_i64[precision]) return false;
    *out = nt->neg ? -(int64_t)v : (int64_t)v;
    return true;
}

static bool hexval(char c, int *v)
{
    if (c >= '0' && c <= '9') *v = c - '0';
    else if (c >= 'a' && c <= 'f') *v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') *v = c - 'A' + 10;
    else return false;
    return true;
}

bool conv_from_text(SqlType to, const char *s, size_t n, Value *out, Arena *a, const char **why)
{
    const char *orig = s;
    size_t orig_n = n;
    *out = val_null();
    out->null = 0;
    if (to.id != TY_CHAR && to.id != TY_VARCHAR) trim(&s, &n);
    switch (to.id) {
    case TY_BOOLEAN:
        if (n == 4 && strncasecmp(s, "true", 4) == 0) { out->u.i = 1; return true; }
        if (n == 5 && strncasecmp(s, "false", 5) == 0) { out->u.i = 0; return true; }
        if (n == 7 && strncasecmp(s, "unknown", 7) == 0) { out->null = 1; return true; }
        *why = "not a BOOLEAN (expected TRUE, FALSE or UNKNOWN)";
        return false;
    case TY_TINYINT: case TY_SMALLINT: case TY_INTEGER: case TY_BIGINT: case TY_DECIMAL:
    case TY_REAL: case TY_DOUBLE: {
        NumText nt;
        size_t used = num_parse(s, n, false, &nt);
        if (used == 0 || used != n) {
            if (type_is_approx(to.id)) {
                const char *t = s + (n && (s[0] == '-' || s[0] == '+'));
                size_t tn = n - (size_t)(t - s);
                if ((tn == 3 && strncasecmp(t, "NaN", 3) == 0) || (tn == 8 && strncasecmp(t, "Infinity", 8) == 0) ||
                    (tn == 3 && strncasecmp(t, "inf", 3) == 0)) {
                    /* JSON has no such numbers, and arithmetic never makes
                     * one (an overflow is an error): DOUBLE values are finite */
                    *why = to.id == TY_REAL ? "NaN and infinities are not REAL values (REAL values are finite)"
                                            : "NaN and infinities are not DOUBLE values (DOUBLE values are finite)";
                    return false;
                }
            }
            *why = "not a number";
            return false;
        }
        if (type_is_approx(to.id)) {
            out->u.d = to.id == TY_REAL ? (double)(float)nt.dbl : nt.dbl;
            if (isinf(out->u.d)) { *why = to.id == TY_REAL ? "out of range for REAL" : "out of range for DOUBLE"; return false; }
            return true;
        }
        if (to.id == TY_DECIMAL) {
            if (!decimal_round(&nt, to.precision, to.scale, &out->u.i)) { *why = "out of range for the DECIMAL type"; return false; }
            return true;
        }
        int64_t i;
        if (num_to_int64(&nt, &i)) {
            if (i < type_int_min(to.id) || i > type_int_max(to.id)) { *why = "out of range for the integer type"; return false; }
            out->u.i = i;
            return true;
        }
        if (!nt.has_point_or_exp) { *why = "out of range for the integer type"; return false; }
        if (!round_to_int(nt.dbl, to.id, &out->u.i)) { *why = "out of range for the integer type"; return false; }
        return true;
    }
    case TY_CHAR: case TY_VARCHAR:
        out->u.s = orig;
        out->len = (uint32_t)orig_n;
        conv_fit_string(to, out, a);
        return true;
    case TY_BINARY: case TY_VARBINARY: {
        /* X'0A1B' or bare hex digits */
        if (n >= 3 && (s[0] == 'X' || s[0] == 'x') && s[1] == '\'' && s[n - 1] == '\'') s += 2, n -= 3;
        if (n % 2) { *why = "odd number of hex digits"; return false; }
        char *p = arena_alloc(a, n / 2 + 1);
        for (size_t i = 0; i < n; i += 2) {
            int hi, lo;
            if (!hexval(s[i], &hi) || !hexval(s[i + 1], &lo)) { *why = "not a hex digit"; return false; }
            p[i / 2] = (char)(hi * 16 + lo);
        }
        out->u.s = p;
        out->len = (uint32_t)(n / 2);
        if (to.len > 0 && out->len > (uint32_t)to.len) out->len = (uint32_t)to.len;
        return true;
    }
    case TY_DATE:
        if (time_parse_date(s, n, &out->u.i)) return true;
        *why = "not a DATE (expected YYYY-MM-DD)";
        return false;
    case TY_TIME:
        if (time_parse_time(s, n, &out->u.i)) return true;
        *why = "not a TIME (expected HH:MM:SS[.fff])";
        return false;
    case TY_TIMESTAMP:
        if (time_parse_timestamp(s, n, &out->u.i)) return true;
        *why = "not a TIMESTAMP (expected YYYY-MM-DD HH:MM:SS[.fff])";
        return false;
    case TY_INTERVAL_DT: case TY_INTERVAL_YM:
        if (time_parse_interval(s, n, (TimeUnit)to.unit_hi, (TimeUnit)to.unit_lo, &out->u.i, why)) return true;
        return false;
    default:
        *why = "cannot convert text to this type";
        return false;
    }
}

bool conv_to_text(SqlType from, const Value *v, Arena *a, Value *out)
{
    if (v->null) { *out = val_null(); return true; }
    if (type_is_string(from.id)) { *out = *v; return true; }
    char buf[64];
    int k = 0;
    switch (from.id) {
    case TY_BOOLEAN: k = v->u.i ? 4 : 5; memcpy(buf, v->u.i ? "TRUE" : "FALSE", (size_t)k); break;
    case TY_TINYINT: case TY_SMALLINT: case TY_INTEGER: case TY_BIGINT: k = fmt_int64(v->u.i, buf); break;
    case TY_DECIMAL: k = fmt_decimal(v->u.i, from.scale, buf); break;
    case TY_REAL: case TY_DOUBLE:
        if (isnan(v->u.d)) k = 3, memcpy(buf, "NaN", 3);
        else if (isinf(v->u.d)) { const char *t = v->u.d < 0 ? "-Infinity" : "Infinity"; k = (int)strlen(t); memcpy(buf, t, (size_t)k); }
        else k = from.id == TY_REAL ? fmt_real((float)v->u.d, buf) : fmt_double(v->u.d, buf);
        break;
    case TY_DATE: k = time_format_date(v->u.i, buf); break;
    case TY_TIME: k = time_format_time(v->u.i, buf); break;
    case TY_TIMESTAMP: k = time_format_timestamp(v->u.i, buf); break;
    case TY_INTERVAL_DT: case TY_INTERVAL_YM: k = time_format_interval(v->u.i, from, buf); break;
    case TY_BINARY: case TY_VARBINARY: {
        static const char hx[] = "0123456789ABCDEF";
        char *p = arena_alloc(a, (size_t)v->len * 2 + 1);
        for (uint32_t i = 0; i < v->len; i++) {
            p[2 * i] = hx[(unsigned char)v->u.s[i] >> 4];
            p[2 * i + 1] = hx[(unsigned char)v->u.s[i] & 15];
        }
        *out = val_str(p, v->len * 2);
        return true;
    }
    default:
        return false;
    }
    *out = val_str(arena_strndup(a, buf, (size_t)k), (uint32_t)k);
    return true;
}

bool conv_cast_allowed(SqlType from, SqlType to)
{
    TypeId f = from.id, t = to.id;
    if (f == TY_NULL) return t != TY_ROW;
    if (type_is_string(t)) return f != TY_ROW;
    if (type_is_string(f)) return t != TY_ROW;
    if (type_is_numeric(f)) return type_is_numeric(t) || t == TY_BOOLEAN;
    if (f == TY_DATE) return t == TY_DATE || t == TY_TIMESTAMP;
    if (f == TY_TIME) return t == TY_TIME || t == TY_TIMESTAMP;
    if (f == TY_TIMESTAMP) return t == TY_TIME || t == TY_TIMESTAMP || t == TY_DATE;
    if (type_is_interval(f)) return (t == f) || t == TY_BIGINT || t == TY_DECIMAL || t == TY_INTEGER;
    if (f == TY_BOOLEAN) return t == TY_BOOLEAN;
    if (type_is_binary(f)) return type_is_binary(t);
    return false;
}

/* The double nearest a DECIMAL: one division is exact enough while the
 * unscaled value is below 2^53; past that the decimal text goes through
 * strtod, which rounds correctly (dividing would round twice). */
static double decimal_to_double(int64_t v, int scale)
{
    if (v <= 9007199254740992LL && v >= -9007199254740992LL) return (double)v / (double)pow10_i64[scale];
    char buf[48];
    snprintf(buf, sizeof buf, "%llde-%d", (long long)v, scale);
    return strtod(buf, NULL);
}

static bool numeric_cast(SqlType from, const Value *in, SqlType to, Value *out, const char **why)
{
    *out = *in;
    if (type_is_approx(to.id)) {
        double d;
        if (type_is_approx(from.id)) d = in->u.d;
        else if (from.id == TY_DECIMAL) d = decimal_to_double(in->u.i, from.scale);
        else d = (double)in->u.i;
        if (to.id == TY_REAL) {
            float f = (float)d;
            if (isinf(f) && !isinf(d)) { *why = "out of range for REAL"; return false; }
            d = f;
        }
        out->u.d = d;
        return true;
    }
    if (type_is_approx(from.id)) {
        double d = in->u.d;
        if (to.id == TY_DECIMAL) {
            double r = round(d * (double)pow10_i64[to.scale]);
            if (!(fabs(r) < (double)pow10_i64[to.precision])) { *why = "out of range for the DECIMAL type"; return false; }
            out->u.i = (int64_t)r;
            return true;
        }
        if (!round_to_int(d, to.id, &out->u.i)) { *why = "out of range for the integer type"; return false; }
        return true;
    }
    /* exact to exact: rescale, rounding half away from zero */
    int fs = from.id == TY_DECIMAL ? from.scale : 0, ts = to.id == TY_DECIMAL ? to.scale : 0;
    int64_t v = in->u.i;
    if (ts > fs) {
        if (__builtin_mul_overflow(v, pow10_i64[ts - fs], &v)) { *why = "numeric overflow"; return false; }
    } else if (ts < fs) {
        int64_t p = pow10_i64[fs - ts];
        int64_t q = v / p, r = v % p;
        if (r >= (p + 1) / 2) q++;
        else if (r <= -(p + 1) / 2) q--;
        v = q;
    }
    if (to.id == TY_DECIMAL) {
        if (v >= pow10_i64[to.precision] || v <= -pow10_i64[to.precision]) { *why = "out of range for the DECIMAL type"; return false; }
    } else if (v < type_int_min(to.id) || v > type_int_max(to.id)) {
        *why = "out of range for the integer type";
        return false;
    }
    out->u.i = v;
    return true;
}

bool conv_cast(SqlType from, const Value *in, SqlType to, Value *out, Arena *a, const char **why)
{
    if (in->null) { *out = val_null(); return true; }
    TypeId f = from.id, t = to.id;
    if (type_is_string(t)) {
        if (!conv_to_text(from, in, a, out)) { *why = "cannot convert to text"; return false; }
        if (to.len > 0 && !type_is_string(f) && utf8_length(out->u.s, out->len) > (size_t)to.len) {
            *why = "value does not fit the target CHAR/VARCHAR length";
            return false;
        }
        conv_fit_string(to, out, a);
        return true;
    }
    if (type_is_string(f)) return conv_from_text(to, in->u.s, in->len, out, a, why);
    if (type_is_numeric(f) && type_is_numeric(t)) return numeric_cast(from, in, to, out, why);
    if (type_is_numeric(f) && t == TY_BOOLEAN) {
        *out = val_int(type_is_approx(f) ? in->u.d != 0 : in->u.i != 0);
        return true;
    }
    *out = *in;
    switch (t) {
    case TY_DATE:
        if (f == TY_TIMESTAMP) out->u.i = floor_div(in->u.i, MS_PER_DAY);
        return true;
    case TY_TIME:
        if (f == TY_TIMESTAMP) out->u.i = floor_mod(in->u.i, MS_PER_DAY);
        return true;
    case TY_TIMESTAMP:
        if (f == TY_DATE && __builtin_mul_overflow(in->u.i, (int64_t)MS_PER_DAY, &out->u.i)) {
            *why = "the date is out of the TIMESTAMP range (about 292 million years either side of 1970)";
            return false;
        }
        /* TIME to TIMESTAMP takes today's date in SQL; the reference has no clock rule, so the epoch date */
        return true;
    case TY_BIGINT: case TY_INTEGER: case TY_DECIMAL:
        if (type_is_interval(f)) {
            /* the interval's value counted in its least significant unit */
            int64_t unit = time_unit_size((TimeUnit)(from.unit_lo ? from.unit_lo : from.unit_hi));
            if (f == TY_INTERVAL_YM) unit = from.unit_lo == TU_MONTH || from.unit_hi == TU_MONTH ? 1 : 12;
            int64_t v = unit ? in->u.i / unit : in->u.i;
            SqlType bt = type_make(TY_BIGINT);
            Value tmp = val_int(v);
            return numeric_cast(bt, &tmp, to, out, why);
        }
        break;
    default:
        break;
    }
    if (f == t) {
        /* a day-time interval keeps whole units of its least significant field */
        if (t == TY_INTERVAL_DT && to.unit_lo && to.unit_lo < TU_SECOND) {
            int64_t unit = time_unit_size((TimeUnit)to.unit_lo);
            out->u.i = in->u.i / unit * unit;
        }
        return true;
    }
    *why = "unsupported conversion";
    return false;
}
