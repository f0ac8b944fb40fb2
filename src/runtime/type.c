#include "type.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

SqlType type_make(TypeId id)
{
    SqlType t;
    memset(&t, 0, sizeof t);
    t.id = (uint8_t)id;
    if (id == TY_DECIMAL) t.precision = TYPE_MAX_PRECISION;
    if (id == TY_INTERVAL_DT) t.unit_hi = TU_DAY, t.unit_lo = TU_SECOND;
    if (id == TY_INTERVAL_YM) t.unit_hi = TU_YEAR, t.unit_lo = TU_MONTH;
    return t;
}

SqlType type_decimal(int precision, int scale)
{
    SqlType t = type_make(TY_DECIMAL);
    if (precision > TYPE_MAX_PRECISION) precision = TYPE_MAX_PRECISION;
    if (precision < 1) precision = 1;
    if (scale > precision) scale = precision;
    if (scale < 0) scale = 0;
    t.precision = (uint8_t)precision;
    t.scale = (uint8_t)scale;
    return t;
}

SqlType type_string(TypeId id, int32_t len)
{
    SqlType t = type_make(id);
    t.len = len;
    return t;
}

int64_t type_int_min(TypeId t)
{
    switch (t) {
    case TY_TINYINT: return -128;
    case TY_SMALLINT: return -32768;
    case TY_INTEGER: return INT32_MIN;
    default: return INT64_MIN;
    }
}

int64_t type_int_max(TypeId t)
{
    switch (t) {
    case TY_TINYINT: return 127;
    case TY_SMALLINT: return 32767;
    case TY_INTEGER: return INT32_MAX;
    default: return INT64_MAX;
    }
}

int type_digits(SqlType t)
{
    switch (t.id) {
    case TY_TINYINT: return 3;
    case TY_SMALLINT: return 5;
    case TY_INTEGER: return 10;
    case TY_BIGINT: return 19;
    case TY_DECIMAL: return t.precision;
    default: return 0;
    }
}

static const char *const type_names[TY__COUNT] = {
    [TY_NULL] = "NULL", [TY_BOOLEAN] = "BOOLEAN", [TY_TINYINT] = "TINYINT",
    [TY_SMALLINT] = "SMALLINT", [TY_INTEGER] = "INTEGER", [TY_BIGINT] = "BIGINT",
    [TY_DECIMAL] = "DECIMAL", [TY_REAL] = "REAL", [TY_DOUBLE] = "DOUBLE",
    [TY_CHAR] = "CHAR", [TY_VARCHAR] = "VARCHAR", [TY_BINARY] = "BINARY",
    [TY_VARBINARY] = "VARBINARY", [TY_DATE] = "DATE", [TY_TIME] = "TIME",
    [TY_TIMESTAMP] = "TIMESTAMP", [TY_INTERVAL_YM] = "INTERVAL",
    [TY_INTERVAL_DT] = "INTERVAL", [TY_ROW] = "ROW",
};

const char *type_id_name(TypeId t) { return t < TY__COUNT ? type_names[t] : "?"; }

const char *time_unit_name(TimeUnit u)
{
    static const char *const n[] = {"", "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND"};
    return u <= TU_MILLISECOND ? n[u] : "?";
}

const char *type_name(SqlType t, char *buf, size_t size)
{
    switch (t.id) {
    case TY_DECIMAL:
        snprintf(buf, size, "DECIMAL(%d,%d)", t.precision, t.scale);
        break;
    case TY_CHAR: case TY_VARCHAR: case TY_BINARY: case TY_VARBINARY:
        if (t.len > 0)
            snprintf(buf, size, "%s(%d)", type_names[t.id], (int)t.len);
        else
            snprintf(buf, size, "%s", type_names[t.id]);
        break;
    case TY_INTERVAL_YM: case TY_INTERVAL_DT:
        if (t.unit_lo && t.unit_lo != t.unit_hi)
            snprintf(buf, size, "INTERVAL %s TO %s", time_unit_name(t.unit_hi), time_unit_name(t.unit_lo));
        else
            snprintf(buf, size, "INTERVAL %s", time_unit_name(t.unit_hi));
        break;
    default:
        snprintf(buf, size, "%s", type_id_name(t.id));
    }
    return buf;   /* ROW types print as ROW; their fields are named where it matters */
}

/* Exact numeric result wide enough for both: digits left of the point and
 * the larger scale, capped at 18 digits. */
static SqlType exact_common(SqlType a, SqlType b)
{
    if (a.id != TY_DECIMAL && b.id != TY_DECIMAL) {
        SqlType r = type_make(a.id > b.id ? a.id : b.id);
        return r;
    }
    int sa = a.id == TY_DECIMAL ? a.scale : 0, sb = b.id == TY_DECIMAL ? b.scale : 0;
    int ia = type_digits(a) - sa, ib = type_digits(b) - sb;
    int s = sa > sb ? sa : sb;
    int i = ia > ib ? ia : ib;
    if (i + s > TYPE_MAX_PRECISION) {
        if (a.id == TY_BIGINT || b.id == TY_BIGINT) {
            if (s == 0) return type_make(TY_BIGINT);
        }
        i = TYPE_MAX_PRECISION - s;
        if (i < 1) i = 1, s = TYPE_MAX_PRECISION - 1;
    }
    return type_decimal(i + s, s);
}

bool type_common(SqlType a, SqlType b, SqlType *out)
{
    SqlType r;
    if (a.id == TY_NULL) { *out = b; out->notnull = 0; return true; }
    if (b.id == TY_NULL) { *out = a; out->notnull = 0; return true; }
    if (type_is_numeric(a.id) && type_is_numeric(b.id)) {
        if (type_is_approx(a.id) || type_is_approx(b.id))
            r = type_make((a.id == TY_DOUBLE || b.id == TY_DOUBLE || type_is_exact(a.id) || type_is_exact(b.id)) ? TY_DOUBLE : TY_REAL);
        else
            r = exact_common(a, b);
    } else if (type_is_string(a.id) && type_is_string(b.id)) {
        if (a.id == TY_CHAR && b.id == TY_CHAR)
            r = type_string(TY_CHAR, a.len > b.len ? a.len : b.len);
        else
            r = type_string(TY_VARCHAR, (a.len == 0 || b.len == 0) ? 0 : (a.len > b.len ? a.len : b.len));
    } else if (type_is_binary(a.id) && type_is_binary(b.id)) {
        r = type_string(a.id == b.id ? a.id : TY_VARBINARY, a.len > b.len ? a.len : b.len);
    } else if (a.id == b.id && (a.id == TY_BOOLEAN || type_is_datetime(a.id))) {
        r = a;
    } else if (a.id == b.id && type_is_interval(a.id)) {
        r = a;
        if (b.unit_hi < r.unit_hi) r.unit_hi = b.unit_hi;
        if (b.unit_lo > r.unit_lo) r.unit_lo = b.unit_lo;
    } else if ((a.id == TY_DATE && b.id == TY_TIMESTAMP) || (a.id == TY_TIMESTAMP && b.id == TY_DATE)) {
        r = type_make(TY_TIMESTAMP);
    } else {
        return false;
    }
    r.notnull = a.notnull && b.notnull;
    *out = r;
    return true;
}

bool type_assignable(SqlType from, SqlType to)
{
    if (from.id == TY_NULL) return true;
    if (type_is_numeric(from.id) && type_is_numeric(to.id)) return true;
    if (type_is_string(from.id) && type_is_string(to.id)) return true;
    if (type_is_binary(from.id) && type_is_binary(to.id)) return true;
    if (type_is_interval(from.id) && from.id == to.id) return true;
    if (from.id == to.id) return true;
    if (from.id == TY_DATE && to.id == TY_TIMESTAMP) return true;
    /* Any scalar goes into a character column as its text: the KDA guide's
     * W3C_LOG_PARSE example inserts the parsed time, status and size into
     * VARCHAR columns. */
    if (type_is_string(to.id) && from.id != TY_ROW && !type_is_binary(from.id)) return true;
    return false;
}

/* ---- type names as text (a KDA input schema's SqlType) ---- */

static const char *type_word(const char *p, char *w, size_t size)
{
    while (*p == ' ' || *p == '\t') p++;
    size_t n = 0;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_') {
        if (n + 1 < size) w[n++] = (char)(*p >= 'a' ? *p - 32 : *p);
        p++;
    }
    w[n] = 0;
    return p;
}

/* "(n)" or "(p, s)" after a type name; *np is 0, 1 or 2 numbers read. */
static const char *type_args(const char *p, long *a, long *b, int *np, bool *ok)
{
    *np = 0;
    *ok = true;
    while (*p == ' ') p++;
    if (*p != '(') return p;
    char *end;
    *a = strtol(p + 1, &end, 10);
    if (end == p + 1) return *ok = false, p;
    *np = 1;
    p = end;
    while (*p == ' ') p++;
    if (*p == ',') {
        *b = strtol(p + 1, &end, 10);
        if (end == p + 1) return *ok = false, p;
        *np = 2;
        p = end;
        while (*p == ' ') p++;
    }
    if (*p != ')') return *ok = false, p;
    return p + 1;
}

bool type_parse(const char *text, SqlType *out)
{
    char w[32], w2[32];
    const char *p = type_word(text, w, sizeof w);
    long a = 0, b = 0;
    int np = 0;
    bool ok = true;
    if (!strcmp(w, "CHARACTER") || !strcmp(w, "CHAR")) {
        const char *q = type_word(p, w2, sizeof w2);
        if (!strcmp(w2, "VARYING")) p = q, strcpy(w, "VARCHAR");
    } else if (!strcmp(w, "DOUBLE")) {
        const char *q = type_word(p, w2, sizeof w2);
        if (!strcmp(w2, "PRECISION")) p = q;
    }
    p = type_args(p, &a, &b, &np, &ok);
    while (*p == ' ') p++;
    if (!ok || *p) return false;
    static const struct { const char *name; TypeId id; } plain[] = {
        {"BOOLEAN", TY_BOOLEAN}, {"TINYINT", TY_TINYINT}, {"SMALLINT", TY_SMALLINT}, {"INTEGER", TY_INTEGER},
        {"INT", TY_INTEGER}, {"BIGINT", TY_BIGINT}, {"REAL", TY_REAL}, {"DOUBLE", TY_DOUBLE}, {"FLOAT", TY_DOUBLE},
        {"DATE", TY_DATE}, {"TIME", TY_TIME}, {"TIMESTAMP", TY_TIMESTAMP},
    };
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        if (!strcmp(w, plain[i].name)) {
            if (np) return false;
            *out = type_make(plain[i].id);
            return true;
        }
    if (!strcmp(w, "DECIMAL") || !strcmp(w, "DEC") || !strcmp(w, "NUMERIC")) {
        long prec = np ? a : TYPE_MAX_PRECISION, scale = np == 2 ? b : 0;
        if (prec < 1 || prec > TYPE_MAX_PRECISION || scale < 0 || scale > prec) return false;
        *out = type_decimal((int)prec, (int)scale);
        return true;
    }
    static const struct { const char *name; TypeId id; } sized[] = {
        {"CHAR", TY_CHAR}, {"CHARACTER", TY_CHAR}, {"VARCHAR", TY_VARCHAR}, {"BINARY", TY_BINARY}, {"VARBINARY", TY_VARBINARY},
    };
    for (size_t i = 0; i < sizeof sized / sizeof sized[0]; i++)
        if (!strcmp(w, sized[i].name)) {
            if (np == 2 || (np == 1 && (a < 1 || a > TYPE_MAX_CHAR))) return false;
            *out = type_string(sized[i].id, np ? (int32_t)a : sized[i].id == TY_CHAR || sized[i].id == TY_BINARY ? 1 : 0);
            return true;
        }
    return false;
}
