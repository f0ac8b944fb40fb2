/* pause: the longest single record in window operators with millions of
 * keys, where a table that rehashes in one go would stall the stream, and
 * in one sliding window of millions of rows ("long"), whose row buffer
 * grows as it fills.
 *
 *   pause [N [QUERY]]   N records (default 4000000), each with a key of
 *                       its own; QUERY runs only the query of that name
 *
 * Each query runs inside this process (parse, bind, exec, as eddy does),
 * every record is timed on its own with CLOCK_MONOTONIC, and one line per
 * query gives records/s, the longest record, the 99.99th percentile, and
 * how many records took over 1 ms. End of input (emitting every window)
 * is not timed: that is output, not a pause. The clock is the machine's,
 * so a context switch shows up too; run it on a quiet machine. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "executor/exec.h"
#include "parser/parse.h"
#include "planner/bind.h"

static uint64_t rows_out;
static void count_row(void *ctx, const CatStream *s, const Row *row)
{
    (void)ctx, (void)s, (void)row;
    rows_out++;
}

static void on_error(void *ctx, const ErrorRow *e)
{
    (void)ctx;
    fprintf(stderr, "pause: error row: %s: %s\n", e->name ? e->name : "?", e->message ? e->message : "");
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static int run(const char *name, const char *sql, long n, int64_t *lat)
{
    Arena stmt;
    DiagList diag;
    PlanApp app;
    ParsedScript ps;
    static const char *const inputs[] = {"S"};
    BindOptions opt = {inputs, 1};
    arena_init(&stmt, 0);
    diag_init(&diag, name, sql, (uint32_t)strlen(sql));
    plan_app_init(&app);
    if (parse_script(sql, (uint32_t)strlen(sql), &stmt, &diag, &ps) || bind_app(&app, ps.stmts, ps.n, &opt, &diag)) {
        diag_render(&diag, stderr);
        return 1;
    }
    const CatStream *in = cat_find_stream(&app.cat, "S", false), *out = NULL;
    for (int i = 0; i < app.cat.nstreams; i++)
        if (app.cat.streams[i]->anonymous) out = app.cat.streams[i];
    Exec *ex = exec_new(&app);
    exec_set_sink(ex, out->id, count_row, NULL);
    exec_set_error_sink(ex, on_error, NULL);
    Arena rec;
    arena_init(&rec, 0);
    rows_out = 0;
    const int64_t t0 = 1704067200000;   /* 2024-01-01, one record per ms */
    int64_t start = now_ns();
    for (long i = 0; i < n; i++) {
        int64_t a = now_ns();
        arena_reset(&rec);
        Value *v = arena_alloc(&rec, sizeof(Value) * 2);
        v[0] = val_int(i);
        v[1] = val_double((double)(i % 1000) / 10.0);
        Row row = {.rowtime = t0 + i, .arrival = t0 + i, .v = v, .n = 2, .recno = (uint64_t)i + 1};
        ex->now = row.rowtime;
        exec_push_input(ex, in->id, &row, &rec, NULL, 0);
        lat[i] = now_ns() - a;
    }
    double secs = (double)(now_ns() - start) / 1e9;
    exec_finish(ex);
    long over_1ms = 0;
    for (long i = 0; i < n; i++) over_1ms += lat[i] > 1000000;
    qsort(lat, (size_t)n, sizeof *lat, cmp_i64);
    printf("%-10s %9ld %12.0f %12.1f %12.1f %10ld %10llu\n", name, n, (double)n / secs, (double)lat[n - 1] / 1000.0,
           (double)lat[n - 1 - n / 10000] / 1000.0, over_1ms, (unsigned long long)rows_out);
    exec_free(ex);
    arena_free(&rec);
    plan_app_free(&app);
    diag_free(&diag);
    arena_free(&stmt);
    return 0;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 4000000;
    if (n < 10000) n = 10000;
    int64_t *lat = malloc(sizeof *lat * (size_t)n);
    if (!lat) return 1;
    static const struct {
        const char *name, *sql;
    } queries[] = {
        {"tumble", "CREATE STREAM S (K BIGINT, X DOUBLE);\n"
                   "SELECT STREAM K, COUNT(*) AS N, SUM(X) AS T FROM S\n"
                   "GROUP BY K, STEP(S.ROWTIME BY INTERVAL '1' DAY);"},
        {"stagger", "CREATE STREAM S (K BIGINT, X DOUBLE);\n"
                    "SELECT STREAM K, COUNT(*) AS N FROM S\n"
                    "WINDOWED BY STAGGER (PARTITION BY K RANGE INTERVAL '1' DAY);"},
        {"sliding", "CREATE STREAM S (K BIGINT, X DOUBLE);\n"
                    "SELECT STREAM K, AVG(X) OVER W AS A, MAX(X) OVER W AS M FROM S\n"
                    "WINDOW W AS (PARTITION BY K RANGE INTERVAL '1' DAY PRECEDING);"},
        {"long", "CREATE STREAM S (K BIGINT, X DOUBLE);\n"
                 "SELECT STREAM K, AVG(X) OVER W AS A, MAX(X) OVER W AS M, LAG(X, 100) OVER W AS L FROM S\n"
                 "WINDOW W AS (RANGE INTERVAL '1' DAY PRECEDING);"},
    };
    printf("%-10s %9s %12s %12s %12s %10s %10s\n", "query", "records", "records/s", "max_us", "p99.99_us", "over_1ms",
           "rows_out");
    int rc = 0;
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
        if (argc <= 2 || strcmp(argv[2], queries[q].name) == 0) rc |= run(queries[q].name, queries[q].sql, n, lat);
    free(lat);
    return rc;
}
