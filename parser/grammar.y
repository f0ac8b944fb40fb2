/* Lemon grammar for KDA SQL. Actions only call the builders of ast.c and
 * parse.c, so the grammar reads as the language. */

%include {
/* Lemon's template leaves some parameters unused when a grammar has no
 * destructors; that is the generator's business, not ours. */
#pragma GCC diagnostic ignored "-Wunused-variable"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <assert.h>
#include <string.h>
#include "parser/parse_int.h"
}

%code {
/* For the driver's "expected ..." messages. */
int eddy_token_fallback(int t)
{
#ifdef YYFALLBACK
    if (t >= 0 && t < (int)(sizeof yyFallback / sizeof yyFallback[0])) return yyFallback[t];
#endif
    (void)t;
    return 0;
}
int eddy_token_count(void) { return YYNTOKEN; }
}

%name eddyParser
%token_prefix TK_
%token_type { Token }
%extra_argument { ParseState *ps }
%start_symbol input

%syntax_error { parse_syntax_error(ps, yymajor, &yyminor); }
%stack_overflow { parse_stack_overflow(ps); }
/* Nesting costs two to four entries a level (parentheses, calls, CASE):
 * this lets expressions nest until the depth check of parse_add_stmt
 * (AST_MAX_DEPTH) refuses them with a better message. */
%stack_size 20000

/* Keywords that stay usable as names where the grammar allows it. A word
 * that may follow a FROM item or a select item (LEFT, JOIN, WINDOWED, ...)
 * must stay reserved: Lemon prefers the fallback to a default reduction, so
 * "FROM s LEFT JOIN t" would otherwise read LEFT as an alias of s. */
%fallback ID STREAM PUMP REPLACE DESCRIPTION FUNCTION RETURNS RETURN LANGUAGE
  CONTAINS CALLED INPUT DETERMINISTIC SPECIFIC READS MODIFIES EXISTS STAGGER WITHIN ASC DESC
  PARTITION RANGE ROWS PRECEDING FOLLOWING CURRENT ROW UNBOUNDED IGNORE RESPECT
  NULLS FIRST LAST YEAR MONTH DAY HOUR MINUTE SECOND EXTRACT LEADING TRAILING
  BOTH PLACING FOR CURSOR TABLE UESCAPE SYMMETRIC ASYMMETRIC VALUES ESCAPE OVER
  PRECISION VARYING OVERLAPS EQUALS PRECEDES SUCCEEDS IMMEDIATELY STRICTLY LEADS LAGS.

%nonassoc INTERVAL.
%left OR.
%left AND.
%right NOT.
%left IS.
%left BETWEEN IN LIKE SIMILAR.
%left CONTAINS OVERLAPS EQUALS PRECEDES SUCCEEDS IMMEDIATELY STRICTLY LEADS LAGS.
%nonassoc EQ NE LT LE GT GE.
%right ESCAPE.
%left PLUS MINUS.
%left STAR SLASH CONCAT.
%right UMINUS.
%nonassoc TO.

/* Tokens the lexer produces that no rule uses directly. */
%token QID BINSTRING USTRING.

input ::= stmtlist.
stmtlist ::= stmtlist SEMI stmt_opt.
stmtlist ::= stmt_opt.
stmt_opt ::= .
stmt_opt ::= stmt(S). { parse_add_stmt(ps, S); }

%type stmt { AstStmt* }
%type select { AstSelect* }
%type query { AstSelect* }
%type query_term { AstSelect* }
%type query_i { AstSelect* }
%type expr { AstExpr* }
%type atom { AstExpr* }
%type literal { AstExpr* }
%type exprlist { AstList* }
%type exprlist_opt { AstList* }
%type name { AstName }
%type typename { AstType }
%type unit { TimeUnit }
%type coldefs { AstList* }
%type coldef { AstColumnDef* }
%type namelist { AstList* }
%type selitems { AstList* }
%type selitem { AstSelectItem* }
%type from_opt { AstFrom* }
%type from { AstFrom* }
%type from_item { AstFrom* }
%type where_opt { AstExpr* }
%type having_opt { AstExpr* }
%type groupby_opt { AstList* }
%type stagger_opt { AstStagger* }
%type windows_opt { AstList* }
%type windowdefs { AstList* }
%type windowdef { AstWindowDef* }
%type window { AstWindowSpec* }
%type wspec { AstWindowSpec* }
%type over { AstWindowSpec* }
%type over_opt { AstWindowSpec* }
%type partition_opt { AstList* }
%type orderby_opt { AstList* }
%type orderitems { AstList* }
%type orderitem { AstOrderItem* }
%type within_opt { AstExpr* }
%type alias_opt { AstName }
%type distinct_opt { int }
%type stream_opt { int }
%type or_replace { int }
%type jointype { int }
%type notnull_opt { int }
%type desc_opt { int }
%type description_opt { const char* }
%type whens { AstList* }
%type else_opt { AstExpr* }
%type nulltreat { int }
%type fromlast { int }
%type trimspec { int }
%type values { AstList* }
%type on_opt { AstExpr* }
%type params { AstList* }
%type params_opt { AstList* }
%type colalias_opt { AstList* }
%type interval_lit { AstExpr* }

/* ---- statements ---- */

or_replace(A) ::= . { A = 0; }
or_replace(A) ::= OR REPLACE. { A = 1; }

description_opt(A) ::= . { A = NULL; }
description_opt(A) ::= DESCRIPTION STRING(S). { A = parse_string_text(ps, S, NULL); }

stmt(A) ::= CREATE(C) or_replace(R) STREAM name(N) LP coldefs(L) RP(E) description_opt(D). {
    A = ast_stmt(ps->arena, ST_CREATE_STREAM, tok_span2(C, E));
    A->or_replace = R; A->name = N; A->columns = L; A->description = D;
}

coldefs(A) ::= coldef(C). { A = ast_list(ps->arena, C); }
coldefs(A) ::= coldefs(L) COMMA coldef(C). { A = ast_append(ps->arena, L, C); }
coldef(A) ::= name(N) typename(T) notnull_opt(X). {
    A = arena_zalloc(ps->arena, sizeof *A); A->name = N; A->type = T; A->notnull = X;
}
notnull_opt(A) ::= . { A = 0; }
notnull_opt(A) ::= NOT NULL. { A = 1; }
notnull_opt(A) ::= NULL. { A = 0; }

stmt(A) ::= CREATE(C) or_replace(R) PUMP name(N) description_opt(D) AS insert(I). {
    A = I; A->kind = ST_CREATE_PUMP; A->span = span_join(tok_span(C), A->span);
    A->or_replace = R; A->name = N; A->description = D;
}
stmt(A) ::= insert(I). { A = I; }

/* The column list and a parenthesized query both start with '(': two
 * rules keep the choice until the next token. */
%type insert { AstStmt* }
insert(A) ::= INSERT(I) INTO name(T) query(Q). {
    A = ast_stmt(ps->arena, ST_INSERT, span_join(tok_span(I), Q->span)); A->target = T; A->query = Q;
}
insert(A) ::= INSERT(I) INTO name(T) LP namelist(L) RP query(Q). {
    A = ast_stmt(ps->arena, ST_INSERT, span_join(tok_span(I), Q->span)); A->target = T; A->target_cols = L; A->query = Q;
}
namelist(A) ::= name(N). { A = parse_name_list(ps, NULL, N); }
namelist(A) ::= namelist(L) COMMA name(N). { A = parse_name_list(ps, L, N); }

stmt(A) ::= query(Q). { A = ast_stmt(ps->arena, ST_SELECT, Q->span); A->query = Q; }
/* LIMIT ends a query that someone watches; a pump runs for as long as the application */
stmt(A) ::= query(Q) LIMIT INTEGER(N). {
    A = ast_stmt(ps->arena, ST_SELECT, span_join(Q->span, tok_span(N))); A->query = Q; A->limit = tok_int(ps, N);
}
stmt(A) ::= insert(I) LIMIT(L) INTEGER(N). { A = I; parse_limit_in_pump(ps, L, N); }
stmt(A) ::= CREATE(C) or_replace(R) PUMP name(N) description_opt(D) AS insert(I) LIMIT(L) INTEGER(V). {
    A = I; A->kind = ST_CREATE_PUMP; A->span = span_join(tok_span(C), A->span);
    A->or_replace = R; A->name = N; A->description = D; parse_limit_in_pump(ps, L, V);
}

stmt(A) ::= CREATE(C) or_replace(R) FUNCTION name(N) LP params_opt(P) RP RETURNS typename(T) fnopts(F) RETURN expr(B). {
    A = ast_stmt(ps->arena, ST_CREATE_FUNCTION, span_join(tok_span(C), B->span));
    A->or_replace = R; A->name = N; A->columns = P; A->returns = T; A->body = B; A->null_on_null = F == 1;
}
params_opt(A) ::= . { A = NULL; }
params_opt(A) ::= params(P). { A = P; }
params(A) ::= coldef(C). { A = ast_list(ps->arena, C); }
params(A) ::= params(L) COMMA coldef(C). { A = ast_append(ps->arena, L, C); }
/* the options of CREATE FUNCTION; only the NULL-call one changes anything:
 * 1 RETURNS NULL ON NULL INPUT, 0 CALLED ON NULL INPUT (the default), -1 the rest */
%type fnopts { int }
%type fnopt { int }
fnopts(A) ::= . { A = 0; }
fnopts(A) ::= fnopts(L) fnopt(O). { A = O >= 0 ? O : L; }
fnopt(A) ::= LANGUAGE ID. { A = -1; }
fnopt(A) ::= SPECIFIC name. { A = -1; }
fnopt(A) ::= CONTAINS ID. { A = -1; }
fnopt(A) ::= READS ID ID. { A = -1; }
fnopt(A) ::= MODIFIES ID ID. { A = -1; }
fnopt(A) ::= DETERMINISTIC. { A = -1; }
fnopt(A) ::= NOT DETERMINISTIC. { A = -1; }
fnopt(A) ::= RETURNS NULL ON NULL INPUT. { A = 1; }
fnopt(A) ::= CALLED ON NULL INPUT. { A = 0; }

/* ---- queries ---- */

/* INTERSECT binds tighter than UNION and EXCEPT, which go left to right */
query(A) ::= query_i(Q). { A = Q; }
query(A) ::= query(L) UNION ALL query_i(R). { A = parse_union(ps, L, R, 0); }
query(A) ::= query(L) UNION query_i(R). { A = parse_union(ps, L, R, 1); }
query(A) ::= query(L) EXCEPT query_i(R). { A = parse_setop(ps, L, R, SETOP_EXCEPT); }
query_i(A) ::= query_term(Q). { A = Q; }
query_i(A) ::= query_i(L) INTERSECT query_term(R). { A = parse_setop(ps, L, R, SETOP_INTERSECT); }

query_term(A) ::= select(S). { A = S; }
query_term(A) ::= LP query(Q) RP. { A = Q; }
query_term(A) ::= VALUES(V) values(L). {
    A = ast_select(ps->arena); A->values = L; A->span = tok_span(V);
}
values(A) ::= LP exprlist(L) RP. { A = ast_list(ps->arena, L); }
values(A) ::= values(V) COMMA LP exprlist(L) RP. { A = ast_append(ps->arena, V, L); }
/* a one-column row may go without parentheses, as the reference's pages
 * write it (VALUES localtime) */
values(A) ::= atom(X). { A = ast_list(ps->arena, ast_list(ps->arena, X)); }
values(A) ::= values(V) COMMA atom(X). { A = ast_append(ps->arena, V, ast_list(ps->arena, X)); }

select(A) ::= SELECT(S) stream_opt(T) distinct_opt(D) selitems(I) from_opt(F) where_opt(W)
              groupby_opt(G) stagger_opt(SG) having_opt(H) windows_opt(WN) orderby_opt(O) within_opt(WI). {
    A = ast_select(ps->arena);
    A->stream = T; A->distinct = D == 1; A->items = I; A->from = F; A->where = W;
    A->group_by = G; A->stagger = SG; A->having = H; A->windows = WN; A->order_by = O; A->order_within = WI;
    A->span = parse_select_span(ps, S, A);
}

stream_opt(A) ::= . { A = 0; }
stream_opt(A) ::= STREAM. { A = 1; }
distinct_opt(A) ::= . { A = 0; }
distinct_opt(A) ::= DISTINCT. { A = 1; }
distinct_opt(A) ::= ALL. { A = 2; }

selitems(A) ::= selitem(I). { A = ast_list(ps->arena, I); }
selitems(A) ::= selitems(L) COMMA selitem(I). { A = ast_append(ps->arena, L, I); }
selitem(A) ::= expr(E) alias_opt(N). { A = parse_selitem(ps, E, N); }
selitem(A) ::= STAR(S). { A = parse_selstar(ps, NULL, S); }
selitem(A) ::= name(Q) DOT STAR(S). { A = parse_selstar(ps, &Q, S); }

alias_opt(A) ::= . { A.name = NULL; A.quoted = 0; A.span = span_make(0, 0); }
alias_opt(A) ::= AS name(N). { A = N; }
alias_opt(A) ::= ID(T). { A = tok_name(ps, T); }
alias_opt(A) ::= QID(T). { A = tok_name(ps, T); }

from_opt(A) ::= . { A = NULL; }
from_opt(A) ::= FROM from(F). { A = F; }

from(A) ::= from_item(F). { A = F; }
from(A) ::= from(L) COMMA from_item(R). { A = parse_join(ps, L, R, JOIN_COMMA, NULL); }
from(A) ::= from(L) jointype(J) JOIN from_item(R) on_opt(O). { A = parse_join(ps, L, R, J, O); }

jointype(A) ::= . { A = JOIN_INNER; }
jointype(A) ::= INNER. { A = JOIN_INNER; }
jointype(A) ::= LEFT. { A = JOIN_LEFT; }
jointype(A) ::= LEFT OUTER. { A = JOIN_LEFT; }
jointype(A) ::= RIGHT. { A = JOIN_RIGHT; }
jointype(A) ::= RIGHT OUTER. { A = JOIN_RIGHT; }
jointype(A) ::= FULL. { A = JOIN_FULL; }
jointype(A) ::= FULL OUTER. { A = JOIN_FULL; }
jointype(A) ::= CROSS. { A = JOIN_CROSS; }
on_opt(A) ::= . { A = NULL; }
on_opt(A) ::= ON expr(E). { A = E; }

from_item(A) ::= name(N) over_opt(W) alias_opt(L) colalias_opt(C). {
    A = ast_from(ps->arena, FROM_NAME, N.span); A->name = N; A->over = W; A->alias = L; A->col_aliases = C;
}
from_item(A) ::= LP(P) query(Q) RP(E) over_opt(W) alias_opt(L) colalias_opt(C). {
    A = ast_from(ps->arena, FROM_SUBQUERY, tok_span2(P, E)); A->sub = Q; A->over = W; A->alias = L; A->col_aliases = C;
}
from_item(A) ::= TABLE(T) LP expr(F) RP(E) alias_opt(L) colalias_opt(C). {
    A = ast_from(ps->arena, FROM_TABLE_FN, tok_span2(T, E)); A->fn = F; A->alias = L; A->col_aliases = C;
}
colalias_opt(A) ::= . { A = NULL; }
colalias_opt(A) ::= LP namelist(L) RP. { A = L; }

over_opt(A) ::= . { A = NULL; }
over_opt(A) ::= OVER window(W). { A = W; }

where_opt(A) ::= . { A = NULL; }
where_opt(A) ::= WHERE expr(E). { A = E; }
groupby_opt(A) ::= . { A = NULL; }
groupby_opt(A) ::= GROUP BY exprlist(L). { A = L; }
having_opt(A) ::= . { A = NULL; }
having_opt(A) ::= HAVING expr(E). { A = E; }

stagger_opt(A) ::= . { A = NULL; }
stagger_opt(A) ::= WINDOWED(W) BY STAGGER LP PARTITION BY exprlist(L) RANGE interval_lit(I) RP(E). {
    A = arena_zalloc(ps->arena, sizeof *A); A->partition = L; A->range = I; A->span = tok_span2(W, E);
}

windows_opt(A) ::= . { A = NULL; }
windows_opt(A) ::= WINDOW windowdefs(L). { A = L; }
windowdefs(A) ::= windowdef(D). { A = ast_list(ps->arena, D); }
windowdefs(A) ::= windowdefs(L) COMMA windowdef(D). { A = ast_append(ps->arena, L, D); }
windowdef(A) ::= name(N) AS LP wspec(S) RP. { A = arena_zalloc(ps->arena, sizeof *A); A->name = N; A->spec = S; }

window(A) ::= name(N). { A = ast_window(ps->arena, N.span); A->ref = N; }
window(A) ::= LP(L) wspec(S) RP(R). { A = S; A->span = tok_span2(L, R); }

wspec(A) ::= partition_opt(P) orderby_opt(O) frame_opt. { A = parse_wspec(ps, P, O); }
partition_opt(A) ::= . { A = NULL; }
partition_opt(A) ::= PARTITION BY exprlist(L). { A = L; }

frame_opt ::= . { parse_frame(ps, FRAME_NONE); }
frame_opt ::= ROWS frame_extent. { parse_frame(ps, FRAME_ROWS); }
frame_opt ::= RANGE frame_extent. { parse_frame(ps, FRAME_RANGE); }
frame_extent ::= frame_start.
frame_extent ::= BETWEEN frame_start AND frame_end.
frame_start ::= UNBOUNDED PRECEDING. { parse_bound(ps, 0, 'U', NULL); }
frame_start ::= CURRENT ROW. { parse_bound(ps, 0, 'C', NULL); }
frame_start ::= expr(E) PRECEDING. { parse_bound(ps, 0, 'P', E); }
frame_start ::= expr(E) FOLLOWING. { parse_bound(ps, 0, 'F', E); }
frame_end ::= UNBOUNDED FOLLOWING. { parse_bound(ps, 1, 'U', NULL); }
frame_end ::= CURRENT ROW. { parse_bound(ps, 1, 'C', NULL); }
frame_end ::= expr(E) PRECEDING. { parse_bound(ps, 1, 'P', E); }
frame_end ::= expr(E) FOLLOWING. { parse_bound(ps, 1, 'F', E); }

orderby_opt(A) ::= . { A = NULL; }
orderby_opt(A) ::= ORDER BY orderitems(L). { A = L; }
orderitems(A) ::= orderitem(I). { A = ast_list(ps->arena, I); }
orderitems(A) ::= orderitems(L) COMMA orderitem(I). { A = ast_append(ps->arena, L, I); }
orderitem(A) ::= expr(E) desc_opt(D). { A = arena_zalloc(ps->arena, sizeof *A); A->expr = E; A->desc = D; A->span = E->span; }
desc_opt(A) ::= . { A = 0; }
desc_opt(A) ::= ASC. { A = 0; }
desc_opt(A) ::= DESC. { A = 1; }
within_opt(A) ::= . { A = NULL; }
within_opt(A) ::= WITHIN interval_lit(I). { A = I; }

/* ---- names and types ---- */

name(A) ::= ID(T). { A = tok_name(ps, T); }
name(A) ::= QID(T). { A = tok_name(ps, T); }

typename(A) ::= ID(T). { A = parse_type(ps, T, NULL, -1, -1); }
typename(A) ::= ID(T) LP INTEGER(P) RP(E). { A = parse_type(ps, T, &E, tok_int(ps, P), -1); }
typename(A) ::= ID(T) LP INTEGER(P) COMMA INTEGER(S) RP(E). { A = parse_type(ps, T, &E, tok_int(ps, P), tok_int(ps, S)); }
typename(A) ::= ID(T) PRECISION(U). { A = parse_type2(ps, T, U, -1); }
typename(A) ::= ID(T) VARYING(U). { A = parse_type2(ps, T, U, -1); }
typename(A) ::= ID(T) VARYING(U) LP INTEGER(P) RP. { A = parse_type2(ps, T, U, tok_int(ps, P)); }
typename(A) ::= INTERVAL(T) unit(H). { A = parse_interval_type(ps, T, H, TU_NONE); }
typename(A) ::= INTERVAL(T) unit(H) TO unit(L). { A = parse_interval_type(ps, T, H, L); }

unit(A) ::= YEAR. { A = TU_YEAR; }
unit(A) ::= MONTH. { A = TU_MONTH; }
unit(A) ::= DAY. { A = TU_DAY; }
unit(A) ::= HOUR. { A = TU_HOUR; }
unit(A) ::= MINUTE. { A = TU_MINUTE; }
unit(A) ::= SECOND. { A = TU_SECOND; }
unit(A) ::= unit(U) LP INTEGER RP. { A = U; }
unit(A) ::= unit(U) LP INTEGER COMMA INTEGER RP. { A = U; }

/* ---- expressions ---- */

expr(A) ::= atom(X). { A = X; }
expr(A) ::= LP(L) expr(X) RP(R). { A = X; A->span = tok_span2(L, R); }
expr(A) ::= LP(L) expr(X) COMMA exprlist(Y) RP(R). { A = parse_row(ps, X, Y, tok_span2(L, R)); }
/* (t1 - t2) DAY TO SECOND: a datetime difference as an interval of that qualifier */
expr(A) ::= LP(L) expr(X) RP unit(H). [INTERVAL] { A = parse_interval_qualify(ps, X, L, H, TU_NONE); }
expr(A) ::= LP(L) expr(X) RP unit(H) TO unit(U). { A = parse_interval_qualify(ps, X, L, H, U); }
expr(A) ::= MINUS(O) expr(X). [UMINUS] { A = ast_unary(ps->arena, AO_NEG, X, tok_span(O)); }
expr(A) ::= PLUS(O) expr(X). [UMINUS] { A = ast_unary(ps->arena, AO_PLUS, X, tok_span(O)); }
expr(A) ::= NOT(O) expr(X). { A = ast_unary(ps->arena, AO_NOT, X, tok_span(O)); }
expr(A) ::= expr(X) PLUS expr(Y). { A = ast_binary(ps->arena, AO_ADD, X, Y); }
expr(A) ::= expr(X) MINUS expr(Y). { A = ast_binary(ps->arena, AO_SUB, X, Y); }
expr(A) ::= expr(X) STAR expr(Y). { A = ast_binary(ps->arena, AO_MUL, X, Y); }
expr(A) ::= expr(X) SLASH expr(Y). { A = ast_binary(ps->arena, AO_DIV, X, Y); }
expr(A) ::= expr(X) CONCAT expr(Y). { A = ast_binary(ps->arena, AO_CONCAT, X, Y); }
expr(A) ::= expr(X) EQ expr(Y). { A = ast_binary(ps->arena, AO_EQ, X, Y); }
expr(A) ::= expr(X) NE expr(Y). { A = ast_binary(ps->arena, AO_NE, X, Y); }
expr(A) ::= expr(X) LT expr(Y). { A = ast_binary(ps->arena, AO_LT, X, Y); }
expr(A) ::= expr(X) LE expr(Y). { A = ast_binary(ps->arena, AO_LE, X, Y); }
expr(A) ::= expr(X) GT expr(Y). { A = ast_binary(ps->arena, AO_GT, X, Y); }
expr(A) ::= expr(X) GE expr(Y). { A = ast_binary(ps->arena, AO_GE, X, Y); }
expr(A) ::= expr(X) AND expr(Y). { A = ast_binary(ps->arena, AO_AND, X, Y); }
expr(A) ::= expr(X) OR expr(Y). { A = ast_binary(ps->arena, AO_OR, X, Y); }

expr(A) ::= expr(X) IS NULL(E). { A = parse_is(ps, X, AO_IS_NULL, 0, NULL, tok_span(E)); }
expr(A) ::= expr(X) IS NOT NULL(E). { A = parse_is(ps, X, AO_IS_NULL, 1, NULL, tok_span(E)); }
expr(A) ::= expr(X) IS TRUE(E). { A = parse_is(ps, X, AO_IS_TRUE, 0, NULL, tok_span(E)); }
expr(A) ::= expr(X) IS NOT TRUE(E). { A = parse_is(ps, X, AO_IS_TRUE, 1, NULL, tok_span(E)); }
expr(A) ::= expr(X) IS FALSE(E). { A = parse_is(ps, X, AO_IS_FALSE, 0, NULL, tok_span(E)); }
expr(A) ::= expr(X) IS NOT FALSE(E). { A = parse_is(ps, X, AO_IS_FALSE, 1, NULL, tok_span(E)); }
expr(A) ::= expr(X) IS UNKNOWN(E). { A = parse_is(ps, X, AO_IS_UNKNOWN, 0, NULL, tok_span(E)); }
expr(A) ::= expr(X) IS NOT UNKNOWN(E). { A = parse_is(ps, X, AO_IS_UNKNOWN, 1, NULL, tok_span(E)); }
expr(A) ::= expr(X) IS DISTINCT FROM expr(Y). [IS] { A = parse_is(ps, X, AO_IS_DISTINCT, 0, Y, Y->span); }
expr(A) ::= expr(X) IS NOT DISTINCT FROM expr(Y). [IS] { A = parse_is(ps, X, AO_IS_DISTINCT, 1, Y, Y->span); }

expr(A) ::= expr(X) BETWEEN expr(Y) AND expr(Z). [BETWEEN] { A = parse_between(ps, X, Y, Z, 0, 0); }
expr(A) ::= expr(X) NOT BETWEEN expr(Y) AND expr(Z). [BETWEEN] { A = parse_between(ps, X, Y, Z, 1, 0); }
expr(A) ::= expr(X) BETWEEN SYMMETRIC expr(Y) AND expr(Z). [BETWEEN] { A = parse_between(ps, X, Y, Z, 0, 1); }
expr(A) ::= expr(X) NOT BETWEEN SYMMETRIC expr(Y) AND expr(Z). [BETWEEN] { A = parse_between(ps, X, Y, Z, 1, 1); }
expr(A) ::= expr(X) BETWEEN ASYMMETRIC expr(Y) AND expr(Z). [BETWEEN] { A = parse_between(ps, X, Y, Z, 0, 0); }
expr(A) ::= expr(X) NOT BETWEEN ASYMMETRIC expr(Y) AND expr(Z). [BETWEEN] { A = parse_between(ps, X, Y, Z, 1, 0); }

expr(A) ::= expr(X) IN LP exprlist(L) RP(R). { A = parse_in(ps, X, L, 0, tok_span(R)); }
expr(A) ::= expr(X) NOT IN LP exprlist(L) RP(R). { A = parse_in(ps, X, L, 1, tok_span(R)); }
expr(A) ::= expr(X) IN atom(Y). { A = parse_in(ps, X, ast_list(ps->arena, Y), 0, Y->span); }
expr(A) ::= expr(X) IN LP select(Q) RP(R). { A = parse_in(ps, X, NULL, 0, tok_span(R)); A->subquery = Q; }
expr(A) ::= expr(X) NOT IN LP select(Q) RP(R). { A = parse_in(ps, X, NULL, 1, tok_span(R)); A->subquery = Q; }

/* temporal predicates on periods (s, e) or PERIOD(s, e); the binder checks the operands */
expr(A) ::= expr(X) CONTAINS expr(Y). { A = parse_period_pred(ps, X, AO_P_CONTAINS, NULL, Y); }
expr(A) ::= expr(X) OVERLAPS expr(Y). { A = parse_period_pred(ps, X, AO_P_OVERLAPS, NULL, Y); }
expr(A) ::= expr(X) EQUALS expr(Y). { A = parse_period_pred(ps, X, AO_P_EQUALS, NULL, Y); }
expr(A) ::= expr(X) PRECEDES expr(Y). { A = parse_period_pred(ps, X, AO_P_PRECEDES, NULL, Y); }
expr(A) ::= expr(X) SUCCEEDS expr(Y). { A = parse_period_pred(ps, X, AO_P_SUCCEEDS, NULL, Y); }
expr(A) ::= expr(X) IMMEDIATELY PRECEDES expr(Y). [PRECEDES] { A = parse_period_pred(ps, X, AO_P_IMMEDIATELY_PRECEDES, NULL, Y); }
expr(A) ::= expr(X) IMMEDIATELY SUCCEEDS expr(Y). [PRECEDES] { A = parse_period_pred(ps, X, AO_P_IMMEDIATELY_SUCCEEDS, NULL, Y); }
expr(A) ::= expr(X) LEADS expr(Y). { A = parse_period_pred(ps, X, AO_P_EXTENSION, "LEADS", Y); }
expr(A) ::= expr(X) LAGS expr(Y). { A = parse_period_pred(ps, X, AO_P_EXTENSION, "LAGS", Y); }
expr(A) ::= expr(X) IMMEDIATELY LEADS expr(Y). [LEADS] { A = parse_period_pred(ps, X, AO_P_EXTENSION, "IMMEDIATELY LEADS", Y); }
expr(A) ::= expr(X) IMMEDIATELY LAGS expr(Y). [LEADS] { A = parse_period_pred(ps, X, AO_P_EXTENSION, "IMMEDIATELY LAGS", Y); }
expr(A) ::= expr(X) STRICTLY CONTAINS expr(Y). [CONTAINS] { A = parse_period_pred(ps, X, AO_P_EXTENSION, "STRICTLY CONTAINS", Y); }
expr(A) ::= expr(X) STRICTLY OVERLAPS expr(Y). [CONTAINS] { A = parse_period_pred(ps, X, AO_P_EXTENSION, "STRICTLY OVERLAPS", Y); }
expr(A) ::= expr(X) STRICTLY PRECEDES expr(Y). [CONTAINS] { A = parse_period_pred(ps, X, AO_P_EXTENSION, "STRICTLY PRECEDES", Y); }
expr(A) ::= expr(X) STRICTLY SUCCEEDS expr(Y). [CONTAINS] { A = parse_period_pred(ps, X, AO_P_EXTENSION, "STRICTLY SUCCEEDS", Y); }
expr(A) ::= expr(X) STRICTLY LEADS expr(Y). [CONTAINS] { A = parse_period_pred(ps, X, AO_P_EXTENSION, "STRICTLY LEADS", Y); }
expr(A) ::= expr(X) STRICTLY LAGS expr(Y). [CONTAINS] { A = parse_period_pred(ps, X, AO_P_EXTENSION, "STRICTLY LAGS", Y); }

expr(A) ::= expr(X) LIKE expr(Y). { A = parse_like(ps, AO_LIKE, X, Y, NULL, 0); }
expr(A) ::= expr(X) NOT LIKE expr(Y). [LIKE] { A = parse_like(ps, AO_LIKE, X, Y, NULL, 1); }
expr(A) ::= expr(X) LIKE expr(Y) ESCAPE expr(Z). { A = parse_like(ps, AO_LIKE, X, Y, Z, 0); }
expr(A) ::= expr(X) NOT LIKE expr(Y) ESCAPE expr(Z). [LIKE] { A = parse_like(ps, AO_LIKE, X, Y, Z, 1); }
expr(A) ::= expr(X) SIMILAR TO expr(Y). [SIMILAR] { A = parse_like(ps, AO_SIMILAR, X, Y, NULL, 0); }
expr(A) ::= expr(X) NOT SIMILAR TO expr(Y). [SIMILAR] { A = parse_like(ps, AO_SIMILAR, X, Y, NULL, 1); }
expr(A) ::= expr(X) SIMILAR TO expr(Y) ESCAPE expr(Z). [SIMILAR] { A = parse_like(ps, AO_SIMILAR, X, Y, Z, 0); }
expr(A) ::= expr(X) NOT SIMILAR TO expr(Y) ESCAPE expr(Z). [SIMILAR] { A = parse_like(ps, AO_SIMILAR, X, Y, Z, 1); }

atom(A) ::= CASE(C) whens(W) else_opt(E) END(N). { A = parse_case(ps, NULL, W, E, tok_span2(C, N)); }
atom(A) ::= CASE(C) expr(X) whens(W) else_opt(E) END(N). { A = parse_case(ps, X, W, E, tok_span2(C, N)); }
whens(A) ::= WHEN expr(X) THEN expr(Y). { A = ast_append(ps->arena, ast_list(ps->arena, X), Y); }
whens(A) ::= whens(L) WHEN expr(X) THEN expr(Y). { A = ast_append(ps->arena, ast_append(ps->arena, L, X), Y); }
else_opt(A) ::= . { A = NULL; }
else_opt(A) ::= ELSE expr(X). { A = X; }

atom(A) ::= CAST(C) LP expr(X) AS typename(T) RP(R). {
    A = ast_expr(ps->arena, AE_CAST, tok_span2(C, R)); A->a = X; A->type = T;
}

atom(A) ::= EXTRACT(F) LP unit(U) FROM expr(X) RP(R). {
    A = parse_special_call(ps, F, CALL_EXTRACT, ast_list(ps->arena, X), R); A->unit = U;
}

/* atoms: what may follow IN without parentheses (POSITION(a IN b)),
 * bracketed forms (CAST, CASE, EXTRACT) included */
atom(A) ::= literal(L). { A = L; }
atom(A) ::= name(N). { A = parse_name_expr(ps, NULL, NULL, N); }
atom(A) ::= name(Q) DOT name(N). { A = parse_name_expr(ps, &Q, NULL, N); }
atom(A) ::= name(Q) DOT name(R) DOT name(N). { A = parse_name_expr(ps, &Q, &R, N); }
atom(A) ::= ID(F) LP RP(R) nulltreat(I) over_opt(W). { A = parse_call(ps, F, NULL, 0, 0, R, I, W); }
atom(A) ::= ID(F) LP STAR RP(R) over_opt(W). { A = parse_call(ps, F, NULL, 0, 1, R, -1, W); }
atom(A) ::= ID(F) LP exprlist(L) RP(R) fromlast(FL) nulltreat(I) over_opt(W). {
    A = parse_call(ps, F, L, 0, 0, R, I, W); A->from_last = (int8_t)FL;
}
atom(A) ::= ID(F) LP DISTINCT exprlist(L) RP(R) nulltreat(I) over_opt(W). { A = parse_call(ps, F, L, 1, 0, R, I, W); }
atom(A) ::= ID(F) LP ALL exprlist(L) RP(R) nulltreat(I) over_opt(W). { A = parse_call(ps, F, L, 0, 0, R, I, W); }
atom(A) ::= ID(F) LP expr(X) TO unit(U) RP(R). {
    A = parse_special_call(ps, F, CALL_TO_UNIT, ast_list(ps->arena, X), R); A->unit = U;
}
atom(A) ::= ID(F) LP expr(X) BY expr(Y) RP(R). {
    A = parse_special_call(ps, F, CALL_BY, ast_append(ps->arena, ast_list(ps->arena, X), Y), R);
}
atom(A) ::= ID(F) LP expr(X) FROM expr(Y) RP(R). {
    A = parse_special_call(ps, F, CALL_FROM, ast_append(ps->arena, ast_list(ps->arena, X), Y), R);
}
atom(A) ::= ID(F) LP expr(X) FROM expr(Y) FOR expr(Z) RP(R). {
    A = parse_special_call(ps, F, CALL_FROM, ast_append(ps->arena, ast_append(ps->arena, ast_list(ps->arena, X), Y), Z), R);
}
atom(A) ::= ID(F) LP trimspec(S) expr(X) FROM expr(Y) RP(R). {
    A = parse_special_call(ps, F, CALL_FROM, ast_append(ps->arena, ast_list(ps->arena, X), Y), R);
    A->trim_spec = (uint8_t)S; A->trim_given = 1;
}
atom(A) ::= ID(F) LP trimspec(S) FROM expr(Y) RP(R). {
    A = parse_special_call(ps, F, CALL_FROM, ast_append(ps->arena, ast_list(ps->arena, NULL), Y), R);
    A->trim_spec = (uint8_t)S; A->trim_given = 1;
}
atom(A) ::= ID(F) LP expr(X) PLACING expr(Y) FROM expr(Z) RP(R). {
    A = parse_special_call(ps, F, CALL_PLACING, ast_append(ps->arena, ast_append(ps->arena, ast_list(ps->arena, X), Y), Z), R);
}
atom(A) ::= ID(F) LP expr(X) PLACING expr(Y) FROM expr(Z) FOR expr(W) RP(R). {
    A = parse_special_call(ps, F, CALL_PLACING,
        ast_append(ps->arena, ast_append(ps->arena, ast_append(ps->arena, ast_list(ps->arena, X), Y), Z), W), R);
}
atom(A) ::= ID(F) LP expr(X) SIMILAR expr(Y) ESCAPE expr(Z) RP(R). {
    A = parse_special_call(ps, F, CALL_SIMILAR, ast_append(ps->arena, ast_append(ps->arena, ast_list(ps->arena, X), Y), Z), R);
}
atom(A) ::= CURSOR(C) LP query(Q) RP(R). { A = ast_expr(ps->arena, AE_SUBQUERY, tok_span2(C, R)); A->subquery = Q; }
atom(A) ::= EXISTS(E) LP select(Q) RP(R). { A = ast_expr(ps->arena, AE_EXISTS, tok_span2(E, R)); A->subquery = Q; }

trimspec(A) ::= LEADING. { A = TRIM_LEADING; }
trimspec(A) ::= TRAILING. { A = TRIM_TRAILING; }
trimspec(A) ::= BOTH. { A = TRIM_BOTH; }

fromlast(A) ::= . { A = -1; }
fromlast(A) ::= FROM_FIRST. { A = 0; }
fromlast(A) ::= FROM_LAST. { A = 1; }
nulltreat(A) ::= . { A = -1; }
nulltreat(A) ::= IGNORE NULLS. { A = 1; }
nulltreat(A) ::= IGNORE NULL. { A = 1; }
nulltreat(A) ::= RESPECT NULLS. { A = 0; }

exprlist(A) ::= expr(X). { A = ast_list(ps->arena, X); }
exprlist(A) ::= exprlist(L) COMMA expr(X). { A = ast_append(ps->arena, L, X); }

literal(A) ::= INTEGER(T). { A = parse_literal(ps, LIT_INTEGER, T); }
literal(A) ::= DECIMAL(T). { A = parse_literal(ps, LIT_DECIMAL, T); }
literal(A) ::= APPROX(T). { A = parse_literal(ps, LIT_APPROX, T); }
literal(A) ::= STRING(T). { A = parse_literal(ps, LIT_STRING, T); }
literal(A) ::= USTRING(T). { A = parse_ustring(ps, T, NULL); }
literal(A) ::= USTRING(T) UESCAPE STRING(E). { A = parse_ustring(ps, T, &E); }
literal(A) ::= BINSTRING(T). { A = parse_literal(ps, LIT_BINARY, T); }
literal(A) ::= TRUE(T). { A = parse_literal(ps, LIT_BOOL, T); A->bool_value = 1; }
literal(A) ::= FALSE(T). { A = parse_literal(ps, LIT_BOOL, T); A->bool_value = 0; }
literal(A) ::= UNKNOWN(T). { A = parse_literal(ps, LIT_UNKNOWN, T); }
literal(A) ::= NULL(T). { A = parse_literal(ps, LIT_NULL, T); }
literal(A) ::= ID(K) STRING(T). { A = parse_typed_literal(ps, K, T); }
literal(A) ::= interval_lit(I). { A = I; }

interval_lit(A) ::= INTERVAL(K) STRING(T) unit(H). [INTERVAL] { A = parse_interval(ps, K, 0, T, H, TU_NONE); }
interval_lit(A) ::= INTERVAL(K) STRING(T) unit(H) TO unit(L). { A = parse_interval(ps, K, 0, T, H, L); }
interval_lit(A) ::= INTERVAL(K) MINUS STRING(T) unit(H). [INTERVAL] { A = parse_interval(ps, K, 1, T, H, TU_NONE); }
interval_lit(A) ::= INTERVAL(K) MINUS STRING(T) unit(H) TO unit(L). { A = parse_interval(ps, K, 1, T, H, L); }
interval_lit(A) ::= INTERVAL(K) PLUS STRING(T) unit(H). [INTERVAL] { A = parse_interval(ps, K, 0, T, H, TU_NONE); }
