/* x [NOT] LIKE pattern [ESCAPE escape]. */
#include <string.h>

#include "fn_check.h"
#include "fn_opnode.h"

static size_t char_len_at(const char *s, size_t n, size_t i)
{
    size_t k = 1;
    while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80) k++;
    return k;
}

/* Iterative wildcard match with one backtrack point per '%', linear in
 * practice and never recursive. */
static bool like_match(const char *s, size_t n, const char *p, size_t m, int esc)
{
    size_t si = 0, pi = 0, star_p = (size_t)-1, star_s = 0;
    while (si < n) {
        if (pi < m) {
            char c = p[pi];
            if (esc >= 0 && (unsigned char)c == esc && pi + 1 < m) {
                size_t cl = char_len_at(p, m, pi + 1);
                if (si + cl <= n && memcmp(s + si, p + pi + 1, cl) == 0) {
                    si += cl;
                    pi += 1 + cl;
                    continue;
                }
            } else if (c == '%') {
                star_p = ++pi;
                star_s = si;
                continue;
            } else if (c == '_') {
                si += char_len_at(s, n, si);
                pi++;
                continue;
            } else {
                size_t cl = char_len_at(p, m, pi);
                if (si + cl <= n && memcmp(s + si, p + pi, cl) == 0) {
                    si += cl;
                    pi += cl;
                    continue;
                }
            }
        }
        if (star_p != (size_t)-1) {
            star_s += char_len_at(s, n, star_s);
            si = star_s;
            pi = star_p;
            continue;
        }
        return false;
    }
    while (pi < m && p[pi] == '%') pi++;
    return pi == m;
}

static void eval_like(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s, p, esc = val_null();
    expr_eval(e->args[0], cx, &s);
    expr_eval(e->args[1], cx, &p);
    int escape = -1;
    if (e->nargs > 2) {
        expr_eval(e->args[2], cx, &esc);
        if (esc.null) { *out = val_null(); return; }
        if (esc.len != 1) {
            expr_fail(cx, "INVALID_ESCAPE", "LIKE escape must be a single character");
            *out = val_null();
            return;
        }
        escape = (unsigned char)esc.u.s[0];
    }
    if (s.null || p.null) { *out = val_null(); return; }
    if (escape >= 0) {
        /* an escape must precede '%', '_' or itself */
        for (uint32_t i = 0; i < p.len; i++)
            if ((unsigned char)p.u.s[i] == escape) {
                if (i + 1 >= p.len || !(p.u.s[i + 1] == '%' || p.u.s[i + 1] == '_' || (unsigned char)p.u.s[i + 1] == escape)) {
                    expr_fail(cx, "INVALID_ESCAPE", "invalid escape sequence in LIKE pattern");
                    *out = val_null();
                    return;
                }
                i++;
            }
    }
    bool m = like_match(s.u.s, s.len, p.u.s, p.len, escape);
    *out = val_int(e->flags ? !m : m);
}

Expr *fn_like(FnCtx *cx, bool negated, Expr *x, Expr *pattern, Expr *escape)
{
    if (!x || !pattern) return NULL;
    Expr *args[3] = {x, pattern, escape};
    int n = escape ? 3 : 2;
    for (int i = 0; i < n; i++) {
        if (!args[i]) return NULL;
        if (args[i]->type.id == TY_NULL) args[i] = fn_cast(cx, args[i], type_string(TY_VARCHAR, 0));
        if (!type_is_string(args[i]->type.id)) {
            char tn[64];
            diag_error(cx->diag, args[i]->span, "LIKE expects strings, not %s", type_name(args[i]->type, tn, sizeof tn));
            return NULL;
        }
    }
    Expr *e = fn_op_node(cx, "LIKE", eval_like, type_make(TY_BOOLEAN), n);
    for (int i = 0; i < n; i++) e->args[i] = args[i];
    e->flags = negated;
    return fn_op_finish(cx, e);
}
