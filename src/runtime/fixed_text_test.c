/* fmt_fixed against the C library's "%.*f" on doubles of every kind:
 * random bits, decimal fractions (ties that are not exact in binary),
 * dyadic fractions (exact ties, rounded to even), the edges of the fast
 * path, NaN, infinities and signed zeros. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "src/runtime/fixed_text.h"
#include "src/test.h"

static uint64_t state = 88172645463325252u;
static uint64_t next(void)
{
    state ^= state << 13, state ^= state >> 7, state ^= state << 17;
    return state;
}

static bool same_as_printf(Buf *b, double x, int decimals)
{
    char want[512];
    int n = snprintf(want, sizeof want, "%.*f", decimals, x);
    b->len = 0;
    fmt_fixed(b, x, decimals);
    return (size_t)n == b->len && memcmp(want, b->p, b->len) == 0;
}

static void test_fixed_random(void)
{
    Buf b = {0};
    int bad = 0;
    for (int i = 0; i < 500000; i++) {
        uint64_t r = next();
        int decimals = (int)(next() % 11);
        double x;
        switch (i % 4) {
        case 0: memcpy(&x, &r, sizeof x); break;
        case 1: x = (double)((int64_t)(r % 2000001) - 1000000) / pow(10, (double)(next() % 12)); break;
        case 2: x = ldexp((double)(r >> 11), -(int)(next() % 80)) * (next() & 1 ? -1 : 1); break;
        default: x = (double)(r % 100000) / 100000.0 * pow(10, (double)(next() % 14) - 6); break;
        }
        if (!same_as_printf(&b, x, decimals) && bad++ < 5) printf("\nfmt_fixed(%a, %d): %.*s\n", x, decimals, (int)b.len, b.p);
    }
    CU_ASSERT_EQUAL(bad, 0);
    buf_free(&b);
}

static void test_fixed_edges(void)
{
    static const double xs[] = {0.0,    -0.0,        0.5,     1.5,          2.5,           -2.5,      0.125,    0.375,
                                5e-5,   0.00015,     -5e-5,   999999999.99, 1e9,           -1e9,      1e300,    1e-320,
                                -1e-320, 0x1p-74,    0x1p-75, 0x1.fffffffffffffp-2, 4503599627370495.5, INFINITY, -INFINITY, NAN};
    Buf b = {0};
    for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        for (int d = 0; d <= 12; d++) CU_ASSERT(same_as_printf(&b, xs[i], d));
    b.len = 0;
    fmt_fixed(&b, 0.00005, 4);   /* a little above the tie in binary: up */
    CU_ASSERT(b.len == 6 && memcmp(b.p, "0.0001", 6) == 0);
    buf_free(&b);
}

void fixed_text_tests(void)
{
    static const TestCase cases[] = {
        {"fixed decimals as printf writes them, random doubles", test_fixed_random},
        {"fixed decimals as printf writes them, edges", test_fixed_edges},
        {NULL, NULL},
    };
    test_suite("fixed_text", cases);
}
