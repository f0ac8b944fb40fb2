/* Shared by the grammar actions and the driver; not part of the API. */
#ifndef EDDY_PARSE_INT_H
#define EDDY_PARSE_INT_H
#include <stdbool.h>

#include "ast.h"
#include "lexer.h"
#include "parse.h"

typedef struct FrameBound {
    char kind;        /* 'U' unbounded, 'C' current row, 'P' preceding, 'F' following, 0 none */
    AstExpr *value;
} FrameBound;

typedef struct ParseState {
    Arena *arena;
    const char *src;
    uint32_t len;
    DiagList *diag;
    AstStmt **stmts;
    int nstmts, cap;
    bool error;       /* a syntax error was seen in this statement */
    bool probing;     /* trying tokens for an "expected" list: report nothing */
    bool overflow;    /* the statement nests deeper than the parser's stack */
    Token bad;        /* the token the syntax error was found at */
    Token cur;        /* the token being fed to the parser */
    FrameBound bound[2];
    FrameKind frame;
} ParseState;

void parse_syntax_error(ParseState *ps, int major, const Token *tok);
/* parse_error.c: the diagnostic for a statement whose token `bad` the parser refused */
void parse_report_syntax_error(ParseState *ps, const Token *toks, int n, int bad);
void parse_stack_overflow(ParseState *ps);
void parse_add_stmt(ParseState *ps, AstStmt *s);

static inline Span tok_span(Token t) { return span_make(t.off, t.len); }
static inline Span tok_span2(Token a, Token b) { return span_make(a.off, b.off + b.len - a.off); }

AstName tok_name(ParseState *ps, Token t);
int tok_int(ParseState *ps, Token t);
const char *parse_string_text(ParseState *ps, Token t, uint32_t *len);

AstList *parse_name_list(ParseState *ps, AstList *l, AstName n);
void parse_limit_in_pump(ParseState *ps, Token limit, Token n);
AstSelect *parse_union(ParseState *ps, AstSelect *l, AstSelect *r, int distinct);
AstSelect *parse_setop(ParseState *ps, AstSelect *l, AstSelect *r, int op);
Span parse_select_span(ParseState *ps, Token select, AstSelect *s);
AstSelectItem *parse_selitem(ParseState *ps, AstExpr *e, AstName alias);
AstSelectItem *parse_selstar(ParseState *ps, AstName *qual, Token star);
AstFrom *parse_join(ParseState *ps, AstFrom *l, AstFrom *r, int kind, AstExpr *on);
AstWindowSpec *parse_wspec(ParseState *ps, AstList *partition, AstList *order);
void parse_frame(ParseState *ps, FrameKind kind);
void parse_bound(ParseState *ps, int which, char kind, AstExpr *value);
AstType parse_type(ParseState *ps, Token name, Token *end, int p, int s);
AstType parse_type2(ParseState *ps, Token a, Token b, int p);
AstType parse_interval_type(ParseState *ps, Token kw, TimeUnit hi, TimeUnit lo);
AstExpr *parse_row(ParseState *ps, AstExpr *first, AstList *rest, Span span);
AstExpr *parse_period_pred(ParseState *ps, AstExpr *x, AstOp op, const char *extension, AstExpr *y);
AstExpr *parse_is(ParseState *ps, AstExpr *x, AstOp op, int negated, AstExpr *y, Span end);
AstExpr *parse_between(ParseState *ps, AstExpr *x, AstExpr *lo, AstExpr *hi, int negated, int symmetric);
AstExpr *parse_in(ParseState *ps, AstExpr *x, AstList *list, int negated, Span end);
AstExpr *parse_like(ParseState *ps, AstOp op, AstExpr *x, AstExpr *pattern, AstExpr *escape, int negated);
AstExpr *parse_case(ParseState *ps, AstExpr *operand, AstList *whens, AstExpr *otherwise, Span span);
AstExpr *parse_special_call(ParseState *ps, Token fn, int form, AstList *args, Token end);
AstExpr *parse_name_expr(ParseState *ps, AstName *a, AstName *b, AstName c);
AstExpr *parse_call(ParseState *ps, Token fn, AstList *args, int distinct, int star, Token end, int ignore_nulls,
                    AstWindowSpec *over);
AstExpr *parse_literal(ParseState *ps, AstLitKind kind, Token t);
AstExpr *parse_ustring(ParseState *ps, Token t, Token *esc);
AstExpr *parse_typed_literal(ParseState *ps, Token kw, Token str);
AstExpr *parse_interval(ParseState *ps, Token kw, int negative, Token str, TimeUnit hi, TimeUnit lo);
AstExpr *parse_interval_qualify(ParseState *ps, AstExpr *x, Token lp, TimeUnit hi, TimeUnit lo);

/* Lemon's generated functions */
void *eddyParserAlloc(void *(*)(size_t));
void eddyParser(void *, int, Token, ParseState *);
void eddyParserFree(void *, void (*)(void *));
void eddyParserInit(void *);
void eddyParserFinalize(void *);
int eddy_token_fallback(int t);
int eddy_token_count(void);

#endif
