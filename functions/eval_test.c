/* Binds one-expression applications and evaluates the bound expression on
 * hand-made rows, so runtime operators (not bind-time folding) are tested. */
#include <stdio.h>
#include <string.h>

#include "parser/parse.h"
#include "planner/bind.h"
#include "src/test.h"

/* The source stream every expression reads. */
#define COLUMNS "I INTEGER, J INTEGER, BI BIGINT, P BOOLEAN, Q BOOLEAN, D1 DECIMAL(5,2), D2 DECIMAL(4,1), " \
                "V VARCHAR(20), W VARCHAR(20), X DOUBLE"
enum { I, J, BI, P, Q, D1, D2, V, W, X, NCOL };

typedef struct Bound {
    Arena stmt;
    DiagList diag;
    PlanApp app;
    char sql[1024];
    const Expr *e;   /* the first select item, or NULL when binding failed */
} Bound;

static const Expr *first_item(const PlanApp *app)
{
    if (app->npumps != 1) return NULL;
    const PlanNode *n = app->pumps[0]->root;
    while (n && n->kind != PN_PROJECT) n = n->ninputs ? n->inputs[0] : NULL;
    return n && n->nexprs ? n->exprs[0] : NULL;
}

static void bind_expr_text(Bound *b, const char *expr)
{
    snprintf(b->sql, sizeof b->sql, "CREATE STREAM S (" COLUMNS ");\nSELECT STREAM %s FROM S;", expr);
    arena_init(&b->stmt, 0);
    diag_init(&b->diag, "t.sql", b->sql, (uint32_t)strlen(b->sql));
    plan_app_init(&b->app);
    ParsedScript ps;
    b->e = NULL;
    if (parse_script(b->sql, (uint32_t)strlen(b->sql), &b->stmt, &b->diag, &ps)) return;
    static const char *const inputs[] = {"S"};
    BindOptions opt = {inputs, 1};
    if (bind_app(&b->app, ps.stmts, ps.n, &opt, &b->diag)) return;
    b->e = first_item(&b->app);
}

static void unbind(Bound *b)
{
    plan_app_free(&b->app);
    diag_free(&b->diag);
    arena_free(&b->stmt);
}

/* A row of NULLs; callers set the columns they use. */
static Value cells[NCOL];
static Row row = {.v = cells, .n = NCOL};
static void clear_row(void)
{
    for (int i = 0; i < NCOL; i++) cells[i] = val_null();
}

static Arena rec;

typedef struct Result {
    bool bound;
    Value v;
    SqlType t;
    EvalError err;
} Result;

static Result eval_text(const char *expr)
{
    Result r;
    memset(&r, 0, sizeof r);
    Bound b;
    bind_expr_text(&b, expr);
    if (!b.e) {
        printf("\n  did not bind: %s\n", expr);
        unbind(&b);
        return r;
    }
    r.bound = true;
    r.t = b.e->type;
    EvalCtx cx;
    memset(&cx, 0, sizeof cx);
    cx.in[0] = &row;
    cx.arena = &rec;
    expr_eval(b.e, &cx, &r.v);
    r.err = cx.err;
    r.v = val_copy(r.t, &r.v, &rec);   /* strings may point into the plan, which unbind frees */
    unbind(&b);
    return r;
}

/* 1 TRUE, 0 FALSE, -1 NULL (UNKNOWN), -2 error */
static int truth(const char *expr)
{
    Result r = eval_text(expr);
    if (!r.bound || r.err.set) return -2;
    return r.v.null ? -1 : (int)r.v.u.i;
}

static Value tri(int t) { return t < 0 ? val_null() : val_int(t); }

static void test_three_valued_logic(void)
{
    /* truth tables over TRUE, FALSE, UNKNOWN in columns, so nothing folds */
    static const int vals[] = {1, 0, -1};
    for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
            clear_row();
            cells[P] = tri(vals[a]);
            cells[Q] = tri(vals[b]);
            int x = vals[a], y = vals[b];
            int and_ = (x == 0 || y == 0) ? 0 : (x == 1 && y == 1) ? 1 : -1;
            int or_ = (x == 1 || y == 1) ? 1 : (x == 0 && y == 0) ? 0 : -1;
            CU_ASSERT_EQUAL(truth("P AND Q"), and_);
            CU_ASSERT_EQUAL(truth("P OR Q"), or_);
            CU_ASSERT_EQUAL(truth("P IS NOT DISTINCT FROM Q"), x == y);
        }
        clear_row();
        cells[P] = tri(vals[a]);
        CU_ASSERT_EQUAL(truth("NOT P"), vals[a] < 0 ? -1 : !vals[a]);
        CU_ASSERT_EQUAL(truth("P IS TRUE"), vals[a] == 1);
        CU_ASSERT_EQUAL(truth("P IS NOT FALSE"), vals[a] != 0);
        CU_ASSERT_EQUAL(truth("P IS UNKNOWN"), vals[a] == -1);
        CU_ASSERT_EQUAL(truth("P IS NULL"), vals[a] == -1);
    }
}

static void test_null_comparisons(void)
{
    clear_row();
    cells[I] = val_int(1);
    CU_ASSERT_EQUAL(truth("I = J"), -1);
    CU_ASSERT_EQUAL(truth("I <> J"), -1);
    CU_ASSERT_EQUAL(truth("J < 5"), -1);
    CU_ASSERT_EQUAL(truth("I IS DISTINCT FROM J"), 1);
    CU_ASSERT_EQUAL(truth("J BETWEEN 0 AND 5"), -1);
    CU_ASSERT_EQUAL(truth("I IN (2, J)"), -1);   /* no match but a NULL: UNKNOWN */
    CU_ASSERT_EQUAL(truth("I IN (1, J)"), 1);
    CU_ASSERT_EQUAL(truth("I NOT IN (2, J)"), -1);
    CU_ASSERT_EQUAL(truth("I NOT IN (2, 3)"), 1);
    CU_ASSERT_EQUAL(truth("I BETWEEN 0 AND 1"), 1);
    CU_ASSERT_EQUAL(truth("I NOT BETWEEN 2 AND 3"), 1);
    CU_ASSERT_EQUAL(truth("I BETWEEN SYMMETRIC 3 AND 0"), 1);
    CU_ASSERT_EQUAL(truth("I BETWEEN 3 AND 0"), 0);
    /* string comparison; CHAR-style trailing blanks only matter for CHAR */
    cells[V] = val_str("abc", 3);
    cells[W] = val_str("abd", 3);
    CU_ASSERT_EQUAL(truth("V < W"), 1);
    CU_ASSERT_EQUAL(truth("V = 'abc'"), 1);
}

static void test_integer_overflow(void)
{
    clear_row();
    cells[I] = val_int(2147483647);
    cells[J] = val_int(1);
    Result r = eval_text("I + J");
    CU_ASSERT(r.bound && r.err.set && r.err.name && strcmp(r.err.name, "OVERFLOW") == 0);
    cells[I] = val_int(-2147483647 - 1);
    r = eval_text("I - J");
    CU_ASSERT(r.err.set && r.err.name && strcmp(r.err.name, "OVERFLOW") == 0);
    r = eval_text("-I");
    CU_ASSERT(r.err.set && r.err.name && strcmp(r.err.name, "OVERFLOW") == 0);
    cells[J] = val_int(-1);
    r = eval_text("I / J");
    CU_ASSERT(r.err.set && r.err.name && strcmp(r.err.name, "OVERFLOW") == 0);
    cells[I] = val_int(65536);
    cells[J] = val_int(65536);
    r = eval_text("I * J");
    CU_ASSERT(r.err.set && r.err.name && strcmp(r.err.name, "OVERFLOW") == 0);
    /* the edge itself is fine */
    cells[I] = val_int(2147483646);
    cells[J] = val_int(1);
    r = eval_text("I + J");
    CU_ASSERT(r.bound && !r.err.set && r.v.u.i == 2147483647);
    cells[BI] = val_int(INT64_MAX);
    r = eval_text("BI + J");
    CU_ASSERT(r.err.set && r.err.name && strcmp(r.err.name, "OVERFLOW") == 0);
    r = eval_text("BI * 2");
    CU_ASSERT(r.err.set && r.err.name && strcmp(r.err.name, "OVERFLOW") == 0);
    cells[BI] = val_int(INT64_MIN);
    r = eval_text("BI - J");
    CU_ASSERT(r.err.set && r.err.name && strcmp(r.err.name, "OVERFLOW") == 0);
    r = eval_text("ABS(BI)");
    CU_ASSERT(r.err.set && r.err.name && strcmp(r.err.name, "OVERFLOW") == 0);
    /* INTEGER + BIGINT is BIGINT: no INTEGER overflow */
    cells[I] = val_int(2147483647);
    cells[BI] = val_int(1);
    r = eval_text("I + BI");
    CU_ASSERT(r.bound && !r.err.set && r.v.u.i == 2147483648LL && r.t.id == TY_BIGINT);
}

static void test_division(void)
{
    clear_row();
    cells[I] = val_int(7);
    cells[J] = val_int(0);
    Result r = eval_text("I / J");
    CU_ASSERT(r.err.set && r.err.name && strcmp(r.err.name, "DIVISION_BY_ZERO") == 0);
    r = eval_text("MOD(I, J)");
    CU_ASSERT(r.err.set && r.err.name && strcmp(r.err.name, "DIVISION_BY_ZERO") == 0);
    cells[D1] = val_int(0);
    r = eval_text("I / D1");
    CU_ASSERT(r.err.set && r.err.name && strcmp(r.err.name, "DIVISION_BY_ZERO") == 0);
    cells[J] = val_int(-2);
    r = eval_text("I / J");   /* integer division truncates toward zero */
    CU_ASSERT(!r.err.set && r.v.u.i == -3);
    cells[I] = val_int(-4);
    cells[J] = val_int(3);
    r = eval_text("MOD(I, J)");
    CU_ASSERT(!r.err.set && r.v.u.i == -1);
    cells[J] = val_null();
    r = eval_text("I / J");
    CU_ASSERT(!r.err.set && r.v.null);
}

static void test_decimal(void)
{
    clear_row();
    cells[D1] = val_int(150);   /* 1.50 */
    cells[D2] = val_int(25);    /* 2.5 */
    Result r = eval_text("D1 * D2");   /* 3.750: scale 2 + 1 */
    CU_ASSERT(r.bound && !r.err.set && r.t.id == TY_DECIMAL && r.t.scale == 3 && r.v.u.i == 3750);
    r = eval_text("D1 + D2");          /* 4.00 */
    CU_ASSERT(r.bound && r.t.scale == 2 && r.v.u.i == 400);
    r = eval_text("D1 - D2");
    CU_ASSERT(r.bound && r.t.scale == 2 && r.v.u.i == -100);
    cells[D1] = val_int(1000);  /* 10.00 */
    /* 3 is INTEGER, i.e. DECIMAL(10,0): scale max(6, 2 + 10 + 1) = 13 */
    r = eval_text("D1 / 3");
    CU_ASSERT(r.bound && !r.err.set && r.t.id == TY_DECIMAL && r.t.scale == 13 && r.v.u.i == 33333333333333LL);
    cells[D1] = val_int(-1000);
    r = eval_text("D1 / 3");
    CU_ASSERT(r.bound && r.t.scale == 13 && r.v.u.i == -33333333333333LL);
    cells[D1] = val_int(200);
    r = eval_text("D1 / 3");    /* 0.6666666666667: the last digit rounds */
    CU_ASSERT(r.bound && r.t.scale == 13 && r.v.u.i == 6666666666667LL);
    cells[D2] = val_int(30);    /* 2.00 / 3.0: scale max(6, 2 + 4 + 1) = 7 */
    r = eval_text("D1 / D2");
    CU_ASSERT(r.bound && r.t.scale == 7 && r.v.u.i == 6666667);
    /* DECIMAL with DOUBLE is DOUBLE */
    cells[X] = val_double(0.5);
    r = eval_text("D1 * X");
    CU_ASSERT(r.bound && r.t.id == TY_DOUBLE && r.v.u.d == 1.0);
}

static void test_like(void)
{
    clear_row();
    cells[V] = val_str("a_b%c", 5);
    CU_ASSERT_EQUAL(truth("V LIKE 'a%'"), 1);
    CU_ASSERT_EQUAL(truth("V LIKE '%c'"), 1);
    CU_ASSERT_EQUAL(truth("V LIKE 'a___c'"), 1);
    CU_ASSERT_EQUAL(truth("V LIKE 'a__c'"), 0);
    CU_ASSERT_EQUAL(truth("V LIKE 'A%'"), 0);   /* case-sensitive */
    CU_ASSERT_EQUAL(truth("V LIKE '%!%%' ESCAPE '!'"), 1);
    CU_ASSERT_EQUAL(truth("V LIKE 'a!_b%' ESCAPE '!'"), 1);
    CU_ASSERT_EQUAL(truth("V LIKE 'ax%' ESCAPE 'x'"), 0);   /* x escapes %: a literal '%' after 'a' */
    CU_ASSERT_EQUAL(truth("V NOT LIKE '%b%'"), 0);
    CU_ASSERT_EQUAL(truth("V LIKE '%%%'"), 1);
    /* % matches across multi-byte characters; _ is one character */
    cells[V] = val_str("\xc3\xa9t\xc3\xa9", 5);
    CU_ASSERT_EQUAL(truth("V LIKE '_t_'"), 1);
    CU_ASSERT_EQUAL(truth("V LIKE '__t__'"), 0);
    cells[W] = val_null();
    CU_ASSERT_EQUAL(truth("V LIKE W"), -1);
    /* the escape must be one character */
    cells[W] = val_str("ab", 2);
    Result r = eval_text("V LIKE 'a' ESCAPE W");
    CU_ASSERT(r.bound && r.err.set && r.err.name && strcmp(r.err.name, "INVALID_ESCAPE") == 0);
}

static void test_case_coalesce_nullif(void)
{
    clear_row();
    cells[I] = val_int(3);
    Result r = eval_text("CASE WHEN I > 5 THEN 'big' END");
    CU_ASSERT(r.bound && !r.err.set && r.v.null);
    r = eval_text("CASE WHEN I > 5 THEN 'big' WHEN I > 2 THEN 'mid' ELSE 'small' END");
    CU_ASSERT(r.bound && !r.v.null && r.v.len == 3 && memcmp(r.v.u.s, "mid", 3) == 0);
    r = eval_text("CASE I WHEN 1 THEN 10 WHEN 3 THEN 30 END");
    CU_ASSERT(r.bound && !r.v.null && r.v.u.i == 30);
    /* a NULL operand matches no WHEN, not even WHEN NULL */
    cells[I] = val_null();
    r = eval_text("CASE I WHEN 1 THEN 10 ELSE 0 END");
    CU_ASSERT(r.bound && !r.v.null && r.v.u.i == 0);
    /* a WHEN that is UNKNOWN is not taken */
    cells[P] = val_null();
    r = eval_text("CASE WHEN P THEN 1 ELSE 2 END");
    CU_ASSERT(r.bound && r.v.u.i == 2);
    cells[J] = val_int(2);
    r = eval_text("COALESCE(I, J, 5)");
    CU_ASSERT(r.bound && !r.v.null && r.v.u.i == 2);
    cells[J] = val_null();
    r = eval_text("COALESCE(I, J)");
    CU_ASSERT(r.bound && r.v.null);
    cells[I] = val_int(4);
    cells[J] = val_int(4);
    r = eval_text("NULLIF(I, J)");
    CU_ASSERT(r.bound && r.v.null);
    cells[J] = val_int(2);
    r = eval_text("NULLIF(I, J)");
    CU_ASSERT(r.bound && !r.v.null && r.v.u.i == 4);
    cells[J] = val_null();
    r = eval_text("NULLIF(I, J)");
    CU_ASSERT(r.bound && !r.v.null && r.v.u.i == 4);
    cells[V] = val_str("amy", 3);
    r = eval_text("NULLIF(V, 'fred')");
    CU_ASSERT(r.bound && r.v.len == 3 && memcmp(r.v.u.s, "amy", 3) == 0);
    /* || with NULL is NULL */
    cells[W] = val_null();
    r = eval_text("V || W");
    CU_ASSERT(r.bound && r.v.null);
    cells[W] = val_str("!", 1);
    r = eval_text("V || W");
    CU_ASSERT(r.bound && r.v.len == 4 && memcmp(r.v.u.s, "amy!", 4) == 0);
    /* casts at run time */
    cells[D1] = val_int(-150);
    r = eval_text("CAST(D1 AS INTEGER)");
    CU_ASSERT(r.bound && !r.err.set && r.v.u.i == -2);
    cells[V] = val_str("x1", 2);
    r = eval_text("CAST(V AS INTEGER)");
    CU_ASSERT(r.bound && r.err.set && r.err.name && strcmp(r.err.name, "CONVERSION") == 0);
}

/* Binding must fail with a diagnostic that points at `at` within the expression. */
static void expect_bind_error(const char *expr, const char *at, const char *words)
{
    Bound b;
    bind_expr_text(&b, expr);
    CU_ASSERT_PTR_NULL(b.e);
    CU_ASSERT(b.diag.errors >= 1);
    if (b.diag.n >= 1) {
        const Diag *g = &b.diag.items[0];
        const char *item = strstr(b.sql, "SELECT STREAM ") + 14;
        uint32_t want = (uint32_t)(item - b.sql) + (uint32_t)(strstr(expr, at) - expr);
        CU_ASSERT(g->has_span);
        CU_ASSERT_EQUAL(g->span.off, want);
        CU_ASSERT(strstr(g->msg, words) != NULL);
        if (g->span.off != want || !strstr(g->msg, words))
            printf("\n  %s: got \"%s\" at %u, want \"%s\" at %u\n", expr, g->msg, g->span.off, words, want);
    }
    unbind(&b);
}

static void test_bind_errors(void)
{
    expect_bind_error("I + V", "I + V", "+");
    expect_bind_error("P AND I", "I", "BOOLEAN");
    expect_bind_error("NOPE + 1", "NOPE", "unknown column");
    expect_bind_error("I LIKE 'a'", "I", "LIKE");
    expect_bind_error("NO_SUCH_FN(I)", "NO_SUCH_FN", "NO_SUCH_FN");
    expect_bind_error("COALESCE(I, V)", "V", "COALESCE");
}

void eval_tests(void)
{
    static const TestCase cases[] = {
        {"three-valued logic", test_three_valued_logic},
        {"comparisons with NULL", test_null_comparisons},
        {"integer overflow", test_integer_overflow},
        {"division", test_division},
        {"DECIMAL arithmetic", test_decimal},
        {"LIKE", test_like},
        {"CASE, COALESCE, NULLIF, ||, CAST", test_case_coalesce_nullif},
        {"type errors at bind time", test_bind_errors},
        {NULL, NULL},
    };
    arena_init(&rec, 0);
    test_suite("eval", cases);
}
