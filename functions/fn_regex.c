/* Regular expressions on PCRE2: the SIMILAR TO operator, SUBSTRING(s FROM
 * regex), SUBSTRING(s SIMILAR pattern ESCAPE e) and REGEX_REPLACE.
 *
 * A constant pattern is compiled once, at bind time, into a process-wide
 * registry (deduplicated by its PCRE2 source) that is freed at exit: the
 * plan arena runs no destructors, so the compiled code cannot live there.
 * A pattern that changes per row goes through a small cache of recently
 * compiled patterns. Each compiled pattern owns its match data, so a match
 * allocates nothing once PCRE2 has sized its backtracking frames. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/runtime/convert.h"
#include "src/runtime/mem.h"
#include "fn_check.h"
#include "fn_families.h"
#include "fn_regex.h"
#include "ops.h"
#include "regex.h"

typedef struct Rx {
    pcre2_code *code;
    pcre2_match_data *md;
    uint32_t ncap;      /* capturing groups */
    uint32_t opts;
    char *src;          /* the PCRE2 source, the cache key */
    size_t srclen;
} Rx;

/* Java regexes (REGEX_REPLACE, SUBSTRING FROM): UTF-8, tolerant of bad bytes */
#define OPTS_JAVA (PCRE2_UTF | PCRE2_MATCH_INVALID_UTF)
/* SIMILAR TO: '_' and '%' match any character, newlines included */
#define OPTS_SIMILAR (PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DOTALL)

/* ---- compiled patterns: registry, cache, teardown ---- */

static void *rx_malloc(PCRE2_SIZE n, void *d) { (void)d; return mem_alloc(n); }
static void rx_free_mem(void *p, void *d) { (void)d; mem_free(p); }

static pcre2_general_context *gctx;
static pcre2_compile_context *cctx;
static Rx **pinned;                 /* bound constant patterns, for the process lifetime */
static size_t npinned, cap_pinned;
enum { CACHE_SIZE = 16 };
static Rx *cache[CACHE_SIZE];       /* per-row patterns, replaced round-robin */
static unsigned cache_next;

static void rx_destroy(Rx *rx)
{
    if (!rx) return;
    pcre2_match_data_free(rx->md);
    pcre2_code_free(rx->code);
    mem_free(rx->src);
    mem_free(rx);
}

static void rx_teardown(void)
{
    for (size_t i = 0; i < npinned; i++) rx_destroy(pinned[i]);
    mem_free(pinned);
    pinned = NULL;
    npinned = cap_pinned = 0;
    for (int i = 0; i < CACHE_SIZE; i++) rx_destroy(cache[i]), cache[i] = NULL;
    pcre2_compile_context_free(cctx);
    pcre2_general_context_free(gctx);
    cctx = NULL;
    gctx = NULL;
}

static void rx_init(void)
{
    if (gctx) return;
    gctx = pcre2_general_context_create(rx_malloc, rx_free_mem, NULL);
    cctx = pcre2_compile_context_create(gctx);
    atexit(rx_teardown);
}

static Rx *rx_build(const char *src, size_t n, uint32_t opts, char *why, size_t wsz)
{
    rx_init();
    int err;
    PCRE2_SIZE off;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)src, n, opts, &err, &off, cctx);
    if (!code) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(err, msg, sizeof msg);
        if (opts & PCRE2_DOTALL)   /* a translated SIMILAR pattern: its offsets mean nothing to the user */
            snprintf(why, wsz, "%s", (const char *)msg);
        else
            snprintf(why, wsz, "%s at offset %zu", (const char *)msg, (size_t)off);
        return NULL;
    }
    pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);   /* the interpreter runs when JIT is unavailable */
    Rx *rx = mem_calloc(1, sizeof *rx);
    rx->code = code;
    rx->md = pcre2_match_data_create_from_pattern(code, gctx);
    pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &rx->ncap);
    rx->opts = opts;
    rx->src = mem_strndup(src, n);
    rx->srclen = n;
    return rx;
}

static bool rx_same(const Rx *rx, const char *src, size_t n, uint32_t opts)
{
    return rx && rx->opts == opts && rx->srclen == n && memcmp(rx->src, src, n) == 0;
}

/* A constant pattern, bound once. */
static Rx *rx_pinned(const char *src, size_t n, uint32_t opts, char *why, size_t wsz)
{
    for (size_t i = 0; i < npinned; i++)
        if (rx_same(pinned[i], src, n, opts)) return pinned[i];
    Rx *rx = rx_build(src, n, opts, why, wsz);
    if (!rx) return NULL;
    if (npinned == cap_pinned) {
        cap_pinned = cap_pinned ? 2 * cap_pinned : 16;
        pinned = mem_realloc(pinned, cap_pinned * sizeof *pinned);
    }
    pinned[npinned++] = rx;
    return rx;
}

/* A pattern computed per row. */
static Rx *rx_cached(const char *src, size_t n, uint32_t opts, char *why, size_t wsz)
{
    for (size_t i = 0; i < npinned; i++)
        if (rx_same(pinned[i], src, n, opts)) return pinned[i];
    for (int i = 0; i < CACHE_SIZE; i++)
        if (rx_same(cache[i], src, n, opts)) return cache[i];
    Rx *rx = rx_build(src, n, opts, why, wsz);
    if (!rx) return NULL;
    rx_destroy(cache[cache_next]);
    cache[cache_next] = rx;
    cache_next = (cache_next + 1) % CACHE_SIZE;
    return rx;
}

/* 1 match, 0 none, -1 error (reported). */
static int rx_exec(Rx *rx, const char *s, size_t n, size_t start, EvalCtx *cx, const char *fn)
{
    int rc = rx_pcre2_match(rx->code, s, n, start, 0, rx->md);
    if (rc >= 0) return 1;
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    char msg[160];
    expr_fail(cx, "REGEX", "%s: regular expression match failed: %s", fn, rx_error_message(rc, msg, sizeof msg));
    return -1;
}

/* ---- SIMILAR TO patterns translated to PCRE2 ---- */

static size_t char_len_at(const char *s, size_t n, size_t i)
{
    size_t k = 1;
    while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80) k++;
    return k;
}

typedef struct Out {
    char *p;
    size_t n;
} Out;

static void put(Out *o, const char *s) { size_t k = strlen(s); memcpy(o->p + o->n, s, k); o->n += k; }

/* one character matched literally, in or out of a [ ] class */
static void put_lit(Out *o, const char *c, size_t len)
{
    unsigned char b = (unsigned char)c[0];
    if (len > 1 || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
        memcpy(o->p + o->n, c, len);
        o->n += len;
    } else if (b < 0x20 || b == 0x7F) {
        o->n += (size_t)sprintf(o->p + o->n, "\\x%02x", b);
    } else {
        o->p[o->n++] = '\\';   /* a backslash before ASCII punctuation is always a literal in PCRE2 */
        o->p[o->n++] = (char)b;
    }
}

typedef enum { SIM_MATCH, SIM_SUBSTRING } SimMode;

typedef struct Sim {
    const char *p;
    size_t n, i;
    const char *esc;     /* the escape character, or NULL */
    size_t esclen;
    Out o;
    Arena *a;            /* scratch for [ ] classes */
    const char *why;
} Sim;

static bool at_escape(const Sim *s)
{
    return s->esc && s->i + s->esclen <= s->n && memcmp(s->p + s->i, s->esc, s->esclen) == 0;
}

/* A [ ] class, s->i just past the '['. [^A] negates; [A^B] is "in A and not in B". */
static bool sim_class(Sim *s)
{
    bool neg = false;
    if (s->i < s->n && s->p[s->i] == '^') neg = true, s->i++;
    char *sets[2];
    size_t lens[2] = {0, 0};
    int which = 0;
    size_t room = 4 * (s->n - s->i) + 16;   /* put_lit writes at most 4 bytes a byte */
    sets[0] = arena_alloc(s->a, 2 * room);
    sets[1] = sets[0] + room;
    Out part = {sets[0], 0};
    bool any = false;
    while (s->i < s->n) {
        char c = s->p[s->i];
        if (at_escape(s)) {
            s->i += s->esclen;
            if (s->i >= s->n) { s->why = "escape character at the end of the pattern"; return false; }
            size_t l = char_len_at(s->p, s->n, s->i);
            put_lit(&part, s->p + s->i, l);
            s->i += l;
            any = true;
            continue;
        }
        if (c == ']') {
            if (!any) { s->why = "empty [ ] in the pattern"; return false; }
            s->i++;
            lens[which] = part.n;
            if (which == 1 && part.n == 0) { s->why = "nothing after ^ in [ ]"; return false; }
            /* emit: (?:(?![B])[A]) or [A] */
            Out *o = &s->o;
            if (which) {
                put(o, "(?:(?![");
                memcpy(o->p + o->n, sets[1], lens[1]);
                o->n += lens[1];
                put(o, "])");
            }
            put(o, neg ? "[^" : "[");
            memcpy(o->p + o->n, sets[0], lens[0]);
            o->n += lens[0];
            put(o, which ? "])" : "]");
            return true;
        }
        if (c == '(' || c == ')') { s->why = "( and ) are not allowed inside [ ]"; return false; }
        if (c == '^' && which == 0 && any) {
            lens[0] = part.n;
            which = 1;
            part = (Out){sets[1], 0};
            any = false;
            s->i++;
            continue;
        }
        if (c == '-' && any && s->i + 1 < s->n && s->p[s->i + 1] != ']' && s->p[s->i + 1] != '^') {
            part.p[part.n++] = '-';
            s->i++;
            continue;
        }
        size_t l = char_len_at(s->p, s->n, s->i);
        put_lit(&part, s->p + s->i, l);
        s->i += l;
        any = true;
    }
    s->why = "unterminated [ in the pattern";
    return false;
}

/* Translates a SIMILAR TO pattern. SIM_MATCH: the whole string must match.
 * SIM_SUBSTRING: the pattern is R1 <esc>" R2 <esc>" R3; group 1 is R2, and
 * R1 matches as little as it can. The result is in arena a. */
static bool similar_translate(const char *p, size_t n, const char *esc, size_t esclen, SimMode mode, Arena *a,
                              char **out, size_t *outlen, const char **why)
{
    size_t cap = 8 * n + 64;   /* '%' gives 7 bytes; a class at most 4 a byte plus 16 */
    Sim s = {.p = p, .n = n, .esc = esc, .esclen = esclen, .o = {arena_alloc(a, cap), 0}, .a = a};
    bool lazy = mode == SIM_SUBSTRING;   /* inside R1 */
    int markers = 0;
    put(&s.o, "(?:");
    while (s.i < n) {
        if (at_escape(&s)) {
            s.i += esclen;
            if (s.i >= n) { *why = "escape character at the end of the pattern"; return false; }
            if (mode == SIM_SUBSTRING && p[s.i] == '"') {
                markers++;
                if (markers > 2) { *why = "more than two escaped double quotes in the pattern"; return false; }
                put(&s.o, markers == 1 ? ")(" : ")(?:");
                lazy = false;
                s.i++;
                continue;
            }
            size_t l = char_len_at(p, n, s.i);
            put_lit(&s.o, p + s.i, l);
            s.i += l;
            continue;
        }
        char c = p[s.i];
        switch (c) {
        case '%': put(&s.o, lazy ? "(?:.*?)" : "(?:.*)"); s.i++; continue;
        case '_': put(&s.o, "."); s.i++; continue;
        case '(': put(&s.o, "(?:"); s.i++; continue;
        case ')': put(&s.o, ")"); s.i++; continue;
        case '|': put(&s.o, "|"); s.i++; continue;
        case '*': case '+': case '?':
            s.o.p[s.o.n++] = c;
            if (lazy) s.o.p[s.o.n++] = '?';
            s.i++;
            continue;
        case '{': {
            size_t j = s.i + 1, lo_start = j;
            while (j < n && p[j] >= '0' && p[j] <= '9') j++;
            size_t lo_len = j - lo_start, hi_start = 0, hi_len = 0;
            bool comma = false;
            if (j < n && p[j] == ',') {
                comma = true;
                hi_start = ++j;
                while (j < n && p[j] >= '0' && p[j] <= '9') j++;
                hi_len = j - hi_start;
            }
            if (j >= n || p[j] != '}' || lo_len == 0 || lo_len > 5 || hi_len > 5) {
                *why = "invalid repetition { } in the pattern";
                return false;
            }
            if (hi_len && atoi(p + hi_start) < atoi(p + lo_start)) {
                *why = "repetition { } with a maximum below its minimum";
                return false;
            }
            s.o.p[s.o.n++] = '{';
            memcpy(s.o.p + s.o.n, p + lo_start, lo_len), s.o.n += lo_len;
            if (comma) s.o.p[s.o.n++] = ',';
            memcpy(s.o.p + s.o.n, p + hi_start, hi_len), s.o.n += hi_len;
            s.o.p[s.o.n++] = '}';
            if (lazy) s.o.p[s.o.n++] = '?';
            s.i = j + 1;
            continue;
        }
        case '[':
            s.i++;
            if (!sim_class(&s)) { *why = s.why; return false; }
            continue;
        default: {
            size_t l = char_len_at(p, n, s.i);
            put_lit(&s.o, p + s.i, l);
            s.i += l;
        }
        }
    }
    if (mode == SIM_SUBSTRING && markers != 2) {
        *why = "the pattern needs two escaped double quotes around the part to return";
        return false;
    }
    put(&s.o, mode == SIM_MATCH ? ")\\z" : ")");
    *out = s.o.p;
    *outlen = s.o.n;
    return true;
}

/* The escape of SIMILAR: NULL for none; exactly one character otherwise. */
static bool escape_ok(const Value *esc) { return esc->len > 0 && utf8_length(esc->u.s, esc->len) == 1; }

/* Compiles a SIMILAR pattern for evaluation (pinned at bind, cached per row). */
static Rx *similar_rx(const Value *pat, const Value *esc, SimMode mode, Arena *a, bool bind, const char **why,
                      char *buf, size_t bufsz)
{
    char *src;
    size_t n;
    if (!similar_translate(pat->u.s, pat->len, esc ? esc->u.s : NULL, esc ? esc->len : 0, mode, a, &src, &n, why))
        return NULL;
    Rx *rx = bind ? rx_pinned(src, n, OPTS_SIMILAR | (mode == SIM_MATCH ? PCRE2_ANCHORED : 0), buf, bufsz)
                  : rx_cached(src, n, OPTS_SIMILAR | (mode == SIM_MATCH ? PCRE2_ANCHORED : 0), buf, bufsz);
    if (!rx) *why = buf;
    return rx;
}

static bool is_const(const Expr *e) { return e && e->kind == EX_CONST; }

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

/* Binds a constant SIMILAR pattern (and escape) now. Returns false after
 * reporting; *rx stays NULL when the pattern is not constant. */
static bool bind_similar(FnCtx *cx, const char *fn, Expr *pat, Expr *esc, SimMode mode, Rx **rx)
{
    *rx = NULL;
    if (!is_const(pat) || (esc && !is_const(esc)) || pat->k.null || (esc && esc->k.null)) return true;
    if (esc && !escape_ok(&esc->k)) {
        fn_type_error(cx, esc, "%s: the ESCAPE character must be exactly one character, not '%.*s'", fn,
                      (int)esc->k.len, esc->k.u.s);
        return false;
    }
    const char *why = NULL;
    char buf[256];
    *rx = similar_rx(&pat->k, esc ? &esc->k : NULL, mode, cx->arena, true, &why, buf, sizeof buf);
    if (!*rx) {
        fn_type_error(cx, pat, "%s: invalid SIMILAR TO pattern '%.*s': %s", fn, (int)pat->k.len, pat->k.u.s, why);
        return false;
    }
    return true;
}

/* The compiled SIMILAR pattern of a row: the bound one, or one from the cache. */
static Rx *row_similar(const Expr *e, EvalCtx *cx, const Value *pat, const Value *esc, SimMode mode, const char *fn)
{
    if (e->aux) return e->aux;
    if (esc && !escape_ok(esc)) {
        expr_fail(cx, "INVALID_ESCAPE", "%s: the ESCAPE character must be exactly one character", fn);
        return NULL;
    }
    const char *why = NULL;
    char buf[256];
    Rx *rx = similar_rx(pat, esc, mode, cx->arena, false, &why, buf, sizeof buf);
    if (!rx) expr_fail(cx, "INVALID_REGEX", "%s: invalid SIMILAR TO pattern: %s", fn, why);
    return rx;
}

/* ---- SIMILAR TO ---- */

static void eval_similar(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s, p, esc;
    expr_eval(e->args[0], cx, &s);
    expr_eval(e->args[1], cx, &p);
    if (e->nargs > 2) expr_eval(e->args[2], cx, &esc);
    if (s.null || p.null || (e->nargs > 2 && esc.null)) { *out = val_null(); return; }
    Rx *rx = row_similar(e, cx, &p, e->nargs > 2 ? &esc : NULL, SIM_MATCH, "SIMILAR TO");
    if (!rx) { *out = val_null(); return; }
    int m = rx_exec(rx, s.u.s, s.len, 0, cx, "SIMILAR TO");
    if (m < 0) { *out = val_null(); return; }
    *out = val_int(e->flags ? !m : m);
}

Expr *fn_similar(FnCtx *cx, bool negated, Expr *x, Expr *pattern, Expr *escape)
{
    if (!x || !pattern) return NULL;
    Expr *args[3] = {x, pattern, escape};
    int n = escape ? 3 : 2;
    for (int i = 0; i < n; i++) {
        if (args[i]->type.id == TY_NULL) args[i] = fn_cast(cx, args[i], type_string(TY_VARCHAR, 0));
        if (!type_is_string(args[i]->type.id)) {
            char tn[64];
            diag_error(cx->diag, args[i]->span, "SIMILAR TO expects strings, not %s", type_name(args[i]->type, tn, sizeof tn));
            return NULL;
        }
    }
    Expr *e = expr_new(cx->arena, EX_CALL, n);
    e->eval = eval_similar;
    e->type = type_make(TY_BOOLEAN);
    e->name = "SIMILAR TO";
    e->span = cx->span;
    e->flags = negated;
    bool notnull = true;
    for (int i = 0; i < n; i++) {
        e->args[i] = args[i];
        if (!args[i]->type.notnull) notnull = false;
        if (args[i]->volatile_) e->volatile_ = true;
    }
    e->type.notnull = notnull;
    Rx *rx;
    if (!bind_similar(cx, "SIMILAR TO", args[1], escape ? args[2] : NULL, SIM_MATCH, &rx)) return NULL;
    e->aux = rx;
    return fn_fold(cx->arena, e);
}

/* ---- SUBSTRING(s FROM regex), SUBSTRING(s SIMILAR pattern ESCAPE e) ---- */

static Rx *row_java(const Expr *e, EvalCtx *cx, const Value *pat, const char *fn)
{
    if (e->aux) return e->aux;
    char buf[256];
    Rx *rx = rx_cached(pat->u.s, pat->len, OPTS_JAVA, buf, sizeof buf);
    if (!rx) expr_fail(cx, "INVALID_REGEX", "%s: invalid regular expression: %s", fn, buf);
    return rx;
}

/* The part of s that group g matched. */
static Value group_value(const Rx *rx, const Value *s, uint32_t g)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rx->md);
    if (ov[2 * g] == PCRE2_UNSET) return val_null();
    return val_str(s->u.s + ov[2 * g], (uint32_t)(ov[2 * g + 1] - ov[2 * g]));
}

static void eval_substring_regex(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s, p;
    expr_eval(e->args[0], cx, &s);
    expr_eval(e->args[1], cx, &p);
    if (s.null || p.null) { *out = val_null(); return; }
    Rx *rx = row_java(e, cx, &p, "SUBSTRING");
    int m = rx ? rx_exec(rx, s.u.s, s.len, 0, cx, "SUBSTRING") : -1;
    *out = m == 1 ? group_value(rx, &s, 0) : val_null();
}

static void eval_substring_similar(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s, p, esc;
    expr_eval(e->args[0], cx, &s);
    expr_eval(e->args[1], cx, &p);
    expr_eval(e->args[2], cx, &esc);
    if (s.null || p.null || esc.null) { *out = val_null(); return; }
    Rx *rx = row_similar(e, cx, &p, &esc, SIM_SUBSTRING, "SUBSTRING");
    int m = rx ? rx_exec(rx, s.u.s, s.len, 0, cx, "SUBSTRING") : -1;
    *out = m == 1 ? group_value(rx, &s, 1) : val_null();
}

bool fn_regex_check_substring(FnCtx *cx, Expr *e)
{
    for (int i = 0; i < e->nargs; i++)
        if (!(e->args[i] = string_arg(cx, e->args[i], i + 1, "SUBSTRING"))) return false;
    SqlType t = e->args[0]->type;
    e->type = type_string(TY_VARCHAR, t.len);
    if (cx->form == FN_FORM_SIMILAR) {
        Rx *rx;
        if (!bind_similar(cx, "SUBSTRING", e->args[1], e->args[2], SIM_SUBSTRING, &rx)) return false;
        e->aux = rx;
        e->eval = eval_substring_similar;
        return true;
    }
    if (e->nargs != 2) {
        fn_type_error(cx, e->args[2], "SUBSTRING(string FROM regex) takes no FOR length");
        return false;
    }
    Expr *p = e->args[1];
    if (is_const(p) && !p->k.null) {
        char buf[256];
        if (!(e->aux = rx_pinned(p->k.u.s, p->k.len, OPTS_JAVA, buf, sizeof buf))) {
            fn_type_error(cx, p, "SUBSTRING: invalid regular expression '%.*s': %s", (int)p->k.len, p->k.u.s, buf);
            return false;
        }
    }
    e->eval = eval_substring_regex;
    return true;
}

/* ---- REGEX_REPLACE(original, regex, replacement, startPosition, occurrence) ---- */

typedef struct SBuf {
    char *p;
    size_t n, cap;
    Arena *a;
} SBuf;

static void sb_put(SBuf *b, const char *s, size_t n)
{
    if (!n) return;
    if (b->n + n > b->cap) {
        size_t cap = b->cap * 2 > b->n + n ? b->cap * 2 : b->n + n + 64;
        char *p = arena_alloc(b->a, cap);
        if (b->n) memcpy(p, b->p, b->n);
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

/* Appends the replacement for the current match as Java's
 * Matcher.appendReplacement does: $n and ${name} insert a group, a
 * backslash makes the next character literal. */
static bool put_replacement(SBuf *b, const Rx *rx, const Value *s, const Value *r, EvalCtx *cx)
{
    const char *p = r->u.s;
    size_t n = r->len;
    for (size_t i = 0; i < n;) {
        char c = p[i];
        if (c == '\\') {
            if (++i >= n) {
                expr_fail(cx, "INVALID_ARGUMENT", "REGEX_REPLACE: character to be escaped is missing in the replacement");
                return false;
            }
            size_t l = char_len_at(p, n, i);
            sb_put(b, p + i, l);
            i += l;
        } else if (c == '$') {
            if (++i >= n) {
                expr_fail(cx, "INVALID_ARGUMENT", "REGEX_REPLACE: illegal group reference: group index is missing");
                return false;
            }
            uint32_t g;
            if (p[i] == '{') {
                size_t j = ++i;
                while (j < n && p[j] != '}') j++;
                if (j >= n || j == i) {
                    expr_fail(cx, "INVALID_ARGUMENT", "REGEX_REPLACE: illegal group name reference in the replacement");
                    return false;
                }
                char name[128];
                size_t l = j - i < sizeof name - 1 ? j - i : sizeof name - 1;
                memcpy(name, p + i, l);
                name[l] = 0;
                int k = pcre2_substring_number_from_name(rx->code, (PCRE2_SPTR)name);
                if (k < 0) {
                    expr_fail(cx, "INVALID_ARGUMENT", "REGEX_REPLACE: no group with name {%s}", name);
                    return false;
                }
                g = (uint32_t)k;
                i = j + 1;
            } else {
                if (p[i] < '0' || p[i] > '9') {
                    expr_fail(cx, "INVALID_ARGUMENT", "REGEX_REPLACE: illegal group reference in the replacement");
                    return false;
                }
                g = (uint32_t)(p[i++] - '0');
                /* more digits while they still name an existing group */
                while (i < n && p[i] >= '0' && p[i] <= '9') {
                    uint32_t ng = g * 10 + (uint32_t)(p[i] - '0');
                    if (ng > rx->ncap) break;
                    g = ng;
                    i++;
                }
                if (g > rx->ncap) {
                    expr_fail(cx, "INVALID_ARGUMENT", "REGEX_REPLACE: no group %u in the regular expression", g);
                    return false;
                }
            }
            Value v = group_value(rx, s, g);
            if (!v.null) sb_put(b, v.u.s, v.len);
        } else {
            sb_put(b, p + i, 1);
            i++;
        }
    }
    return true;
}

static void eval_regex_replace(const Expr *e, EvalCtx *cx, Value *out)
{
    Value v[5];
    for (int i = 0; i < 5; i++) expr_eval(e->args[i], cx, &v[i]);
    *out = val_null();
    for (int i = 0; i < 5; i++)
        if (v[i].null) return;
    const Value *s = &v[0], *r = &v[2];
    int64_t start = v[3].u.i, occ = v[4].u.i;
    if (start < 1) {
        expr_fail(cx, "INVALID_ARGUMENT", "REGEX_REPLACE start position %lld is less than 1", (long long)start);
        return;
    }
    if (occ < 0) {
        expr_fail(cx, "INVALID_ARGUMENT", "REGEX_REPLACE occurrence %lld is negative", (long long)occ);
        return;
    }
    Rx *rx = row_java(e, cx, &v[1], "REGEX_REPLACE");
    if (!rx) return;
    if ((uint64_t)start > utf8_length(s->u.s, s->len)) { *out = *s; return; }
    size_t pos = utf8_offset(s->u.s, s->len, (size_t)(start - 1)), last = 0;
    SBuf b = {arena_alloc(cx->arena, (size_t)s->len + 64), 0, (size_t)s->len + 64, cx->arena};
    int64_t count = 0;
    bool replaced = false;
    while (pos <= s->len) {
        int m = rx_exec(rx, s->u.s, s->len, pos, cx, "REGEX_REPLACE");
        if (m < 0) return;
        if (!m) break;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(rx->md);
        size_t ms = ov[0], me = ov[1];
        if (occ == 0 || ++count == occ) {
            sb_put(&b, s->u.s + last, ms - last);
            if (!put_replacement(&b, rx, s, r, cx)) return;
            last = me;
            replaced = true;
            if (occ) break;
        }
        /* as Java's Matcher.find: after an empty match the search moves on one character */
        if (me == ms) {
            if (me >= s->len) break;
            pos = me + char_len_at(s->u.s, s->len, me);
        } else {
            pos = me;
        }
    }
    if (!replaced) { *out = *s; return; }
    sb_put(&b, s->u.s + last, s->len - last);
    *out = val_str(b.p, (uint32_t)b.n);
}

static bool check_regex_replace(FnCtx *cx, Expr *e)
{
    for (int i = 0; i < 3; i++)
        if (!(e->args[i] = string_arg(cx, e->args[i], i + 1, "REGEX_REPLACE"))) return false;
    for (int i = 3; i < 5; i++)
        if (!(e->args[i] = int_arg(cx, e->args[i], i + 1, "REGEX_REPLACE"))) return false;
    Expr *p = e->args[1];
    if (is_const(p) && !p->k.null) {
        char buf[256];
        if (!(e->aux = rx_pinned(p->k.u.s, p->k.len, OPTS_JAVA, buf, sizeof buf))) {
            fn_type_error(cx, p, "REGEX_REPLACE: invalid regular expression '%.*s': %s", (int)p->k.len, p->k.u.s, buf);
            return false;
        }
    }
    e->type = type_string(TY_VARCHAR, 65535);
    e->eval = eval_regex_replace;
    return true;
}

const FnDef fn_regex_table[] = {
    {"REGEX_REPLACE", 5, 5, 0, NULL, check_regex_replace, AN_NONE, 0},
};
const int fn_regex_count = sizeof fn_regex_table / sizeof fn_regex_table[0];
