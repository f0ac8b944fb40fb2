/* FAST_REGEX_LOG_PARSE(str, fast-regex)
 *
 * The fast-regex dialect (| & ? * + {n} {n,} {n,m} [..] [^..] . # @ "..."
 * () <Name> <n-m>) is translated to PCRE2. The reference evaluates it as a
 * series of expressions, one per group and one per run outside groups, each
 * matched lazily and never backtracked into, where each expression stops at
 * the first place the fixed-length text that follows it can match, and the
 * whole input must be consumed. In PCRE2 terms each top-level piece
 * becomes an atomic group of lazy quantifiers followed by a lookahead for
 * the fixed-length text after it (and \z after the last one). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fn_check.h"
#include "fn_logparse.h"

enum { FN_RAW, FN_GROUP, FN_CONCAT, FN_UNION, FN_REPEAT };

typedef struct FNode {
    uint8_t kind;
    int32_t flen;          /* fixed length in characters, -1 if variable */
    int32_t kid, next;     /* first child, next sibling (-1 none) */
    int32_t min, max;      /* FN_REPEAT: max -1 = unbounded */
    uint32_t text, tlen;   /* FN_RAW: PCRE2 text in the pool */
} FNode;

typedef struct FastRx {
    const char *s;
    size_t n, p;
    FNode node[1024];
    int nnodes;
    char pool[16384];
    size_t plen;
    char out[32768];
    size_t olen;
    bool overflow;
    char err[200];
    size_t erroff;
} FastRx;

static int fr_node(FastRx *r, uint8_t kind)
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

static void fr_pool(FastRx *r, const char *s, size_t n)
{
    if (r->plen + n >= sizeof r->pool) {
        r->overflow = true;
        return;
    }
    memcpy(r->pool + r->plen, s, n);
    r->plen += n;
}

static void fr_poolf(FastRx *r, const char *s) { fr_pool(r, s, strlen(s)); }

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

static bool fr_fail(FastRx *r, const char *msg)
{
    if (!r->err[0]) {
        snprintf(r->err, sizeof r->err, "%s", msg);
        r->erroff = r->p;
    }
    return false;
}

static int fr_union(FastRx *r);

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
    if (an > 18 || bn > 18) return fr_fail(r, "numeric interval bound too large"), -2;
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
    if (r->p >= r->n) return fr_fail(r, "unexpected end of pattern"), -1;
    const char *s = r->s;
    char c = s[r->p];
    int x;
    switch (c) {
    case '(': {
        r->p++;
        x = fr_node(r, FN_GROUP);
        if (r->p < r->n && s[r->p] == ')') {   /* () the empty string */
            r->p++;
            r->node[x].flen = 0;
            return x;
        }
        int k = fr_union(r);
        if (k < 0) return -1;
        if (r->p >= r->n || s[r->p] != ')') return fr_fail(r, "missing )"), -1;
        r->p++;
        r->node[x].kid = k;
        r->node[x].flen = r->node[k].flen;
        return x;
    }
    case '[': {
        r->p++;
        x = fr_node(r, FN_RAW);
        fr_poolf(r, "[");
        if (r->p < r->n && s[r->p] == '^') { fr_poolf(r, "^"); r->p++; }
        bool any = false;
        while (r->p < r->n && s[r->p] != ']') {
            if (s[r->p] == '\\' && r->p + 1 < r->n) {
                r->p++;
                fr_escape(r);
            } else {
                size_t l = fn_log_utf8_len_at(s + r->p, r->n - r->p);
                fr_pool_literal(r, s + r->p, l);
                r->p += l;
            }
            if (r->p + 1 < r->n && s[r->p] == '-' && s[r->p + 1] != ']') {
                fr_poolf(r, "-");
                r->p++;
                if (s[r->p] == '\\' && r->p + 1 < r->n) {
                    r->p++;
                    fr_escape(r);
                } else {
                    size_t l = fn_log_utf8_len_at(s + r->p, r->n - r->p);
                    fr_pool_literal(r, s + r->p, l);
                    r->p += l;
                }
            }
            any = true;
        }
        if (r->p >= r->n) return fr_fail(r, "missing ]"), -1;
        if (!any) return fr_fail(r, "empty character class"), -1;
        r->p++;
        fr_poolf(r, "]");
        r->node[x].flen = 1;
        break;
    }
    case '"': {
        r->p++;
        x = fr_node(r, FN_RAW);
        int chars = 0;
        while (r->p < r->n && s[r->p] != '"') {
            size_t l = fn_log_utf8_len_at(s + r->p, r->n - r->p);
            fr_pool_literal(r, s + r->p, l);
            r->p += l;
            chars++;
        }
        if (r->p >= r->n) return fr_fail(r, "missing closing \""), -1;
        r->p++;
        r->node[x].flen = chars;
        break;
    }
    case '<': {
        size_t b = ++r->p;
        while (r->p < r->n && s[r->p] != '>') r->p++;
        if (r->p >= r->n) return fr_fail(r, "missing >"), -1;
        const char *body = s + b;
        size_t bl = r->p - b;
        r->p++;
        x = fr_node(r, FN_RAW);
        const char *dash = memchr(body, '-', bl);
        size_t i = 0;
        while (i < bl && body[i] >= '0' && body[i] <= '9') i++;
        if (dash && i == (size_t)(dash - body) && i > 0) {
            size_t j = i + 1;
            while (j < bl && body[j] >= '0' && body[j] <= '9') j++;
            if (j != bl || j == i + 1) return r->p = b, fr_fail(r, "bad numeric interval"), -1;
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
        r->p++;
        x = fr_node(r, FN_RAW);
        fr_poolf(r, ".");
        r->node[x].flen = 1;
        break;
    case '#':
        r->p++;
        x = fr_node(r, FN_RAW);
        fr_poolf(r, "(?!)");
        r->node[x].flen = 0;
        break;
    case '@':
        r->p++;
        x = fr_node(r, FN_RAW);
        fr_poolf(r, ".*?");
        r->node[x].flen = -1;
        break;
    case '\\':
        if (r->p + 1 >= r->n) return fr_fail(r, "pattern ends with a backslash"), -1;
        r->p++;
        x = fr_node(r, FN_RAW);
        fr_escape(r);
        r->node[x].flen = 1;
        break;
    case ')': case '|': case '&': case '*': case '+': case '?': case '{':
        return fr_fail(r, "unexpected character"), -1;
    default: {
        x = fr_node(r, FN_RAW);
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
        int y = fr_node(r, FN_REPEAT);
        FNode *q = &r->node[y];
        char c = r->s[r->p++];
        if (c == '?') q->min = 0, q->max = 1;
        else if (c == '*') q->min = 0, q->max = -1;
        else if (c == '+') q->min = 1, q->max = -1;
        else {
            int64_t a, b;
            size_t d = fn_log_read_digits(r->s + r->p, r->n - r->p, 6, &a);
            if (!d) return fr_fail(r, "expected a number after {"), -1;
            r->p += d;
            b = a;
            if (r->p < r->n && r->s[r->p] == ',') {
                r->p++;
                d = fn_log_read_digits(r->s + r->p, r->n - r->p, 6, &b);
                r->p += d;
                if (!d) b = -1;
            }
            if (r->p >= r->n || r->s[r->p] != '}') return fr_fail(r, "expected }"), -1;
            r->p++;
            if (b >= 0 && b < a) return fr_fail(r, "bad repetition bounds"), -1;
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
    int x = fr_node(r, FN_CONCAT), last = -1;
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
        return fr_fail(r, "intersection (&) is not supported by eddy's FAST_REGEX_LOG_PARSE"), -1;
    if (r->p >= r->n || r->s[r->p] != '|') return a;
    int x = fr_node(r, FN_UNION);
    r->node[x].kid = a;
    int32_t flen = r->node[a].flen;
    int last = a;
    while (r->p < r->n && r->s[r->p] == '|') {
        r->p++;
        int b = fr_concat(r);
        if (b < 0) return -1;
        if (r->p < r->n && r->s[r->p] == '&')
            return fr_fail(r, "intersection (&) is not supported by eddy's FAST_REGEX_LOG_PARSE"), -1;
        r->node[last].next = b;
        last = b;
        if (r->node[b].flen != flen) flen = -1;
    }
    r->node[x].flen = flen;
    return x;
}

static void fr_out(FastRx *r, const char *s, size_t n)
{
    if (r->olen + n >= sizeof r->out) {
        r->overflow = true;
        return;
    }
    memcpy(r->out + r->olen, s, n);
    r->olen += n;
}

static void fr_outs(FastRx *r, const char *s) { fr_out(r, s, strlen(s)); }

static bool fr_greedy_repeat(const FastRx *r, int x);

/* Emits node x; capture = false inside lookaheads (groups do not count). */
static void fr_emit(FastRx *r, int x, bool capture)
{
    const FNode *q = &r->node[x];
    char b[48];
    switch (q->kind) {
    case FN_RAW:
        fr_out(r, r->pool + q->text, q->tlen);
        break;
    case FN_GROUP:
        fr_outs(r, capture ? "(" : "(?:");
        if (q->kid >= 0) fr_emit(r, q->kid, capture);
        fr_outs(r, ")");
        break;
    case FN_CONCAT:
        for (int k = q->kid; k >= 0; k = r->node[k].next) fr_emit(r, k, capture);
        break;
    case FN_UNION:
        fr_outs(r, "(?:");
        for (int k = q->kid; k >= 0; k = r->node[k].next) {
            if (k != q->kid) fr_outs(r, "|");
            fr_emit(r, k, capture);
        }
        fr_outs(r, ")");
        break;
    case FN_REPEAT: {
        bool greedy = fr_greedy_repeat(r, x);
        fr_outs(r, "(?:");
        fr_emit(r, q->kid, capture);
        fr_outs(r, ")");
        if (q->max < 0) snprintf(b, sizeof b, "{%d,}%s", q->min, greedy ? "" : "?");
        else if (q->min == q->max) snprintf(b, sizeof b, "{%d}", q->min);
        else snprintf(b, sizeof b, "{%d,%d}%s", q->min, q->max, greedy ? "" : "?");
        fr_outs(r, b);
        break;
    }
    }
}

/* A repeat of one character of a class narrower than "any" takes every
 * such character there is (within its piece, which still stops where the
 * text after it can follow), as the reference's Examples B and C show
 * ("after finding the multiple underscores required by the _+
 * specification, the group-2 specification accepts all remaining
 * characters"), so (<Digit>+) is a whole number. A repeat of "." stays lazy. */
static bool fr_greedy_repeat(const FastRx *r, int x)
{
    const FNode *q = &r->node[x];
    if (q->kind != FN_REPEAT) return false;
    const FNode *k = &r->node[q->kid];
    return k->kind == FN_RAW && k->flen == 1 && !(k->tlen == 1 && r->pool[k->text] == '.');
}

/* A top-level piece: a group, or a run of items outside groups. */
typedef struct Seg {
    int first, count;    /* items (siblings from first) */
    bool group;
} Seg;

/* Emits the longest fixed-length prefix of a list of items (without
 * captures); true if the whole list is fixed. */
static bool fr_emit_fixed_prefix(FastRx *r, int first, int count)
{
    int k = first;
    for (int i = 0; i < count && k >= 0; i++, k = r->node[k].next) {
        const FNode *q = &r->node[k];
        if (q->flen >= 0) {
            fr_emit(r, k, false);
            continue;
        }
        if (q->kind == FN_GROUP && q->kid >= 0) {   /* a group's own prefix */
            const FNode *c = &r->node[q->kid];
            if (c->kind == FN_CONCAT) fr_emit_fixed_prefix(r, c->kid, 1 << 30);
        } else if (q->kind == FN_CONCAT) {
            fr_emit_fixed_prefix(r, q->kid, 1 << 30);
        } else if (q->kind == FN_REPEAT && q->min > 0 && r->node[q->kid].flen >= 0) {
            /* "_+" is "_" then "_*" (the reference's Example B) */
            for (int m = 0; m < q->min; m++) fr_emit(r, q->kid, false);
        }
        return false;
    }
    return true;
}

static const char *fast_regex_to_pcre(FastRx *r, int *groups)
{
    int root = fr_union(r);
    if (root < 0) return NULL;
    if (r->p != r->n) {
        fr_fail(r, "unbalanced )");
        return NULL;
    }
    *groups = 0;
    for (int i = 0; i < r->nnodes; i++)
        if (r->node[i].kind == FN_GROUP) (*groups)++;
    Seg seg[512];
    int nseg = 0;
    if (r->node[root].kind == FN_CONCAT) {
        for (int k = r->node[root].kid; k >= 0 && nseg < 512; k = r->node[k].next) {
            bool g = r->node[k].kind == FN_GROUP;
            if (!g && nseg > 0 && !seg[nseg - 1].group) {
                seg[nseg - 1].count++;
                continue;
            }
            seg[nseg++] = (Seg){k, 1, g};
        }
    } else {
        seg[nseg++] = (Seg){root, 1, r->node[root].kind == FN_GROUP};
    }
    for (int i = 0; i < nseg; i++) {
        fr_outs(r, "(?>");
        int k = seg[i].first;
        for (int j = 0; j < seg[i].count; j++, k = r->node[k].next) fr_emit(r, k, true);
        fr_outs(r, "(?=");
        bool to_end = true;
        for (int j = i + 1; j < nseg && to_end; j++)
            to_end = fr_emit_fixed_prefix(r, seg[j].first, seg[j].count);
        if (to_end) fr_outs(r, "\\z");
        fr_outs(r, "))");
    }
    if (r->overflow) {
        fr_fail(r, "pattern too long");
        return NULL;
    }
    fr_out(r, "", 1);
    return r->out;
}

static void eval_fast_regex_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s;
    expr_eval(e->args[0], cx, &s);
    if (s.null) {
        *out = val_null();
        return;
    }
    const LogParser *p = e->aux;
    Value *f = fn_log_null_fields(cx, p->n);
    int rc = rx_match(p->rx, s.u.s, s.len, 0, PCRE2_ANCHORED);
    if (rc > 0) {
        fn_log_fill_from_groups(cx, e->name, p, s.u.s, rc, f);
    } else if (rc < 0) {
        expr_fail(cx, "REGEX", "%s could not match (PCRE2 error %d)", e->name, rc);
    }
    fn_log_set_row(out, f, p->n);
}

bool fn_check_fast_regex_log_parse(FnCtx *cx, Expr *e)
{
    const char *fn = e->name;
    if (!fn_expect_string(cx, e->args[0], 1, fn)) return false;
    uint32_t len;
    const char *pat = fn_log_const_string(cx, e->args[1], fn, "pattern", &len);
    if (!pat) return false;
    FastRx *r = calloc(1, sizeof *r);
    if (!r) {
        fn_type_error(cx, e->args[1], "out of memory");
        return false;
    }
    r->s = pat;
    r->n = len;
    int groups = 0;
    const char *pcre = fast_regex_to_pcre(r, &groups);
    if (!pcre) {
        fn_type_error(cx, e->args[1], "invalid fast regex at offset %zu: %s", r->erroff, r->err);
        free(r);
        return false;
    }
    if (groups > MAX_FIELDS) {
        fn_type_error(cx, e->args[1], "%s supports at most %d groups", fn, MAX_FIELDS);
        free(r);
        return false;
    }
    LogParser *p = arena_alloc(cx->arena, sizeof *p);
    memset(p, 0, sizeof *p);
    bool ok = fn_log_compile_pattern(cx, e->args[1], pcre, r->olen - 1, PCRE2_DOTALL | PCRE2_ANCHORED, &p->rx);
    free(r);
    if (!ok) return false;
    p->n = groups;
    p->f = fn_log_column_fields(cx->arena, p->n, type_string(TY_VARCHAR, 1024));
    e->aux = p;
    e->type = fn_log_row_type(p->f, p->n);
    e->eval = eval_fast_regex_log_parse;
    return true;
}
