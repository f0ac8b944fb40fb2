/* The fast-regex dialect of FAST_REGEX_LOG_PARSE (| & ? * + {n} {n,} {n,m}
 * [..] [^..] . # @ "..." () <Name> <n-m>, the syntax of dk.brics.automaton)
 * read into a tree whose leaves hold PCRE2 text, each node knowing its fixed
 * length in characters when it has one. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fn_logparse.h"
#include "fn_logparse_fast.h"

int fn_fastrx_node(FastRx *r, uint8_t kind)
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

static void fr_pool(FastRx *r, const char *s, size_t n) { fn_fastrx_append(r, r->pool, sizeof r->pool, &r->plen, s, n); }

static void fr_poolf(FastRx *r, const char *s) { fr_pool(r, s, strlen(s)); }

/* A one-character symbol of the dialect at r->p, as a node of PCRE2 text. */
static int fr_symbol(FastRx *r, const char *pcre, int32_t flen)
{
    r->p++;
    int x = fn_fastrx_node(r, FN_RAW);
    fr_poolf(r, pcre);
    r->node[x].flen = flen;
    return x;
}

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

bool fn_fastrx_fail(FastRx *r, const char *msg)
{
    if (!r->err[0]) {
        snprintf(r->err, sizeof r->err, "%s", msg);
        r->erroff = r->p;
    }
    return false;
}

static int fr_union(FastRx *r);

static void fr_escape(FastRx *r);

/* One character of a [class] at r->p (an escape or a literal) into the pool. */
static void fr_class_char(FastRx *r)
{
    const char *s = r->s;
    if (s[r->p] == '\\' && r->p + 1 < r->n) {
        r->p++;
        fr_escape(r);
        return;
    }
    size_t l = fn_log_utf8_len_at(s + r->p, r->n - r->p);
    fr_pool_literal(r, s + r->p, l);
    r->p += l;
}

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
    size_t l = fn_log_utf8_len_at(r->s + r->p, r->n - r->p);
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
    if (an > 18 || bn > 18) return fn_fastrx_fail(r, "numeric interval bound too large"), -2;
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
    if (r->p >= r->n) return fn_fastrx_fail(r, "unexpected end of pattern"), -1;
    const char *s = r->s;
    char c = s[r->p];
    int x;
    switch (c) {
    case '(': {
        r->p++;
        x = fn_fastrx_node(r, FN_GROUP);
        if (r->p < r->n && s[r->p] == ')') {   /* () the empty string */
            r->p++;
            r->node[x].flen = 0;
            return x;
        }
        int k = fr_union(r);
        if (k < 0) return -1;
        if (r->p >= r->n || s[r->p] != ')') return fn_fastrx_fail(r, "missing )"), -1;
        r->p++;
        r->node[x].kid = k;
        r->node[x].flen = r->node[k].flen;
        return x;
    }
    case '[': {
        r->p++;
        x = fn_fastrx_node(r, FN_RAW);
        fr_poolf(r, "[");
        if (r->p < r->n && s[r->p] == '^') { fr_poolf(r, "^"); r->p++; }
        bool any = false;
        while (r->p < r->n && s[r->p] != ']') {
            fr_class_char(r);
            if (r->p + 1 < r->n && s[r->p] == '-' && s[r->p + 1] != ']') {
                fr_poolf(r, "-");
                r->p++;
                fr_class_char(r);
            }
            any = true;
        }
        if (r->p >= r->n) return fn_fastrx_fail(r, "missing ]"), -1;
        if (!any) return fn_fastrx_fail(r, "empty character class"), -1;
        r->p++;
        fr_poolf(r, "]");
        r->node[x].flen = 1;
        break;
    }
    case '"': {
        r->p++;
        x = fn_fastrx_node(r, FN_RAW);
        int chars = 0;
        while (r->p < r->n && s[r->p] != '"') {
            size_t l = fn_log_utf8_len_at(s + r->p, r->n - r->p);
            fr_pool_literal(r, s + r->p, l);
            r->p += l;
            chars++;
        }
        if (r->p >= r->n) return fn_fastrx_fail(r, "missing closing \""), -1;
        r->p++;
        r->node[x].flen = chars;
        break;
    }
    case '<': {
        size_t b = ++r->p;
        while (r->p < r->n && s[r->p] != '>') r->p++;
        if (r->p >= r->n) return fn_fastrx_fail(r, "missing >"), -1;
        const char *body = s + b;
        size_t bl = r->p - b;
        r->p++;
        x = fn_fastrx_node(r, FN_RAW);
        const char *dash = memchr(body, '-', bl);
        size_t i = 0;
        while (i < bl && body[i] >= '0' && body[i] <= '9') i++;
        if (dash && i == (size_t)(dash - body) && i > 0) {
            size_t j = i + 1;
            while (j < bl && body[j] >= '0' && body[j] <= '9') j++;
            if (j != bl || j == i + 1) return r->p = b, fn_fastrx_fail(r, "bad numeric interval"), -1;
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
        x = fr_symbol(r, ".", 1);
        break;
    case '#':   /* the empty language */
        x = fr_symbol(r, "(?!)", 0);
        break;
    case '@':   /* any string */
        x = fr_symbol(r, ".*?", -1);
        break;
    case '\\':
        if (r->p + 1 >= r->n) return fn_fastrx_fail(r, "pattern ends with a backslash"), -1;
        r->p++;
        x = fn_fastrx_node(r, FN_RAW);
        fr_escape(r);
        r->node[x].flen = 1;
        break;
    case ')': case '|': case '&': case '*': case '+': case '?': case '{':
        return fn_fastrx_fail(r, "unexpected character"), -1;
    default: {
        x = fn_fastrx_node(r, FN_RAW);
        size_t l = fn_log_utf8_len_at(s + r->p, r->n - r->p);
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
        int y = fn_fastrx_node(r, FN_REPEAT);
        FNode *q = &r->node[y];
        char c = r->s[r->p++];
        if (c == '?') q->min = 0, q->max = 1;
        else if (c == '*') q->min = 0, q->max = -1;
        else if (c == '+') q->min = 1, q->max = -1;
        else {
            int64_t a, b;
            size_t d = fn_log_read_digits(r->s + r->p, r->n - r->p, 6, &a);
            if (!d) return fn_fastrx_fail(r, "expected a number after {"), -1;
            r->p += d;
            b = a;
            if (r->p < r->n && r->s[r->p] == ',') {
                r->p++;
                d = fn_log_read_digits(r->s + r->p, r->n - r->p, 6, &b);
                r->p += d;
                if (!d) b = -1;
            }
            if (r->p >= r->n || r->s[r->p] != '}') return fn_fastrx_fail(r, "expected }"), -1;
            r->p++;
            if (b >= 0 && b < a) return fn_fastrx_fail(r, "bad repetition bounds"), -1;
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
    int x = fn_fastrx_node(r, FN_CONCAT), last = -1;
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
        return fn_fastrx_fail(r, "intersection (&) is not supported by eddy's FAST_REGEX_LOG_PARSE"), -1;
    if (r->p >= r->n || r->s[r->p] != '|') return a;
    int x = fn_fastrx_node(r, FN_UNION);
    r->node[x].kid = a;
    int32_t flen = r->node[a].flen;
    int last = a;
    while (r->p < r->n && r->s[r->p] == '|') {
        r->p++;
        int b = fr_concat(r);
        if (b < 0) return -1;
        if (r->p < r->n && r->s[r->p] == '&')
            return fn_fastrx_fail(r, "intersection (&) is not supported by eddy's FAST_REGEX_LOG_PARSE"), -1;
        r->node[last].next = b;
        last = b;
        if (r->node[b].flen != flen) flen = -1;
    }
    r->node[x].flen = flen;
    return x;
}


int fn_fastrx_parse(FastRx *r) { return fr_union(r); }
