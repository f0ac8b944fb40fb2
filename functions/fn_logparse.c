/* The log-parsing functions. Each returns a row value whose fields are read
 * as alias.row.COLUMN1 (DIALECT §10.8); a line that does not match gives a
 * row whose fields are NULL, never a lost row (DIALECT §12.5). */
#include <stdio.h>
#include <string.h>

#include "../src/convert.h"
#include "../src/rowtype.h"
#include "ops.h"
#include "regex.h"

/* The constant pattern argument of a call, or NULL after reporting. */
static const char *const_string(FnCtx *cx, Expr *arg, const char *fn, const char *what, uint32_t *len)
{
    if (arg->kind != EX_CONST || !type_is_string(arg->type.id) || arg->k.null) {
        fn_type_error(cx, arg, "%s's %s must be a constant string", fn, what);
        return NULL;
    }
    *len = arg->k.len;
    return arg->k.u.s;
}

static SqlType varchar_fields(int n, const char *prefix)
{
    Column cols[256];
    char names[256][24];
    if (n > 256) n = 256;
    for (int i = 0; i < n; i++) {
        snprintf(names[i], sizeof names[i], "%s%d", prefix, i + 1);
        cols[i].name = names[i];
        cols[i].type = type_string(TY_VARCHAR, 1024);
    }
    return rowtype_make(n, cols);
}

/* REGEX_LOG_PARSE(str, regex): each capture group is a VARCHAR(1024)
 * field COLUMN1..COLUMNn; the pattern must match the whole string, as
 * Java's Matcher.matches() does. */
static void eval_regex_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s;
    expr_eval(e->args[0], cx, &s);
    if (s.null) {
        *out = val_null();
        return;
    }
    const Regex *rx = e->aux;
    uint32_t n = rx->groups;
    Value *f = arena_alloc(cx->arena, sizeof(Value) * (n ? n : 1));
    for (uint32_t i = 0; i < n; i++) f[i] = val_null();
    int rc = rx_match(rx, s.u.s, s.len, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED);
    if (rc > 0) {
        PCRE2_SIZE *ov = rx_ovector(rx);
        for (uint32_t i = 0; i < n && (int)(i + 1) < rc; i++) {
            PCRE2_SIZE a = ov[2 * (i + 1)], b = ov[2 * (i + 1) + 1];
            if (a == PCRE2_UNSET) continue;
            f[i] = val_str(s.u.s + a, (uint32_t)(b - a));
            conv_fit_string(type_string(TY_VARCHAR, 1024), &f[i], cx->arena);
        }
    } else if (rc < 0) {
        expr_fail(cx, "REGEX", "REGEX_LOG_PARSE could not match (PCRE2 error %d)", rc);
    }
    out->null = 0;
    out->u.r = f;
    out->len = n;
}

static bool check_regex_log_parse(FnCtx *cx, Expr *e)
{
    if (!fn_expect_string(cx, e->args[0], 1, "REGEX_LOG_PARSE")) return false;
    uint32_t len;
    const char *pat = const_string(cx, e->args[1], "REGEX_LOG_PARSE", "pattern", &len);
    if (!pat) return false;
    char err[256];
    size_t off = 0;
    const Regex *rx = rx_compile(pat, len, 0, err, sizeof err, &off);
    if (!rx) {
        fn_type_error(cx, e->args[1], "invalid regular expression at offset %zu: %s", off, err);
        return false;
    }
    e->aux = (void *)rx;
    e->type = varchar_fields((int)rx->groups, "COLUMN");
    e->eval = eval_regex_log_parse;
    return true;
}

const FnDef fn_logparse_table[] = {
    {"REGEX_LOG_PARSE", 2, 2, 0, NULL, check_regex_log_parse, AN_NONE, 0},
};
const int fn_logparse_count = sizeof fn_logparse_table / sizeof fn_logparse_table[0];
