/* String functions: CHAR_LENGTH, UPPER, LOWER, INITCAP, POSITION, SUBSTRING,
 * TRIM, OVERLAY. Lengths and positions count characters, not bytes. The
 * regular-expression forms of SUBSTRING live in fn_regex.c. */
#include <locale.h>
#include <string.h>
#include <wctype.h>

#include "src/runtime/convert.h"
#include "fn_check.h"
#include "fn_families.h"
#include "fn_regex.h"

static locale_t utf8_locale(void)
{
    static locale_t loc;
    static int tried;
    if (!tried) {
        tried = 1;
        loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    }
    return loc;
}

static int decode(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    if (c < 0x80 || n < 2) { *len = 1; return (int)c; }
    if ((c & 0xE0) == 0xC0) { *len = 2; return (int)(((c & 0x1F) << 6) | (s[1] & 0x3F)); }
    if ((c & 0xF0) == 0xE0 && n >= 3) { *len = 3; return (int)(((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F)); }
    if ((c & 0xF8) == 0xF0 && n >= 4) {
        *len = 4;
        return (int)(((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F));
    }
    *len = 1;
    return (int)c;
}

static size_t encode(unsigned cp, char *d)
{
    if (cp < 0x80) { d[0] = (char)cp; return 1; }
    if (cp < 0x800) { d[0] = (char)(0xC0 | (cp >> 6)); d[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        d[0] = (char)(0xE0 | (cp >> 12)); d[1] = (char)(0x80 | ((cp >> 6) & 0x3F)); d[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (cp >> 18)); d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); d[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* flags: 0 lower, 1 upper, 2 initcap */
static void eval_case_map(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a;
    expr_eval(e->args[0], cx, &a);
    if (a.null) { *out = a; return; }
    char *d = arena_alloc(cx->arena, (size_t)a.len * 2 + 4);
    size_t k = 0;
    locale_t loc = utf8_locale();
    bool word_start = true;
    for (size_t i = 0; i < a.len;) {
        unsigned char c = (unsigned char)a.u.s[i];
        bool upper = e->flags == 1 || (e->flags == 2 && word_start);
        if (c < 0x80) {
            d[k++] = (char)(upper ? (c >= 'a' && c <= 'z' ? c - 32 : c) : (c >= 'A' && c <= 'Z' ? c + 32 : c));
            word_start = c == ' ';
            i++;
            continue;
        }
        size_t len;
        int cp = decode((const unsigned char *)a.u.s + i, a.len - i, &len);
        wint_t m = loc ? (upper ? towupper_l((wint_t)cp, loc) : towlower_l((wint_t)cp, loc)) : (wint_t)cp;
        k += encode((unsigned)m, d + k);
        i += len;
        word_start = false;
    }
    d[k] = 0;
    *out = val_str(d, (uint32_t)k);
}

static bool check_case_map(FnCtx *cx, Expr *e, uint32_t mode, const char *nm)
{
    if (e->args[0]->type.id == TY_NULL) e->args[0] = fn_cast(cx, e->args[0], type_string(TY_VARCHAR, 0));
    if (!fn_expect_string(cx, e->args[0], 1, nm)) return false;
    e->type = e->args[0]->type;
    e->flags = mode;
    e->eval = eval_case_map;
    return true;
}

static bool check_lower(FnCtx *cx, Expr *e) { return check_case_map(cx, e, 0, "LOWER"); }
static bool check_upper(FnCtx *cx, Expr *e) { return check_case_map(cx, e, 1, "UPPER"); }
static bool check_initcap(FnCtx *cx, Expr *e) { return check_case_map(cx, e, 2, "INITCAP"); }

static void eval_char_length(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a;
    expr_eval(e->args[0], cx, &a);
    (void)e;
    *out = a.null ? a : val_int((int64_t)utf8_length(a.u.s, a.len));
}

static bool check_char_length(FnCtx *cx, Expr *e)
{
    if (e->args[0]->type.id == TY_NULL) e->args[0] = fn_cast(cx, e->args[0], type_string(TY_VARCHAR, 0));
    if (!fn_expect_string(cx, e->args[0], 1, "CHAR_LENGTH")) return false;
    e->type = type_make(TY_INTEGER);
    e->eval = eval_char_length;
    return true;
}

/* ---- shared argument checks ---- */

static Expr *string_arg(FnCtx *cx, Expr *e, int argno, const char *fn)
{
    if (e->type.id == TY_NULL) e = fn_cast(cx, e, type_string(TY_VARCHAR, 0));
    return fn_expect_string(cx, e, argno, fn) ? e : NULL;
}

static Expr *int_arg(FnCtx *cx, Expr *e, int argno, const char *fn)
{
    if (e->type.id == TY_NULL) e = fn_cast(cx, e, type_make(TY_INTEGER));
    return fn_expect_integer(cx, e, argno, fn) ? e : NULL;
}

/* a + b, saturating at the int64 bounds */
static int64_t sat_add(int64_t a, int64_t b)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r)) return b > 0 ? INT64_MAX : INT64_MIN;
    return r;
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Characters [from, to) of s, 0-based, already within 0..length. */
static Value char_slice(const Value *s, int64_t from, int64_t to)
{
    size_t b0 = utf8_offset(s->u.s, s->len, (size_t)from);
    size_t b1 = b0 + utf8_offset(s->u.s + b0, s->len - b0, (size_t)(to - from));
    return val_str(s->u.s + b0, (uint32_t)(b1 - b0));
}

/* ---- POSITION(search IN source) ---- */

static void eval_position(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a, b;
    expr_eval(e->args[0], cx, &a);
    expr_eval(e->args[1], cx, &b);
    if (a.null || b.null) { *out = val_null(); return; }
    if (a.len == 0) { *out = val_int(1); return; }
    const char *hit = a.len <= b.len ? memmem(b.u.s, b.len, a.u.s, a.len) : NULL;
    *out = val_int(hit ? (int64_t)utf8_length(b.u.s, (size_t)(hit - b.u.s)) + 1 : 0);
}

static bool check_position(FnCtx *cx, Expr *e)
{
    for (int i = 0; i < 2; i++)
        if (!(e->args[i] = string_arg(cx, e->args[i], i + 1, "POSITION"))) return false;
    e->type = type_make(TY_INTEGER);
    e->eval = eval_position;
    return true;
}

/* ---- SUBSTRING(s FROM p [FOR n]) and SUBSTRING(s, p [, n]) ---- */

/* flags: 1 = the comma form, which gives NULL when p is past the end */
static void eval_substring(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s, p, n = val_int(0);
    expr_eval(e->args[0], cx, &s);
    expr_eval(e->args[1], cx, &p);
    if (e->nargs > 2) expr_eval(e->args[2], cx, &n);
    if (s.null || p.null || n.null) { *out = val_null(); return; }
    if (e->nargs > 2 && n.u.i < 0) {
        expr_fail(cx, "INVALID_ARGUMENT", "SUBSTRING length %lld is negative", (long long)n.u.i);
        *out = val_null();
        return;
    }
    int64_t len = (int64_t)utf8_length(s.u.s, s.len);
    if ((e->flags & 1) && p.u.i > len) { *out = val_null(); return; }
    /* the characters [p, p + n) of the 1-based string, clipped to it */
    int64_t end = e->nargs > 2 ? sat_add(p.u.i, n.u.i) : INT64_MAX;
    int64_t from = clamp(p.u.i, 1, len + 1) - 1, to = clamp(end, 1, len + 1) - 1;
    *out = to > from ? char_slice(&s, from, to) : val_str("", 0);
}

static bool check_substring(FnCtx *cx, Expr *e)
{
    if (cx->form == FN_FORM_SIMILAR) return fn_regex_check_substring(cx, e);
    if (cx->form == FN_FORM_FROM && type_is_string(e->args[1]->type.id)) return fn_regex_check_substring(cx, e);
    if (!(e->args[0] = string_arg(cx, e->args[0], 1, "SUBSTRING"))) return false;
    for (int i = 1; i < e->nargs; i++)
        if (!(e->args[i] = int_arg(cx, e->args[i], i + 1, "SUBSTRING"))) return false;
    e->type = type_string(TY_VARCHAR, e->args[0]->type.len);
    e->flags = cx->form == FN_FORM_PLAIN;
    e->eval = eval_substring;
    return true;
}

/* ---- TRIM([LEADING | TRAILING | BOTH] [c] FROM s), TRIM(s) ---- */

static bool one_char(const Value *c) { return c->len > 0 && utf8_length(c->u.s, c->len) == 1; }

/* args (c, s); flags: 0 BOTH, 1 LEADING, 2 TRAILING */
static void eval_trim(const Expr *e, EvalCtx *cx, Value *out)
{
    Value c, s;
    expr_eval(e->args[0], cx, &c);
    expr_eval(e->args[1], cx, &s);
    if (c.null || s.null) { *out = val_null(); return; }
    if (!one_char(&c)) {
        expr_fail(cx, "INVALID_ARGUMENT", "TRIM character must be exactly one character, not '%.*s'", (int)c.len, c.u.s);
        *out = val_null();
        return;
    }
    size_t b = 0, end = s.len, k = c.len;
    if (e->flags != 2)
        while (end - b >= k && memcmp(s.u.s + b, c.u.s, k) == 0) b += k;
    if (e->flags != 1)
        while (end - b >= k && memcmp(s.u.s + end - k, c.u.s, k) == 0) end -= k;
    *out = val_str(s.u.s + b, (uint32_t)(end - b));
}

static bool check_trim(FnCtx *cx, Expr *e)
{
    if (cx->form == FN_FORM_PLAIN && e->nargs != 1) {
        fn_type_error(cx, NULL, "TRIM is written TRIM(string) or TRIM([LEADING | TRAILING | BOTH] [character] FROM string)");
        return false;
    }
    Expr *c = cx->form == FN_FORM_PLAIN ? NULL : e->args[0];
    Expr *s = cx->form == FN_FORM_PLAIN ? e->args[0] : e->args[1];
    if (!(s = string_arg(cx, s, cx->form == FN_FORM_PLAIN ? 1 : 2, "TRIM"))) return false;
    if (!c) {
        c = expr_const(cx->arena, type_string(TY_CHAR, 1), val_str(" ", 1), cx->span);
    } else {
        if (!(c = string_arg(cx, c, 1, "TRIM"))) return false;
        if (c->kind == EX_CONST && !c->k.null && !one_char(&c->k)) {
            fn_type_error(cx, c, "TRIM character must be exactly one character, not '%.*s'", (int)c->k.len, c->k.u.s);
            return false;
        }
    }
    if (e->nargs == 1) {   /* TRIM(s): make room for the character */
        e->args = arena_zalloc(cx->arena, 2 * sizeof(Expr *));
        e->nargs = 2;
    }
    e->args[0] = c;
    e->args[1] = s;
    e->type = type_string(TY_VARCHAR, s->type.len);
    e->flags = (uint32_t)cx->trim_spec;
    e->eval = eval_trim;
    return true;
}

/* ---- OVERLAY(s PLACING r FROM p [FOR n]) ---- */

/* SUBSTRING(s FROM 1 FOR p - 1) || r || SUBSTRING(s FROM p + n): a start
 * below 1 puts r before the string and keeps more of it, past the end appends. */
static void eval_overlay(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s, r, p, n;
    expr_eval(e->args[0], cx, &s);
    expr_eval(e->args[1], cx, &r);
    expr_eval(e->args[2], cx, &p);
    if (e->nargs > 3) expr_eval(e->args[3], cx, &n);
    else n = r.null ? r : val_int((int64_t)utf8_length(r.u.s, r.len));
    if (s.null || r.null || p.null || n.null) { *out = val_null(); return; }
    if (n.u.i < 0) {
        expr_fail(cx, "INVALID_ARGUMENT", "OVERLAY length %lld is negative", (long long)n.u.i);
        *out = val_null();
        return;
    }
    int64_t len = (int64_t)utf8_length(s.u.s, s.len);
    int64_t keep = clamp(sat_add(p.u.i, -1), 0, len);
    int64_t rest = clamp(sat_add(sat_add(p.u.i, n.u.i), -1), 0, len);
    Value left = char_slice(&s, 0, keep), right = char_slice(&s, rest, len);
    char *d = arena_alloc(cx->arena, (size_t)left.len + r.len + right.len + 1);
    if (left.len) memcpy(d, left.u.s, left.len);
    if (r.len) memcpy(d + left.len, r.u.s, r.len);
    if (right.len) memcpy(d + left.len + r.len, right.u.s, right.len);
    d[left.len + r.len + right.len] = 0;
    *out = val_str(d, left.len + r.len + right.len);
}

static bool check_overlay(FnCtx *cx, Expr *e)
{
    for (int i = 0; i < 2; i++)
        if (!(e->args[i] = string_arg(cx, e->args[i], i + 1, "OVERLAY"))) return false;
    for (int i = 2; i < e->nargs; i++)
        if (!(e->args[i] = int_arg(cx, e->args[i], i + 1, "OVERLAY"))) return false;
    int32_t a = e->args[0]->type.len, b = e->args[1]->type.len;
    int64_t len = a && b ? (int64_t)a + b : 0;
    e->type = type_string(TY_VARCHAR, (int32_t)(len > TYPE_MAX_CHAR ? TYPE_MAX_CHAR : len));
    e->eval = eval_overlay;
    return true;
}

const FnDef fn_string_table[] = {
    {"CHARACTER_LENGTH", 1, 1, 0, NULL, check_char_length, AN_NONE, 0},
    {"CHAR_LENGTH", 1, 1, 0, NULL, check_char_length, AN_NONE, 0},
    {"INITCAP", 1, 1, 0, NULL, check_initcap, AN_NONE, 0},
    {"LOWER", 1, 1, 0, NULL, check_lower, AN_NONE, 0},
    {"OVERLAY", 3, 4, 0, NULL, check_overlay, AN_NONE, FORM(FN_FORM_PLACING)},
    {"POSITION", 2, 2, 0, NULL, check_position, AN_NONE, FORM(FN_FORM_IN)},
    {"SUBSTRING", 2, 3, 0, NULL, check_substring, AN_NONE, FORM(FN_FORM_PLAIN) | FORM(FN_FORM_FROM) | FORM(FN_FORM_SIMILAR)},
    {"TRIM", 1, 2, 0, NULL, check_trim, AN_NONE, FORM(FN_FORM_PLAIN) | FORM(FN_FORM_FROM)},
    {"UPPER", 1, 1, 0, NULL, check_upper, AN_NONE, 0},
};
const int fn_string_count = sizeof fn_string_table / sizeof fn_string_table[0];
