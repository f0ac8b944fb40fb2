/* pause: the longest single record in window operators with millions of
 * keys, where a table that rehashes in one go would stall the stream, and
 * in one sliding window of millions of rows ("long"), whose row buffer
 * grows as it fills.
 *
 *   pause [N [QUERY]]   N records (default 4000000), each with a key of
 *                       its own; QUERY runs only the query of that name
 *
 * Each query runs inside this process (parse, bind, exec, as eddy run
 * does, with the same mem_ahead_start), every record is timed on its own
 * with CLOCK_MONOTONIC, and one line per query gives records/s, the
 * longest record, the 99.99th percentile, and how many records took over
 * 1 ms and over 0.1 ms.
 *
 * The clock is the machine's, so a record during which the kernel gave
 * the CPU to another program (an involuntary context switch, counted by
 * getrusage after each record) counts that program's time too. Those
 * records are counted ("switched") and the same figures are given again
 * for the others ("own"): on a machine shared with other work, the own
 * figures are what the engine made the stream wait. A vCPU the hypervisor
 * takes away is not seen by getrusage: run it on a quiet machine.
 *
 * state_B is the memory eddy holds (mem_in_use: heap blocks and mapped
 * pages) after the last record less what it held before the first, per
 * record: what a key (or, in "long", a row of the window) costs.
 *
 * End of input, which emits every window still open (a tumbling window of
 * N groups emits N rows), is timed apart: end_ms is that one call, output
 * rather than a pause. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "executor/exec.h"
#include "parser/parse.h"
#include "planner/bind.h"
#include "src/runtime/mem.h"

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

static long switches(void)
{
    struct rusage ru;
    getrusage(RUSAGE_THREAD, &ru);
    return ru.ru_nivcsw;
}

typedef struct Figures {
    int64_t max;
    long over_1ms, over_100us;
} Figures;

static void add(Figures *f, int64_t ns)
{
    if (ns > f->max) f->max = ns;
    f->over_1ms += ns > 1000000;
    f->over_100us += ns > 100000;
}

static int run(const char *name, const char *sql, long n, int64_t *lat, char *switched)
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
    size_t mem_before = mem_in_use();
    int64_t start = now_ns();
    long sw = switches();
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
        /* one call per record: its count since the last one, so a switch in
         * this loop's few instructions between records marks the next
         * record, never hides one inside a record */
        long now_sw = switches();
        switched[i] = now_sw != sw;
        sw = now_sw;
    }
    double secs = (double)(now_ns() - start) / 1e9;
    double state_b = ((double)mem_in_use() - (double)mem_before) / (double)n;
    int64_t end_start = now_ns();
    exec_finish(ex);
    double end_ms = (double)(now_ns() - end_start) / 1e6;
    Figures all = {0}, own = {0};
    long nswitched = 0;
    for (long i = 0; i < n; i++) {
        add(&all, lat[i]);
        if (switched[i]) nswitched++;
        else add(&own, lat[i]);
    }
    qsort(lat, (size_t)n, sizeof *lat, cmp_i64);
    printf("%-8s %8ld %9.0f %9.1f %9.1f %6ld %6ld %8ld %9.1f %6ld %6ld %9llu %8.1f %8.0f\n", name, n, (double)n / secs,
           (double)all.max / 1000.0, (double)lat[n - 1 - n / 10000] / 1000.0, all.over_1ms, all.over_100us, nswitched,
           (double)own.max / 1000.0, own.over_1ms, own.over_100us, (unsigned long long)rows_out, end_ms, state_b);
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
    char *switched = malloc((size_t)n);
    if (!lat || !switched) return 1;
    /* the harness's own first touches are not the engine's */
    memset(lat, 0, sizeof *lat * (size_t)n);
    memset(switched, 0, (size_t)n);
    mem_ahead_start();
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
    printf("%-8s %8s %9s %9s %9s %6s %6s %8s %9s %6s %6s %9s %8s %8s\n", "", "", "", "all", "", "", "", "", "own", "", "",
           "", "", "");
    printf("%-8s %8s %9s %9s %9s %6s %6s %8s %9s %6s %6s %9s %8s %8s\n", "query", "records", "records/s", "max_us",
           "p99.99_us", ">1ms", ">0.1ms", "switched", "max_us", ">1ms", ">0.1ms", "rows_out", "end_ms", "state_B");
    int rc = 0;
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++)
        if (argc <= 2 || strcmp(argv[2], queries[q].name) == 0) rc |= run(queries[q].name, queries[q].sql, n, lat, switched);
    free(lat);
    free(switched);
    return rc;
}
