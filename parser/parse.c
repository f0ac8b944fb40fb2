#include "parse.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/runtime/mem.h"
#include "parser/grammar.h"
#include "parse_int.h"

/* ---- the driver ---- */

typedef struct TokVec {
    Token *t;
    int n, cap;
} TokVec;

static void push_tok(TokVec *v, Token t)
{
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 256;
        v->t = mem_realloc(v->t, (size_t)v->cap * sizeof *v->t);
    }
    v->t[v->n++] = t;
}

static void *parser_malloc(size_t n) { return mem_alloc(n); }

int parse_script(const char *src, uint32_t len, Arena *arena, DiagList *diag, ParsedScript *out)
{
    ParseState ps;
    memset(&ps, 0, sizeof ps);
    ps.arena = arena;
    ps.src = src;
    ps.len = len;
    ps.diag = diag;
    int errors_before = diag->errors;
    int first_diag = diag->n;

    Lexer lx;
    lex_init(&lx, src, len);
    TokVec all = {0};
    for (;;) {
        Token t;
        int k = lex_next(&lx, &t);
        if (k == LEX_ERROR) {
            diag_error(diag, tok_span(t), "%s", t.why);
            t.type = LEX_ERROR;
        }
        push_tok(&all, t);
        if (k == LEX_EOF) break;
    }

    /* A parser afresh for each statement, so an error in one does not hide
     * the next; one allocation for all (its stack is large). */
    void *p = eddyParserAlloc(parser_malloc);
    int start = 0;
    while (start < all.n) {
        int end = start;
        bool lex_bad = false;
        while (all.t[end].type != TK_SEMI && all.t[end].type != LEX_EOF) {
            if (all.t[end].type == LEX_ERROR) lex_bad = true;
            end++;
        }
        if (end > start && !lex_bad) {
            Token eof = all.t[end];
            eof.type = 0;
            if (all.t[end].type == TK_SEMI) {
                eof.off = all.t[end].off, eof.len = 1;
            } else {
                /* the end of the text: point just after the last token, not at trailing blank lines */
                eof.off = all.t[end - 1].off + all.t[end - 1].len;
                eof.len = 0;
            }
            TokVec stmt = {0};
            for (int i = start; i < end; i++) push_tok(&stmt, all.t[i]);
            push_tok(&stmt, eof);
            eddyParserInit(p);
            ps.error = ps.overflow = false;
            int i;
            for (i = 0; i < stmt.n && !ps.error; i++) {
                ps.cur = stmt.t[i];
                eddyParser(p, stmt.t[i].type, stmt.t[i], &ps);
            }
            eddyParserFinalize(p);
            if (ps.error && !ps.overflow) parse_report_syntax_error(&ps, stmt.t, stmt.n, i - 1);
            mem_free(stmt.t);
        }
        if (all.t[end].type == LEX_EOF) break;
        start = end + 1;
    }
    eddyParserFree(p, free);
    mem_free(all.t);
    diag_sort(diag, first_diag);   /* lexical errors were found before the statements were parsed */
    out->stmts = ps.stmts;
    out->n = ps.nstmts;
    return diag->errors - errors_before;
}

void parse_syntax_error(ParseState *ps, int major, const Token *tok)
{
    (void)major;
    if (!ps->error) ps->bad = *tok;
    ps->error = true;
}

void parse_stack_overflow(ParseState *ps)
{
    ps->error = ps->overflow = true;
    if (!ps->probing && ps->diag)
        diag_error(ps->diag, tok_span(ps->cur), "statement is nested too deeply (parentheses, calls, CASE and subqueries)");
}

void parse_add_stmt(ParseState *ps, AstStmt *s)
{
    if (ps->probing || ps->error) return;
    Span at;
    bool in_expr;
    if (ast_too_deep(s, &at, &in_expr)) {
        if (!ps->diag) return;
        if (in_expr)
            diag_error(ps->diag, span_make(at.off, 0), "expression is too deep: more than %d levels of operators, calls "
                       "and subqueries (a long chain of ORs can be an IN list, which is flat)", AST_MAX_DEPTH);
        else
            diag_error(ps->diag, span_make(at.off, 0), "query is too deep: more than %d levels of joins, set operations "
                       "and subqueries", AST_MAX_DEPTH);
        return;
    }
    /* The statement array outlives the parse in the arena. */
    if (ps->nstmts == ps->cap) {
        int cap = ps->cap ? ps->cap * 2 : 16;
        AstStmt **n = arena_alloc(ps->arena, sizeof *n * (size_t)cap);
        if (ps->nstmts) memcpy(n, ps->stmts, sizeof *n * (size_t)ps->nstmts);
        ps->stmts = n;
        ps->cap = cap;
    }
    ps->stmts[ps->nstmts++] = s;
}

static void perror_at(ParseState *ps, Span at, const char *fmt, const char *arg)
{
    if (ps->probing || !ps->diag) return;
    diag_error(ps->diag, at, fmt, arg);
}

/* ---- tokens to AST pieces ---- */

AstName tok_name(ParseState *ps, Token t)
{
    AstName n;
    n.span = tok_span(t);
    const char *s = ps->src + t.off;
    if (t.type == TK_QID || s[0] == '"') {
        /* strip the quotes, "" stands for " */
        char *d = arena_alloc(ps->arena, t.len);
        uint32_t k = 0;
        for (uint32_t i = 1; i + 1 < t.len; i++) {
            d[k++] = s[i];
            if (s[i] == '"') i++;
        }
        d[k] = 0;
        n.name = d;
        n.quoted = true;
    } else {
        char *d = arena_alloc(ps->arena, t.len + 1);
        for (uint32_t i = 0; i < t.len; i++) d[i] = (char)toupper((unsigned char)s[i]);
        d[t.len] = 0;
        n.name = d;
        n.quoted = false;
    }
    if (strlen(n.name) > 128) perror_at(ps, n.span, "identifier is longer than 128 characters%s", "");
    return n;
}

int tok_int(ParseState *ps, Token t)
{
    long v = 0;
    for (uint32_t i = 0; i < t.len; i++) {
        v = v * 10 + (ps->src[t.off + i] - '0');
        if (v > 1000000000L) {
            perror_at(ps, tok_span(t), "number too large here%s", "");
            return 1000000000;
        }
    }
    return (int)v;
}

/* 'it''s' -> it's */
const char *parse_string_text(ParseState *ps, Token t, uint32_t *len)
{
    const char *s = ps->src + t.off;
    uint32_t start = 1;
    if (s[0] != '\'') start = 2;   /* X'..' */
    char *d = arena_alloc(ps->arena, t.len);
    uint32_t k = 0;
    for (uint32_t i = start; i + 1 < t.len; i++) {
        d[k++] = s[i];
        if (s[i] == '\'') i++;
    }
    d[k] = 0;
    if (len) *len = k;
    return d;
}

AstList *parse_name_list(ParseState *ps, AstList *l, AstName n)
{
    AstName *p = arena_alloc(ps->arena, sizeof *p);
    *p = n;
    return l ? ast_append(ps->arena, l, p) : ast_list(ps->arena, p);
}

void parse_limit_in_pump(ParseState *ps, Token limit, Token n)
{
    perror_at(ps, span_make(limit.off, n.off + n.len - limit.off), "LIMIT bounds a query you watch; a pump runs forever%s", "");
}

/* The select an ORDER BY written at the end of q hangs on. */
static AstSelect *last_select(AstSelect *q)
{
    for (;;) {
        if (q->union_last) q = q->union_last;
        while (q->union_all) q = q->union_all;
        if (q->setop == SETOP_NONE || q->setop == SETOP_GROUP || q->order_by) return q;
        q = q->set_right;
    }
}

AstSelect *parse_setop(ParseState *ps, AstSelect *l, AstSelect *r, int op)
{
    AstSelect *s = ast_select(ps->arena);
    s->setop = op;
    s->set_left = l;
    s->set_right = r;
    s->span = span_join(l->span, r->span);
    /* q1 EXCEPT q2 ORDER BY ...: the grammar gave the ORDER BY to q2's last
     * select, but it sorts the whole result */
    AstSelect *last = last_select(r);
    if (last != s && last->order_by && !last->order_within) {
        s->order_by = last->order_by;
        last->order_by = NULL;
    }
    return s;
}

AstSelect *parse_union(ParseState *ps, AstSelect *l, AstSelect *r, int distinct)
{
    if (r->union_all) {
        /* a parenthesized UNION on the right stays whole: a UNION ALL (b UNION c) */
        AstSelect *g = ast_select(ps->arena);
        g->setop = SETOP_GROUP;
        g->set_left = r;
        g->span = r->span;
        r = g;
    }
    AstSelect *tail = l->union_last ? l->union_last : l;
    tail->union_all = r;
    l->union_last = r;
    r->union_distinct = distinct;
    l->span = span_join(l->span, r->span);
    return l;
}

static Span expr_list_span(AstList *l, Span s)
{
    if (!l) return s;
    for (int i = 0; i < l->n; i++)
        if (l->items[i]) s = span_join(s, ((AstExpr *)l->items[i])->span);
    return s;
}

Span parse_select_span(ParseState *ps, Token select, AstSelect *s)
{
    (void)ps;
    Span sp = tok_span(select);
    if (s->items)
        for (int i = 0; i < s->items->n; i++) sp = span_join(sp, ((AstSelectItem *)s->items->items[i])->span);
    if (s->from) sp = span_join(sp, s->from->span);
    if (s->where) sp = span_join(sp, s->where->span);
    sp = expr_list_span(s->group_by, sp);
    if (s->stagger) sp = span_join(sp, s->stagger->span);
    if (s->having) sp = span_join(sp, s->having->span);
    if (s->windows)
        for (int i = 0; i < s->windows->n; i++) sp = span_join(sp, ((AstWindowDef *)s->windows->items[i])->spec->span);
    if (s->order_by)
        for (int i = 0; i < s->order_by->n; i++) sp = span_join(sp, ((AstOrderItem *)s->order_by->items[i])->span);
    if (s->order_within) sp = span_join(sp, s->order_within->span);
    return sp;
}

AstSelectItem *parse_selitem(ParseState *ps, AstExpr *e, AstName alias)
{
    AstSelectItem *it = arena_zalloc(ps->arena, sizeof *it);
    it->expr = e;
    it->alias = alias;
    it->span = alias.name ? span_join(e->span, alias.span) : e->span;
    return it;
}

AstSelectItem *parse_selstar(ParseState *ps, AstName *qual, Token star)
{
    AstSelectItem *it = arena_zalloc(ps->arena, sizeof *it);
    AstExpr *e = ast_expr(ps->arena, AE_STAR, tok_span(star));
    if (qual) {
        e->names[0] = *qual;
        e->nnames = 1;
        e->span = span_join(qual->span, e->span);
    }
    it->expr = e;
    it->span = e->span;
    return it;
}

AstFrom *parse_join(ParseState *ps, AstFrom *l, AstFrom *r, int kind, AstExpr *on)
{
    AstFrom *j = ast_from(ps->arena, FROM_JOIN, span_join(l->span, on ? on->span : r->span));
    j->left = l;
    j->right = r;
    j->join = (JoinKind)kind;
    j->on = on;
    return j;
}

AstWindowSpec *parse_wspec(ParseState *ps, AstList *partition, AstList *order)
{
    AstWindowSpec *w = ast_window(ps->arena, span_make(0, 0));
    w->partition = partition;
    w->order = order;
    w->frame = ps->frame;
    if (ps->frame != FRAME_NONE) {
        FrameBound *s = &ps->bound[0], *e = &ps->bound[1];
        w->start_current = s->kind == 'C';
        w->start_unbounded = s->kind == 'U';
        w->start_following = s->kind == 'F';
        w->start = s->value;
        w->has_end = e->kind != 0;
        w->end_current = e->kind == 'C';
        w->end_unbounded = e->kind == 'U';
        w->end_following = e->kind == 'F';
        w->end = e->value;
    }
    w->span = expr_list_span(partition, w->span);
    if (w->start) w->span = span_join(w->span, w->start->span);
    memset(ps->bound, 0, sizeof ps->bound);
    ps->frame = FRAME_NONE;
    return w;
}

void parse_frame(ParseState *ps, FrameKind kind)
{
    ps->frame = kind;
    if (kind == FRAME_NONE) memset(ps->bound, 0, sizeof ps->bound);
}

void parse_bound(ParseState *ps, int which, char kind, AstExpr *value)
{
    if (which == 0) memset(ps->bound, 0, sizeof ps->bound);
    ps->bound[which].kind = kind;
    ps->bound[which].value = value;
}

static bool name_is(ParseState *ps, Token t, const char *word)
{
    return t.type != TK_QID && strlen(word) == t.len && strncasecmp(ps->src + t.off, word, t.len) == 0;
}

AstType parse_type(ParseState *ps, Token name, Token *end, int p, int s)
{
    AstType ty;
    memset(&ty, 0, sizeof ty);
    ty.len = -1;
    ty.precision = -1;
    ty.scale = -1;
    ty.span = end ? tok_span2(name, *end) : tok_span(name);
    static const struct { const char *name; TypeId id; } names[] = {
        {"BOOLEAN", TY_BOOLEAN}, {"TINYINT", TY_TINYINT}, {"SMALLINT", TY_SMALLINT}, {"INTEGER", TY_INTEGER},
        {"INT", TY_INTEGER}, {"BIGINT", TY_BIGINT}, {"DECIMAL", TY_DECIMAL}, {"DEC", TY_DECIMAL},
        {"NUMERIC", TY_DECIMAL}, {"REAL", TY_REAL}, {"DOUBLE", TY_DOUBLE}, {"FLOAT", TY_DOUBLE},
        {"CHAR", TY_CHAR}, {"CHARACTER", TY_CHAR}, {"VARCHAR", TY_VARCHAR}, {"BINARY", TY_BINARY},
        {"VARBINARY", TY_VARBINARY}, {"DATE", TY_DATE}, {"TIME", TY_TIME}, {"TIMESTAMP", TY_TIMESTAMP},
    };
    ty.id = TY__COUNT;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (name_is(ps, name, names[i].name)) ty.id = names[i].id;
    if (ty.id == TY__COUNT) {
        char buf[64];
        snprintf(buf, sizeof buf, "%.*s", (int)(name.len < 40 ? name.len : 40), ps->src + name.off);
        static const char *const known[] = {"BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "DECIMAL", "REAL",
                                            "DOUBLE", "CHAR", "VARCHAR", "BINARY", "VARBINARY", "DATE", "TIME",
                                            "TIMESTAMP", "NUMERIC", "FLOAT", "CHARACTER"};
        const char *near = diag_suggest(buf, known, (int)(sizeof known / sizeof known[0]));
        if (near && !ps->probing && ps->diag)
            diag_error(ps->diag, tok_span(name), "unknown type %s (did you mean %s?)", buf, near);
        else
            perror_at(ps, tok_span(name),
                      "unknown type %s: expected BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE, "
                      "CHAR, VARCHAR, BINARY, VARBINARY, DATE, TIME or TIMESTAMP", buf);
        ty.id = TY_VARCHAR;
        return ty;
    }
    switch (ty.id) {
    case TY_CHAR: case TY_VARCHAR: case TY_BINARY: case TY_VARBINARY:
        if (s >= 0) perror_at(ps, ty.span, "this type takes one length, not a precision and scale%s", "");
        if (p == 0 || p > TYPE_MAX_CHAR) perror_at(ps, ty.span, "length must be between 1 and 65535%s", "");
        ty.len = p > 0 ? p : (ty.id == TY_CHAR || ty.id == TY_BINARY ? 1 : -1);
        break;
    case TY_DECIMAL:
        if (p > TYPE_MAX_PRECISION || p == 0) perror_at(ps, ty.span, "DECIMAL precision must be between 1 and 18%s", "");
        if (s > (p < 0 ? 18 : p)) perror_at(ps, ty.span, "DECIMAL scale must not exceed its precision%s", "");
        ty.precision = p > 0 ? p : TYPE_MAX_PRECISION;
        ty.scale = s > 0 ? s : 0;
        if (ty.precision > TYPE_MAX_PRECISION) ty.precision = TYPE_MAX_PRECISION;
        if (ty.scale > ty.precision) ty.scale = ty.precision;
        break;
    case TY_TIME: case TY_TIMESTAMP:
        if (s >= 0 || p > 3) perror_at(ps, ty.span, "time precision is at most 3 (milliseconds)%s", "");
        break;
    default:
        if (p >= 0) perror_at(ps, ty.span, "this type takes no length or precision%s", "");
    }
    return ty;
}

AstType parse_type2(ParseState *ps, Token a, Token b, int p)
{
    if (name_is(ps, a, "DOUBLE") && name_is(ps, b, "PRECISION") && p < 0) {
        AstType t = parse_type(ps, a, &b, -1, -1);
        return t;
    }
    if ((name_is(ps, a, "CHARACTER") || name_is(ps, a, "CHAR")) && name_is(ps, b, "VARYING")) {
        AstType t = parse_type(ps, a, &b, -1, -1);
        t.id = TY_VARCHAR;
        t.len = p > 0 ? p : -1;
        return t;
    }
    AstType t = parse_type(ps, a, &b, p, -1);
    perror_at(ps, span_join(tok_span(a), tok_span(b)), "unknown type%s", "");
    return t;
}

AstType parse_interval_type(ParseState *ps, Token kw, TimeUnit hi, TimeUnit lo)
{
    AstType t;
    memset(&t, 0, sizeof t);
    t.span = tok_span(kw);
    t.len = t.precision = t.scale = -1;
    t.unit_hi = hi;
    t.unit_lo = lo == TU_NONE ? hi : lo;
    bool ym = hi == TU_YEAR || hi == TU_MONTH;
    t.id = ym ? TY_INTERVAL_YM : TY_INTERVAL_DT;
    if (lo != TU_NONE && (lo <= hi || ym != (lo == TU_YEAR || lo == TU_MONTH)))
        perror_at(ps, t.span, "invalid interval qualifier: expected YEAR TO MONTH or a day-time range such as DAY TO SECOND%s", "");
    return t;
}

AstExpr *parse_row(ParseState *ps, AstExpr *first, AstList *rest, Span span)
{
    AstExpr *e = ast_expr(ps->arena, AE_ROW, span);
    AstList *l = ast_list(ps->arena, first);
    for (int i = 0; i < rest->n; i++) ast_append(ps->arena, l, rest->items[i]);
    e->list = l;
    return e;
}

AstExpr *parse_period_pred(ParseState *ps, AstExpr *x, AstOp op, const char *extension, AstExpr *y)
{
    /* compact chaining: p1 PRECEDES p2 PRECEDES p3 is p1 PRECEDES p2 AND p2 PRECEDES p3 */
    const AstExpr *last = x->chain ? x->b : x;
    bool chained = last->kind == AE_PERIOD;
    AstExpr *left = chained ? last->b : x;
    AstExpr *e = ast_expr(ps->arena, AE_PERIOD, span_join(left->span, y->span));
    e->op = op;
    e->text = extension;
    e->a = left;
    e->b = y;
    if (!chained) return e;
    AstExpr *and = ast_binary(ps->arena, AO_AND, x, e);
    and->chain = true;
    return and;
}

AstExpr *parse_is(ParseState *ps, AstExpr *x, AstOp op, int negated, AstExpr *y, Span end)
{
    AstExpr *e = ast_expr(ps->arena, AE_IS, span_join(x->span, end));
    e->op = op;
    e->negated = negated;
    e->a = x;
    e->b = y;
    return e;
}

AstExpr *parse_between(ParseState *ps, AstExpr *x, AstExpr *lo, AstExpr *hi, int negated, int symmetric)
{
    AstExpr *e = ast_expr(ps->arena, AE_BETWEEN, span_join(x->span, hi->span));
    e->a = x;
    e->b = lo;
    e->c = hi;
    e->negated = negated;
    e->distinct = symmetric;
    return e;
}

AstExpr *parse_in(ParseState *ps, AstExpr *x, AstList *list, int negated, Span end)
{
    AstExpr *e = ast_expr(ps->arena, AE_IN, span_join(x->span, end));
    e->a = x;
    e->list = list;
    e->negated = negated;
    return e;
}

AstExpr *parse_like(ParseState *ps, AstOp op, AstExpr *x, AstExpr *pattern, AstExpr *escape, int negated)
{
    AstExpr *e = ast_expr(ps->arena, AE_LIKE, span_join(x->span, escape ? escape->span : pattern->span));
    e->op = op;
    e->a = x;
    e->b = pattern;
    e->c = escape;
    e->negated = negated;
    return e;
}

AstExpr *parse_case(ParseState *ps, AstExpr *operand, AstList *whens, AstExpr *otherwise, Span span)
{
    AstExpr *e = ast_expr(ps->arena, AE_CASE, span);
    e->a = operand;
    e->list = whens;
    e->c = otherwise;
    return e;
}

static AstExpr *call_node(ParseState *ps, Token fn, Span span)
{
    AstExpr *e = ast_expr(ps->arena, AE_CALL, span);
    AstName n = tok_name(ps, fn);
    e->names[0] = n;
    e->nnames = 1;
    e->ignore_nulls = -1;
    e->from_last = -1;
    return e;
}

AstExpr *parse_special_call(ParseState *ps, Token fn, int form, AstList *args, Token end)
{
    AstExpr *e = call_node(ps, fn, tok_span2(fn, end));
    e->call_form = (uint8_t)form;
    e->list = args;
    return e;
}

AstExpr *parse_name_expr(ParseState *ps, AstName *a, AstName *b, AstName c)
{
    AstExpr *e = ast_expr(ps->arena, AE_NAME, c.span);
    int k = 0;
    if (a) e->names[k++] = *a;
    if (b) e->names[k++] = *b;
    e->names[k++] = c;
    e->nnames = k;
    e->span = span_join(e->names[0].span, c.span);
    return e;
}

AstExpr *parse_call(ParseState *ps, Token fn, AstList *args, int distinct, int star, Token end, int ignore_nulls,
                    AstWindowSpec *over)
{
    AstExpr *e = call_node(ps, fn, tok_span2(fn, end));
    e->list = args;
    e->distinct = distinct == 1;
    e->star_arg = star;
    e->ignore_nulls = (int8_t)ignore_nulls;
    e->over = over;
    if (over && over->span.len) e->span = span_join(e->span, over->span);
    return e;
}

AstExpr *parse_literal(ParseState *ps, AstLitKind kind, Token t)
{
    AstExpr *e = ast_expr(ps->arena, AE_LITERAL, tok_span(t));
    e->lit = kind;
    if (kind == LIT_STRING || kind == LIT_BINARY) {
        e->text = parse_string_text(ps, t, &e->text_len);
        if (kind == LIT_BINARY) {
            bool ok = e->text_len % 2 == 0;
            for (uint32_t i = 0; i < e->text_len; i++)
                if (!isxdigit((unsigned char)e->text[i])) ok = false;
            if (!ok) perror_at(ps, e->span, "binary literal needs an even number of hex digits%s", "");
        }
    } else {
        e->text = arena_strndup(ps->arena, ps->src + t.off, t.len);
        e->text_len = t.len;
    }
    return e;
}

static void put_utf8(char *d, uint32_t *k, unsigned long cp)
{
    if (cp < 0x80) d[(*k)++] = (char)cp;
    else if (cp < 0x800) d[(*k)++] = (char)(0xC0 | (cp >> 6)), d[(*k)++] = (char)(0x80 | (cp & 0x3F));
    else if (cp < 0x10000) {
        d[(*k)++] = (char)(0xE0 | (cp >> 12));
        d[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        d[(*k)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        d[(*k)++] = (char)(0xF0 | (cp >> 18));
        d[(*k)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        d[(*k)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        d[(*k)++] = (char)(0x80 | (cp & 0x3F));
    }
}

AstExpr *parse_ustring(ParseState *ps, Token t, Token *esc)
{
    AstExpr *e = ast_expr(ps->arena, AE_LITERAL, esc ? tok_span2(t, *esc) : tok_span(t));
    e->lit = LIT_STRING;
    char escape = '\\';
    if (esc) {
        uint32_t n;
        const char *s = parse_string_text(ps, *esc, &n);
        if (n != 1 || isxdigit((unsigned char)s[0]) || s[0] == '+' || s[0] == '\'' || s[0] == '"' || isspace((unsigned char)s[0]))
            perror_at(ps, tok_span(*esc), "UESCAPE must be a single character that is not a hex digit, '+', a quote or a blank%s", "");
        else
            escape = s[0];
    }
    /* body between U&' and ' with '' already a quote */
    Token body = t;
    body.off += 2;
    body.len -= 2;
    uint32_t n;
    const char *s = parse_string_text(ps, body, &n);
    char *d = arena_alloc(ps->arena, n * 4 + 1);
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (s[i] != escape) {
            d[k++] = s[i];
            continue;
        }
        if (i + 1 < n && s[i + 1] == escape) {
            d[k++] = escape;
            i++;
            continue;
        }
        int digits = 4;
        uint32_t j = i + 1;
        if (j < n && s[j] == '+') digits = 6, j++;
        unsigned long cp = 0;
        int got = 0;
        while (got < digits && j < n && isxdigit((unsigned char)s[j])) {
            cp = cp * 16 + (unsigned long)(isdigit((unsigned char)s[j]) ? s[j] - '0' : (tolower((unsigned char)s[j]) - 'a' + 10));
            j++;
            got++;
        }
        if (got != digits) {
            perror_at(ps, e->span, "invalid Unicode escape in U&'...' literal: expected %s", digits == 4 ? "\\XXXX with four hex digits" : "\\+XXXXXX with six hex digits");
            break;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            char msg[160];
            snprintf(msg, sizeof msg, "invalid Unicode escape in U&'...' literal: U+%04lX is a UTF-16 surrogate, not a "
                     "character (write a character beyond U+FFFF as one escape, \\+XXXXXX)", cp);
            perror_at(ps, e->span, "%s", msg);
            break;
        }
        if (cp > 0x10FFFF) {
            char msg[128];
            snprintf(msg, sizeof msg, "invalid Unicode escape in U&'...' literal: U+%lX is beyond the last character, U+10FFFF", cp);
            perror_at(ps, e->span, "%s", msg);
            break;
        }
        put_utf8(d, &k, cp);
        i = j - 1;
    }
    d[k] = 0;
    e->text = d;
    e->text_len = k;
    return e;
}

AstExpr *parse_typed_literal(ParseState *ps, Token kw, Token str)
{
    AstExpr *e = parse_literal(ps, LIT_STRING, str);
    e->span = tok_span2(kw, str);
    if (name_is(ps, kw, "DATE")) e->lit = LIT_DATE;
    else if (name_is(ps, kw, "TIME")) e->lit = LIT_TIME;
    else if (name_is(ps, kw, "TIMESTAMP")) e->lit = LIT_TIMESTAMP;
    else perror_at(ps, tok_span(kw), "a string cannot follow a name here (did you mean DATE, TIME or TIMESTAMP '...'?)%s", "");
    return e;
}

AstExpr *parse_interval(ParseState *ps, Token kw, int negative, Token str, TimeUnit hi, TimeUnit lo)
{
    AstExpr *e = parse_literal(ps, LIT_STRING, str);
    e->lit = LIT_INTERVAL;
    e->span = span_join(tok_span(kw), tok_span(str));
    e->lit_type = parse_interval_type(ps, kw, hi, lo);
    e->lit_type.span = e->span;
    e->lit_negative = negative;
    return e;
}

AstExpr *parse_interval_qualify(ParseState *ps, AstExpr *x, Token lp, TimeUnit hi, TimeUnit lo)
{
    AstExpr *e = ast_expr(ps->arena, AE_CAST, span_join(tok_span(lp), x->span));
    e->a = x;
    e->type = parse_interval_type(ps, lp, hi, lo);
    e->type.span = e->span;
    return e;
}
