/* re2c source; the build turns it into lexer.c. */
#include "parser/lexer.h"

#include <stddef.h>

#include "parser/grammar.h"

void lex_init(Lexer *lx, const char *src, uint32_t len)
{
    lx->src = src;
    lx->len = len;
    lx->pos = 0;
}

/* The source is NUL-terminated (the driver guarantees it), so the NUL is
 * the sentinel and a NUL inside the text is reported, not read past. */
int lex_next(Lexer *lx, Token *t)
{
    const char *YYCURSOR, *YYMARKER = NULL, *start;
    const char *base = lx->src;
    t->why = NULL;
again:
    YYCURSOR = base + lx->pos;
    start = YYCURSOR;
#define TOK(k) do { t->type = (k); goto done; } while (0)
    /*!re2c
    re2c:define:YYCTYPE = "unsigned char";
    re2c:yyfill:enable = 0;

    ws = [ \t\r\n\f\v]+;
    digit = [0-9];
    ident = [a-zA-Z_\x80-\xff][a-zA-Z0-9_$\x80-\xff]*;

    "\x00" {
        if ((uint32_t)(start - base) >= lx->len) { t->off = lx->len; t->len = 0; t->type = LEX_EOF; return LEX_EOF; }
        t->why = "NUL character in SQL text";
        TOK(LEX_ERROR);
    }
    ws { lx->pos = (uint32_t)(YYCURSOR - base); goto again; }
    "--" [^\n\x00]* { lx->pos = (uint32_t)(YYCURSOR - base); goto again; }
    "/*" { goto block_comment; }

    'SELECT' { TOK(TK_SELECT); }
    'STREAM' { TOK(TK_STREAM); }
    'DISTINCT' { TOK(TK_DISTINCT); }
    'ALL' { TOK(TK_ALL); }
    'FROM' ws 'FIRST' / [^a-zA-Z0-9_$\x80-\xff] { TOK(TK_FROM_FIRST); }
    'FROM' ws 'LAST' / [^a-zA-Z0-9_$\x80-\xff] { TOK(TK_FROM_LAST); }
    'FROM' { TOK(TK_FROM); }
    'WHERE' { TOK(TK_WHERE); }
    'GROUP' { TOK(TK_GROUP); }
    'BY' { TOK(TK_BY); }
    'HAVING' { TOK(TK_HAVING); }
    'WINDOW' { TOK(TK_WINDOW); }
    'WINDOWED' { TOK(TK_WINDOWED); }
    'STAGGER' { TOK(TK_STAGGER); }
    'ORDER' { TOK(TK_ORDER); }
    'LIMIT' { TOK(TK_LIMIT); }
    'WITHIN' { TOK(TK_WITHIN); }
    'ASC' { TOK(TK_ASC); }
    'DESC' { TOK(TK_DESC); }
    'AS' { TOK(TK_AS); }
    'ON' { TOK(TK_ON); }
    'JOIN' { TOK(TK_JOIN); }
    'INNER' { TOK(TK_INNER); }
    'LEFT' { TOK(TK_LEFT); }
    'RIGHT' { TOK(TK_RIGHT); }
    'FULL' { TOK(TK_FULL); }
    'OUTER' { TOK(TK_OUTER); }
    'CROSS' { TOK(TK_CROSS); }
    'UNION' { TOK(TK_UNION); }
    'INTERSECT' { TOK(TK_INTERSECT); }
    'EXCEPT' { TOK(TK_EXCEPT); }
    'CREATE' { TOK(TK_CREATE); }
    'OR' { TOK(TK_OR); }
    'REPLACE' { TOK(TK_REPLACE); }
    'PUMP' { TOK(TK_PUMP); }
    'INSERT' { TOK(TK_INSERT); }
    'INTO' { TOK(TK_INTO); }
    'VALUES' { TOK(TK_VALUES); }
    'FUNCTION' { TOK(TK_FUNCTION); }
    'RETURNS' { TOK(TK_RETURNS); }
    'RETURN' { TOK(TK_RETURN); }
    'LANGUAGE' { TOK(TK_LANGUAGE); }
    'CONTAINS' { TOK(TK_CONTAINS); }
    'OVERLAPS' { TOK(TK_OVERLAPS); }
    'EQUALS' { TOK(TK_EQUALS); }
    'PRECEDES' { TOK(TK_PRECEDES); }
    'SUCCEEDS' { TOK(TK_SUCCEEDS); }
    'IMMEDIATELY' { TOK(TK_IMMEDIATELY); }
    'STRICTLY' { TOK(TK_STRICTLY); }
    'LEADS' { TOK(TK_LEADS); }
    'LAGS' { TOK(TK_LAGS); }
    'CALLED' { TOK(TK_CALLED); }
    'INPUT' { TOK(TK_INPUT); }
    'DETERMINISTIC' { TOK(TK_DETERMINISTIC); }
    'SPECIFIC' { TOK(TK_SPECIFIC); }
    'READS' { TOK(TK_READS); }
    'MODIFIES' { TOK(TK_MODIFIES); }
    'EXISTS' { TOK(TK_EXISTS); }
    'DESCRIPTION' { TOK(TK_DESCRIPTION); }
    'AND' { TOK(TK_AND); }
    'NOT' { TOK(TK_NOT); }
    'IS' { TOK(TK_IS); }
    'NULL' { TOK(TK_NULL); }
    'TRUE' { TOK(TK_TRUE); }
    'FALSE' { TOK(TK_FALSE); }
    'UNKNOWN' { TOK(TK_UNKNOWN); }
    'BETWEEN' { TOK(TK_BETWEEN); }
    'SYMMETRIC' { TOK(TK_SYMMETRIC); }
    'ASYMMETRIC' { TOK(TK_ASYMMETRIC); }
    'IN' { TOK(TK_IN); }
    'LIKE' { TOK(TK_LIKE); }
    'SIMILAR' { TOK(TK_SIMILAR); }
    'TO' { TOK(TK_TO); }
    'ESCAPE' { TOK(TK_ESCAPE); }
    'CASE' { TOK(TK_CASE); }
    'WHEN' { TOK(TK_WHEN); }
    'THEN' { TOK(TK_THEN); }
    'ELSE' { TOK(TK_ELSE); }
    'END' { TOK(TK_END); }
    'CAST' { TOK(TK_CAST); }
    'OVER' { TOK(TK_OVER); }
    'PARTITION' { TOK(TK_PARTITION); }
    'RANGE' { TOK(TK_RANGE); }
    'ROWS' { TOK(TK_ROWS); }
    'PRECEDING' { TOK(TK_PRECEDING); }
    'FOLLOWING' { TOK(TK_FOLLOWING); }
    'CURRENT' { TOK(TK_CURRENT); }
    'ROW' { TOK(TK_ROW); }
    'UNBOUNDED' { TOK(TK_UNBOUNDED); }
    'IGNORE' { TOK(TK_IGNORE); }
    'RESPECT' { TOK(TK_RESPECT); }
    'NULLS' { TOK(TK_NULLS); }
    'FIRST' { TOK(TK_FIRST); }
    'LAST' { TOK(TK_LAST); }
    'INTERVAL' { TOK(TK_INTERVAL); }
    'YEAR' { TOK(TK_YEAR); }
    'MONTH' { TOK(TK_MONTH); }
    'DAY' { TOK(TK_DAY); }
    'HOUR' { TOK(TK_HOUR); }
    'MINUTE' { TOK(TK_MINUTE); }
    'SECOND' { TOK(TK_SECOND); }
    'EXTRACT' { TOK(TK_EXTRACT); }
    'LEADING' { TOK(TK_LEADING); }
    'TRAILING' { TOK(TK_TRAILING); }
    'BOTH' { TOK(TK_BOTH); }
    'PLACING' { TOK(TK_PLACING); }
    'FOR' { TOK(TK_FOR); }
    'CURSOR' { TOK(TK_CURSOR); }
    'TABLE' { TOK(TK_TABLE); }
    'UESCAPE' { TOK(TK_UESCAPE); }
    'PRECISION' { TOK(TK_PRECISION); }
    'VARYING' { TOK(TK_VARYING); }

    ident { TOK(TK_ID); }
    ["] { goto quoted_ident; }

    digit+ { TOK(TK_INTEGER); }
    (digit+ "." digit* | "." digit+) { TOK(TK_DECIMAL); }
    (digit+ ("." digit*)? | "." digit+) [eE] [+-]? digit+ { TOK(TK_APPROX); }
    (digit+ ("." digit*)? | "." digit+) [eE] [+-]? {
        t->why = "malformed number: exponent has no digits";
        TOK(LEX_ERROR);
    }
    (digit+ ("." digit*)?) ident {
        t->why = "malformed number";
        TOK(LEX_ERROR);
    }

    ['] { goto string_lit; }
    [uU] "&" ['] { goto ustring_lit; }
    [xX] ['] { goto binary_lit; }

    "+" { TOK(TK_PLUS); }
    "-" { TOK(TK_MINUS); }
    "*" { TOK(TK_STAR); }
    "/" { TOK(TK_SLASH); }
    "||" { TOK(TK_CONCAT); }
    "=" { TOK(TK_EQ); }
    "<>" | "!=" { TOK(TK_NE); }
    "<" { TOK(TK_LT); }
    "<=" { TOK(TK_LE); }
    ">" { TOK(TK_GT); }
    ">=" { TOK(TK_GE); }
    "(" { TOK(TK_LP); }
    ")" { TOK(TK_RP); }
    "," { TOK(TK_COMMA); }
    "." { TOK(TK_DOT); }
    ";" { TOK(TK_SEMI); }

    * {
        t->why = "unexpected character";
        TOK(LEX_ERROR);
    }
    */

block_comment:
    for (;;) {
        if ((uint32_t)(YYCURSOR - base) >= lx->len) {
            t->why = "unterminated /* comment";
            TOK(LEX_ERROR);
        }
        if (YYCURSOR[0] == '*' && YYCURSOR[1] == '/') {
            YYCURSOR += 2;
            lx->pos = (uint32_t)(YYCURSOR - base);
            goto again;
        }
        YYCURSOR++;
    }

quoted_ident:
    for (;;) {
        if ((uint32_t)(YYCURSOR - base) >= lx->len) {
            t->why = "unterminated quoted identifier";
            TOK(LEX_ERROR);
        }
        if (*YYCURSOR == '"') {
            if (YYCURSOR[1] == '"') { YYCURSOR += 2; continue; }
            YYCURSOR++;
            if (YYCURSOR - start == 2) { t->why = "empty quoted identifier"; TOK(LEX_ERROR); }
            TOK(TK_QID);
        }
        if ((unsigned char)*YYCURSOR < 0x20) {
            t->why = "control character in quoted identifier";
            TOK(LEX_ERROR);
        }
        YYCURSOR++;
    }

string_lit:
ustring_lit:
binary_lit:
    for (;;) {
        if ((uint32_t)(YYCURSOR - base) >= lx->len) {
            t->why = "unterminated string literal";
            TOK(LEX_ERROR);
        }
        if (*YYCURSOR == '\'') {
            if (YYCURSOR[1] == '\'') { YYCURSOR += 2; continue; }
            YYCURSOR++;
            break;
        }
        YYCURSOR++;
    }
    if (start[0] == '\'') TOK(TK_STRING);
    if (start[0] == 'x' || start[0] == 'X') TOK(TK_BINSTRING);
    TOK(TK_USTRING);

done:
    t->off = (uint32_t)(start - base);
    t->len = (uint32_t)(YYCURSOR - start);
    if (t->type == LEX_ERROR && t->len == 0) t->len = 1;
    lx->pos = (uint32_t)(YYCURSOR - base);
    return t->type;
}
