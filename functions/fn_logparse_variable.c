/* VARIABLE_COLUMN_LOG_PARSE(str, n | 'name TYPE t [NOT NULL], ...',
 *                           delimiter [, escape [, quote]])
 * The line is split on the delimiter string. The escape character makes
 * the next character literal (it is removed); a field that begins with
 * the begin-quote character runs to the end-quote character, delimiters
 * included, and loses its quotes. Missing fields are NULL; fields past
 * the last column are ignored. */
#include <string.h>

#include "src/runtime/convert.h"
#include "fn_check.h"
#include "fn_logparse.h"

static void eval_variable_column_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    const LogParser *p = e->aux;
    Value s, *f = fn_log_start(e, cx, p->n, &s, out);
    if (!f) return;
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
                size_t l = fn_log_utf8_len_at(t + i, n - i);
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
        if (!fn_log_convert_field(cx, "VARIABLE_COLUMN_LOG_PARSE", &p->f[col], fb, k, &f[col])) {
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
    fn_log_set_row(out, f, p->n);
}

bool fn_check_variable_column_log_parse(FnCtx *cx, Expr *e)
{
    const char *fn = "VARIABLE_COLUMN_LOG_PARSE";
    if (!fn_expect_string(cx, e->args[0], 1, fn)) return false;
    LogParser *p = arena_alloc(cx->arena, sizeof *p);
    memset(p, 0, sizeof *p);
    Expr *cols = e->args[1];
    if (cols->kind == EX_CONST && type_is_integer(cols->type.id) && !cols->k.null) {
        if (cols->k.u.i < 1 || cols->k.u.i > MAX_FIELDS) {
            fn_type_error(cx, cols, "%s's number of columns must be between 1 and %d", fn, MAX_FIELDS);
            return false;
        }
        p->n = (int)cols->k.u.i;
        p->f = fn_log_column_fields(cx->arena, p->n, type_string(TY_VARCHAR, 1024));
    } else {
        uint32_t len;
        if (cols->kind != EX_CONST || !type_is_string(cols->type.id) || cols->k.null) {
            fn_type_error(cx, cols, "%s's columns must be a constant number or a constant column list", fn);
            return false;
        }
        const char *spec = fn_log_const_string(cx, cols, fn, "column list", &len);
        char err[256];
        p->n = fn_log_parse_spec(cx->arena, spec, len, SPEC_TYPE_KEYWORD, &p->f, err, sizeof err);
        if (p->n < 0) {
            fn_type_error(cx, cols, "invalid column list: %s", err);
            return false;
        }
    }
    uint32_t len;
    p->delim = fn_log_const_string(cx, e->args[2], fn, "delimiter", &len);
    if (!p->delim) return false;
    if (len == 0) {
        fn_type_error(cx, e->args[2], "%s's delimiter must not be empty", fn);
        return false;
    }
    p->delim_len = len;
    if (e->nargs >= 4) {
        p->esc = fn_log_const_string(cx, e->args[3], fn, "escape", &len);
        if (!p->esc) return false;
        if (len == 0) p->esc = NULL;
        else if (utf8_length(p->esc, len) != 1) {
            fn_type_error(cx, e->args[3], "%s's escape must be one character", fn);
            return false;
        }
        p->esc_len = len;
    }
    if (e->nargs == 5) {
        const char *q = fn_log_const_string(cx, e->args[4], fn, "quote", &len);
        if (!q) return false;
        size_t chars = utf8_length(q, len);
        if (chars > 2) {
            fn_type_error(cx, e->args[4], "%s's quote must be one or two characters", fn);
            return false;
        }
        if (chars >= 1) {
            p->bq = q;
            p->bq_len = (uint32_t)fn_log_utf8_len_at(q, len);
            p->eq = chars == 2 ? q + p->bq_len : q;
            p->eq_len = chars == 2 ? len - p->bq_len : p->bq_len;
        }
    }
    e->aux = p;
    e->type = fn_log_row_type(p->f, p->n);
    e->eval = eval_variable_column_log_parse;
    return true;
}
