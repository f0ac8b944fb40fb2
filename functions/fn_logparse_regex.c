/* REGEX_LOG_PARSE(str, java-regex [, 'name [type], ...']) */
#include <string.h>

#include "fn_check.h"
#include "fn_logparse.h"

/* The pattern must match the whole string, as Java's Matcher.matches()
 * does; each capture group is a field, COLUMN1..COLUMNn VARCHAR(1024)
 * unless the third argument names and types them. */
static void eval_regex_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    const LogParser *p = e->aux;
    Value s, *f = fn_log_start(e, cx, p->n, &s, out);
    if (!f) return;
    int rc = rx_match(p->rx, s.u.s, s.len, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED);
    if (rc > 0) {
        if (!fn_log_fill_from_groups(cx, e->name, p, s.u.s, rc, f)) {
            *out = val_null();
            return;
        }
    } else if (rc < 0) {
        char msg[160];
        expr_fail(cx, "REGEX", "%s could not match: %s", e->name, rx_error_message(rc, msg, sizeof msg));
    }
    fn_log_set_row(out, f, p->n);
}

bool fn_check_regex_log_parse(FnCtx *cx, Expr *e)
{
    if (!fn_expect_string(cx, e->args[0], 1, "REGEX_LOG_PARSE")) return false;
    uint32_t len;
    const char *pat = fn_log_const_string(cx, e->args[1], "REGEX_LOG_PARSE", "pattern", &len);
    if (!pat) return false;
    LogParser *p = arena_alloc(cx->arena, sizeof *p);
    memset(p, 0, sizeof *p);
    if (!fn_log_compile_pattern(cx, e->args[1], pat, len, PCRE2_ANCHORED | PCRE2_ENDANCHORED, &p->rx)) return false;
    if (p->rx->groups > MAX_FIELDS) {
        fn_type_error(cx, e->args[1], "REGEX_LOG_PARSE supports at most %d groups", MAX_FIELDS);
        return false;
    }
    if (e->nargs == 3) {
        uint32_t cl;
        const char *cols = fn_log_const_string(cx, e->args[2], "REGEX_LOG_PARSE", "column list", &cl);
        if (!cols) return false;
        char err[256];
        p->n = fn_log_parse_spec(cx->arena, cols, cl, SPEC_TYPE_OPTIONAL, &p->f, err, sizeof err);
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
        p->f = fn_log_column_fields(cx->arena, p->n, type_string(TY_VARCHAR, 1024));
    }
    e->aux = p;
    e->type = fn_log_row_type(p->f, p->n);
    e->eval = eval_regex_log_parse;
    return true;
}
