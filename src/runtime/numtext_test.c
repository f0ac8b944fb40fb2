#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtoa.h"
#include "numtext.h"
#include "src/test.h"

static const char *dbl(double v)
{
    static char buf[64];
    buf[fmt_double(v, buf)] = 0;
    return buf;
}

static void test_format_double(void)
{
    CU_ASSERT_STRING_EQUAL(dbl(50.0), "50.0");
    CU_ASSERT_STRING_EQUAL(dbl(84.51), "84.51");
    CU_ASSERT_STRING_EQUAL(dbl(-0.1), "-0.1");
    CU_ASSERT_STRING_EQUAL(dbl(0.0), "0.0");
    CU_ASSERT_STRING_EQUAL(dbl(1e21), "1.0E21");
    CU_ASSERT_STRING_EQUAL(dbl(1.5e-7), "1.5E-7");
    CU_ASSERT_STRING_EQUAL(dbl(0.001), "0.001");
    CU_ASSERT_STRING_EQUAL(dbl(5e-324), "5.0E-324");   /* shortest that reads back */
    CU_ASSERT_STRING_EQUAL(dbl(1.7976931348623157e308), "1.7976931348623157E308");
    CU_ASSERT_STRING_EQUAL(dbl(0.0001), "1.0E-4");
    CU_ASSERT_STRING_EQUAL(dbl(9999999.0), "9999999.0");
    CU_ASSERT_STRING_EQUAL(dbl(12345678.9), "1.23456789E7");
    CU_ASSERT_STRING_EQUAL(dbl(0.1 + 0.2), "0.30000000000000004");
    CU_ASSERT_STRING_EQUAL(dbl(2.7182818284590455), "2.7182818284590455");
    CU_ASSERT_STRING_EQUAL(dbl(123456789012.0), "1.23456789012E11");
    /* of two 16-digit decimals that read back, the one nearer the double */
    CU_ASSERT_STRING_EQUAL(dbl(72.71666666666665), "72.71666666666665");
}

/* The significant digits of a formatted number (no sign, point, exponent,
 * leading or trailing zeros). */
static void sig_digits(const char *s, char *out)
{
    int n = 0;
    for (; *s && *s != 'E'; s++)
        if (*s >= '0' && *s <= '9' && (n || *s != '0')) out[n++] = *s;
    while (n > 1 && out[n - 1] == '0') n--;
    out[n] = 0;
}

static void test_format_matches_shortest(void)
{
    /* the fast path for few decimals gives the general algorithm's digits */
    srand(11);
    int bad = 0;
    for (int i = 0; i < 50000; i++) {
        int k = rand() % 17;
        double v = (double)((uint64_t)rand() * (uint64_t)rand() % 10000000000000ULL) / pow(10, k);
        if (v == 0) continue;
        char buf[64], got[32], want[32];
        buf[fmt_double(v, buf)] = 0;
        sig_digits(buf, got);
        int point;
        int nd = dtoa_shortest(v, 0, want, &point);
        want[nd] = 0;
        if (strcmp(got, want) != 0 && bad++ < 5) printf("\n  %.17g: formatted %s, shortest digits %s", v, buf, want);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

/* What fmt_double writes, from the general algorithm's digits: Java's
 * Double.toString layout (d.dddE±x below 10^-3 and from 10^7 on). */
static int ref_format(double v, char *out)
{
    char dig[DTOA_DIGITS];
    int point, k = 0;
    if (signbit(v)) out[k++] = '-';
    v = fabs(v);
    int nd = v == 0 ? (dig[0] = '0', point = 1, 1) : dtoa_shortest(v, 0, dig, &point);
    if (point > 7 || point < -2) {
        out[k++] = dig[0];
        out[k++] = '.';
        if (nd > 1) memcpy(out + k, dig + 1, (size_t)nd - 1), k += nd - 1;
        else out[k++] = '0';
        return k + sprintf(out + k, "E%d", point - 1);
    }
    if (point <= 0) {
        k += sprintf(out + k, "0.");
        for (int z = 0; z < -point; z++) out[k++] = '0';
        memcpy(out + k, dig, (size_t)nd);
        return k + nd;
    }
    for (int i = 0; i < (nd > point ? nd : point); i++) {
        if (i == point) out[k++] = '.';
        out[k++] = i < nd ? dig[i] : '0';
    }
    if (nd <= point) out[k++] = '.', out[k++] = '0';
    return k;
}

static void test_format_matches_reference(void)
{
    /* whole texts, for the values the few-decimals path takes and the rest */
    srand(5);
    int bad = 0;
    for (int i = 0; i < 300000; i++) {
        double v;
        switch (i % 4) {
        case 0: v = (double)(rand() % 2000000) / 100; break;                              /* prices */
        case 1: v = (double)((uint64_t)rand() * (uint64_t)rand() % 100000000000ULL) / pow(10, rand() % 12); break;
        case 2: v = (double)(rand() % 100000) * pow(10, rand() % 14 - 7); break;           /* around 10^-3 and 10^7 */
        default: {
            uint64_t b = (uint64_t)rand() << 33 ^ (uint64_t)rand() << 11 ^ (uint64_t)rand();
            memcpy(&v, &b, sizeof v);
            if (!isfinite(v)) v = 1.5;
        }
        }
        if (rand() % 2) v = -v;
        char got[64], want[64];
        got[fmt_double(v, got)] = 0;
        want[ref_format(v, want)] = 0;
        if (strcmp(got, want) != 0 && bad++ < 5) printf("\n  %.17g: %s, want %s", v, got, want);
    }
    static const double edges[] = {0.001, 0.0011, 0.00999, 9999999.0, 9999999.5, 10000000.0, 1234567.125, 0.5, 1.0, 100.0,
                                   0.010, 0.1 + 0.2, 999999.99999999, 0.00100000001, -0.0, 5e-324, 1e15, 999999999999999.9};
    for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
        char got[64], want[64];
        got[fmt_double(edges[i], got)] = 0;
        want[ref_format(edges[i], want)] = 0;
        if (strcmp(got, want) != 0 && bad++ < 10) printf("\n  %.17g: %s, want %s", edges[i], got, want);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void test_shortest_digits(void)
{
    /* Schubfach's digits are double-conversion's, for any bits, at powers
     * of two and ten and their neighbours, subnormals and integers */
    uint64_t x = 88172645463325252u;
    int bad = 0;
    for (int i = 0; i < 1200000; i++) {
        double v;
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        uint64_t b = x & 0x7FFFFFFFFFFFFFFFu;
        if (i % 4 == 1) b = (uint64_t)i;                                   /* subnormals */
        memcpy(&v, &b, sizeof v);
        if (i % 4 == 2) v = (double)(x >> (x % 64));                       /* integers */
        if (i % 4 == 3) v = (double)(x % 100000000) / pow(10, (double)(x % 12));
        if (i < 2098 * 3) v = ldexp(1, i / 3 - 1074), v = i % 3 == 1 ? nextafter(v, 0) : i % 3 == 2 ? nextafter(v, INFINITY) : v;
        if (!(v > 0) || !isfinite(v)) continue;
        char a[DTOA_DIGITS], want[DTOA_DIGITS];
        int pa, pw;
        int na = shortest_digits(v, a, &pa), nw = dtoa_shortest(v, 0, want, &pw);
        if ((na != nw || pa != pw || memcmp(a, want, (size_t)na) != 0) && bad++ < 5)
            printf("\n  %.17g: %.*s point %d, want %.*s point %d", v, na, a, pa, nw, want, pw);
    }
    for (int e = -325; e < 309; e++) {
        double v = pow(10, e);
        for (int j = 0; j < 3; j++, v = nextafter(v, INFINITY)) {
            if (!(v > 0) || !isfinite(v)) continue;
            char a[DTOA_DIGITS], want[DTOA_DIGITS];
            int pa, pw;
            int na = shortest_digits(v, a, &pa), nw = dtoa_shortest(v, 0, want, &pw);
            if ((na != nw || pa != pw || memcmp(a, want, (size_t)na) != 0) && bad++ < 5) printf("\n  %.17g", v);
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void test_double_round_trip(void)
{
    /* every formatted double reads back as itself */
    srand(7);
    for (int i = 0; i < 20000; i++) {
        double v = ((double)rand() / RAND_MAX - 0.5) * pow(10, rand() % 40 - 20);
        char buf[64];
        buf[fmt_double(v, buf)] = 0;
        CU_ASSERT_EQUAL(strtod(buf, NULL), v);
    }
}

static void test_parse(void)
{
    NumText nt;
    int64_t v;
    CU_ASSERT_EQUAL(num_parse("123", 3, true, &nt), 3);
    CU_ASSERT(num_to_int64(&nt, &v) && v == 123);
    CU_ASSERT_EQUAL(num_parse("-9223372036854775808", 20, true, &nt), 20);
    CU_ASSERT(num_to_int64(&nt, &v) && v == INT64_MIN);
    num_parse("9223372036854775808", 19, true, &nt);
    CU_ASSERT_FALSE(num_to_int64(&nt, &v));
    num_parse("1.5", 3, true, &nt);
    CU_ASSERT_FALSE(num_to_int64(&nt, &v));
    CU_ASSERT_EQUAL(nt.dbl, 1.5);
    num_parse("1e3", 3, true, &nt);
    CU_ASSERT(num_to_int64(&nt, &v) && v == 1000);
    CU_ASSERT_EQUAL(num_parse("01", 2, true, &nt), 0);   /* JSON refuses leading zeros */
    CU_ASSERT_EQUAL(num_parse(".5", 2, true, &nt), 0);
    CU_ASSERT_EQUAL(num_parse(".5", 2, false, &nt), 2);
    CU_ASSERT_EQUAL(num_parse("-", 1, true, &nt), 0);
    num_parse("12.34", 5, true, &nt);
    CU_ASSERT(num_to_decimal(&nt, 5, 2, &v) && v == 1234);
    CU_ASSERT_FALSE(num_to_decimal(&nt, 5, 1, &v));   /* would lose a digit */
    CU_ASSERT_FALSE(num_to_decimal(&nt, 3, 2, &v));   /* too many digits */
    num_parse("1e400", 5, true, &nt);
    CU_ASSERT(isinf(nt.dbl));
}

static void test_decimal_format(void)
{
    char buf[32];
    buf[fmt_decimal(1234, 2, buf)] = 0;
    CU_ASSERT_STRING_EQUAL(buf, "12.34");
    buf[fmt_decimal(-5, 3, buf)] = 0;
    CU_ASSERT_STRING_EQUAL(buf, "-0.005");
    buf[fmt_decimal(INT64_MIN, 0, buf)] = 0;
    CU_ASSERT_STRING_EQUAL(buf, "-9223372036854775808");
}

void numtext_tests(void)
{
    static const TestCase cases[] = {
        {"format doubles", test_format_double},
        {"doubles round-trip", test_double_round_trip},
        {"few-decimals fast path gives the shortest digits", test_format_matches_shortest},
        {"formatted doubles as the general algorithm's digits lay out", test_format_matches_reference},
        {"Schubfach's shortest digits are double-conversion's", test_shortest_digits},
        {"parse numbers", test_parse},
        {"format decimals", test_decimal_format},
        {NULL, NULL},
    };
    test_suite("numtext", cases);
}
