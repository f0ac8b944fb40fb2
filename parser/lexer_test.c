#include <stdbool.h>
#include <string.h>

#include "src/test.h"
#include "parser/grammar.h"
#include "lexer.h"

#define MAXTOK 32

/* Lexes src to the end (or the first error); returns the token count. */
static int lex_all(const char *src, Token *out)
{
    Lexer lx;
    lex_init(&lx, src, (uint32_t)strlen(src));
    int n = 0;
    while (n < MAXTOK) {
        int k = lex_next(&lx, &out[n]);
        n++;
        if (k == LEX_EOF || k == LEX_ERROR) break;
    }
    return n;
}

/* Types of the tokens of src, LEX_EOF included, must be want[]. */
static void expect_types(const char *src, const int *want, int nwant)
{
    Token t[MAXTOK];
    int n = lex_all(src, t);
    CU_ASSERT_EQUAL(n, nwant);
    for (int i = 0; i < n && i < nwant; i++) CU_ASSERT_EQUAL(t[i].type, want[i]);
}
#define EXPECT(src, ...)                                         \
    do {                                                         \
        static const int w_[] = {__VA_ARGS__};                   \
        expect_types((src), w_, (int)(sizeof w_ / sizeof w_[0])); \
    } while (0)

static bool text_is(const char *src, const Token *t, const char *s)
{
    return t->len == strlen(s) && memcmp(src + t->off, s, t->len) == 0;
}

static void test_keywords_and_names(void)
{
    EXPECT("SELECT STREAM a FROM s", TK_SELECT, TK_STREAM, TK_ID, TK_FROM, TK_ID, LEX_EOF);
    EXPECT("select Stream sElEcT", TK_SELECT, TK_STREAM, TK_SELECT, LEX_EOF);
    /* a keyword prefix is still a name */
    EXPECT("selected froms _x a$b", TK_ID, TK_ID, TK_ID, TK_ID, LEX_EOF);
    EXPECT("a.b.c", TK_ID, TK_DOT, TK_ID, TK_DOT, TK_ID, LEX_EOF);
    const char *src = "  x1   \"Mixed Case\"  ";
    Token t[MAXTOK];
    int n = lex_all(src, t);
    CU_ASSERT_EQUAL(n, 3);
    CU_ASSERT(t[0].type == TK_ID && t[0].off == 2 && t[0].len == 2);
    CU_ASSERT(t[1].type == TK_QID && text_is(src, &t[1], "\"Mixed Case\""));
    CU_ASSERT(t[2].type == LEX_EOF && t[2].off == strlen(src));
}

static void test_quoted_identifiers(void)
{
    const char *src = "\"a\"\"b\" \"select\"";
    Token t[MAXTOK];
    CU_ASSERT_EQUAL(lex_all(src, t), 3);
    CU_ASSERT(t[0].type == TK_QID && text_is(src, &t[0], "\"a\"\"b\""));
    CU_ASSERT(t[1].type == TK_QID && t[1].off == 7);
    /* errors */
    lex_all("\"abc", t);
    CU_ASSERT(t[0].type == LEX_ERROR && t[0].off == 0 && t[0].why && strstr(t[0].why, "unterminated"));
    lex_all("x \"\"", t);
    CU_ASSERT(t[1].type == LEX_ERROR && t[1].off == 2 && strstr(t[1].why, "empty"));
    lex_all("\"a\tb\"", t);
    CU_ASSERT(t[0].type == LEX_ERROR && strstr(t[0].why, "control"));
}

static void test_strings(void)
{
    const char *src = "'it''s' '' 'a''' U&'\\0009' u&'x' X'0aFF' 'multi\nline'";
    Token t[MAXTOK];
    int n = lex_all(src, t);
    CU_ASSERT_EQUAL(n, 8);
    CU_ASSERT(t[0].type == TK_STRING && text_is(src, &t[0], "'it''s'"));
    CU_ASSERT(t[1].type == TK_STRING && t[1].len == 2);
    CU_ASSERT(t[2].type == TK_STRING && text_is(src, &t[2], "'a'''"));
    CU_ASSERT(t[3].type == TK_USTRING && text_is(src, &t[3], "U&'\\0009'"));
    CU_ASSERT(t[4].type == TK_USTRING);
    CU_ASSERT(t[5].type == TK_BINSTRING && text_is(src, &t[5], "X'0aFF'"));
    CU_ASSERT(t[6].type == TK_STRING);
    /* U&'...' UESCAPE '!' */
    EXPECT("U&'!0009' UESCAPE '!'", TK_USTRING, TK_UESCAPE, TK_STRING, LEX_EOF);
    /* 'u' alone is a name, then a string */
    EXPECT("u '1'", TK_ID, TK_STRING, LEX_EOF);
    lex_all("a 'abc", t);
    CU_ASSERT(t[1].type == LEX_ERROR && t[1].off == 2 && strstr(t[1].why, "unterminated"));
    lex_all("'abc''", t);
    CU_ASSERT(t[0].type == LEX_ERROR && t[0].off == 0);
}

static void test_numbers(void)
{
    EXPECT("1 12.5 .5 7. 1e3 1.5E-3 .5e+2", TK_INTEGER, TK_DECIMAL, TK_DECIMAL, TK_DECIMAL, TK_APPROX, TK_APPROX,
           TK_APPROX, LEX_EOF);
    /* a sign is an operator, not part of the number */
    EXPECT("-1", TK_MINUS, TK_INTEGER, LEX_EOF);
    EXPECT("1-2", TK_INTEGER, TK_MINUS, TK_INTEGER, LEX_EOF);
    EXPECT("a.5", TK_ID, TK_DECIMAL, LEX_EOF);
    Token t[MAXTOK];
    lex_all("x 1e", t);
    CU_ASSERT(t[1].type == LEX_ERROR && t[1].off == 2 && strstr(t[1].why, "exponent"));
    lex_all("1e+ ", t);
    CU_ASSERT(t[0].type == LEX_ERROR);
    lex_all("12abc", t);
    CU_ASSERT(t[0].type == LEX_ERROR && t[0].off == 0 && t[0].len == 5 && strstr(t[0].why, "malformed number"));
}

static void test_operators(void)
{
    EXPECT("+ - * / || = <> != < <= > >= ( ) , . ;", TK_PLUS, TK_MINUS, TK_STAR, TK_SLASH, TK_CONCAT, TK_EQ, TK_NE, TK_NE,
           TK_LT, TK_LE, TK_GT, TK_GE, TK_LP, TK_RP, TK_COMMA, TK_DOT, TK_SEMI, LEX_EOF);
    EXPECT("a<=b", TK_ID, TK_LE, TK_ID, LEX_EOF);
    EXPECT("a|b", TK_ID, LEX_ERROR);
    Token t[MAXTOK];
    lex_all("SELECT #", t);
    CU_ASSERT(t[1].type == LEX_ERROR && t[1].off == 7 && t[1].len == 1 && strstr(t[1].why, "unexpected character"));
}

static void test_comments(void)
{
    EXPECT("a -- comment ; b\nc", TK_ID, TK_ID, LEX_EOF);
    EXPECT("a -- to the end", TK_ID, LEX_EOF);
    EXPECT("a /* x ; * / \n */ b", TK_ID, TK_ID, LEX_EOF);
    EXPECT("a/**/b", TK_ID, TK_ID, LEX_EOF);
    EXPECT("a /* a /* not nested */ b", TK_ID, TK_ID, LEX_EOF);
    EXPECT("'--' \"/*\"", TK_STRING, TK_QID, LEX_EOF);
    EXPECT("a - - b", TK_ID, TK_MINUS, TK_MINUS, TK_ID, LEX_EOF);
    Token t[MAXTOK];
    lex_all("a\n  /* never closed *", t);
    CU_ASSERT(t[1].type == LEX_ERROR && t[1].off == 4 && strstr(t[1].why, "unterminated /*"));
}

static void test_from_first_last(void)
{
    EXPECT("FROM FIRST", TK_FROM_FIRST, LEX_EOF);
    EXPECT("from\n  last)", TK_FROM_LAST, TK_RP, LEX_EOF);
    EXPECT("FROM firsts", TK_FROM, TK_ID, LEX_EOF);
    EXPECT("FROM first_value", TK_FROM, TK_ID, LEX_EOF);
    EXPECT("FROM lastly", TK_FROM, TK_ID, LEX_EOF);
    EXPECT("FROM s", TK_FROM, TK_ID, LEX_EOF);
    EXPECT("FIRST LAST", TK_FIRST, TK_LAST, LEX_EOF);
    Token t[MAXTOK];
    const char *src = "x FROM  LAST";
    lex_all(src, t);
    CU_ASSERT(t[1].type == TK_FROM_LAST && t[1].off == 2 && t[1].len == 10);
}

static void test_nul_inside(void)
{
    /* a NUL before the end of the text is an error, not the end */
    const char src[] = "a \0 b";
    Lexer lx;
    Token t;
    lex_init(&lx, src, 5);
    CU_ASSERT_EQUAL(lex_next(&lx, &t), TK_ID);
    CU_ASSERT_EQUAL(lex_next(&lx, &t), LEX_ERROR);
    CU_ASSERT_EQUAL(t.off, 2);
}

void lexer_tests(void)
{
    static const TestCase cases[] = {
        {"keywords and names", test_keywords_and_names},
        {"quoted identifiers", test_quoted_identifiers},
        {"string literals", test_strings},
        {"numbers", test_numbers},
        {"operators", test_operators},
        {"comments", test_comments},
        {"FROM FIRST / FROM LAST", test_from_first_last},
        {"NUL inside the text", test_nul_inside},
        {NULL, NULL},
    };
    test_suite("lexer", cases);
}
