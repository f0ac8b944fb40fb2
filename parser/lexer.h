/* The re2c lexer: SQL text to tokens with byte spans. */
#ifndef EDDY_LEXER_H
#define EDDY_LEXER_H
#include <stdint.h>

#define LEX_EOF 0
#define LEX_ERROR (-1)

typedef struct Token {
    int type;           /* TK_* from grammar.h, LEX_EOF or LEX_ERROR */
    uint32_t off, len;
    const char *why;    /* LEX_ERROR: what is wrong */
} Token;

typedef struct Lexer {
    const char *src;
    uint32_t len;
    uint32_t pos;
} Lexer;

void lex_init(Lexer *lx, const char *src, uint32_t len);
int lex_next(Lexer *lx, Token *t);

#endif
