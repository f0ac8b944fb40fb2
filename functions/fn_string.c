/* String functions. Lengths and positions count characters, not bytes. */
#include <locale.h>
#include <string.h>
#include <wctype.h>

#include "../src/convert.h"
#include "ops.h"

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

const FnDef fn_string_table[] = {
    {"CHARACTER_LENGTH", 1, 1, 0, NULL, check_char_length, AN_NONE, 0},
    {"CHAR_LENGTH", 1, 1, 0, NULL, check_char_length, AN_NONE, 0},
    {"INITCAP", 1, 1, 0, NULL, check_initcap, AN_NONE, 0},
    {"LOWER", 1, 1, 0, NULL, check_lower, AN_NONE, 0},
    {"UPPER", 1, 1, 0, NULL, check_upper, AN_NONE, 0},
};
const int fn_string_count = sizeof fn_string_table / sizeof fn_string_table[0];
