/* Column specifications: 'name TYPE t [NOT NULL] START n [FOR m], ...'
 * (FIXED_COLUMN_LOG_PARSE), 'name TYPE t [NOT NULL], ...'
 * (VARIABLE_COLUMN_LOG_PARSE) and 'name [t], ...' (REGEX_LOG_PARSE). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "fn_check.h"
#include "fn_logparse.h"

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
    size_t d = fn_log_read_digits(sp->s + sp->p, sp->n - sp->p, 9, v);
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

/* Parses a column list into fields (allocated in the plan arena). */
int fn_log_parse_spec(Arena *a, const char *s, size_t n, unsigned mode, LogField **out, char *err, size_t errsize)
{
    Spec sp = {.s = s, .n = n};
    LogField tmp[MAX_FIELDS];
    int k = 0;
    for (;;) {
        if (k == MAX_FIELDS) {
            snprintf(err, errsize, "more than %d columns", MAX_FIELDS);
            return -1;
        }
        LogField *f = &tmp[k];
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
    *out = arena_alloc(a, sizeof(LogField) * (size_t)k);
    memcpy(*out, tmp, sizeof(LogField) * (size_t)k);
    return k;
}
