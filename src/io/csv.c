/* CSV input (--format csv) and raw lines (--format lines). CSV maps fields
 * to columns in order (as KDA's CSV mapping does); a header row, when
 * declared with --header, names the columns of a discovered schema and can
 * carry a ROWTIME column. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "src/runtime/convert.h"
#include "io.h"
#include "src/runtime/namemap.h"
#include "src/runtime/mem.h"
#include "src/runtime/timeutil.h"

struct CsvDecoder {
    const Schema *schema;
    char delim;
    int rowtime_field;         /* field index of ROWTIME, -1 if none */
    int *field_col;            /* per field: column index, or -1 */
    int nfields_mapped;
};

/* Splits one CSV line into fields (RFC 4180 quoting: "a ""b"""), in the arena. */
static int split(const char *s, size_t n, char delim, Arena *a, const char ***out, uint32_t **lens, const char **why)
{
    int cap = 16, k = 0;
    const char **f = arena_alloc(a, sizeof(char *) * (size_t)cap);
    uint32_t *l = arena_alloc(a, sizeof(uint32_t) * (size_t)cap);
    size_t i = 0;
    for (;;) {
        if (k == cap) {
            int nc = cap * 2;
            const char **nf = arena_alloc(a, sizeof(char *) * (size_t)nc);
            uint32_t *nl = arena_alloc(a, sizeof(uint32_t) * (size_t)nc);
            memcpy(nf, f, sizeof(char *) * (size_t)k);
            memcpy(nl, l, sizeof(uint32_t) * (size_t)k);
            f = nf, l = nl, cap = nc;
        }
        if (i < n && s[i] == '"') {
            char *d = arena_alloc(a, n - i + 1);
            size_t m = 0;
            i++;
            for (;;) {
                if (i >= n) {
                    *why = "unterminated quoted field (the line may be truncated)";
                    return -1;
                }
                if (s[i] == '"') {
                    if (i + 1 < n && s[i + 1] == '"') {
                        d[m++] = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                d[m++] = s[i++];
            }
            if (i < n && s[i] != delim) {
                *why = "text after a closing quote";
                return -1;
            }
            f[k] = d;
            l[k] = (uint32_t)m;
        } else {
            size_t j = i;
            while (j < n && s[j] != delim) j++;
            f[k] = s + i;
            l[k] = (uint32_t)(j - i);
            i = j;
        }
        k++;
        if (i >= n) break;
        i++;   /* the delimiter; a trailing one ends with an empty field, read by the next pass */
    }
    *out = f;
    *lens = l;
    return k;
}

CsvDecoder *io_csv_new(const Schema *s, char delim, const char *header, size_t header_len, Arena *a)
{
    CsvDecoder *d = mem_calloc(1, sizeof *d);
    d->schema = s;
    d->delim = delim;
    d->rowtime_field = -1;
    if (header) {
        const char **f;
        uint32_t *l;
        const char *why;
        int n = split(header, header_len, delim, a, &f, &l, &why);
        if (n < 0) n = 0;
        d->field_col = mem_calloc((size_t)(n ? n : 1), sizeof(int));
        d->nfields_mapped = n;
        /* by name, exactly first, then as SQL folds unquoted names: a scan per
         * field would make a header of 100,000 fields cost 10^10 compares */
        NameMap exact, folded;
        namemap_init(&exact, false);
        namemap_init(&folded, true);
        for (int k = 0; k < s->ncols; k++) {
            namemap_add(&exact, s->cols[k].name, k);
            namemap_add(&folded, s->cols[k].name, k);
        }
        for (int i = 0; i < n; i++) {
            d->field_col[i] = -1;
            char name[256];
            size_t len = l[i] < sizeof name - 1 ? l[i] : sizeof name - 1;
            memcpy(name, f[i], len);
            name[len] = 0;
            if (strcasecmp(name, "ROWTIME") == 0) {
                d->rowtime_field = i;
                continue;
            }
            int c = namemap_get(&exact, name);
            if (c < 0) c = namemap_get(&folded, name);
            d->field_col[i] = c;
        }
        namemap_free(&exact);
        namemap_free(&folded);
    }
    return d;
}

void io_csv_free(CsvDecoder *d)
{
    if (!d) return;
    mem_free(d->field_col);
    mem_free(d);
}

bool io_check_utf8(const char *s, size_t n, DecodeError *err)
{
    size_t bad;
    if (utf8_valid(s, n, &bad)) return true;
    err->name = "INVALID_UTF8";
    snprintf(err->msg, sizeof err->msg, "invalid UTF-8 byte 0x%02X at column %zu", (unsigned char)s[bad], bad + 1);
    return false;
}

bool io_csv_decode(const CsvDecoder *d, const char *line, size_t len, Row *row, Arena *a, bool *has_rowtime, DecodeError *err)
{
    const Schema *s = d->schema;
    row->n = s->ncols;
    row->v = arena_alloc(a, sizeof(Value) * (size_t)(s->ncols ? s->ncols : 1));
    for (int i = 0; i < s->ncols; i++) row->v[i] = val_null();
    *has_rowtime = false;
    err->has_rowtime = err->rowtime_key = false;
    /* the same rule as NDJSON and lines: text that is not UTF-8 is an error, never replaced */
    if (!io_check_utf8(line, len, err)) return false;
    const char **f;
    uint32_t *l;
    const char *why = NULL;
    int n = split(line, len, d->delim, a, &f, &l, &why);
    if (n < 0) {
        err->name = "MALFORMED_CSV";
        snprintf(err->msg, sizeof err->msg, "%s", why);
        return false;
    }
    /* ROWTIME first, so that an error in any other field can still name it */
    if (d->field_col && d->rowtime_field >= 0 && d->rowtime_field < n) {
        int i = d->rowtime_field;
        int64_t ms;
        err->rowtime_key = true;
        if (!time_parse_timestamp(f[i], l[i], &ms)) {
            err->name = "CONVERSION";
            snprintf(err->msg, sizeof err->msg, "ROWTIME \"%.*s\" is not a timestamp (expected YYYY-MM-DD HH:MM:SS[.fff])",
                     (int)(l[i] > 60 ? 60 : l[i]), f[i]);
            return false;
        }
        row->rowtime = ms;
        *has_rowtime = true;
        err->has_rowtime = true;
        err->rowtime = ms;
    }
    for (int i = 0; i < n; i++) {
        int c = d->field_col ? (i < d->nfields_mapped ? d->field_col[i] : -1) : (i < s->ncols ? i : -1);
        if (d->field_col && i == d->rowtime_field) continue;
        if (c < 0) continue;
        const Column *col = &s->cols[c];
        /* an empty field is NULL, except for strings, where it is '' */
        if (l[i] == 0 && !type_is_string(col->type.id)) continue;
        if (!conv_from_text(col->type, f[i], l[i], &row->v[c], a, &why)) {
            char tn[48];
            err->name = "CONVERSION";
            snprintf(err->msg, sizeof err->msg, "column %s: cannot convert \"%.*s\" to %s: %s", col->name,
                     (int)(l[i] > 60 ? 60 : l[i]), f[i], type_name(col->type, tn, sizeof tn), why);
            return false;
        }
    }
    for (int i = 0; i < s->ncols; i++)
        if (row->v[i].null && s->cols[i].type.notnull) {
            err->name = "CONVERSION";
            snprintf(err->msg, sizeof err->msg, "column %s is NOT NULL but the record has no value for it", s->cols[i].name);
            return false;
        }
    return true;
}

int io_csv_discover(const char *data, size_t len, char delim, bool header, Schema *out, Arena *a)
{
    /* names from the header (or COLUMN1..n), types from the values below it */
    const char *p = data, *end = data + len;
    int ncols = 0, records = 0;
    const char **names = NULL;
    int *ints = NULL, *dbls = NULL, *stamps = NULL, *bools = NULL, *nonempty = NULL;
    bool first = true;
    while (p < end && records < 1000) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) break;
        size_t n = (size_t)(nl - p);
        if (n && p[n - 1] == '\r') n--;
        const char **f;
        uint32_t *l;
        const char *why;
        int k = split(p, n, delim, a, &f, &l, &why);
        p = nl + 1;
        if (k <= 0) continue;
        if (first) {
            first = false;
            ncols = k;
            names = arena_zalloc(a, sizeof(char *) * (size_t)k);
            ints = arena_zalloc(a, sizeof(int) * (size_t)k);
            dbls = arena_zalloc(a, sizeof(int) * (size_t)k);
            stamps = arena_zalloc(a, sizeof(int) * (size_t)k);
            bools = arena_zalloc(a, sizeof(int) * (size_t)k);
            nonempty = arena_zalloc(a, sizeof(int) * (size_t)k);
            for (int i = 0; i < k; i++) {
                char buf[32];
                snprintf(buf, sizeof buf, "COLUMN%d", i + 1);
                names[i] = header ? arena_strndup(a, f[i], l[i]) : arena_strndup(a, buf, strlen(buf));
            }
            if (header) continue;
        }
        records++;
        for (int i = 0; i < k && i < ncols; i++) {
            if (!l[i]) continue;
            nonempty[i]++;
            Value v;
            const char *why2;
            if (conv_from_text(type_make(TY_BIGINT), f[i], l[i], &v, a, &why2) && !memchr(f[i], '.', l[i])) ints[i]++;
            else if (conv_from_text(type_make(TY_DOUBLE), f[i], l[i], &v, a, &why2)) dbls[i]++;
            else if (l[i] >= 16 && conv_from_text(type_make(TY_TIMESTAMP), f[i], l[i], &v, a, &why2)) stamps[i]++;
            else if ((l[i] == 4 && strncasecmp(f[i], "true", 4) == 0) || (l[i] == 5 && strncasecmp(f[i], "false", 5) == 0)) bools[i]++;
        }
    }
    int kept = 0;
    out->cols = arena_alloc(a, sizeof(Column) * (size_t)(ncols ? ncols : 1));
    for (int i = 0; i < ncols; i++) {
        if (header && strcasecmp(names[i], "ROWTIME") == 0) continue;
        TypeId t = TY_VARCHAR;
        if (nonempty[i] && ints[i] == nonempty[i]) t = TY_BIGINT;
        else if (nonempty[i] && ints[i] + dbls[i] == nonempty[i]) t = TY_DOUBLE;
        else if (nonempty[i] && stamps[i] == nonempty[i]) t = TY_TIMESTAMP;
        else if (nonempty[i] && bools[i] == nonempty[i]) t = TY_BOOLEAN;
        out->cols[kept].name = names[i];
        out->cols[kept].type = t == TY_VARCHAR ? type_string(TY_VARCHAR, 0) : type_make(t);
        kept++;
    }
    out->ncols = kept;
    return records + (header && ncols ? 1 : 0);
}
