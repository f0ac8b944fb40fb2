/* Syntax errors said so they help: the token the parser stopped at, what
 * it expected there (found by trying every token in its place), a keyword
 * that looks misspelled, and a clause written out of its place. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/runtime/mem.h"
#include "parser/grammar.h"
#include "parse_int.h"

/* ---- token names for messages ---- */

static const char *token_display(int t)
{
    switch (t) {
    case 0: return "end of input";
    case TK_ID: case TK_QID: return "a name";
    case TK_INTEGER: return "an integer";
    case TK_DECIMAL: case TK_APPROX: return "a number";
    case TK_STRING: case TK_USTRING: return "a string";
    case TK_BINSTRING: return "a binary string";
    case TK_PLUS: return "'+'";
    case TK_MINUS: return "'-'";
    case TK_STAR: return "'*'";
    case TK_SLASH: return "'/'";
    case TK_CONCAT: return "'||'";
    case TK_EQ: return "'='";
    case TK_NE: return "'<>'";
    case TK_LT: return "'<'";
    case TK_LE: return "'<='";
    case TK_GT: return "'>'";
    case TK_GE: return "'>='";
    case TK_LP: return "'('";
    case TK_RP: return "')'";
    case TK_COMMA: return "','";
    case TK_DOT: return "'.'";
    case TK_SEMI: return "';'";
    case TK_FROM_FIRST: return "FROM FIRST";
    case TK_FROM_LAST: return "FROM LAST";
    default: return NULL;
    }
}

/* Keyword text is the token's own spelling in the source. */
static void token_name(const ParseState *ps, int t, const Token *tok, char *buf, size_t size)
{
    if ((t == TK_ID || t == TK_QID || t == TK_INTEGER || t == TK_DECIMAL || t == TK_APPROX) && tok && tok->len < 40) {
        snprintf(buf, size, "%s%.*s%s", t == TK_ID ? "\"" : "", (int)tok->len, ps->src + tok->off, t == TK_ID ? "\"" : "");
        return;
    }
    const char *d = token_display(t);
    if (d) {
        snprintf(buf, size, "%s", d);
        return;
    }
    if (tok && tok->len && tok->len < 40) {
        size_t n = tok->len;
        if (n >= size) n = size - 1;
        for (size_t i = 0; i < n; i++) buf[i] = (char)toupper((unsigned char)ps->src[tok->off + i]);
        buf[n] = 0;
        return;
    }
    snprintf(buf, size, "keyword");
}

/* Keyword spellings, by token code, for the "expected" list. */
static const struct { int tk; const char *text; } keyword_text[] = {
    {TK_SELECT, "SELECT"}, {TK_STREAM, "STREAM"}, {TK_DISTINCT, "DISTINCT"}, {TK_ALL, "ALL"},
    {TK_FROM, "FROM"}, {TK_WHERE, "WHERE"}, {TK_GROUP, "GROUP"}, {TK_BY, "BY"}, {TK_HAVING, "HAVING"},
    {TK_WINDOW, "WINDOW"}, {TK_WINDOWED, "WINDOWED"}, {TK_STAGGER, "STAGGER"}, {TK_ORDER, "ORDER"}, {TK_LIMIT, "LIMIT"},
    {TK_WITHIN, "WITHIN"}, {TK_ASC, "ASC"}, {TK_DESC, "DESC"}, {TK_AS, "AS"}, {TK_ON, "ON"},
    {TK_JOIN, "JOIN"}, {TK_INNER, "INNER"}, {TK_LEFT, "LEFT"}, {TK_RIGHT, "RIGHT"}, {TK_FULL, "FULL"},
    {TK_OUTER, "OUTER"}, {TK_CROSS, "CROSS"}, {TK_UNION, "UNION"}, {TK_INTERSECT, "INTERSECT"}, {TK_EXCEPT, "EXCEPT"}, {TK_CREATE, "CREATE"}, {TK_OR, "OR"},
    {TK_REPLACE, "REPLACE"}, {TK_PUMP, "PUMP"}, {TK_INSERT, "INSERT"}, {TK_INTO, "INTO"},
    {TK_VALUES, "VALUES"}, {TK_FUNCTION, "FUNCTION"}, {TK_RETURNS, "RETURNS"}, {TK_RETURN, "RETURN"},
    {TK_LANGUAGE, "LANGUAGE"}, {TK_CONTAINS, "CONTAINS"}, {TK_OVERLAPS, "OVERLAPS"},
    {TK_EQUALS, "EQUALS"}, {TK_PRECEDES, "PRECEDES"}, {TK_SUCCEEDS, "SUCCEEDS"}, {TK_IMMEDIATELY, "IMMEDIATELY"},
    {TK_STRICTLY, "STRICTLY"}, {TK_LEADS, "LEADS"}, {TK_LAGS, "LAGS"}, {TK_CALLED, "CALLED"}, {TK_INPUT, "INPUT"},
    {TK_DETERMINISTIC, "DETERMINISTIC"}, {TK_DESCRIPTION, "DESCRIPTION"}, {TK_AND, "AND"}, {TK_NOT, "NOT"},
    {TK_IS, "IS"}, {TK_NULL, "NULL"}, {TK_TRUE, "TRUE"}, {TK_FALSE, "FALSE"}, {TK_UNKNOWN, "UNKNOWN"},
    {TK_BETWEEN, "BETWEEN"}, {TK_SYMMETRIC, "SYMMETRIC"}, {TK_ASYMMETRIC, "ASYMMETRIC"}, {TK_IN, "IN"},
    {TK_LIKE, "LIKE"}, {TK_SIMILAR, "SIMILAR"}, {TK_TO, "TO"}, {TK_ESCAPE, "ESCAPE"}, {TK_CASE, "CASE"},
    {TK_WHEN, "WHEN"}, {TK_THEN, "THEN"}, {TK_ELSE, "ELSE"}, {TK_END, "END"}, {TK_CAST, "CAST"},
    {TK_OVER, "OVER"}, {TK_PARTITION, "PARTITION"}, {TK_RANGE, "RANGE"}, {TK_ROWS, "ROWS"},
    {TK_PRECEDING, "PRECEDING"}, {TK_FOLLOWING, "FOLLOWING"}, {TK_CURRENT, "CURRENT"}, {TK_ROW, "ROW"},
    {TK_UNBOUNDED, "UNBOUNDED"}, {TK_IGNORE, "IGNORE"}, {TK_RESPECT, "RESPECT"}, {TK_NULLS, "NULLS"},
    {TK_FIRST, "FIRST"}, {TK_LAST, "LAST"}, {TK_INTERVAL, "INTERVAL"}, {TK_YEAR, "YEAR"}, {TK_MONTH, "MONTH"},
    {TK_DAY, "DAY"}, {TK_HOUR, "HOUR"}, {TK_MINUTE, "MINUTE"}, {TK_SECOND, "SECOND"}, {TK_EXTRACT, "EXTRACT"},
    {TK_LEADING, "LEADING"}, {TK_TRAILING, "TRAILING"}, {TK_BOTH, "BOTH"}, {TK_PLACING, "PLACING"},
    {TK_FOR, "FOR"}, {TK_CURSOR, "CURSOR"}, {TK_TABLE, "TABLE"}, {TK_UESCAPE, "UESCAPE"},
    {TK_PRECISION, "PRECISION"}, {TK_VARYING, "VARYING"},
};

static const char *expected_name(int t)
{
    const char *d = token_display(t);
    if (d) return d;
    for (size_t i = 0; i < sizeof keyword_text / sizeof keyword_text[0]; i++)
        if (keyword_text[i].tk == t) return keyword_text[i].text;
    return NULL;
}

static void *parser_malloc(size_t n) { return mem_alloc(n); }

/* One parser for every probe of a report (its stack is large: allocating
 * one per probe would cost more than the probes), set up afresh each time. */
static void *probe_parser;

/* Feed toks[0..n) then `probe`; true if the parser accepted the probe. */
static bool accepts(ParseState *base, const Token *toks, int n, int probe, Token at)
{
    ParseState ps = *base;
    ps.probing = true;
    ps.error = false;
    ps.diag = NULL;
    void *p = probe_parser;
    eddyParserInit(p);
    for (int i = 0; i < n && !ps.error; i++) {
        ps.cur = toks[i];
        eddyParser(p, toks[i].type, toks[i], &ps);
    }
    bool ok = !ps.error;
    if (ok) {
        Token t = at;
        t.type = probe;
        ps.cur = t;
        eddyParser(p, probe, t, &ps);
        ok = !ps.error;
    }
    eddyParserFinalize(p);
    return ok;
}

static bool starts_expression(int t)
{
    switch (t) {
    case TK_ID: case TK_INTEGER: case TK_STRING: case TK_BINSTRING: case TK_LP: case TK_NULL: case TK_TRUE:
    case TK_FALSE: case TK_UNKNOWN: case TK_INTERVAL: case TK_NOT: case TK_PLUS: case TK_MINUS: case TK_CASE:
    case TK_CAST: case TK_EXTRACT: case TK_CURSOR:
        return true;
    default:
        return false;
    }
}

/* ---- a misspelled keyword ---- */

/* Whether the parse goes on past toks[k] when it is keyword tk instead. */
static bool fixed_by(ParseState *ps, const Token *toks, int n, int k, int tk)
{
    if (!accepts(ps, toks, k, tk, toks[k])) return false;
    if (k + 1 >= n) return true;
    Token *fixed = mem_alloc(sizeof *fixed * (size_t)(k + 1));
    memcpy(fixed, toks, sizeof *fixed * (size_t)(k + 1));
    fixed[k].type = tk;
    bool goes_on = accepts(ps, fixed, k + 1, toks[k + 1].type, toks[k + 1]);
    mem_free(fixed);
    return goes_on;
}

/* The keyword that the name written at toks[k] most likely misspells, of
 * those that would let the parse go on past it. */
static const char *misspelled_at(ParseState *ps, const Token *toks, int n, int k)
{
    const Token *t = &toks[k];
    if (t->type != TK_ID || t->len < 3 || t->len > 32) return NULL;
    char word[40];
    for (uint32_t i = 0; i < t->len; i++) word[i] = (char)toupper((unsigned char)ps->src[t->off + i]);
    word[t->len] = 0;
    enum { NKW = sizeof keyword_text / sizeof keyword_text[0] };
    int score[NKW];
    for (size_t i = 0; i < NKW; i++) {
        const char *kw = keyword_text[i].text;
        int d = diag_distance(word, kw);
        score[i] = -1;
        if (d == 0 || d > (t->len <= 4 ? 2 : 3) || d >= (int)strlen(kw)) continue;
        /* ties go to the keyword that starts alike and is as long */
        score[i] = d * 100 + (kw[0] != word[0]) * 10 + abs((int)strlen(kw) - (int)t->len);
    }
    for (int tries = 0; tries < 4; tries++) {
        int best = -1;
        for (size_t i = 0; i < NKW; i++)
            if (score[i] >= 0 && (best < 0 || score[i] < score[best])) best = (int)i;
        if (best < 0) return NULL;
        if (fixed_by(ps, toks, n, k, keyword_text[best].tk)) return keyword_text[best].text;
        score[best] = -1;
    }
    return NULL;
}

/* SELEC, CRATE STREAM, FORM s: the bad token, or the name just before it
 * that the parser took as an alias, is a keyword misspelled. */
static bool report_misspelled(ParseState *ps, const Token *toks, int n, int bad)
{
    for (int k = bad; k >= 0 && k >= bad - 1; k--) {
        const char *kw = misspelled_at(ps, toks, n, k);
        if (!kw) continue;
        diag_error(ps->diag, tok_span(toks[k]), "syntax error at \"%.*s\" (did you mean %s?)", (int)toks[k].len,
                   ps->src + toks[k].off, kw);
        return true;
    }
    return false;
}

/* ---- a clause out of its place ---- */

static int clause_rank(int t)
{
    switch (t) {
    case TK_FROM: return 1;
    case TK_WHERE: return 2;
    case TK_GROUP: case TK_WINDOWED: return 3;
    case TK_HAVING: return 4;
    case TK_WINDOW: return 5;
    case TK_ORDER: return 6;
    case TK_LIMIT: return 7;
    default: return 0;
    }
}

static const char *clause_name(int t)
{
    switch (t) {
    case TK_GROUP: return "GROUP BY";
    case TK_WINDOWED: return "WINDOWED BY";
    case TK_ORDER: return "ORDER BY";
    default: return expected_name(t);
    }
}

#define CLAUSE_ORDER "SELECT, FROM, WHERE, GROUP BY (or WINDOWED BY), HAVING, WINDOW, ORDER BY, LIMIT"

/* The bad token starts a clause: say where that clause goes, measured
 * against the clauses its query already has. */
static bool report_misplaced_clause(ParseState *ps, const Token *toks, int bad)
{
    int t = toks[bad].type, rank = clause_rank(t);
    if (!rank) return false;
    int depth = 0, select = -1, dup = -1, later = -1;
    for (int i = bad - 1; i >= 0 && select < 0; i--) {
        int u = toks[i].type;
        if (u == TK_RP) depth++;
        else if (u == TK_LP && depth-- == 0) break;
        if (depth) continue;
        if (u == TK_SELECT) select = i;
        int r = clause_rank(u);
        if (!r || (u == TK_FROM && i > 0 && toks[i - 1].type == TK_DISTINCT)) continue;
        if (r == rank) dup = i;
        else if (r > rank) later = i;
    }
    if (select < 0) return false;
    Span at = tok_span(toks[bad]);
    if (t == TK_LIMIT && select > 0 && toks[select - 1].type == TK_LP) {
        diag_error(ps->diag, at, "LIMIT ends a query you watch (SELECT STREAM ... LIMIT n), not a subquery");
        return true;
    }
    if (dup >= 0) {
        const char *hint = t == TK_WHERE || t == TK_HAVING ? " (join the conditions with AND)"
                           : t == TK_FROM               ? " (join the streams with JOIN ... ON, or list them with ',')"
                           : t == TK_GROUP || t == TK_ORDER ? " (list the keys with ',')"
                                                            : "";
        diag_error(ps->diag, at, "a query has one %s clause%s", clause_name(t), hint);
        return true;
    }
    if (later >= 0) {
        diag_error(ps->diag, at, "%s must come before %s: a query's clauses go " CLAUSE_ORDER, clause_name(t),
                   clause_name(toks[later].type));
        return true;
    }
    return false;
}

/* Operators that may continue an expression: many of them at once read
 * as "an operator" in the list of what was expected. */
static bool continues_expression(int t)
{
    switch (t) {
    case TK_PLUS: case TK_MINUS: case TK_STAR: case TK_SLASH: case TK_CONCAT: case TK_EQ: case TK_NE: case TK_LT:
    case TK_LE: case TK_GT: case TK_GE: case TK_AND: case TK_OR: case TK_IS: case TK_IN: case TK_LIKE:
    case TK_SIMILAR: case TK_BETWEEN: case TK_NOT: case TK_CONTAINS: case TK_OVERLAPS: case TK_EQUALS:
    case TK_PRECEDES: case TK_SUCCEEDS: case TK_IMMEDIATELY: case TK_STRICTLY: case TK_LEADS: case TK_LAGS:
        return true;
    default:
        return false;
    }
}

static void report(ParseState *ps, const Token *toks, int n, int bad);

void parse_report_syntax_error(ParseState *ps, const Token *toks, int n, int bad)
{
    probe_parser = eddyParserAlloc(parser_malloc);
    report(ps, toks, n, bad);
    eddyParserFree(probe_parser, free);
    probe_parser = NULL;
}

static void report(ParseState *ps, const Token *toks, int n, int bad)
{
    if (report_misspelled(ps, toks, n, bad) || report_misplaced_clause(ps, toks, bad)) return;
    Token at = toks[bad];
    char got[64];
    token_name(ps, at.type, &at, got, sizeof got);
    /* Try every token in place of the bad one: those the parser takes are
     * what was expected. Tokens that start an expression collapse into
     * "an expression" when a whole expression may stand there. */
    int ntok = eddy_token_count();
    bool name_ok = accepts(ps, toks, bad, TK_ID, at);
    bool expr_ok = name_ok && accepts(ps, toks, bad, TK_INTEGER, at);
    char list[512];
    size_t used = 0;
    int count = 0;
    list[0] = 0;
    if (expr_ok) used += (size_t)snprintf(list, sizeof list, "an expression"), count++;
    /* closing punctuation first: it is what a missing piece usually is */
    int order[512];
    int norder = 0;
    static const int first[] = {TK_RP, TK_COMMA, TK_SEMI};
    for (size_t i = 0; i < sizeof first / sizeof first[0]; i++) order[norder++] = first[i];
    for (int t = 0; t < ntok && norder < 512; t++)
        if (t != TK_RP && t != TK_COMMA && t != TK_SEMI) order[norder++] = t;
    int operators = 0;
    for (int t = 0; t < ntok && !expr_ok; t++) operators += continues_expression(t) && accepts(ps, toks, bad, t, at);
    bool op_said = false;
    for (int oi = 0; oi < norder && used < sizeof list - 64; oi++) {
        int t = order[oi];
        if (t == TK_QID || t == TK_APPROX || t == TK_USTRING || t == TK_DECIMAL || t == 0) continue;
        if (expr_ok && starts_expression(t)) continue;
        if (operators >= 3 && continues_expression(t)) {
            if (op_said || !accepts(ps, toks, bad, t, at)) continue;
            op_said = true;
            count++;
            if (count <= 12) used += (size_t)snprintf(list + used, sizeof list - used, "%san operator", count > 1 ? ", " : "");
            continue;
        }
        if (t != TK_ID && eddy_token_fallback(t) == TK_ID && name_ok) continue;
        const char *nm = expected_name(t);
        if (!nm) continue;
        if (!accepts(ps, toks, bad, t, at)) continue;
        count++;
        if (count <= 12) used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", count > 1 ? ", " : "", nm);
    }
    if (count > 12) snprintf(list + used, sizeof list - used, ", ...");
    const char *where = at.type == LEX_EOF ? (at.len ? "unexpected end of statement" : "unexpected end of input") : NULL;
    if (where && count)
        diag_error(ps->diag, tok_span(at), "%s: expected %s", where, list);
    else if (where)
        diag_error(ps->diag, tok_span(at), "%s", where);
    else if (count)
        diag_error(ps->diag, tok_span(at), "syntax error at %s: expected %s", got, list);
    else
        diag_error(ps->diag, tok_span(at), "syntax error at %s", got);
}
