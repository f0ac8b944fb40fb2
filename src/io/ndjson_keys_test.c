/* The decoder's memory of the last record (the key at each position, the
 * last timestamp's second) must never change a result: a decoder that has
 * read the records before is compared with a fresh one for each record,
 * over records whose keys are reordered, missing, extra, duplicated,
 * spelled in another case or escaped, between records that repeat them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io.h"
#include "src/test.h"

enum { K_D, K_S, K_PRICE, K_A, K_A2, K_LONG, K_I, NCOLS };
static Column cols[NCOLS];
static Schema schema = {NCOLS, cols};

static void setup_schema(void)
{
    cols[K_D] = (Column){"D", type_make(TY_DOUBLE)};
    cols[K_S] = (Column){"s", type_string(TY_VARCHAR, 3)};
    cols[K_PRICE] = (Column){"Price", type_make(TY_BIGINT)};
    cols[K_A] = (Column){"A", type_make(TY_INTEGER)};
    cols[K_A2] = (Column){"a", type_make(TY_REAL)};   /* folds like A: matched only exactly */
    cols[K_LONG] = (Column){"A_COLUMN_NAME_LONGER_THAN_WHAT_ONE_GUESS_HOLDS_IN_BYTES", type_string(TY_VARCHAR, 0)};
    cols[K_I] = (Column){"I", type_make(TY_SMALLINT)};
}

typedef struct Result {
    bool ok, has_rowtime, has_arrival;
    int64_t rowtime, arrival;
    Value v[NCOLS];
    char err[340];
} Result;

static Result run(Decoder *d, const char *line, Arena *a)
{
    Result r;
    memset(&r, 0, sizeof r);
    Row row = {0};
    DecodeError e;
    r.ok = io_ndjson_decode(d, line, strlen(line), &row, a, &r.has_rowtime, &r.has_arrival, &e);
    if (!r.ok) {
        snprintf(r.err, sizeof r.err, "%s: %s", e.name, e.msg);
        return r;
    }
    if (r.has_rowtime) r.rowtime = row.rowtime;
    if (r.has_arrival) r.arrival = row.arrival;
    for (int i = 0; i < NCOLS; i++) r.v[i] = row.v[i];
    return r;
}

static bool same_value(int c, const Value *x, const Value *y)
{
    if (x->null || y->null) return x->null == y->null;
    switch (cols[c].type.id) {
    case TY_DOUBLE: case TY_REAL: return memcmp(&x->u.d, &y->u.d, sizeof x->u.d) == 0;
    case TY_VARCHAR: return x->len == y->len && memcmp(x->u.s, y->u.s, x->len) == 0;
    default: return x->u.i == y->u.i;
    }
}

static bool same(const Result *x, const Result *y)
{
    if (x->ok != y->ok || strcmp(x->err, y->err) != 0) return false;
    if (!x->ok) return true;
    if (x->has_rowtime != y->has_rowtime || x->rowtime != y->rowtime) return false;
    if (x->has_arrival != y->has_arrival || x->arrival != y->arrival) return false;
    for (int c = 0; c < NCOLS; c++)
        if (!same_value(c, &x->v[c], &y->v[c])) return false;
    return true;
}

static int failures;

/* Each line through the long-lived decoder and through a fresh one. */
static void check_lines(const char *const *lines, size_t n)
{
    Decoder *kept = io_decoder_new(&schema);
    Arena a;
    arena_init(&a, 0);
    uint64_t fresh_unknown = 0;
    char fresh_first[64] = "";
    for (size_t i = 0; i < n; i++) {
        Decoder *fresh = io_decoder_new(&schema);
        Result x = run(kept, lines[i], &a), y = run(fresh, lines[i], &a);
        const char *first;
        if (io_decoder_unknown_keys(fresh, &first) && !fresh_unknown++) snprintf(fresh_first, sizeof fresh_first, "%s", first);
        if (!same(&x, &y) && failures++ < 10)
            printf("\n  line %zu %s: %s / %s", i, lines[i], x.ok ? "ok" : x.err, y.ok ? "ok" : y.err);
        io_decoder_free(fresh);
        arena_reset(&a);
    }
    const char *first;
    uint64_t unknown = io_decoder_unknown_keys(kept, &first);
    if ((unknown != fresh_unknown || (unknown && strcmp(first, fresh_first) != 0)) && failures++ < 10)
        printf("\n  unknown keys: %llu \"%s\" / %llu \"%s\"", (unsigned long long)unknown, first,
               (unsigned long long)fresh_unknown, fresh_first);
    io_decoder_free(kept);
    arena_free(&a);
}

static void test_given_sequences(void)
{
    static const char *const lines[] = {
        /* the usual record, then the same keys in another order, one missing, one more */
        "{\"ROWTIME\":\"2024-01-01 00:00:00.100\",\"D\":1.5,\"s\":\"ab\",\"Price\":7,\"A\":1}",
        "{\"ROWTIME\":\"2024-01-01 00:00:00.200\",\"D\":2.5,\"s\":\"cd\",\"Price\":8,\"A\":2}",
        "{\"D\":3.5,\"ROWTIME\":\"2024-01-01 00:00:00.300\",\"Price\":9,\"s\":\"ef\",\"A\":3}",
        "{\"ROWTIME\":\"2024-01-01 00:00:00.400\",\"s\":\"gh\",\"Price\":10,\"A\":4}",
        "{\"ROWTIME\":\"2024-01-01 00:00:00.500\",\"D\":4.5,\"extra\":[1,{\"D\":9}],\"s\":\"ij\",\"Price\":11,\"A\":5}",
        /* a key at a position where another was: a prefix, a longer one, the same bytes then more */
        "{\"ROWTIME\":\"2024-01-01 00:00:00.600\",\"DD\":1,\"s\":\"kl\"}",
        "{\"ROWTIME\":\"2024-01-01 00:00:00.700\",\"D\":5.5,\"s\":\"mn\"}",
        "{\"ROWTIME\":\"2024-01-01 00:00:00.800\",\"D\" :6.5,\"s\": \"op\"}",
        "{\"ROWTIME\":\"2024-01-01 00:00:00.900\",\"D\" :7.5,\"s\":  \"qr\"}",
        /* duplicates: the last value wins, a bad first one still fails */
        "{\"ROWTIME\":\"2024-01-01 00:00:01.000\",\"D\":1,\"D\":2,\"A\":1,\"A\":2}",
        "{\"ROWTIME\":\"2024-01-01 00:00:01.100\",\"D\":1,\"D\":2,\"A\":1,\"A\":2}",
        "{\"ROWTIME\":\"2024-01-01 00:00:01.200\",\"D\":\"x\",\"D\":2,\"A\":1,\"A\":2}",
        /* case: a folded key matches unless the exact one comes too; "a" is its own column */
        "{\"d\":1,\"PRICE\":2,\"price\":3}",
        "{\"d\":1,\"PRICE\":2,\"price\":3}",
        "{\"D\":1,\"d\":9,\"Price\":2,\"PRICE\":7}",
        "{\"d\":9,\"D\":1,\"PRICE\":7,\"Price\":2}",
        "{\"D\":1,\"d\":9,\"Price\":2,\"PRICE\":7}",
        "{\"a\":1.5,\"A\":2}",
        "{\"a\":1.5,\"A\":2}",
        /* escaped and long keys, unknown keys, system columns */
        "{\"\\u0044\":1,\"\\u0044\":2}",
        "{\"A_COLUMN_NAME_LONGER_THAN_WHAT_ONE_GUESS_HOLDS_IN_BYTES\":\"x\",\"zz\":1}",
        "{\"A_COLUMN_NAME_LONGER_THAN_WHAT_ONE_GUESS_HOLDS_IN_BYTES\":\"y\",\"zz\":1}",
        "{\"APPROXIMATE_ARRIVAL_TIME\":\"2024-01-01 00:00:05.000\",\"rowtime\":\"2024-01-01 00:00:06.000\"}",
        "{\"APPROXIMATE_ARRIVAL_TIME\":\"2024-01-01 00:00:05.123\",\"rowtime\":\"2024-01-01 00:00:06.456\"}",
        "{\"ROWTIME\":1704067200123,\"I\":32767}",
        "{\"ROWTIME\":1704067200124,\"I\":32768}",
        /* timestamps of the same second in other forms */
        "{\"ROWTIME\":\"2024-01-01 00:00:06.4\"}",
        "{\"ROWTIME\":\"2024-01-01T00:00:06.400\"}",
        "{\"ROWTIME\":\"2024-01-01 00:00:06.4000\"}",
        "{\"ROWTIME\":\"2024-01-01 00:00:06.4x0\"}",
        "{\"ROWTIME\":\"2024-01-01 00:00:06.999\"}",
        "{\"ROWTIME\":\"2024-01-01 00:00:06\"}",
        "{\"ROWTIME\":\"2024-01-01 00:00:06Z\"}",
        /* truncated after a guessed key */
        "{\"ROWTIME\":\"2024-01-01 00:00:07.000\",\"D\":",
        "{\"ROWTIME\":\"2024-01-01 00:00:07.000\",\"D\"",
        "{\"ROWTIME\":\"2024-01-01 00:00:07.000\",\"D",
        "{\"ROWTIME\":\"2024-01-01 00:00:07.000\",\"D\":1}",
    };
    check_lines(lines, sizeof lines / sizeof *lines);
    CU_ASSERT_EQUAL(failures, 0);
}

static uint64_t rng = 0x9E3779B97F4A7C15u;
static unsigned rnd(unsigned n)
{
    rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static const char *const keys[] = {
    "ROWTIME", "D", "s", "Price", "A", "a", "I", "A_COLUMN_NAME_LONGER_THAN_WHAT_ONE_GUESS_HOLDS_IN_BYTES",
    "d", "S", "PRICE", "price", "i", "rowtime", "APPROXIMATE_ARRIVAL_TIME", "zz", "extra", "\\u0041", "Pric", "Prices",
};
static const char *const values[] = {
    "1", "-2", "2.5", "1e400", "32768", "\"abc\"", "\"abcdef\"", "\"2024-01-01 00:00:00.000\"",
    "\"2024-01-01 00:00:00.999\"", "\"2024-01-01 00:00:01.001\"", "\"2024-01-01T00:00:01.002\"", "null", "true",
    "[1,2]", "{\"D\":1}", "\"\\u00e9\"", "1.5e3", "-0", "9223372036854775808", "1704067200000",
};

static void test_random_sequences(void)
{
    /* records that mostly repeat the last one's keys, with changes */
    enum { NLINES = 3000, MAXKEYS = 10 };
    static char text[NLINES][512];
    static const char *lines[NLINES];
    int order[MAXKEYS], nk = 0;
    for (int i = 0; i < NLINES; i++) {
        switch (rnd(8)) {
        case 0: nk = 1 + (int)rnd(MAXKEYS); for (int k = 0; k < nk; k++) order[k] = (int)rnd(20); break;   /* new keys */
        case 1: if (nk > 1) { int x = (int)rnd((unsigned)nk), y = (int)rnd((unsigned)nk), t = order[x]; order[x] = order[y], order[y] = t; } break;
        case 2: if (nk > 1) { int x = (int)rnd((unsigned)nk); memmove(order + x, order + x + 1, sizeof *order * (size_t)(nk - x - 1)); nk--; } break;
        case 3: if (nk < MAXKEYS) order[nk++] = (int)rnd(20); break;
        case 4: if (nk > 0 && nk < MAXKEYS) { order[nk] = order[rnd((unsigned)nk)]; nk++; } break;   /* a duplicate */
        default: break;   /* the same keys again */
        }
        const char *seps[] = {":", ": ", " : ", ":"};
        const char *sep = seps[rnd(4)];
        size_t k = 0;
        k += (size_t)snprintf(text[i] + k, sizeof text[i] - k, "{");
        for (int j = 0; j < nk; j++)
            k += (size_t)snprintf(text[i] + k, sizeof text[i] - k, "%s\"%s\"%s%s", j ? "," : "", keys[order[j]], sep,
                                  values[rnd(20)]);
        snprintf(text[i] + k, sizeof text[i] - k, "}");
        lines[i] = text[i];
    }
    check_lines(lines, NLINES);
    CU_ASSERT_EQUAL(failures, 0);
}

void ndjson_keys_tests(void)
{
    static const TestCase cases[] = {
        {"remembered keys and seconds: given sequences", test_given_sequences},
        {"remembered keys and seconds: random sequences", test_random_sequences},
        {NULL, NULL},
    };
    setup_schema();
    test_suite("ndjson keys", cases);
}
