/* libFuzzer target for a whole application: a fixed app (projection,
 * filter, casts, string and regex functions, a tumbling GROUP BY and a
 * sliding window over an in-application stream) run over fuzzed NDJSON
 * lines, as src/main.c's run loop does: decode, exec_push_input, and
 * exec_finish at the end. A line "#tick" lets a minute pass with no row
 * (exec_tick, as main.c's on_idle does for arrival-time input).
 * The app is parsed and bound once; each input gets a fresh Exec. */
#include "fuzz_common.h"

static const char APP[] =
    "CREATE STREAM \"SOURCE_SQL_STREAM_001\" (b BOOLEAN, i INTEGER, bi BIGINT, dec DECIMAL(10,2), r REAL, d DOUBLE,\n"
    "  c CHAR(4), v VARCHAR(16), dt DATE, tm TIME, ts TIMESTAMP, ticker VARCHAR(8), price DOUBLE);\n"
    "CREATE STREAM \"DESTINATION_SQL_STREAM\" (ticker VARCHAR(8), n INTEGER, s VARCHAR(64), x DOUBLE, t TIMESTAMP);\n"
    "CREATE STREAM \"MID\" (ticker VARCHAR(8), price DOUBLE, i INTEGER, v VARCHAR(16));\n"
    "CREATE PUMP \"P0\" AS INSERT INTO \"MID\"\n"
    "  SELECT STREAM UPPER(ticker), price * 2, i + 1, SUBSTRING(v FROM 2 FOR 3) FROM \"SOURCE_SQL_STREAM_001\"\n"
    "  WHERE price > 0 OR v LIKE 'a%' OR b;\n"
    "CREATE PUMP \"P1\" AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
    "  SELECT STREAM ticker, CAST(i / (bi - 1) AS INTEGER), v || CAST(dec AS VARCHAR(20)) || TRIM(c) || CAST(dt AS VARCHAR(10)),\n"
    "         CASE WHEN d > 1 THEN POWER(d, 0.5) ELSE dec / 3 END, ts + INTERVAL '1' DAY\n"
    "  FROM \"SOURCE_SQL_STREAM_001\";\n"
    "CREATE PUMP \"P2\" AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
    "  SELECT STREAM ticker, COUNT(*), MAX(v), SUM(price), MIN(ROWTIME)\n"
    "  FROM \"MID\" GROUP BY ticker, STEP(\"MID\".ROWTIME BY INTERVAL '10' SECOND);\n"
    "CREATE PUMP \"P3\" AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
    "  SELECT STREAM ticker, CAST(COUNT(*) OVER W AS INTEGER), CAST(LAG(v, 1) OVER W AS VARCHAR(16)), AVG(price) OVER W, CURRENT_ROW_TIMESTAMP\n"
    "  FROM \"MID\" WINDOW W AS (PARTITION BY ticker RANGE INTERVAL '5' SECOND PRECEDING);\n"
    "CREATE PUMP \"P4\" AS INSERT INTO \"DESTINATION_SQL_STREAM\"\n"
    "  SELECT STREAM ticker, CHAR_LENGTH(v), CAST(REGEX_REPLACE(v, '[0-9]+', 'N', 1, 0) AS VARCHAR(64)), EXP(r), CHAR_TO_TIMESTAMP('yyyy-MM-dd', v)\n"
    "  FROM \"SOURCE_SQL_STREAM_001\" WHERE tm < TIME '12:00:00';\n"
    ;

static PlanApp app;
static int src_id = -1;

static void setup(void)
{
    clock_fix(946684800000);
    static DiagList diag;
    static Arena stmt_arena;
    diag_init(&diag, "app.sql", APP, (uint32_t)strlen(APP));
    arena_init(&stmt_arena, 65536);
    ParsedScript ps;
    parse_script(APP, (uint32_t)strlen(APP), &stmt_arena, &diag, &ps);
    plan_app_init(&app);
    const char *inputs[1] = {FUZZ_SOURCE};
    BindOptions bo = {.inputs = inputs, .ninputs = 1};
    if (!diag.errors) bind_app(&app, ps.stmts, ps.n, &bo, &diag);
    if (diag.errors) {
        diag_render(&diag, stderr);
        abort();
    }
    src_id = cat_find_stream(&app.cat, FUZZ_SOURCE, false)->id;
}

FUZZ_ENTRY(run)
{
    if (size > 1 << 16) return 0;
    if (src_id < 0) setup();
    fuzz_execute(&app, src_id, (const char *)data, size, OUT_NDJSON);
    return 0;
}
