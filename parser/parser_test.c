#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/test.h"
#include "parse.h"

typedef struct Parsed {
    Arena arena;
    DiagList diag;
    ParsedScript ps;
    int errors;
    char *dump;   /* every returned statement, one per line */
} Parsed;

static void parse(Parsed *p, const char *src)
{
    arena_init(&p->arena, 0);
    diag_init(&p->diag, "t.sql", src, (uint32_t)strlen(src));
    p->errors = parse_script(src, (uint32_t)strlen(src), &p->arena, &p->diag, &p->ps);
    size_t n;
    FILE *f = open_memstream(&p->dump, &n);
    for (int i = 0; i < p->ps.n; i++) ast_dump_stmt(p->ps.stmts[i], f);
    fclose(f);
}

static void done(Parsed *p)
{
    free(p->dump);
    diag_free(&p->diag);
    arena_free(&p->arena);
}

/* The dump of `SELECT STREAM <items> FROM s` must be (SELECT STREAM <want> FROM ...). */
static void expect_items(const char *items, const char *want)
{
    char src[1024], exp[1024];
    snprintf(src, sizeof src, "SELECT STREAM %s FROM s", items);
    snprintf(exp, sizeof exp, "(SELECT STREAM %s FROM ...)\n", want);
    Parsed p;
    parse(&p, src);
    CU_ASSERT_EQUAL(p.errors, 0);
    CU_ASSERT_STRING_EQUAL(p.dump, exp);
    if (strcmp(p.dump, exp) != 0) printf("\n  %s\n  got  %s  want %s", src, p.dump, exp);
    done(&p);
}

static void test_precedence(void)
{
    expect_items("a OR b AND c", "(OR A (AND B C))");
    expect_items("a AND b OR c", "(OR (AND A B) C)");
    expect_items("NOT a AND b", "(AND (NOT A) B)");
    expect_items("NOT a = b", "(NOT (= A B))");
    expect_items("NOT NOT a", "(NOT (NOT A))");
    expect_items("a = b + 1", "(= A (+ B 1))");
    expect_items("a < b * 2 - c", "(< A (- (* B 2) C))");
    expect_items("1 - 2 - 3", "(- (- 1 2) 3)");
    expect_items("8 / 4 / 2", "(/ (/ 8 4) 2)");
    expect_items("a + b * c", "(+ A (* B C))");
    expect_items("(a + b) * c", "(* (+ A B) C)");
    expect_items("-a * b", "(* (- A) B)");
    expect_items("- - a", "(- (- A))");
    /* || sits with * and /, left to right, as in Calcite */
    expect_items("a || b || c", "(|| (|| A B) C)");
    expect_items("a + b || c", "(+ A (|| B C))");
    expect_items("a || b * c", "(* (|| A B) C)");
    expect_items("a IS NULL AND b", "(AND (IS NULL A) B)");
    expect_items("a = 1 OR b BETWEEN 1 AND 2 AND c", "(OR (= A 1) (AND (BETWEEN B 1 2) C))");
}

static void test_predicates(void)
{
    expect_items("x BETWEEN 1 AND 2", "(BETWEEN X 1 2)");
    expect_items("x NOT BETWEEN SYMMETRIC 1 AND 2", "(NOT BETWEEN SYMMETRIC X 1 2)");
    expect_items("x BETWEEN a + 1 AND b * 2", "(BETWEEN X (+ A 1) (* B 2))");
    expect_items("x IN (1, 2, 3)", "(IN X 1 2 3)");
    expect_items("x NOT IN ('a')", "(NOT IN X 'a')");
    expect_items("x LIKE 'a%'", "(LIKE X 'a%')");
    expect_items("x NOT LIKE 'a!%' ESCAPE '!'", "(NOT LIKE X 'a!%' ESCAPE '!')");
    expect_items("x SIMILAR TO 'a+'", "(SIMILAR TO X 'a+')");
    expect_items("x IS NULL", "(IS NULL X)");
    expect_items("x IS NOT NULL", "(NOT IS NULL X)");
    expect_items("x IS TRUE", "(IS TRUE X)");
    expect_items("x IS NOT FALSE", "(NOT IS FALSE X)");
    expect_items("x IS UNKNOWN", "(IS UNKNOWN X)");
    expect_items("x IS DISTINCT FROM y", "(IS DISTINCT FROM X Y)");
    expect_items("x IS NOT DISTINCT FROM NULL", "(NOT IS DISTINCT FROM X NULL)");
}

static void test_case_cast_literals(void)
{
    expect_items("CASE WHEN a THEN 1 END", "(CASE A 1)");
    expect_items("CASE a WHEN 1 THEN 'x' WHEN 2 THEN 'y' ELSE 'z' END", "(CASE A 1 'x' 2 'y' ELSE 'z')");
    expect_items("CAST(x AS DECIMAL(5,2))", "(CAST X DECIMAL(5,2))");
    expect_items("CAST(x AS VARCHAR(10))", "(CAST X VARCHAR(10))");
    expect_items("CAST(x AS INTERVAL DAY TO SECOND)", "(CAST X INTERVAL DAY TO SECOND)");
    expect_items("INTERVAL '3 4' DAY TO HOUR", "INTERVAL '3 4' DAY TO HOUR");
    expect_items("INTERVAL '2 3:4:5.678' DAY TO SECOND", "INTERVAL '2 3:4:5.678' DAY TO SECOND");
    expect_items("INTERVAL -'1-6' YEAR TO MONTH", "INTERVAL -'1-6' YEAR TO MONTH");
    expect_items("INTERVAL '1' MINUTE", "INTERVAL '1' MINUTE");
    expect_items("DATE '2024-01-01'", "DATE '2024-01-01'");
    expect_items("TIME '10:00:00'", "TIME '10:00:00'");
    expect_items("TIMESTAMP '2024-01-01 00:00:00'", "TIMESTAMP '2024-01-01 00:00:00'");
    expect_items("'it''s'", "'it's'");
    expect_items("U&'\\0041\\00e9'", "'A\xc3\xa9'");
    expect_items("U&'!0041!!' UESCAPE '!'", "'A!'");
    expect_items("12, 12.50, 1.5e3, TRUE, UNKNOWN, NULL", "12 12.50 1.5e3 TRUE UNKNOWN NULL");
    expect_items("\"a\"\"b\", s.\"Col\", s.ROWTIME", "\"a\"b\" S.\"Col\" S.ROWTIME");
}

static void test_special_calls(void)
{
    expect_items("FLOOR(s.ROWTIME TO HOUR)", "(FLOOR HOUR S.ROWTIME)");
    expect_items("CEIL(x TO MINUTE)", "(CEIL MINUTE X)");
    expect_items("FLOOR(x)", "(FLOOR X)");
    expect_items("STEP(x BY INTERVAL '10' SECOND)", "(STEP X INTERVAL '10' SECOND)");
    expect_items("STEP(23 BY 5)", "(STEP 23 5)");
    expect_items("EXTRACT(HOUR FROM x)", "(EXTRACT HOUR X)");
    expect_items("COUNT(*)", "(COUNT *)");
    expect_items("COUNT(DISTINCT x)", "(COUNT DISTINCT X)");
    expect_items("SUBSTRING(x FROM 2 FOR 3)", "(SUBSTRING X 2 3)");
    expect_items("POSITION('a' IN x)", "(POSITION (IN 'a' X))");
    expect_items("AVG(x) OVER w", "(AVG X OVER)");
    expect_items("f(a, b + 1)", "(F A (+ B 1))");
}

/* line:col of a diagnostic */
static void pos(const Parsed *p, int i, const char *src, int *line, int *col)
{
    diag_position(src, (uint32_t)strlen(src), p->diag.items[i].span.off, line, col);
}

/* src fails with one diagnostic, which says `text` */
static void expect_error_saying(const char *src, const char *text)
{
    Parsed p;
    parse(&p, src);
    CU_ASSERT_EQUAL(p.errors, 1);
    CU_ASSERT(p.diag.n == 1 && strstr(p.diag.items[0].msg, text) != NULL);
    done(&p);
}

static void test_statements(void)
{
    Parsed p;
    parse(&p, "CREATE OR REPLACE STREAM \"Out\" (a INTEGER NOT NULL, b VARCHAR(4));\n"
              "CREATE PUMP p AS INSERT INTO \"Out\" SELECT STREAM a, b FROM s WHERE a > 1;\n"
              "SELECT STREAM x FROM s GROUP BY FLOOR(s.ROWTIME TO MINUTE), x HAVING COUNT(*) > 2;;");
    CU_ASSERT_EQUAL(p.errors, 0);
    CU_ASSERT_EQUAL(p.ps.n, 3);
    CU_ASSERT_STRING_EQUAL(p.dump, "CREATE STREAM \"Out\" (2 columns)\n"
                                   "CREATE PUMP P INSERT INTO \"Out\" (SELECT STREAM A B FROM ... WHERE (> A 1))\n"
                                   "(SELECT STREAM X FROM ... GROUP BY (FLOOR MINUTE S.ROWTIME) X HAVING (> (COUNT *) 2))\n");
    CU_ASSERT(p.ps.stmts[0]->or_replace);
    done(&p);
}

/* INTERSECT binds tighter than UNION and EXCEPT; EXCEPT goes left to right. */
static void expect_query(const char *src, const char *want)
{
    Parsed p;
    parse(&p, src);
    CU_ASSERT_EQUAL(p.errors, 0);
    CU_ASSERT_STRING_EQUAL(p.dump, want);
    if (strcmp(p.dump, want) != 0) printf("\n  %s\n  got  %s  want %s", src, p.dump, want);
    done(&p);
}

static void test_set_operators(void)
{
    expect_query("VALUES (1) EXCEPT VALUES (2) INTERSECT VALUES (3)",
                 "((VALUES ( 1)) EXCEPT ((VALUES ( 2)) INTERSECT (VALUES ( 3))))\n");
    expect_query("VALUES (1) INTERSECT VALUES (2) EXCEPT VALUES (3)",
                 "(((VALUES ( 1)) INTERSECT (VALUES ( 2))) EXCEPT (VALUES ( 3)))\n");
    expect_query("VALUES (1) EXCEPT VALUES (2) EXCEPT VALUES (3)",
                 "(((VALUES ( 1)) EXCEPT (VALUES ( 2))) EXCEPT (VALUES ( 3)))\n");
    expect_query("VALUES (1) UNION ALL VALUES (2) INTERSECT VALUES (3)",
                 "(VALUES ( 1)) UNION ALL ((VALUES ( 2)) INTERSECT (VALUES ( 3)))\n");
    expect_query("VALUES (1) INTERSECT (VALUES (2) UNION ALL VALUES (3))",
                 "((VALUES ( 1)) INTERSECT (VALUES ( 2)) UNION ALL (VALUES ( 3)))\n");
    Parsed p;
    parse(&p, "VALUES (1) EXCEPT ALL VALUES (2)");
    CU_ASSERT(p.errors > 0);   /* no ALL on INTERSECT and EXCEPT */
    done(&p);
}

static void test_syntax_errors(void)
{
    const char *src = "SELECT STREAM a FROM s WHERE;\n"
                      "SELECT STREAM b FROM s;\n"
                      "SELECT STREAM (a FROM s WHERE > 1;\n"
                      "  SELECT STREAM 1 FROM s";
    Parsed p;
    parse(&p, src);
    /* one diagnostic per bad statement, even with two faults in the third */
    CU_ASSERT_EQUAL(p.errors, 2);
    CU_ASSERT_EQUAL_FATAL(p.diag.n, 2);
    int line, col;
    pos(&p, 0, src, &line, &col);
    CU_ASSERT(line == 1 && col == 29);
    CU_ASSERT(strstr(p.diag.items[0].msg, "expected ") != NULL);
    CU_ASSERT(strstr(p.diag.items[0].msg, "expression") != NULL || strstr(p.diag.items[0].msg, "a name") != NULL);
    pos(&p, 1, src, &line, &col);
    CU_ASSERT(line == 3 && col == 18);
    CU_ASSERT(strstr(p.diag.items[1].msg, "syntax error at FROM: expected ") != NULL);
    CU_ASSERT(p.diag.items[1].span.len == 4);
    /* the good statements around the bad ones are still returned */
    CU_ASSERT_EQUAL(p.ps.n, 2);
    CU_ASSERT_STRING_EQUAL(p.dump, "(SELECT STREAM B FROM ...)\n(SELECT STREAM 1 FROM ...)\n");
    done(&p);

    /* a missing ')' is what the parser should suggest first */
    parse(&p, "SELECT STREAM (a FROM s");
    CU_ASSERT_EQUAL_FATAL(p.diag.n, 1);
    CU_ASSERT(strstr(p.diag.items[0].msg, "')'") != NULL);
    done(&p);

    /* end of input */
    src = "SELECT STREAM a +";
    parse(&p, src);
    CU_ASSERT_EQUAL_FATAL(p.diag.n, 1);
    CU_ASSERT(strncmp(p.diag.items[0].msg, "unexpected end of input: expected ", 34) == 0);
    pos(&p, 0, src, &line, &col);
    CU_ASSERT(line == 1 && col == 18);
    done(&p);

    /* a keyword where a name belongs */
    parse(&p, "CREATE STREAM select (a INTEGER)");
    CU_ASSERT_EQUAL(p.diag.n, 1);
    CU_ASSERT_EQUAL(p.ps.n, 0);
    done(&p);
}

static void test_lexical_errors(void)
{
    /* a lexical error reports once for its statement; the others still parse,
     * and diagnostics come in source order */
    const char *src = "SELECT STREAM a FROM s WHERE a > > 1;\nSELECT STREAM #;SELECT STREAM 'ok' FROM s";
    Parsed p;
    parse(&p, src);
    CU_ASSERT_EQUAL(p.errors, 2);
    CU_ASSERT_EQUAL(p.ps.n, 1);
    CU_ASSERT_STRING_EQUAL(p.dump, "(SELECT STREAM 'ok' FROM ...)\n");
    CU_ASSERT_EQUAL_FATAL(p.diag.n, 2);
    int line, col;
    pos(&p, 0, src, &line, &col);
    CU_ASSERT(line == 1 && col == 34);
    pos(&p, 1, src, &line, &col);
    CU_ASSERT(line == 2 && col == 15);
    CU_ASSERT(strstr(p.diag.items[1].msg, "unexpected character") != NULL);
    done(&p);

    expect_error_saying("SELECT STREAM U&'\\00G1' FROM s", "Unicode escape");
    /* a surrogate is refused as what it is, not as a malformed escape */
    expect_error_saying("SELECT STREAM U&'\\D800' FROM s", "U+D800 is a UTF-16 surrogate");
    expect_error_saying("SELECT STREAM U&'\\+110000' FROM s", "U+110000 is beyond the last character");
    parse(&p, "SELECT STREAM U&'\\+01F600' FROM s");
    CU_ASSERT_EQUAL(p.errors, 0);
    done(&p);
    parse(&p, "SELECT STREAM X'ABC' FROM s");
    CU_ASSERT_EQUAL(p.errors, 1);
    done(&p);
}

/* A growing source text for the generated statements below. */
typedef struct Src {
    char *s;
    size_t n, cap;
} Src;

static void put(Src *b, const char *text, long times)
{
    size_t len = strlen(text);
    for (long i = 0; i < times; i++) {
        if (b->n + len + 1 > b->cap) {
            b->cap = (b->n + len + 1) * 2;
            b->s = realloc(b->s, b->cap);
        }
        memcpy(b->s + b->n, text, len + 1);
        b->n += len;
    }
}

/* "<before><term><op term>*(n-1)<after>": a flat chain of n terms. */
static char *chain(const char *before, const char *term, const char *op, long n, const char *after)
{
    Src b = {0};
    put(&b, before, 1);
    put(&b, term, 1);
    for (long i = 1; i < n; i++) put(&b, op, 1), put(&b, term, 1);
    put(&b, after, 1);
    return b.s;
}

/* src fails with exactly one diagnostic that starts with `msg`, at line:col. */
static void expect_error_at(const char *src, const char *msg, int want_line, int want_col)
{
    Parsed p;
    parse(&p, src);
    CU_ASSERT_EQUAL(p.errors, 1);
    CU_ASSERT_EQUAL_FATAL(p.diag.n, 1);
    int line, col;
    pos(&p, 0, src, &line, &col);
    CU_ASSERT(line == want_line && col == want_col);
    CU_ASSERT(strncmp(p.diag.items[0].msg, msg, strlen(msg)) == 0);
    if (strncmp(p.diag.items[0].msg, msg, strlen(msg)) != 0 || line != want_line || col != want_col)
        printf("\n  got %d:%d %s\n  want %d:%d %s...\n", line, col, p.diag.items[0].msg, want_line, want_col, msg);
    done(&p);
}

static void expect_parses(const char *src)
{
    Parsed p;
    parse(&p, src);
    CU_ASSERT_EQUAL(p.errors, 0);
    CU_ASSERT_EQUAL(p.ps.n, 1);
    if (p.errors) printf("\n  %.60s...: %s\n", src, p.diag.items[0].msg);
    done(&p);
}

static void test_deep_nesting(void)
{
    /* parentheses alone add no depth: 5000 of them parse */
    enum { N = 5000 };
    char *src = malloc(2 * N + 64);
    size_t k = (size_t)sprintf(src, "SELECT STREAM ");
    memset(src + k, '(', N), k += N;
    src[k++] = '1';
    memset(src + k, ')', N), k += N;
    sprintf(src + k, " FROM s");
    expect_parses(src);
    free(src);

    /* 100,000 of them overflow the parser's stack: said where it happens,
     * not at the statement before, and with no second "syntax error" */
    Src b = {0};
    put(&b, "SELECT STREAM 1 FROM s;\nSELECT STREAM ", 1);
    put(&b, "(", 100000);
    put(&b, "1", 1);
    put(&b, ")", 100000);
    put(&b, " FROM s", 1);
    Parsed p;
    parse(&p, b.s);
    CU_ASSERT_EQUAL(p.errors, 1);
    CU_ASSERT_EQUAL_FATAL(p.diag.n, 1);
    CU_ASSERT(strncmp(p.diag.items[0].msg, "statement is nested too deeply", 30) == 0);
    int line, col;
    pos(&p, 0, b.s, &line, &col);
    CU_ASSERT(line == 2 && col > 15 && col < 100000);
    CU_ASSERT_EQUAL(p.ps.n, 1);   /* the statement before is still there */
    done(&p);
    free(b.s);

    /* a flat chain is as deep as it is long: both sides of the limit.
     * The select is level 1, its item 2, so the chain's last term sits at
     * level n + 1. */
    static const char *const ops[] = {" + ", " * ", " AND ", " OR ", " || ", " - ", " / "};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        src = chain("SELECT STREAM ", "x", ops[i], AST_MAX_DEPTH - 1, " FROM s");
        expect_parses(src);
        free(src);
        src = chain("SELECT STREAM ", "x", ops[i], AST_MAX_DEPTH, " FROM s");
        expect_error_at(src, "expression is too deep: more than 4000 levels", 1, 15);
        free(src);
        src = chain("SELECT STREAM a FROM s WHERE ", "x", ops[i], 100000, "");
        expect_error_at(src, "expression is too deep", 1, 30);
        free(src);
    }
    b = (Src){0};
    put(&b, "SELECT STREAM x", 1);
    put(&b, " IS NULL", 100000);
    put(&b, " FROM s", 1);
    expect_error_at(b.s, "expression is too deep", 1, 15);
    free(b.s);

    /* nesting through calls, CASE, NOT, minus signs and parenthesized
     * right operands */
    static const char *const opens[] = {"ABS(", "CASE WHEN a THEN ", "NOT ", "- ", "x + (", "CAST(", "f(1, "};
    static const char *const closes[] = {")", " END", "", "", ")", " AS INTEGER)", ")"};
    for (size_t i = 0; i < sizeof opens / sizeof opens[0]; i++) {
        for (int n = 0; n < 2; n++) {
            long depth = n ? 100000 : AST_MAX_DEPTH + 1;
            Src q = {0};
            put(&q, "SELECT STREAM ", 1);
            put(&q, opens[i], depth);
            put(&q, "1", 1);
            put(&q, closes[i], depth);
            put(&q, " FROM s", 1);
            parse(&p, q.s);
            CU_ASSERT_EQUAL(p.errors, 1);
            CU_ASSERT_EQUAL(p.ps.n, 0);
            CU_ASSERT(p.diag.n == 1 && (strstr(p.diag.items[0].msg, "too deep") || strstr(p.diag.items[0].msg, "too deeply")));
            done(&p);
            free(q.s);
        }
    }

    /* queries: chains of joins and of set operations count too; a UNION ALL
     * is a list, and so is an IN list */
    src = chain("SELECT STREAM * FROM ", "a", " JOIN b ON TRUE", AST_MAX_DEPTH + 1, "");
    expect_error_at(src, "query is too deep: more than 4000 levels", 1, 22);
    free(src);
    src = chain("", "VALUES (1)", " INTERSECT ", 100000, "");
    expect_error_at(src, "query is too deep", 1, 1);
    free(src);
    src = chain("", "SELECT STREAM x FROM s", " UNION ALL ", 20000, "");
    expect_parses(src);
    free(src);
    src = chain("SELECT STREAM x FROM s WHERE x IN (", "1", ", ", 100000, ")");
    expect_parses(src);
    free(src);
    src = chain("SELECT STREAM CASE ", "WHEN x = 1 THEN 2", " ", 100000, " END FROM s");
    expect_parses(src);
    free(src);

    /* and CREATE FUNCTION bodies */
    src = chain("CREATE FUNCTION f(x INTEGER) RETURNS INTEGER RETURN ", "x", " + ", AST_MAX_DEPTH + 1, "");
    expect_error_at(src, "expression is too deep", 1, 53);
    free(src);
}

void parser_tests(void)
{
    static const TestCase cases[] = {
        {"operator precedence", test_precedence},
        {"BETWEEN, IN, LIKE, IS", test_predicates},
        {"CASE, CAST and literals", test_case_cast_literals},
        {"special call forms", test_special_calls},
        {"statements", test_statements},
        {"set operators", test_set_operators},
        {"syntax errors", test_syntax_errors},
        {"lexical errors", test_lexical_errors},
        {"deep nesting", test_deep_nesting},
        {NULL, NULL},
    };
    test_suite("parser", cases);
}
