/* The log-parsing functions: REGEX_LOG_PARSE, FAST_REGEX_LOG_PARSE (also
 * spelled FAST_REGEX_LOG_PARSER), W3C_LOG_PARSE, SYS_LOG_PARSE,
 * FIXED_COLUMN_LOG_PARSE and VARIABLE_COLUMN_LOG_PARSE. Each returns a row
 * value whose fields are read as alias.row.COLUMN1 (DIALECT §10.8).
 *
 * Everything that depends only on the constant pattern, format or column
 * specification is prepared once at bind time: a PCRE2 pattern and a row
 * type. Per record, an evaluator only matches and fills an array of field
 * values in the record arena.
 *
 * The rules shared by all six (where the reference is silent, eddy's own):
 *  - NULL input gives a NULL row;
 *  - a line that does not have the expected shape gives a row whose fields
 *    are all NULL, never a lost row (DIALECT §12.5);
 *  - an empty field of a non-string type is NULL;
 *  - text that does not convert to its column's type, or a NULL in a
 *    NOT NULL column, sends the row to the error stream (CONVERSION). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/runtime/convert.h"
#include "src/runtime/rowtype.h"
#include "src/runtime/timeutil.h"
#include "fn_check.h"
#include "fn_families.h"
#include "regex.h"

#define MAX_FIELDS 256

/* ---------------------------------------------------------------------
 * Shared pieces
 * ------------------------------------------------------------------- */

/* The constant string argument of a call, or NULL after reporting. */
static const char *const_string(FnCtx *cx, Expr *arg, const char *fn, const char *what, uint32_t *len)
{
    if (arg->kind != EX_CONST || !type_is_string(arg->type.id) || arg->k.null) {
        fn_type_error(cx, arg, "%s's %s must be a constant string", fn, what);
        return NULL;
    }
    *len = arg->k.len;
    return arg->k.u.s;
}

/* One output field: its name and type, and for DATE / TIME / TIMESTAMP an
 * optional SimpleDateFormat pattern; FIXED_COLUMN_LOG_PARSE adds the
 * character range. */
typedef struct Field {
    char name[128];
    SqlType type;
    const char *fmt;      /* date format (plan arena) or NULL */
    uint32_t fmt_len;
    bool notnull;
    int32_t start, len;   /* characters; len < 0: to the end */
} Field;

/* What an evaluator needs besides its compiled pattern. */
typedef struct Parser {
    const Regex *rx;
    int n;
    Field *f;
    /* W3C_LOG_PARSE: per field, how its text converts (W3_*) */
    uint8_t *w3kind;
    /* VARIABLE_COLUMN_LOG_PARSE */
    const char *delim;
    uint32_t delim_len;
    const char *esc;       /* one character, or NULL */
    uint32_t esc_len;
    const char *bq, *eq;   /* quote characters, or NULL */
    uint32_t bq_len, eq_len;
} Parser;

static SqlType make_row_type(const Field *f, int n)
{
    Column cols[MAX_FIELDS];
    for (int i = 0; i < n; i++) {
        cols[i].name = f[i].name;
        cols[i].type = f[i].type;
    }
    return rowtype_make(n, cols);
}

static Field *column_fields(Arena *a, int n, SqlType t)
{
    Field *f = arena_alloc(a, sizeof(Field) * (size_t)(n ? n : 1));
    memset(f, 0, sizeof(Field) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        snprintf(f[i].name, sizeof f[i].name, "COLUMN%d", i + 1);
        f[i].type = t;
        f[i].len = -1;
    }
    return f;
}

static Value *null_fields(EvalCtx *cx, int n)
{
    Value *v = arena_alloc(cx->arena, sizeof(Value) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) v[i] = val_null();
    return v;
}

static void set_row(Value *out, Value *fields, int n)
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
static size_t read_month(const char *s, size_t n, int *mon)
{
    for (int m = 0; m < 12; m++) {
        size_t l = strlen(month_long[m]);
        if (n >= l && strncasecmp(s, month_long[m], l) == 0) { *mon = m + 1; return l; }
    }
    for (int m = 0; m < 12; m++)
        if (n >= 3 && strncasecmp(s, month_names[m], 3) == 0) { *mon = m + 1; return 3; }
    return 0;
}

static size_t read_digits(const char *s, size_t n, size_t max, int64_t *v)
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
static bool sdf_parse(const char *fmt, size_t fn, const char *s, size_t n, int64_t *ms)
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
            used = read_digits(s + p, n - p, cnt == 2 ? 2 : (adjacent ? cnt : 9), &v);
            if (!used) return false;
            year = (cnt == 2 && used == 2) ? 2000 + v : v;
            break;
        case 'M': case 'L':
            if (cnt >= 3) {
                int m;
                used = read_month(s + p, n - p, &m);
                if (!used) return false;
                mon = m;
            } else {
                used = read_digits(s + p, n - p, adjacent ? cnt : 2, &v);
                if (!used) return false;
                mon = v;
            }
            break;
        case 'd': used = read_digits(s + p, n - p, adjacent ? cnt : 2, &day); break;
        case 'H': case 'k': used = read_digits(s + p, n - p, adjacent ? cnt : 2, &hour); if (c == 'k' && hour == 24) hour = 0; break;
        case 'h': case 'K': used = read_digits(s + p, n - p, adjacent ? cnt : 2, &hour); h12 = true; if (hour == 12) hour = 0; break;
        case 'm': used = read_digits(s + p, n - p, adjacent ? cnt : 2, &min); break;
        case 's': used = read_digits(s + p, n - p, adjacent ? cnt : 2, &sec); break;
        case 'S': used = read_digits(s + p, n - p, maxd, &milli); break;
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
            size_t k = 1, d = read_digits(t + 1, tn - 1, 2, &hh);
            if (d != 2) return false;
            k += 2;
            if (k < tn && t[k] == ':') k++;
            d = read_digits(t + k, tn - k, 2, &mm);
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
static bool convert_field(EvalCtx *cx, const char *fn, const Field *f, const char *s, size_t n, Value *out)
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
            if (!sdf_parse(f->fmt, f->fmt_len, t, tn, &ms)) {
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

/* ---------------------------------------------------------------------
 * Column specifications: 'name TYPE t [NOT NULL] START n [FOR m], ...'
 * (FIXED_COLUMN_LOG_PARSE), 'name TYPE t [NOT NULL], ...'
 * (VARIABLE_COLUMN_LOG_PARSE) and 'name [t], ...' (REGEX_LOG_PARSE).
 * ------------------------------------------------------------------- */

typedef struct Spec {
    const char *s;
    size_t n, p;
    char err[200];
} Spec;

static void sp_blank(Spec *sp)
{
    while (sp->p < sp->n && isspace((unsigned char)sp->s[sp->p])) sp->p++;
}

/* Reads an identifier or keyword; quoted names keep their case. */
static bool sp_word(Spec *sp, char *out, size_t size, bool *quoted)
{
    sp_blank(sp);
    size_t k = 0;
    if (quoted) *quoted = false;
    if (sp->p < sp->n && sp->s[sp->p] == '"') {
        if (quoted) *quoted = true;
        sp->p++;
        while (sp->p < sp->n && sp->s[sp->p] != '"') {
            if (k + 1 < size) out[k++] = sp->s[sp->p];
            sp->p++;
        }
        if (sp->p >= sp->n) return false;
        sp->p++;
        out[k] = 0;
        return k > 0;
    }
    while (sp->p < sp->n && (isalnum((unsigned char)sp->s[sp->p]) || sp->s[sp->p] == '_' || sp->s[sp->p] == '$')) {
        if (k + 1 < size) out[k++] = (char)toupper((unsigned char)sp->s[sp->p]);
        sp->p++;
    }
    out[k] = 0;
    return k > 0;
}

static bool sp_keyword(Spec *sp, const char *kw)
{
    size_t save = sp->p;
    char w[32];
    bool q;
    if (sp_word(sp, w, sizeof w, &q) && !q && strcmp(w, kw) == 0) return true;
    sp->p = save;
    return false;
}

static bool sp_char(Spec *sp, char c)
{
    sp_blank(sp);
    if (sp->p < sp->n && sp->s[sp->p] == c) {
        sp->p++;
        return true;
    }
    return false;
}

static bool sp_int(Spec *sp, int64_t *v)
{
    sp_blank(sp);
    size_t d = read_digits(sp->s + sp->p, sp->n - sp->p, 9, v);
    sp->p += d;
    return d > 0;
}

/* A SQL type name with its length / precision. */
static bool sp_type(Spec *sp, SqlType *t)
{
    char w[32];
    size_t at = sp->p;
    if (!sp_word(sp, w, sizeof w, NULL)) {
        snprintf(sp->err, sizeof sp->err, "expected a type at offset %zu", at);
        return false;
    }
    int64_t a = -1, b = 0;
    if (strcmp(w, "CHAR") == 0 || strcmp(w, "CHARACTER") == 0 || strcmp(w, "VARCHAR") == 0) {
        bool var = w[0] == 'V' || sp_keyword(sp, "VARYING");
        if (sp_char(sp, '(')) {
            if (!sp_int(sp, &a) || a < 1 || a > TYPE_MAX_CHAR || !sp_char(sp, ')')) goto bad_len;
        } else {
            a = var ? 1024 : 1;
        }
        *t = type_string(var ? TY_VARCHAR : TY_CHAR, (int32_t)a);
        return true;
    }
    if (strcmp(w, "DECIMAL") == 0 || strcmp(w, "NUMERIC") == 0 || strcmp(w, "DEC") == 0) {
        a = TYPE_MAX_PRECISION;
        if (sp_char(sp, '(')) {
            if (!sp_int(sp, &a) || a < 1 || a > TYPE_MAX_PRECISION) goto bad_len;
            if (sp_char(sp, ',') && (!sp_int(sp, &b) || b > a)) goto bad_len;
            if (!sp_char(sp, ')')) goto bad_len;
        }
        *t = type_decimal((int)a, (int)b);
        return true;
    }
    static const struct { const char *name; TypeId id; } simple[] = {
        {"BOOLEAN", TY_BOOLEAN}, {"TINYINT", TY_TINYINT}, {"SMALLINT", TY_SMALLINT}, {"INTEGER", TY_INTEGER},
        {"INT", TY_INTEGER},     {"BIGINT", TY_BIGINT},   {"REAL", TY_REAL},         {"FLOAT", TY_DOUBLE},
        {"DOUBLE", TY_DOUBLE},   {"DATE", TY_DATE},       {"TIME", TY_TIME},         {"TIMESTAMP", TY_TIMESTAMP},
    };
    for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++)
        if (strcmp(w, simple[i].name) == 0) {
            if (simple[i].id == TY_DOUBLE) sp_keyword(sp, "PRECISION");
            *t = type_make(simple[i].id);
            return true;
        }
    snprintf(sp->err, sizeof sp->err, "unknown type %s", w);
    return false;
bad_len:
    snprintf(sp->err, sizeof sp->err, "bad length or precision for %s", w);
    return false;
}

enum { SPEC_FIXED = 1, SPEC_TYPE_KEYWORD = 2, SPEC_TYPE_OPTIONAL = 4 };

/* Parses a column list into fields (allocated in the plan arena). */
static int parse_spec(Arena *a, const char *s, size_t n, unsigned mode, Field **out, char *err, size_t errsize)
{
    Spec sp = {.s = s, .n = n};
    Field tmp[MAX_FIELDS];
    int k = 0;
    for (;;) {
        if (k == MAX_FIELDS) {
            snprintf(err, errsize, "more than %d columns", MAX_FIELDS);
            return -1;
        }
        Field *f = &tmp[k];
        memset(f, 0, sizeof *f);
        f->len = -1;
        size_t at = (sp_blank(&sp), sp.p);
        if (!sp_word(&sp, f->name, sizeof f->name, NULL)) {
            snprintf(err, errsize, "expected a column name at offset %zu", at);
            return -1;
        }
        for (int j = 0; j < k; j++)
            if (strcmp(tmp[j].name, f->name) == 0) {
                snprintf(err, errsize, "duplicate column name %.100s", f->name);
                return -1;
            }
        bool has_type = true;
        if (mode & SPEC_TYPE_KEYWORD) {
            if (!sp_keyword(&sp, "TYPE")) {
                snprintf(err, errsize, "expected TYPE after column name %.100s", f->name);
                return -1;
            }
        } else if (mode & SPEC_TYPE_OPTIONAL) {
            sp_blank(&sp);
            has_type = sp.p < sp.n && sp.s[sp.p] != ',';
        }
        if (has_type) {
            if (!sp_type(&sp, &f->type)) {
                snprintf(err, errsize, "column %.80s: %.150s", f->name, sp.err);
                return -1;
            }
        } else {
            f->type = type_string(TY_VARCHAR, 1024);
        }
        sp_blank(&sp);
        if (sp.p < sp.n && sp.s[sp.p] == '\'') {   /* date format */
            if (!type_is_datetime(f->type.id)) {
                snprintf(err, errsize, "column %.100s: only DATE, TIME and TIMESTAMP take a format", f->name);
                return -1;
            }
            size_t b = ++sp.p;
            while (sp.p < sp.n && sp.s[sp.p] != '\'') sp.p++;
            if (sp.p >= sp.n) {
                snprintf(err, errsize, "column %.100s: unterminated format", f->name);
                return -1;
            }
            f->fmt = arena_strndup(a, sp.s + b, sp.p - b);
            f->fmt_len = (uint32_t)(sp.p - b);
            sp.p++;
        }
        if (sp_keyword(&sp, "NOT")) {
            if (!sp_keyword(&sp, "NULL")) {
                snprintf(err, errsize, "column %.100s: expected NULL after NOT", f->name);
                return -1;
            }
            f->notnull = true;
            f->type.notnull = 1;
        }
        if (mode & SPEC_FIXED) {
            int64_t v;
            if (!sp_keyword(&sp, "START") || !sp_int(&sp, &v)) {
                snprintf(err, errsize, "column %.100s: expected START and a position", f->name);
                return -1;
            }
            f->start = (int32_t)v;
            if (sp_keyword(&sp, "FOR")) {
                if (!sp_int(&sp, &v)) {
                    snprintf(err, errsize, "column %.100s: expected a length after FOR", f->name);
                    return -1;
                }
                f->len = (int32_t)v;
            }
        }
        k++;
        if (sp_char(&sp, ',')) continue;
        sp_blank(&sp);
        if (sp.p != sp.n) {
            snprintf(err, errsize, "unexpected '%c' at offset %zu", sp.s[sp.p], sp.p);
            return -1;
        }
        break;
    }
    *out = arena_alloc(a, sizeof(Field) * (size_t)k);
    memcpy(*out, tmp, sizeof(Field) * (size_t)k);
    return k;
}

/* Fills fields from the capture groups of a match of p->rx. Returns false
 * when a conversion failed (the error is set). */
static bool fill_from_groups(EvalCtx *cx, const char *fn, const Parser *p, const char *s, int rc, Value *f)
{
    PCRE2_SIZE *ov = rx_ovector(p->rx);
    for (int i = 0; i < p->n && i + 1 < rc; i++) {
        PCRE2_SIZE a = ov[2 * (i + 1)], b = ov[2 * (i + 1) + 1];
        if (a == PCRE2_UNSET) continue;
        if (!convert_field(cx, fn, &p->f[i], s + a, b - a, &f[i])) return false;
    }
    return true;
}

/* ---------------------------------------------------------------------
 * REGEX_LOG_PARSE(str, java-regex [, 'name [type], ...'])
 * ------------------------------------------------------------------- */

/* The pattern must match the whole string, as Java's Matcher.matches()
 * does; each capture group is a field, COLUMN1..COLUMNn VARCHAR(1024)
 * unless the third argument names and types them. */
static void eval_regex_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s;
    expr_eval(e->args[0], cx, &s);
    if (s.null) {
        *out = val_null();
        return;
    }
    const Parser *p = e->aux;
    Value *f = null_fields(cx, p->n);
    int rc = rx_match(p->rx, s.u.s, s.len, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED);
    if (rc > 0) {
        if (!fill_from_groups(cx, e->name, p, s.u.s, rc, f)) {
            *out = val_null();
            return;
        }
    } else if (rc < 0) {
        expr_fail(cx, "REGEX", "%s could not match (PCRE2 error %d)", e->name, rc);
    }
    set_row(out, f, p->n);
}

static bool compile_pattern(FnCtx *cx, Expr *arg, const char *pat, size_t len, uint32_t options, const Regex **rx)
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

static bool check_regex_log_parse(FnCtx *cx, Expr *e)
{
    if (!fn_expect_string(cx, e->args[0], 1, "REGEX_LOG_PARSE")) return false;
    uint32_t len;
    const char *pat = const_string(cx, e->args[1], "REGEX_LOG_PARSE", "pattern", &len);
    if (!pat) return false;
    Parser *p = arena_alloc(cx->arena, sizeof *p);
    memset(p, 0, sizeof *p);
    if (!compile_pattern(cx, e->args[1], pat, len, PCRE2_ANCHORED | PCRE2_ENDANCHORED, &p->rx)) return false;
    if (p->rx->groups > MAX_FIELDS) {
        fn_type_error(cx, e->args[1], "REGEX_LOG_PARSE supports at most %d groups", MAX_FIELDS);
        return false;
    }
    if (e->nargs == 3) {
        uint32_t cl;
        const char *cols = const_string(cx, e->args[2], "REGEX_LOG_PARSE", "column list", &cl);
        if (!cols) return false;
        char err[256];
        p->n = parse_spec(cx->arena, cols, cl, SPEC_TYPE_OPTIONAL, &p->f, err, sizeof err);
        if (p->n < 0) {
            fn_type_error(cx, e->args[2], "invalid column list: %s", err);
            return false;
        }
        if ((uint32_t)p->n > p->rx->groups) {
            fn_type_error(cx, e->args[2], "the column list names %d columns but the pattern has %u groups", p->n,
                          p->rx->groups);
            return false;
        }
    } else {
        p->n = (int)p->rx->groups;
        p->f = column_fields(cx->arena, p->n, type_string(TY_VARCHAR, 1024));
    }
    e->aux = p;
    e->type = make_row_type(p->f, p->n);
    e->eval = eval_regex_log_parse;
    return true;
}

/* ---------------------------------------------------------------------
 * FAST_REGEX_LOG_PARSE(str, fast-regex)
 *
 * The fast-regex dialect (| & ? * + {n} {n,} {n,m} [..] [^..] . # @ "..."
 * () <Name> <n-m>) is translated to PCRE2. The reference evaluates it as a
 * series of expressions, one per group and one per run outside groups, each
 * matched lazily and never backtracked into, where each expression stops at
 * the first place the fixed-length text that follows it can match, and the
 * whole input must be consumed. In PCRE2 terms each top-level piece
 * becomes an atomic group of lazy quantifiers followed by a lookahead for
 * the fixed-length text after it (and \z after the last one).
 * ------------------------------------------------------------------- */

enum { FN_RAW, FN_GROUP, FN_CONCAT, FN_UNION, FN_REPEAT };

typedef struct FNode {
    uint8_t kind;
    int32_t flen;          /* fixed length in characters, -1 if variable */
    int32_t kid, next;     /* first child, next sibling (-1 none) */
    int32_t min, max;      /* FN_REPEAT: max -1 = unbounded */
    uint32_t text, tlen;   /* FN_RAW: PCRE2 text in the pool */
} FNode;

typedef struct FastRx {
    const char *s;
    size_t n, p;
    FNode node[1024];
    int nnodes;
    char pool[16384];
    size_t plen;
    char out[32768];
    size_t olen;
    bool overflow;
    char err[200];
    size_t erroff;
} FastRx;

static int fr_node(FastRx *r, uint8_t kind)
{
    if (r->nnodes == (int)(sizeof r->node / sizeof r->node[0])) {
        r->overflow = true;
        return 0;
    }
    FNode *x = &r->node[r->nnodes];
    memset(x, 0, sizeof *x);
    x->kind = kind;
    x->kid = x->next = -1;
    x->text = (uint32_t)r->plen;
    return r->nnodes++;
}

static void fr_pool(FastRx *r, const char *s, size_t n)
{
    if (r->plen + n >= sizeof r->pool) {
        r->overflow = true;
        return;
    }
    memcpy(r->pool + r->plen, s, n);
    r->plen += n;
}

static void fr_poolf(FastRx *r, const char *s) { fr_pool(r, s, strlen(s)); }

/* A literal character (one UTF-8 sequence at s) as PCRE2 text. */
static void fr_pool_literal(FastRx *r, const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    char buf[8];
    if (c >= 0x80) fr_pool(r, s, n);
    else if (isalnum(c)) fr_pool(r, s, 1);
    else if (c < 0x20 || c == 0x7f) {
        snprintf(buf, sizeof buf, "\\x{%x}", c);
        fr_poolf(r, buf);
    } else {
        buf[0] = '\\';
        buf[1] = (char)c;
        fr_pool(r, buf, 2);
    }
}

static size_t utf8_len_at(const char *s, size_t n)
{
    unsigned char c = (unsigned char)s[0];
    size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return l > n ? n : l;
}

static bool fr_fail(FastRx *r, const char *msg)
{
    if (!r->err[0]) {
        snprintf(r->err, sizeof r->err, "%s", msg);
        r->erroff = r->p;
    }
    return false;
}

static int fr_union(FastRx *r);

/* A backslash escape at r->p (after the backslash) into the pool; true if
 * it was a class escape (\d \s \w and their negations). */
static void fr_escape(FastRx *r)
{
    char c = r->s[r->p];
    if (strchr("dDsSwW", c)) {
        char b[3] = {'\\', c, 0};
        fr_poolf(r, b);
        r->p++;
        return;
    }
    if (c == 't') { fr_poolf(r, "\\t"); r->p++; return; }
    if (c == 'n') { fr_poolf(r, "\\n"); r->p++; return; }
    if (c == 'r') { fr_poolf(r, "\\r"); r->p++; return; }
    size_t l = utf8_len_at(r->s + r->p, r->n - r->p);
    fr_pool_literal(r, r->s + r->p, l);
    r->p += l;
}

/* The named classes of the fast-regex dialect. */
static const char *named_class(const char *name, size_t n)
{
    static const struct { const char *name, *pcre; } cls[] = {
        {"Digit", "[0-9]"},      {"Upper", "[A-Z]"},        {"Lower", "[a-z]"},        {"ASCII", "[\\x{0}-\\x{7f}]"},
        {"Alpha", "[A-Za-z]"},   {"Alnum", "[A-Za-z0-9]"},  {"Punct", "[[:punct:]]"},  {"Graph", "[[:graph:]]"},
        {"Print", "[[:print:]]"}, {"Blank", "[ \\t]"},      {"Cntrl", "[[:cntrl:]]"},  {"XDigit", "[0-9A-Fa-f]"},
        {"Space", "[ \\t\\n\\x{b}\\f\\r]"},
        {"L", "\\p{L}"},   {"Lu", "\\p{Lu}"}, {"Ll", "\\p{Ll}"}, {"Lt", "\\p{Lt}"}, {"Lm", "\\p{Lm}"},
        {"Lo", "\\p{Lo}"}, {"M", "\\p{M}"},   {"Mn", "\\p{Mn}"}, {"Mc", "\\p{Mc}"}, {"Me", "\\p{Me}"},
        {"N", "\\p{N}"},   {"Nd", "\\p{Nd}"}, {"Nl", "\\p{Nl}"}, {"No", "\\p{No}"}, {"P", "\\p{P}"},
        {"Pc", "\\p{Pc}"}, {"Pd", "\\p{Pd}"}, {"Ps", "\\p{Ps}"}, {"Pe", "\\p{Pe}"}, {"Pi", "\\p{Pi}"},
        {"Pf", "\\p{Pf}"}, {"Po", "\\p{Po}"}, {"S", "\\p{S}"},   {"Sm", "\\p{Sm}"}, {"Sc", "\\p{Sc}"},
        {"Sk", "\\p{Sk}"}, {"So", "\\p{So}"}, {"Z", "\\p{Z}"},   {"Zs", "\\p{Zs}"}, {"Zl", "\\p{Zl}"},
        {"Zp", "\\p{Zp}"}, {"C", "\\p{C}"},   {"Cc", "\\p{Cc}"}, {"Cf", "\\p{Cf}"}, {"Co", "\\p{Co}"},
        {"Cs", "\\p{Cs}"}, {"Cn", "\\p{Cn}"},
    };
    for (size_t i = 0; i < sizeof cls / sizeof cls[0]; i++)
        if (strlen(cls[i].name) == n && strncmp(cls[i].name, name, n) == 0) return cls[i].pcre;
    return NULL;
}

/* PCRE2 text for the numbers from lo to hi, both of exactly `w` digits. */
static void fr_range_same(FastRx *r, const char *lo, const char *hi, int w)
{
    if (w == 0) return;
    char b[64];
    bool lo_zero = true, hi_nine = true;
    for (int i = 1; i < w; i++) {
        if (lo[i] != '0') lo_zero = false;
        if (hi[i] != '9') hi_nine = false;
    }
    if (lo[0] == hi[0]) {
        fr_pool(r, lo, 1);
        fr_range_same(r, lo + 1, hi + 1, w - 1);
        return;
    }
    fr_poolf(r, "(?:");
    if (lo_zero && hi_nine) {
        snprintf(b, sizeof b, "[%c-%c]", lo[0], hi[0]);
        fr_poolf(r, b);
        if (w > 1) { snprintf(b, sizeof b, "[0-9]{%d}", w - 1); fr_poolf(r, b); }
        fr_poolf(r, ")");
        return;
    }
    char nines[20], zeros[20];
    memset(nines, '9', sizeof nines);
    memset(zeros, '0', sizeof zeros);
    char first = lo[0], last = hi[0];
    if (!lo_zero) {
        fr_pool(r, lo, 1);
        fr_range_same(r, lo + 1, nines, w - 1);
        fr_poolf(r, "|");
        first++;
    }
    if (!hi_nine) last--;
    if (first <= last) {
        snprintf(b, sizeof b, "[%c-%c]", first, last);
        fr_poolf(r, b);
        if (w > 1) { snprintf(b, sizeof b, "[0-9]{%d}", w - 1); fr_poolf(r, b); }
        if (!hi_nine) fr_poolf(r, "|");
    }
    if (!hi_nine) {
        fr_pool(r, hi, 1);
        fr_range_same(r, zeros, hi + 1, w - 1);
    }
    fr_poolf(r, ")");
}

/* <lo-hi>: when both bounds are written with the same number of digits the
 * numbers have that fixed width (zero-padded); otherwise any number of
 * leading zeros is allowed. Returns the fixed width or -1. */
static int fr_interval(FastRx *r, const char *a, size_t an, const char *b, size_t bn)
{
    if (an > 18 || bn > 18) return fr_fail(r, "numeric interval bound too large"), -2;
    char lo[24], hi[24];
    memcpy(lo, a, an);
    lo[an] = 0;
    memcpy(hi, b, bn);
    hi[bn] = 0;
    long long x = atoll(lo), y = atoll(hi);
    if (x > y) {
        long long t = x;
        x = y;
        y = t;
    }
    int fixed = an == bn ? (int)an : -1;
    fr_poolf(r, "(?:");
    if (fixed > 0) {
        snprintf(lo, sizeof lo, "%0*lld", fixed, x);
        snprintf(hi, sizeof hi, "%0*lld", fixed, y);
        fr_range_same(r, lo, hi, fixed);
    } else {
        /* any leading zeros, then [x, y] split into runs of equal digit count */
        fr_poolf(r, "0*(?:");
        for (long long cur = x; cur <= y;) {
            int w = snprintf(lo, sizeof lo, "%lld", cur);
            long long top = 1;
            for (int i = 0; i < w; i++) top *= 10;
            long long end = top - 1 < y ? top - 1 : y;
            snprintf(hi, sizeof hi, "%lld", end);
            if (cur != x) fr_poolf(r, "|");
            fr_range_same(r, lo, hi, w);
            cur = end + 1;
        }
        fr_poolf(r, ")");
    }
    fr_poolf(r, ")");
    return fixed;
}

static int fr_simple(FastRx *r)
{
    if (r->p >= r->n) return fr_fail(r, "unexpected end of pattern"), -1;
    const char *s = r->s;
    char c = s[r->p];
    int x;
    switch (c) {
    case '(': {
        r->p++;
        x = fr_node(r, FN_GROUP);
        if (r->p < r->n && s[r->p] == ')') {   /* () the empty string */
            r->p++;
            r->node[x].flen = 0;
            return x;
        }
        int k = fr_union(r);
        if (k < 0) return -1;
        if (r->p >= r->n || s[r->p] != ')') return fr_fail(r, "missing )"), -1;
        r->p++;
        r->node[x].kid = k;
        r->node[x].flen = r->node[k].flen;
        return x;
    }
    case '[': {
        r->p++;
        x = fr_node(r, FN_RAW);
        fr_poolf(r, "[");
        if (r->p < r->n && s[r->p] == '^') { fr_poolf(r, "^"); r->p++; }
        bool any = false;
        while (r->p < r->n && s[r->p] != ']') {
            if (s[r->p] == '\\' && r->p + 1 < r->n) {
                r->p++;
                fr_escape(r);
            } else {
                size_t l = utf8_len_at(s + r->p, r->n - r->p);
                fr_pool_literal(r, s + r->p, l);
                r->p += l;
            }
            if (r->p + 1 < r->n && s[r->p] == '-' && s[r->p + 1] != ']') {
                fr_poolf(r, "-");
                r->p++;
                if (s[r->p] == '\\' && r->p + 1 < r->n) {
                    r->p++;
                    fr_escape(r);
                } else {
                    size_t l = utf8_len_at(s + r->p, r->n - r->p);
                    fr_pool_literal(r, s + r->p, l);
                    r->p += l;
                }
            }
            any = true;
        }
        if (r->p >= r->n) return fr_fail(r, "missing ]"), -1;
        if (!any) return fr_fail(r, "empty character class"), -1;
        r->p++;
        fr_poolf(r, "]");
        r->node[x].flen = 1;
        break;
    }
    case '"': {
        r->p++;
        x = fr_node(r, FN_RAW);
        int chars = 0;
        while (r->p < r->n && s[r->p] != '"') {
            size_t l = utf8_len_at(s + r->p, r->n - r->p);
            fr_pool_literal(r, s + r->p, l);
            r->p += l;
            chars++;
        }
        if (r->p >= r->n) return fr_fail(r, "missing closing \""), -1;
        r->p++;
        r->node[x].flen = chars;
        break;
    }
    case '<': {
        size_t b = ++r->p;
        while (r->p < r->n && s[r->p] != '>') r->p++;
        if (r->p >= r->n) return fr_fail(r, "missing >"), -1;
        const char *body = s + b;
        size_t bl = r->p - b;
        r->p++;
        x = fr_node(r, FN_RAW);
        const char *dash = memchr(body, '-', bl);
        size_t i = 0;
        while (i < bl && body[i] >= '0' && body[i] <= '9') i++;
        if (dash && i == (size_t)(dash - body) && i > 0) {
            size_t j = i + 1;
            while (j < bl && body[j] >= '0' && body[j] <= '9') j++;
            if (j != bl || j == i + 1) return r->p = b, fr_fail(r, "bad numeric interval"), -1;
            int w = fr_interval(r, body, i, dash + 1, bl - i - 1);
            if (w == -2) return -1;
            r->node[x].flen = w;
        } else {
            const char *pc = named_class(body, bl);
            if (!pc) {
                r->p = b;
                snprintf(r->err, sizeof r->err, "unknown named class <%.*s>", (int)(bl > 40 ? 40 : bl), body);
                r->erroff = b;
                return -1;
            }
            fr_poolf(r, pc);
            r->node[x].flen = 1;
        }
        break;
    }
    case '.':
        r->p++;
        x = fr_node(r, FN_RAW);
        fr_poolf(r, ".");
        r->node[x].flen = 1;
        break;
    case '#':
        r->p++;
        x = fr_node(r, FN_RAW);
        fr_poolf(r, "(?!)");
        r->node[x].flen = 0;
        break;
    case '@':
        r->p++;
        x = fr_node(r, FN_RAW);
        fr_poolf(r, ".*?");
        r->node[x].flen = -1;
        break;
    case '\\':
        if (r->p + 1 >= r->n) return fr_fail(r, "pattern ends with a backslash"), -1;
        r->p++;
        x = fr_node(r, FN_RAW);
        fr_escape(r);
        r->node[x].flen = 1;
        break;
    case ')': case '|': case '&': case '*': case '+': case '?': case '{':
        return fr_fail(r, "unexpected character"), -1;
    default: {
        x = fr_node(r, FN_RAW);
        size_t l = utf8_len_at(s + r->p, r->n - r->p);
        fr_pool_literal(r, s + r->p, l);
        r->p += l;
        r->node[x].flen = 1;
        break;
    }
    }
    r->node[x].tlen = (uint32_t)(r->plen - r->node[x].text);
    return x;
}

static int fr_repeat(FastRx *r)
{
    int x = fr_simple(r);
    if (x < 0) return -1;
    while (r->p < r->n && strchr("?*+{", r->s[r->p])) {
        int y = fr_node(r, FN_REPEAT);
        FNode *q = &r->node[y];
        char c = r->s[r->p++];
        if (c == '?') q->min = 0, q->max = 1;
        else if (c == '*') q->min = 0, q->max = -1;
        else if (c == '+') q->min = 1, q->max = -1;
        else {
            int64_t a, b;
            size_t d = read_digits(r->s + r->p, r->n - r->p, 6, &a);
            if (!d) return fr_fail(r, "expected a number after {"), -1;
            r->p += d;
            b = a;
            if (r->p < r->n && r->s[r->p] == ',') {
                r->p++;
                d = read_digits(r->s + r->p, r->n - r->p, 6, &b);
                r->p += d;
                if (!d) b = -1;
            }
            if (r->p >= r->n || r->s[r->p] != '}') return fr_fail(r, "expected }"), -1;
            r->p++;
            if (b >= 0 && b < a) return fr_fail(r, "bad repetition bounds"), -1;
            q->min = (int32_t)a;
            q->max = (int32_t)b;
        }
        q->kid = x;
        int32_t kl = r->node[x].flen;
        q->flen = (kl >= 0 && q->min == q->max) ? kl * q->min : -1;
        x = y;
    }
    return x;
}

static int fr_concat(FastRx *r)
{
    int x = fr_node(r, FN_CONCAT), last = -1;
    int32_t flen = 0;
    while (r->p < r->n && r->s[r->p] != '|' && r->s[r->p] != ')' && r->s[r->p] != '&') {
        int k = fr_repeat(r);
        if (k < 0) return -1;
        if (last < 0) r->node[x].kid = k;
        else r->node[last].next = k;
        last = k;
        flen = (flen < 0 || r->node[k].flen < 0) ? -1 : flen + r->node[k].flen;
    }
    r->node[x].flen = flen;
    return x;
}

static int fr_union(FastRx *r)
{
    int a = fr_concat(r);
    if (a < 0) return -1;
    if (r->p < r->n && r->s[r->p] == '&')
        return fr_fail(r, "intersection (&) is not supported by eddy's FAST_REGEX_LOG_PARSE"), -1;
    if (r->p >= r->n || r->s[r->p] != '|') return a;
    int x = fr_node(r, FN_UNION);
    r->node[x].kid = a;
    int32_t flen = r->node[a].flen;
    int last = a;
    while (r->p < r->n && r->s[r->p] == '|') {
        r->p++;
        int b = fr_concat(r);
        if (b < 0) return -1;
        if (r->p < r->n && r->s[r->p] == '&')
            return fr_fail(r, "intersection (&) is not supported by eddy's FAST_REGEX_LOG_PARSE"), -1;
        r->node[last].next = b;
        last = b;
        if (r->node[b].flen != flen) flen = -1;
    }
    r->node[x].flen = flen;
    return x;
}

static void fr_out(FastRx *r, const char *s, size_t n)
{
    if (r->olen + n >= sizeof r->out) {
        r->overflow = true;
        return;
    }
    memcpy(r->out + r->olen, s, n);
    r->olen += n;
}

static void fr_outs(FastRx *r, const char *s) { fr_out(r, s, strlen(s)); }

static bool fr_greedy_repeat(const FastRx *r, int x);

/* Emits node x; capture = false inside lookaheads (groups do not count). */
static void fr_emit(FastRx *r, int x, bool capture)
{
    const FNode *q = &r->node[x];
    char b[48];
    switch (q->kind) {
    case FN_RAW:
        fr_out(r, r->pool + q->text, q->tlen);
        break;
    case FN_GROUP:
        fr_outs(r, capture ? "(" : "(?:");
        if (q->kid >= 0) fr_emit(r, q->kid, capture);
        fr_outs(r, ")");
        break;
    case FN_CONCAT:
        for (int k = q->kid; k >= 0; k = r->node[k].next) fr_emit(r, k, capture);
        break;
    case FN_UNION:
        fr_outs(r, "(?:");
        for (int k = q->kid; k >= 0; k = r->node[k].next) {
            if (k != q->kid) fr_outs(r, "|");
            fr_emit(r, k, capture);
        }
        fr_outs(r, ")");
        break;
    case FN_REPEAT: {
        bool greedy = fr_greedy_repeat(r, x);
        fr_outs(r, "(?:");
        fr_emit(r, q->kid, capture);
        fr_outs(r, ")");
        if (q->max < 0) snprintf(b, sizeof b, "{%d,}%s", q->min, greedy ? "" : "?");
        else if (q->min == q->max) snprintf(b, sizeof b, "{%d}", q->min);
        else snprintf(b, sizeof b, "{%d,%d}%s", q->min, q->max, greedy ? "" : "?");
        fr_outs(r, b);
        break;
    }
    }
}

/* A repeat of one character of a class narrower than "any" takes every
 * such character there is (within its piece, which still stops where the
 * text after it can follow), as the reference's Examples B and C show
 * ("after finding the multiple underscores required by the _+
 * specification, the group-2 specification accepts all remaining
 * characters"), so (<Digit>+) is a whole number. A repeat of "." stays lazy. */
static bool fr_greedy_repeat(const FastRx *r, int x)
{
    const FNode *q = &r->node[x];
    if (q->kind != FN_REPEAT) return false;
    const FNode *k = &r->node[q->kid];
    return k->kind == FN_RAW && k->flen == 1 && !(k->tlen == 1 && r->pool[k->text] == '.');
}

/* A top-level piece: a group, or a run of items outside groups. */
typedef struct Seg {
    int first, count;    /* items (siblings from first) */
    bool group;
} Seg;

/* Emits the longest fixed-length prefix of a list of items (without
 * captures); true if the whole list is fixed. */
static bool fr_emit_fixed_prefix(FastRx *r, int first, int count)
{
    int k = first;
    for (int i = 0; i < count && k >= 0; i++, k = r->node[k].next) {
        const FNode *q = &r->node[k];
        if (q->flen >= 0) {
            fr_emit(r, k, false);
            continue;
        }
        if (q->kind == FN_GROUP && q->kid >= 0) {   /* a group's own prefix */
            const FNode *c = &r->node[q->kid];
            if (c->kind == FN_CONCAT) fr_emit_fixed_prefix(r, c->kid, 1 << 30);
        } else if (q->kind == FN_CONCAT) {
            fr_emit_fixed_prefix(r, q->kid, 1 << 30);
        } else if (q->kind == FN_REPEAT && q->min > 0 && r->node[q->kid].flen >= 0) {
            /* "_+" is "_" then "_*" (the reference's Example B) */
            for (int m = 0; m < q->min; m++) fr_emit(r, q->kid, false);
        }
        return false;
    }
    return true;
}

static const char *fast_regex_to_pcre(FastRx *r, int *groups)
{
    int root = fr_union(r);
    if (root < 0) return NULL;
    if (r->p != r->n) {
        fr_fail(r, "unbalanced )");
        return NULL;
    }
    *groups = 0;
    for (int i = 0; i < r->nnodes; i++)
        if (r->node[i].kind == FN_GROUP) (*groups)++;
    Seg seg[512];
    int nseg = 0;
    if (r->node[root].kind == FN_CONCAT) {
        for (int k = r->node[root].kid; k >= 0 && nseg < 512; k = r->node[k].next) {
            bool g = r->node[k].kind == FN_GROUP;
            if (!g && nseg > 0 && !seg[nseg - 1].group) {
                seg[nseg - 1].count++;
                continue;
            }
            seg[nseg++] = (Seg){k, 1, g};
        }
    } else {
        seg[nseg++] = (Seg){root, 1, r->node[root].kind == FN_GROUP};
    }
    for (int i = 0; i < nseg; i++) {
        fr_outs(r, "(?>");
        int k = seg[i].first;
        for (int j = 0; j < seg[i].count; j++, k = r->node[k].next) fr_emit(r, k, true);
        fr_outs(r, "(?=");
        bool to_end = true;
        for (int j = i + 1; j < nseg && to_end; j++)
            to_end = fr_emit_fixed_prefix(r, seg[j].first, seg[j].count);
        if (to_end) fr_outs(r, "\\z");
        fr_outs(r, "))");
    }
    if (r->overflow) {
        fr_fail(r, "pattern too long");
        return NULL;
    }
    fr_out(r, "", 1);
    return r->out;
}

static void eval_fast_regex_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s;
    expr_eval(e->args[0], cx, &s);
    if (s.null) {
        *out = val_null();
        return;
    }
    const Parser *p = e->aux;
    Value *f = null_fields(cx, p->n);
    int rc = rx_match(p->rx, s.u.s, s.len, 0, PCRE2_ANCHORED);
    if (rc > 0) {
        fill_from_groups(cx, e->name, p, s.u.s, rc, f);
    } else if (rc < 0) {
        expr_fail(cx, "REGEX", "%s could not match (PCRE2 error %d)", e->name, rc);
    }
    set_row(out, f, p->n);
}

static bool check_fast_regex_log_parse(FnCtx *cx, Expr *e)
{
    const char *fn = e->name;
    if (!fn_expect_string(cx, e->args[0], 1, fn)) return false;
    uint32_t len;
    const char *pat = const_string(cx, e->args[1], fn, "pattern", &len);
    if (!pat) return false;
    FastRx *r = calloc(1, sizeof *r);
    if (!r) {
        fn_type_error(cx, e->args[1], "out of memory");
        return false;
    }
    r->s = pat;
    r->n = len;
    int groups = 0;
    const char *pcre = fast_regex_to_pcre(r, &groups);
    if (!pcre) {
        fn_type_error(cx, e->args[1], "invalid fast regex at offset %zu: %s", r->erroff, r->err);
        free(r);
        return false;
    }
    if (groups > MAX_FIELDS) {
        fn_type_error(cx, e->args[1], "%s supports at most %d groups", fn, MAX_FIELDS);
        free(r);
        return false;
    }
    Parser *p = arena_alloc(cx->arena, sizeof *p);
    memset(p, 0, sizeof *p);
    bool ok = compile_pattern(cx, e->args[1], pcre, r->olen - 1, PCRE2_DOTALL | PCRE2_ANCHORED, &p->rx);
    free(r);
    if (!ok) return false;
    p->n = groups;
    p->f = column_fields(cx->arena, p->n, type_string(TY_VARCHAR, 1024));
    e->aux = p;
    e->type = make_row_type(p->f, p->n);
    e->eval = eval_fast_regex_log_parse;
    return true;
}

/* ---------------------------------------------------------------------
 * W3C_LOG_PARSE(str, format)
 * ------------------------------------------------------------------- */

enum { W3_TEXT, W3_DASH_TEXT, W3_NUM, W3_CLF_TIME, W3_IIS_DATE, W3_IIS_TIME };

typedef struct W3Build {
    char re[8192];
    size_t len;
    Field f[MAX_FIELDS];
    uint8_t kind[MAX_FIELDS];
    int n;
    bool overflow;
} W3Build;

static void w3_re(W3Build *b, const char *s)
{
    size_t n = strlen(s);
    if (b->len + n >= sizeof b->re) {
        b->overflow = true;
        return;
    }
    memcpy(b->re + b->len, s, n);
    b->len += n;
    b->re[b->len] = 0;
}

static void w3_literal(W3Build *b, char c)
{
    char t[8];
    if (isalnum((unsigned char)c) || (unsigned char)c >= 0x80) t[0] = c, t[1] = 0;
    else if ((unsigned char)c < 0x20) snprintf(t, sizeof t, "\\x{%x}", (unsigned char)c);
    else t[0] = '\\', t[1] = c, t[2] = 0;
    w3_re(b, t);
}

static bool w3_field(W3Build *b, const char *re, SqlType t, uint8_t kind)
{
    if (b->n == MAX_FIELDS) return false;
    Field *f = &b->f[b->n];
    memset(f, 0, sizeof *f);
    snprintf(f->name, sizeof f->name, "COLUMN%d", b->n + 1);
    f->type = t;
    f->len = -1;
    b->kind[b->n++] = kind;
    w3_re(b, re);
    return true;
}

/* Builds the pattern and the fields of an Apache LogFormat string. */
static bool w3_format(W3Build *b, const char *s, size_t n, char *err, size_t errsize)
{
    SqlType text = type_string(TY_VARCHAR, 1024);
    for (size_t i = 0; i < n;) {
        char c = s[i];
        if (c == '\\' && i + 1 < n) {
            char d = s[i + 1];
            w3_literal(b, d == 't' ? '\t' : d == 'n' ? '\n' : d);
            i += 2;
            continue;
        }
        if (c != '%') {
            w3_literal(b, c);
            i++;
            continue;
        }
        size_t at = i++;
        /* conditions: status codes, '!', and the < > modifiers */
        while (i < n && (isdigit((unsigned char)s[i]) || s[i] == ',' || s[i] == '!' || s[i] == '<' || s[i] == '>'))
            i++;
        bool has_param = false;
        if (i < n && (s[i] == '{' || s[i] == '[')) {
            char close = s[i] == '{' ? '}' : ']';
            while (i < n && s[i] != close) i++;
            if (i >= n) {
                snprintf(err, errsize, "unterminated parameter in the directive at offset %zu", at);
                return false;
            }
            i++;
            has_param = true;
        }
        if (i >= n) {
            snprintf(err, errsize, "incomplete directive at offset %zu", at);
            return false;
        }
        char k = s[i++];
        bool ok = true;
        switch (k) {
        case '%': w3_literal(b, '%'); break;
        case 'a': case 'A': case 'h': case 'l': case 'u': case 'v': case 'V': case 'H': case 'm': case 'f':
        case 'L': case 'R': case 'X':
            ok = w3_field(b, "(\\S*)", text, W3_DASH_TEXT);
            break;
        case 'U':
            ok = w3_field(b, "([^\\s?]*)", text, W3_TEXT);
            break;
        case 'q':   /* the query string with its '?', or nothing */
            ok = w3_field(b, "(\\?\\S*|)", text, W3_TEXT);
            break;
        case 'r': case 'i': case 'o': case 'C': case 'e': case 'n': case '^':
            ok = w3_field(b, "(.*?)", text, W3_DASH_TEXT);
            break;
        case 'b': case 'B': case 'D': case 'T': case 'I': case 'O': case 'S':
            ok = w3_field(b, "(-|[0-9]+)", type_make(TY_BIGINT), W3_NUM);
            break;
        case 's': case 'p': case 'P': case 'k':
            ok = w3_field(b, "(-|[0-9]+)", type_make(TY_INTEGER), W3_NUM);
            break;
        case 't':
            /* the text as the log has it (the reference page: COMMON's %t
             * holds "[24/May/2004:22:01:02 -0700]", and written [%t] the
             * same column holds what is inside the brackets) */
            if (has_param) ok = w3_field(b, "(.*?)", text, W3_TEXT);
            else if (at > 0 && s[at - 1] == '[') ok = w3_field(b, "([^\\]]*)", text, W3_TEXT);
            else ok = w3_field(b, "(\\[[^\\]]*\\])", text, W3_TEXT);
            break;
        default:
            snprintf(err, errsize, "unknown directive %%%c at offset %zu", k, at);
            return false;
        }
        if (!ok) {
            snprintf(err, errsize, "more than %d fields", MAX_FIELDS);
            return false;
        }
    }
    if (b->overflow) {
        snprintf(err, errsize, "format too long");
        return false;
    }
    return true;
}

/* The Microsoft IIS log format: fifteen comma-separated fields ending with
 * a comma (client IP, user, date, time, service, server name, server IP,
 * time taken, bytes received, bytes sent, status, Windows status, method,
 * target, parameters). */
static void w3_iis(W3Build *b)
{
    SqlType text = type_string(TY_VARCHAR, 1024);
    const char *sep = ", ?";
    w3_field(b, "([^,]*)", text, W3_DASH_TEXT);
    w3_re(b, sep);
    w3_field(b, "([^,]*)", text, W3_DASH_TEXT);
    w3_re(b, sep);
    w3_field(b, "([^,]*)", type_make(TY_DATE), W3_IIS_DATE);
    w3_re(b, sep);
    w3_field(b, "([^,]*)", type_make(TY_TIME), W3_IIS_TIME);
    for (int i = 0; i < 3; i++) {
        w3_re(b, sep);
        w3_field(b, "([^,]*)", text, W3_DASH_TEXT);
    }
    for (int i = 0; i < 5; i++) {
        w3_re(b, sep);
        w3_field(b, "(-|[0-9]+)", type_make(i == 3 ? TY_INTEGER : TY_BIGINT), W3_NUM);
    }
    for (int i = 0; i < 3; i++) {
        w3_re(b, sep);
        w3_field(b, "([^,]*)", text, W3_DASH_TEXT);
    }
    w3_re(b, ",?");
}

static void eval_w3c_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s;
    expr_eval(e->args[0], cx, &s);
    if (s.null) {
        *out = val_null();
        return;
    }
    const Parser *p = e->aux;
    Value *f = null_fields(cx, p->n);
    int rc = rx_match(p->rx, s.u.s, s.len, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED);
    if (rc < 0) expr_fail(cx, "REGEX", "W3C_LOG_PARSE could not match (PCRE2 error %d)", rc);
    if (rc <= 0) {
        set_row(out, f, p->n);
        return;
    }
    PCRE2_SIZE *ov = rx_ovector(p->rx);
    for (int i = 0; i < p->n && i + 1 < rc; i++) {
        PCRE2_SIZE a = ov[2 * (i + 1)], b = ov[2 * (i + 1) + 1];
        if (a == PCRE2_UNSET) continue;
        const char *t = s.u.s + a;
        size_t tn = b - a;
        uint8_t k = p->w3kind[i];
        /* '-' is no value for a number, a date or a time; text keeps it, as
         * the reference page's COMMON example shows for %l */
        if (k != W3_TEXT && k != W3_DASH_TEXT && tn == 1 && t[0] == '-') continue;
        int64_t ms;
        switch (k) {
        case W3_CLF_TIME:
            if (!sdf_parse("dd/MMM/yyyy:HH:mm:ss Z", 22, t, tn, &ms) &&
                !sdf_parse("dd/MMM/yyyy:HH:mm:ss", 20, t, tn, &ms)) {
                expr_fail(cx, "CONVERSION", "W3C_LOG_PARSE: '%.*s' is not a log time (dd/MMM/yyyy:HH:mm:ss Z)",
                          (int)(tn > 100 ? 100 : tn), t);
                *out = val_null();
                return;
            }
            f[i] = val_int(ms);
            break;
        case W3_IIS_DATE:
            if (!sdf_parse("MM/dd/yy", 8, t, tn, &ms) && !sdf_parse("MM/dd/yyyy", 10, t, tn, &ms)) {
                expr_fail(cx, "CONVERSION", "W3C_LOG_PARSE: '%.*s' is not an IIS date (MM/dd/yy)",
                          (int)(tn > 100 ? 100 : tn), t);
                *out = val_null();
                return;
            }
            f[i] = val_int(floor_div(ms, MS_PER_DAY));
            break;
        case W3_IIS_TIME:
            if (!sdf_parse("H:mm:ss", 7, t, tn, &ms)) {
                expr_fail(cx, "CONVERSION", "W3C_LOG_PARSE: '%.*s' is not an IIS time (H:mm:ss)",
                          (int)(tn > 100 ? 100 : tn), t);
                *out = val_null();
                return;
            }
            f[i] = val_int(ms);
            break;
        default:
            if (!convert_field(cx, "W3C_LOG_PARSE", &p->f[i], t, tn, &f[i])) {
                *out = val_null();
                return;
            }
        }
    }
    set_row(out, f, p->n);
}

static bool check_w3c_log_parse(FnCtx *cx, Expr *e)
{
    if (!fn_expect_string(cx, e->args[0], 1, "W3C_LOG_PARSE")) return false;
    uint32_t len;
    const char *fmt = const_string(cx, e->args[1], "W3C_LOG_PARSE", "format", &len);
    if (!fmt) return false;
    static const struct { const char *name, *format; } predefined[] = {
        {"COMMON", "%h %l %u %t \"%r\" %>s %b"},
        {"COMMON WITH VHOST", "%v %h %l %u %t \"%r\" %>s %b"},
        {"NCSA EXTENDED", "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\""},
        {"REFERER", "%{Referer}i -> %U"},
        {"AGENT", "%{User-agent}i"},
    };
    /* a predefined name, compared without case and with runs of blanks as one */
    char norm[64];
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < sizeof norm; i++) {
        char c = fmt[i];
        if (isspace((unsigned char)c)) {
            if (k && norm[k - 1] != ' ') norm[k++] = ' ';
            continue;
        }
        norm[k++] = (char)toupper((unsigned char)c);
    }
    while (k && norm[k - 1] == ' ') k--;
    norm[k] = 0;
    W3Build *b = calloc(1, sizeof *b);
    if (!b) return false;
    char err[200] = "";
    bool ok = true;
    if (strcmp(norm, "IIS") == 0) {
        w3_iis(b);
    } else {
        const char *use = NULL;
        for (size_t i = 0; i < sizeof predefined / sizeof predefined[0]; i++)
            if (strcmp(norm, predefined[i].name) == 0) use = predefined[i].format;
        if (use) ok = w3_format(b, use, strlen(use), err, sizeof err);
        else if (!memchr(fmt, '%', len)) {
            snprintf(err, sizeof err, "unknown format '%.*s' (expected COMMON, COMMON WITH VHOST, NCSA EXTENDED, "
                     "REFERER, AGENT, IIS or %%-directives)", (int)(len > 40 ? 40 : len), fmt);
            ok = false;
        } else ok = w3_format(b, fmt, len, err, sizeof err);
    }
    if (!ok) {
        fn_type_error(cx, e->args[1], "invalid W3C_LOG_PARSE format: %s", err);
        free(b);
        return false;
    }
    Parser *p = arena_alloc(cx->arena, sizeof *p);
    memset(p, 0, sizeof *p);
    if (!compile_pattern(cx, e->args[1], b->re, b->len, PCRE2_DOTALL | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &p->rx)) {
        free(b);
        return false;
    }
    p->n = b->n;
    p->f = arena_alloc(cx->arena, sizeof(Field) * (size_t)(b->n ? b->n : 1));
    memcpy(p->f, b->f, sizeof(Field) * (size_t)b->n);
    p->w3kind = arena_alloc(cx->arena, (size_t)(b->n ? b->n : 1));
    memcpy(p->w3kind, b->kind, (size_t)b->n);
    free(b);
    e->aux = p;
    e->type = make_row_type(p->f, p->n);
    e->eval = eval_w3c_log_parse;
    return true;
}

/* ---------------------------------------------------------------------
 * SYS_LOG_PARSE(str): 'Mon DD HH:MM:SS rest' -> COLUMN1 TIMESTAMP,
 * COLUMN2 VARCHAR (the rest: host and message). Syslog (RFC 3164) lines
 * carry no year: eddy takes the year of the row's ROWTIME, or the year
 * before when that would put the line more than 31 days after ROWTIME
 * (a December line read in January).
 * ------------------------------------------------------------------- */

static void eval_sys_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s;
    expr_eval(e->args[0], cx, &s);
    if (s.null) {
        *out = val_null();
        return;
    }
    (void)e;
    Value *f = null_fields(cx, 2);
    set_row(out, f, 2);
    const char *t = s.u.s;
    size_t n = s.len, p = 0;
    int mon;
    int64_t day, hh, mm, ss;
    size_t d;
    if (!(d = read_month(t, n, &mon)) || d != 3) return;
    p = 3;
    if (p >= n || t[p] != ' ') return;
    while (p < n && t[p] == ' ') p++;
    if (!(d = read_digits(t + p, n - p, 2, &day))) return;
    p += d;
    if (p >= n || t[p] != ' ') return;
    p++;
    if (read_digits(t + p, n - p, 2, &hh) != 2 || p + 2 >= n || t[p + 2] != ':') return;
    p += 3;
    if (read_digits(t + p, n - p, 2, &mm) != 2 || p + 2 >= n || t[p + 2] != ':') return;
    p += 3;
    if (read_digits(t + p, n - p, 2, &ss) != 2) return;
    p += 2;
    if (p < n && t[p] != ' ') return;
    if (day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return;
    int64_t ref = cx->in[0] ? cx->in[0]->rowtime : cx->now;
    int64_t y;
    int rm, rd;
    time_civil_from_days(floor_div(ref, MS_PER_DAY), &y, &rm, &rd);
    if (day > time_days_in_month(y, mon) && !(mon == 2 && day == 29)) return;
    int64_t yr = y;
    int64_t ms = 0;
    for (int attempt = 0; attempt < 2; attempt++) {
        if (mon == 2 && day == 29 && time_days_in_month(yr, 2) < 29) {
            yr--;
            continue;
        }
        ms = time_days_from_civil(yr, mon, (int)day) * MS_PER_DAY + hh * MS_PER_HOUR + mm * MS_PER_MINUTE +
             (ss > 59 ? 59 : ss) * MS_PER_SECOND;
        if (ms - ref > 31 * MS_PER_DAY && attempt == 0) {
            yr--;
            continue;
        }
        break;
    }
    f[0] = val_int(ms);
    if (p < n) p++;
    f[1] = val_str(t + p, (uint32_t)(n - p));
    conv_fit_string(type_string(TY_VARCHAR, 1024), &f[1], cx->arena);
}

static bool check_sys_log_parse(FnCtx *cx, Expr *e)
{
    if (!fn_expect_string(cx, e->args[0], 1, "SYS_LOG_PARSE")) return false;
    Field *f = column_fields(cx->arena, 2, type_make(TY_TIMESTAMP));
    f[1].type = type_string(TY_VARCHAR, 1024);
    e->type = make_row_type(f, 2);
    e->eval = eval_sys_log_parse;
    e->volatile_ = true;   /* the year comes from the row's ROWTIME */
    return true;
}

/* ---------------------------------------------------------------------
 * FIXED_COLUMN_LOG_PARSE(str, 'name TYPE t [NOT NULL] START n [FOR m], ...')
 * Positions and lengths count characters from 0; without FOR a column
 * runs to the end of the line. A column that starts past the end of the
 * line is NULL; one that the line cuts short takes what is there.
 * ------------------------------------------------------------------- */

static void eval_fixed_column_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s;
    expr_eval(e->args[0], cx, &s);
    if (s.null) {
        *out = val_null();
        return;
    }
    const Parser *p = e->aux;
    Value *f = null_fields(cx, p->n);
    size_t nchars = utf8_length(s.u.s, s.len);
    for (int i = 0; i < p->n; i++) {
        const Field *c = &p->f[i];
        const char *t = NULL;
        size_t tn = 0;
        if ((size_t)c->start < nchars || (c->start == 0 && nchars == 0)) {
            size_t a = utf8_offset(s.u.s, s.len, (size_t)c->start);
            size_t b = c->len < 0 ? s.len : utf8_offset(s.u.s, s.len, (size_t)c->start + (size_t)c->len);
            t = s.u.s + a;
            tn = b - a;
        }
        if (!t) {
            if (c->notnull) {
                expr_fail(cx, "CONVERSION", "FIXED_COLUMN_LOG_PARSE: column %s is NOT NULL but the line ends before it",
                          c->name);
                *out = val_null();
                return;
            }
            continue;
        }
        if (!convert_field(cx, "FIXED_COLUMN_LOG_PARSE", c, t, tn, &f[i])) {
            *out = val_null();
            return;
        }
    }
    set_row(out, f, p->n);
}

static bool check_fixed_column_log_parse(FnCtx *cx, Expr *e)
{
    if (!fn_expect_string(cx, e->args[0], 1, "FIXED_COLUMN_LOG_PARSE")) return false;
    uint32_t len;
    const char *spec = const_string(cx, e->args[1], "FIXED_COLUMN_LOG_PARSE", "column list", &len);
    if (!spec) return false;
    Parser *p = arena_alloc(cx->arena, sizeof *p);
    memset(p, 0, sizeof *p);
    char err[256];
    p->n = parse_spec(cx->arena, spec, len, SPEC_FIXED | SPEC_TYPE_KEYWORD, &p->f, err, sizeof err);
    if (p->n < 0) {
        fn_type_error(cx, e->args[1], "invalid column list: %s", err);
        return false;
    }
    e->aux = p;
    e->type = make_row_type(p->f, p->n);
    e->eval = eval_fixed_column_log_parse;
    return true;
}

/* ---------------------------------------------------------------------
 * VARIABLE_COLUMN_LOG_PARSE(str, n | 'name TYPE t [NOT NULL], ...',
 *                           delimiter [, escape [, quote]])
 * The line is split on the delimiter string. The escape character makes
 * the next character literal (it is removed); a field that begins with
 * the begin-quote character runs to the end-quote character, delimiters
 * included, and loses its quotes. Missing fields are NULL; fields past
 * the last column are ignored.
 * ------------------------------------------------------------------- */

static void eval_variable_column_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s;
    expr_eval(e->args[0], cx, &s);
    if (s.null) {
        *out = val_null();
        return;
    }
    const Parser *p = e->aux;
    Value *f = null_fields(cx, p->n);
    char *buf = arena_alloc(cx->arena, s.len + 1);
    const char *t = s.u.s;
    size_t n = s.len, i = 0;
    int col = 0;
    bool more = true;
    while (more && col < p->n) {
        size_t k = 0;      /* bytes of this field in buf */
        char *fb = buf;
        bool quoted = false;
        if (p->bq && i + p->bq_len <= n && memcmp(t + i, p->bq, p->bq_len) == 0) {
            quoted = true;
            i += p->bq_len;
        }
        more = false;
        while (i < n) {
            if (p->esc && i + p->esc_len < n && memcmp(t + i, p->esc, p->esc_len) == 0) {
                i += p->esc_len;
                size_t l = utf8_len_at(t + i, n - i);
                memcpy(fb + k, t + i, l);
                k += l;
                i += l;
                continue;
            }
            if (quoted) {
                if (i + p->eq_len <= n && memcmp(t + i, p->eq, p->eq_len) == 0) {
                    i += p->eq_len;
                    /* a doubled end quote inside quotes is one quote character */
                    if (i + p->eq_len <= n && memcmp(t + i, p->eq, p->eq_len) == 0) {
                        memcpy(fb + k, p->eq, p->eq_len);
                        k += p->eq_len;
                        i += p->eq_len;
                    } else {
                        quoted = false;
                    }
                    continue;
                }
            } else if (i + p->delim_len <= n && memcmp(t + i, p->delim, p->delim_len) == 0) {
                i += p->delim_len;
                more = true;
                break;
            }
            fb[k++] = t[i++];
        }
        buf += k;
        if (!convert_field(cx, "VARIABLE_COLUMN_LOG_PARSE", &p->f[col], fb, k, &f[col])) {
            *out = val_null();
            return;
        }
        col++;
    }
    for (; col < p->n; col++)
        if (p->f[col].notnull) {
            expr_fail(cx, "CONVERSION", "VARIABLE_COLUMN_LOG_PARSE: column %s is NOT NULL but the line has no field for it",
                      p->f[col].name);
            *out = val_null();
            return;
        }
    set_row(out, f, p->n);
}

static bool check_variable_column_log_parse(FnCtx *cx, Expr *e)
{
    const char *fn = "VARIABLE_COLUMN_LOG_PARSE";
    if (!fn_expect_string(cx, e->args[0], 1, fn)) return false;
    Parser *p = arena_alloc(cx->arena, sizeof *p);
    memset(p, 0, sizeof *p);
    Expr *cols = e->args[1];
    if (cols->kind == EX_CONST && type_is_integer(cols->type.id) && !cols->k.null) {
        if (cols->k.u.i < 1 || cols->k.u.i > MAX_FIELDS) {
            fn_type_error(cx, cols, "%s's number of columns must be between 1 and %d", fn, MAX_FIELDS);
            return false;
        }
        p->n = (int)cols->k.u.i;
        p->f = column_fields(cx->arena, p->n, type_string(TY_VARCHAR, 1024));
    } else {
        uint32_t len;
        if (cols->kind != EX_CONST || !type_is_string(cols->type.id) || cols->k.null) {
            fn_type_error(cx, cols, "%s's columns must be a constant number or a constant column list", fn);
            return false;
        }
        const char *spec = const_string(cx, cols, fn, "column list", &len);
        char err[256];
        p->n = parse_spec(cx->arena, spec, len, SPEC_TYPE_KEYWORD, &p->f, err, sizeof err);
        if (p->n < 0) {
            fn_type_error(cx, cols, "invalid column list: %s", err);
            return false;
        }
    }
    uint32_t len;
    p->delim = const_string(cx, e->args[2], fn, "delimiter", &len);
    if (!p->delim) return false;
    if (len == 0) {
        fn_type_error(cx, e->args[2], "%s's delimiter must not be empty", fn);
        return false;
    }
    p->delim_len = len;
    if (e->nargs >= 4) {
        p->esc = const_string(cx, e->args[3], fn, "escape", &len);
        if (!p->esc) return false;
        if (len == 0) p->esc = NULL;
        else if (utf8_length(p->esc, len) != 1) {
            fn_type_error(cx, e->args[3], "%s's escape must be one character", fn);
            return false;
        }
        p->esc_len = len;
    }
    if (e->nargs == 5) {
        const char *q = const_string(cx, e->args[4], fn, "quote", &len);
        if (!q) return false;
        size_t chars = utf8_length(q, len);
        if (chars > 2) {
            fn_type_error(cx, e->args[4], "%s's quote must be one or two characters", fn);
            return false;
        }
        if (chars >= 1) {
            p->bq = q;
            p->bq_len = (uint32_t)utf8_len_at(q, len);
            p->eq = chars == 2 ? q + p->bq_len : q;
            p->eq_len = chars == 2 ? len - p->bq_len : p->bq_len;
        }
    }
    e->aux = p;
    e->type = make_row_type(p->f, p->n);
    e->eval = eval_variable_column_log_parse;
    return true;
}

const FnDef fn_logparse_table[] = {
    {"FAST_REGEX_LOG_PARSE", 2, 2, 0, NULL, check_fast_regex_log_parse, AN_NONE, 0},
    {"FAST_REGEX_LOG_PARSER", 2, 2, 0, NULL, check_fast_regex_log_parse, AN_NONE, 0},
    {"FIXED_COLUMN_LOG_PARSE", 2, 2, 0, NULL, check_fixed_column_log_parse, AN_NONE, 0},
    {"REGEX_LOG_PARSE", 2, 3, 0, NULL, check_regex_log_parse, AN_NONE, 0},
    {"SYS_LOG_PARSE", 1, 1, 0, NULL, check_sys_log_parse, AN_NONE, 0},
    {"VARIABLE_COLUMN_LOG_PARSE", 3, 5, 0, NULL, check_variable_column_log_parse, AN_NONE, 0},
    {"W3C_LOG_PARSE", 2, 2, 0, NULL, check_w3c_log_parse, AN_NONE, 0},
};
const int fn_logparse_count = sizeof fn_logparse_table / sizeof fn_logparse_table[0];
