/* FIXED_COLUMN_LOG_PARSE(str, 'name TYPE t [NOT NULL] START n [FOR m], ...')
 * Positions and lengths count characters from 0; without FOR a column
 * runs to the end of the line. A column that starts past the end of the
 * line is NULL; one that the line cuts short takes what is there. */
#include <string.h>

#include "src/runtime/convert.h"
#include "fn_check.h"
#include "fn_logparse.h"

static void eval_fixed_column_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    const LogParser *p = e->aux;
    Value s, *f = fn_log_start(e, cx, p->n, &s, out);
    if (!f) return;
    size_t nchars = utf8_length(s.u.s, s.len);
    for (int i = 0; i < p->n; i++) {
        const LogField *c = &p->f[i];
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
        if (!fn_log_convert_field(cx, "FIXED_COLUMN_LOG_PARSE", c, t, tn, &f[i])) {
            *out = val_null();
            return;
        }
    }
    fn_log_set_row(out, f, p->n);
}

bool fn_check_fixed_column_log_parse(FnCtx *cx, Expr *e)
{
    if (!fn_expect_string(cx, e->args[0], 1, "FIXED_COLUMN_LOG_PARSE")) return false;
    uint32_t len;
    const char *spec = fn_log_const_string(cx, e->args[1], "FIXED_COLUMN_LOG_PARSE", "column list", &len);
    if (!spec) return false;
    LogParser *p = arena_alloc(cx->arena, sizeof *p);
    memset(p, 0, sizeof *p);
    char err[256];
    p->n = fn_log_parse_spec(cx->arena, spec, len, SPEC_FIXED | SPEC_TYPE_KEYWORD, &p->f, err, sizeof err);
    if (p->n < 0) {
        fn_type_error(cx, e->args[1], "invalid column list: %s", err);
        return false;
    }
    e->aux = p;
    e->type = fn_log_row_type(p->f, p->n);
    e->eval = eval_fixed_column_log_parse;
    return true;
}
