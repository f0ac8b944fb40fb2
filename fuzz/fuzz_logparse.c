/* libFuzzer target for the log parsers (functions/fn_logparse_*.c):
 * FAST_REGEX_LOG_PARSE, REGEX_LOG_PARSE, W3C_LOG_PARSE, SYS_LOG_PARSE,
 * FIXED_COLUMN_LOG_PARSE and VARIABLE_COLUMN_LOG_PARSE, and the
 * SimpleDateFormat reader their date fields use.
 *
 * The input chooses the function, its constant arguments and the lines:
 *     line 1: a letter for the function (F R W S X V, or D for the date
 *             reader alone), then a digit: how many arguments follow
 *     then that many lines, one argument each (the pattern, format or
 *             column list, the delimiter, escape, quote ...)
 *     then the log lines, one a line.
 * The call is bound the way the engine binds it, from SQL text
 *     CREATE STREAM S (LINE VARCHAR(65535));
 *     SELECT STREAM FN(LINE, 'arg', ...) AS R FROM S;
 * so the bind-time work (pattern compilation, column lists, formats) is
 * fuzzed, and then the bound expression is evaluated on each line as an
 * operator does (expr_eval with the line in the input row), and its row
 * value rendered as the NDJSON writer renders it. */
#include "fuzz_common.h"
#include "functions/fn_logparse.h"
#include "src/runtime/convert.h"

#define MAX_ARGS 6

typedef struct Arg {
    const char *s;
    size_t n;
} Arg;

static const struct {
    char letter;
    const char *fn;
    int nargs;   /* when the digit is not one */
} FUNCS[] = {
    {'F', "FAST_REGEX_LOG_PARSE", 1},
    {'R', "REGEX_LOG_PARSE", 1},
    {'W', "W3C_LOG_PARSE", 1},
    {'S', "SYS_LOG_PARSE", 0},
    {'X', "FIXED_COLUMN_LOG_PARSE", 1},
    {'V', "VARIABLE_COLUMN_LOG_PARSE", 2},
    {'D', NULL, 1},
};
enum { NFUNCS = sizeof FUNCS / sizeof FUNCS[0] };

/* Decoders turn invalid UTF-8 into an error row, so a record reaching the
 * parsers is valid UTF-8: other bytes become '?' here. */
static void valid_utf8(char *s, size_t n)
{
    size_t bad;
    while (!utf8_valid(s, n, &bad)) {
        s[bad] = '?';
        s += bad + 1;
        n -= bad + 1;
    }
}

/* Appends a SQL string literal; a VARIABLE_COLUMN_LOG_PARSE column count
 * (digits alone) stays a number. */
static void put_literal(Buf *b, const char *s, size_t n, bool number_ok)
{
    bool digits = number_ok && n > 0 && n < 10;
    for (size_t i = 0; digits && i < n; i++) digits = s[i] >= '0' && s[i] <= '9';
    if (digits) {
        buf_put(b, s, n);
        return;
    }
    buf_puts(b, "'");
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'') buf_puts(b, "'");
        buf_put(b, s + i, 1);
    }
    buf_puts(b, "'");
}

/* The bound call: the select item of the query's anonymous pump. */
static const Expr *bound_call(const PlanApp *app)
{
    if (app->npumps != 1) return NULL;
    const PlanNode *n = app->pumps[0]->root;
    while (n && n->kind != PN_PROJECT) n = n->ninputs ? n->inputs[0] : NULL;
    return n && n->nexprs ? n->exprs[0] : NULL;
}

/* Evaluates e on each line as an operator does, rendering the row value
 * (or the error the row would go to the error stream with). */
static void eval_lines(const Expr *e, const char *p, const char *end)
{
    Arena rec;
    arena_init(&rec, 65536);
    Buf out = {0};
    Value cell;
    Row row = {.v = &cell, .n = 1};
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *line = p;
        p = nl ? nl + 1 : end;
        arena_reset(&rec);
        cell = val_str(line, (uint32_t)n);
        EvalCtx cx;
        memset(&cx, 0, sizeof cx);
        cx.in[0] = &row;
        cx.arena = &rec;
        cx.now = cx.start = 946684800000;
        Value v;
        expr_eval(e, &cx, &v);
        if (cx.err.set) json_put_string(&out, cx.err.msg, strnlen(cx.err.msg, sizeof cx.err.msg));
        else json_put_value(&out, e->type, &v);
        if (out.len > 1 << 16) out.len = 0;
    }
    buf_free(&out);
    arena_free(&rec);
}

/* 'D': the date reader of typed fields, format against each line. */
static void sdf_lines(const Arg *fmt, const char *p, const char *end)
{
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        int64_t ms;
        (void)fn_log_sdf_parse(fmt->s, fmt->n, p, n, &ms);
        p = nl ? nl + 1 : end;
    }
}

FUZZ_ENTRY(logparse)
{
    if (size < 2 || size > 1 << 16) return 0;
    static bool once;
    if (!once) {
        clock_fix(946684800000);
        once = true;
    }
    char *text = mem_strndup((const char *)data, size);
    int k = 0;
    while (k < NFUNCS && FUNCS[k].letter != text[0]) k++;
    if (k == NFUNCS) k = (unsigned char)text[0] % NFUNCS;
    int nargs = text[1] >= '0' && text[1] <= '9' ? text[1] - '0' : FUNCS[k].nargs;
    if (nargs > MAX_ARGS) nargs = MAX_ARGS;
    const char *p = memchr(text, '\n', size), *end = text + size;
    p = p ? p + 1 : end;
    Arg args[MAX_ARGS];
    int na = 0;
    while (na < nargs && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        args[na].s = p;
        args[na].n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        na++;
        p = nl ? nl + 1 : end;
    }
    /* the arguments are SQL text, which may hold any bytes; the lines are
     * records, which the decoders checked */
    valid_utf8(text + (p - text), (size_t)(end - p));
    if (!FUNCS[k].fn) {
        if (na == 1) sdf_lines(&args[0], p, end);
        mem_free(text);
        return 0;
    }

    Buf sql = {0};
    const char head[] = "CREATE STREAM S (LINE VARCHAR(65535));\nSELECT STREAM ";
    buf_put(&sql, head, sizeof head - 1);
    buf_put(&sql, FUNCS[k].fn, strlen(FUNCS[k].fn));
    buf_puts(&sql, "(LINE");
    for (int i = 0; i < na; i++) {
        buf_puts(&sql, ", ");
        put_literal(&sql, args[i].s, args[i].n, FUNCS[k].letter == 'V' && i == 0);
    }
    const char tail[] = ") AS R FROM S;\n";
    buf_put(&sql, tail, sizeof tail);   /* with its NUL: the lexer stops at one */
    sql.len--;

    DiagList diag;
    diag_init(&diag, "fuzz.sql", sql.p, (uint32_t)sql.len);
    Arena stmt_arena;
    arena_init(&stmt_arena, 65536);
    ParsedScript ps;
    PlanApp app;
    plan_app_init(&app);
    if (!parse_script(sql.p, (uint32_t)sql.len, &stmt_arena, &diag, &ps)) {
        static const char *const inputs[] = {"S"};
        BindOptions bo = {.inputs = inputs, .ninputs = 1};
        if (!bind_app(&app, ps.stmts, ps.n, &bo, &diag)) {
            const Expr *e = bound_call(&app);
            if (e) eval_lines(e, p, end);
        }
    }
    /* FUZZ_DEBUG=1 shows the SQL of an input and why it did not bind */
    static int debug = -1;
    if (debug < 0) debug = getenv("FUZZ_DEBUG") != NULL;
    if (debug) fprintf(stderr, "%.*s", (int)sql.len, sql.p);
    diag_render(&diag, debug ? stderr : fuzz_devnull());
    plan_app_free(&app);
    arena_free(&stmt_arena);
    diag_free(&diag);
    buf_free(&sql);
    mem_free(text);
    rowtype_free_all();
    rx_free_all();
    return 0;
}
