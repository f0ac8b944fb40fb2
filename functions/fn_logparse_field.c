/* The pieces every log parser shares: the fields and row of a result,
 * converting a field's text to its column's type (dates by a
 * SimpleDateFormat pattern), compiling the pattern at bind time and
 * reading its capture groups. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "src/runtime/convert.h"
#include "src/runtime/rowtype.h"
#include "src/runtime/timeutil.h"
#include "fn_check.h"
#include "fn_logparse.h"

/* The constant string argument of a call, or NULL after reporting. */
const char *fn_log_const_string(FnCtx *cx, Expr *arg, const char *fn, const char *what, uint32_t *len)
{
    if (arg->kind != EX_CONST || !type_is_string(arg->type.id) || arg->k.null) {
        fn_type_error(cx, arg, "%s's %s must be a constant string", fn, what);
        return NULL;
    }
    *len = arg->k.len;
    return arg->k.u.s;
}

SqlType fn_log_row_type(const LogField *f, int n)
{
    Column cols[MAX_FIELDS];
    for (int i = 0; i < n; i++) {
        cols[i].name = f[i].name;
        cols[i].type = f[i].type;
    }
    return rowtype_make(n, cols);
}

LogField *fn_log_column_fields(Arena *a, int n, SqlType t)
{
    LogField *f = arena_alloc(a, sizeof(LogField) * (size_t)(n ? n : 1));
    memset(f, 0, sizeof(LogField) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        snprintf(f[i].name, sizeof f[i].name, "COLUMN%d", i + 1);
        f[i].type = t;
        f[i].len = -1;
    }
    return f;
}

Value *fn_log_null_fields(EvalCtx *cx, int n)
{
    Value *v = arena_alloc(cx->arena, sizeof(Value) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) v[i] = val_null();
    return v;
}

Value *fn_log_start(const Expr *e, EvalCtx *cx, int n, Value *s, Value *out)
{
    expr_eval(e->args[0], cx, s);
    if (s->null) {
        *out = val_null();
        return NULL;
    }
    return fn_log_null_fields(cx, n);
}

void fn_log_set_row(Value *out, Value *fields, int n)
{
    out->null = 0;
    out->u.r = fields;
    out->len = (uint32_t)n;
}

static const char *const month_names[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const month_long[12] = {"january", "february", "march", "april", "may", "june",
                                           "july", "august", "september", "october", "november", "december"};

/* Month from an English name (three letters or the full name); the number
 * of bytes read, 0 if none. */
size_t fn_log_read_month(const char *s, size_t n, int *mon)
{
    for (int m = 0; m < 12; m++) {
        size_t l = strlen(month_long[m]);
        if (n >= l && strncasecmp(s, month_long[m], l) == 0) { *mon = m + 1; return l; }
    }
    for (int m = 0; m < 12; m++)
        if (n >= 3 && strncasecmp(s, month_names[m], 3) == 0) { *mon = m + 1; return 3; }
    return 0;
}

size_t fn_log_read_digits(const char *s, size_t n, size_t max, int64_t *v)
{
    size_t i = 0;
    int64_t x = 0;
    while (i < n && i < max && s[i] >= '0' && s[i] <= '9') x = x * 10 + (s[i++] - '0');
    *v = x;
    return i;
}

/* Parses s by a java.text.SimpleDateFormat pattern (the subset that log
 * formats use: y M MMM d H k h K a m s S E z Z X and 'quoted' text) into
 * UTC milliseconds; the fields the pattern lacks default to 1970-01-01
 * 00:00:00.000, as in Java. A zone offset in the text is converted to UTC.
 * The whole text must be used. */
bool fn_log_sdf_parse(const char *fmt, size_t fn, const char *s, size_t n, int64_t *ms)
{
    int64_t year = 1970, mon = 1, day = 1, hour = 0, min = 0, sec = 0, milli = 0, off = 0;
    int ampm = -1;
    bool h12 = false;
    size_t i = 0, p = 0;
    while (i < fn) {
        char c = fmt[i];
        if (c == '\'') {
            if (i + 1 < fn && fmt[i + 1] == '\'') {
                if (p >= n || s[p] != '\'') return false;
                p++;
                i += 2;
                continue;
            }
            i++;
            while (i < fn && fmt[i] != '\'') {
                if (p >= n || s[p] != fmt[i]) return false;
                p++;
                i++;
            }
            i++;
            continue;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            if (p >= n || s[p] != c) return false;
            p++;
            i++;
            continue;
        }
        size_t cnt = 1;
        while (i + cnt < fn && fmt[i + cnt] == c) cnt++;
        i += cnt;
        /* a numeric field right before another letter is read at its width */
        bool adjacent = i < fn && ((fmt[i] >= 'a' && fmt[i] <= 'z') || (fmt[i] >= 'A' && fmt[i] <= 'Z'));
        size_t maxd = adjacent ? cnt : 9;
        int64_t v;
        size_t used;
        switch (c) {
        case 'y': case 'Y': case 'u':
            used = fn_log_read_digits(s + p, n - p, cnt == 2 ? 2 : (adjacent ? cnt : 9), &v);
            if (!used) return false;
            year = (cnt == 2 && used == 2) ? 2000 + v : v;
            break;
        case 'M': case 'L':
            if (cnt >= 3) {
                int m;
                used = fn_log_read_month(s + p, n - p, &m);
                if (!used) return false;
                mon = m;
            } else {
                used = fn_log_read_digits(s + p, n - p, adjacent ? cnt : 2, &v);
                if (!used) return false;
                mon = v;
            }
            break;
        case 'd': used = fn_log_read_digits(s + p, n - p, adjacent ? cnt : 2, &day); break;
        case 'H': case 'k': used = fn_log_read_digits(s + p, n - p, adjacent ? cnt : 2, &hour); if (c == 'k' && hour == 24) hour = 0; break;
        case 'h': case 'K': used = fn_log_read_digits(s + p, n - p, adjacent ? cnt : 2, &hour); h12 = true; if (hour == 12) hour = 0; break;
        case 'm': used = fn_log_read_digits(s + p, n - p, adjacent ? cnt : 2, &min); break;
        case 's': used = fn_log_read_digits(s + p, n - p, adjacent ? cnt : 2, &sec); break;
        case 'S': used = fn_log_read_digits(s + p, n - p, maxd, &milli); break;
        case 'a':
            if (n - p >= 2 && strncasecmp(s + p, "AM", 2) == 0) ampm = 0;
            else if (n - p >= 2 && strncasecmp(s + p, "PM", 2) == 0) ampm = 1;
            else return false;
            used = 2;
            break;
        case 'E': /* day name: letters, checked only for being letters */
            used = 0;
            while (p + used < n && isalpha((unsigned char)s[p + used])) used++;
            if (used < 3) return false;
            break;
        case 'z': case 'Z': case 'X': {
            const char *t = s + p;
            size_t tn = n - p;
            used = 0;
            if (tn >= 1 && t[0] == 'Z' && c != 'z') { used = 1; break; }
            if (c == 'z' && tn >= 3 && (strncmp(t, "GMT", 3) == 0 || strncmp(t, "UTC", 3) == 0)) {
                used = 3;
                t += 3;
                tn -= 3;
                if (tn == 0 || (t[0] != '+' && t[0] != '-')) break;
            }
            if (tn < 3 || (t[0] != '+' && t[0] != '-')) return false;
            int64_t hh, mm = 0;
            size_t k = 1, d = fn_log_read_digits(t + 1, tn - 1, 2, &hh);
            if (d != 2) return false;
            k += 2;
            if (k < tn && t[k] == ':') k++;
            d = fn_log_read_digits(t + k, tn - k, 2, &mm);
            if (d == 2) k += 2;
            else if (t[k - 1] == ':') return false;
            off = (t[0] == '-' ? -1 : 1) * (hh * 60 + mm) * MS_PER_MINUTE;
            used += k;
            break;
        }
        default:
            return false;   /* a pattern letter eddy does not know */
        }
        if (used == 0) return false;
        p += used;
    }
    if (p != n) return false;
    if (h12 && ampm == 1) hour += 12;
    if (mon < 1 || mon > 12 || day < 1 || day > time_days_in_month(year, (int)mon) || hour > 23 || min > 59 ||
        sec > 59 || milli > 999)
        return false;
    int64_t days = time_days_from_civil(year, (int)mon, (int)day);
    *ms = days * MS_PER_DAY + hour * MS_PER_HOUR + min * MS_PER_MINUTE + sec * MS_PER_SECOND + milli - off;
    return true;
}

/* Converts one field's text to its column's type; false (after sending the
 * row to the error stream) when it does not convert. Empty text of a
 * non-string type is NULL. */
bool fn_log_convert_field(EvalCtx *cx, const char *fn, const LogField *f, const char *s, size_t n, Value *out)
{
    *out = val_null();
    if (type_is_string(f->type.id)) {
        *out = val_str(s, (uint32_t)n);
        conv_fit_string(f->type, out, cx->arena);
    } else {
        const char *t = s;
        size_t tn = n;
        while (tn && (*t == ' ' || *t == '\t')) t++, tn--;
        while (tn && (t[tn - 1] == ' ' || t[tn - 1] == '\t')) tn--;
        if (tn == 0) {
            *out = val_null();
        } else if (f->fmt && type_is_datetime(f->type.id)) {
            int64_t ms;
            if (!fn_log_sdf_parse(f->fmt, f->fmt_len, t, tn, &ms)) {
                expr_fail(cx, "CONVERSION", "%s: '%.*s' does not match the format '%.*s' of column %s", fn,
                          (int)(tn > 100 ? 100 : tn), t, (int)f->fmt_len, f->fmt, f->name);
                return false;
            }
            if (f->type.id == TY_DATE) *out = val_int(floor_div(ms, MS_PER_DAY));
            else if (f->type.id == TY_TIME) *out = val_int(floor_mod(ms, MS_PER_DAY));
            else *out = val_int(ms);
        } else {
            const char *why = "invalid";
            if (!conv_from_text(f->type, t, tn, out, cx->arena, &why)) {
                expr_fail(cx, "CONVERSION", "%s: '%.*s' in column %s: %s", fn, (int)(tn > 100 ? 100 : tn), t,
                          f->name, why);
                return false;
            }
        }
    }
    if (out->null && f->notnull) {
        expr_fail(cx, "CONVERSION", "%s: column %s is NOT NULL but has no value", fn, f->name);
        return false;
    }
    return true;
}

/* Fills fields from the capture groups of a match of p->rx. Returns false
 * when a conversion failed (the error is set). */
bool fn_log_fill_from_groups(EvalCtx *cx, const char *fn, const LogParser *p, const char *s, int rc, Value *f)
{
    PCRE2_SIZE *ov = rx_ovector(p->rx);
    for (int i = 0; i < p->n && i + 1 < rc; i++) {
        PCRE2_SIZE a = ov[2 * (i + 1)], b = ov[2 * (i + 1) + 1];
        if (a == PCRE2_UNSET) continue;
        if (!fn_log_convert_field(cx, fn, &p->f[i], s + a, b - a, &f[i])) return false;
    }
    return true;
}

bool fn_log_compile_pattern(FnCtx *cx, Expr *arg, const char *pat, size_t len, uint32_t options, const Regex **rx)
{
    char err[256];
    size_t off = 0;
    *rx = rx_compile(pat, len, options, err, sizeof err, &off);
    if (!*rx) {
        fn_type_error(cx, arg, "invalid regular expression at offset %zu: %s", off, err);
        return false;
    }
    return true;
}

size_t fn_log_utf8_len_at(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return l > n ? n : l;
}
