/* The number reader against references: strtod for every double (bit for
 * bit), and the reader as it was before its fast paths for every field of
 * the NumText, over edge cases and many random numbers of every shape. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numtext.h"
#include "pow10_table.h"
#include "src/test.h"

/* The reader before its fast paths (Clinger's path, strtod for the rest):
 * what the fields and the double must stay. */
static size_t ref_parse(const char *s, size_t n, bool json, NumText *out)
{
    static const double p10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    size_t i = 0;
    memset(out, 0, sizeof *out);
    if (i < n && (s[i] == '-' || (!json && s[i] == '+'))) out->neg = s[i++] == '-';
    size_t int_start = i;
    uint64_t digits = 0;
    int ndig = 0;
    int32_t dropped = 0;
    bool any = false;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
        any = true;
        if (digits == 0 && s[i] == '0') { i++; continue; }
        if (ndig < 19) digits = digits * 10 + (uint64_t)(s[i] - '0'), ndig++;
        else { dropped++; if (s[i] != '0') out->inexact = true; }
        i++;
    }
    size_t int_len = i - int_start;
    if (json && int_len > 1 && s[int_start] == '0') return 0;
    int32_t frac = 0;
    if (i < n && s[i] == '.') {
        size_t j = i + 1, fs = j;
        while (j < n && s[j] >= '0' && s[j] <= '9') {
            if (digits == 0 && s[j] == '0') { frac++; j++; continue; }
            if (ndig < 19) digits = digits * 10 + (uint64_t)(s[j] - '0'), ndig++, frac++;
            else if (s[j] != '0') out->inexact = true;
            j++;
        }
        if (j == fs && (json || !any)) {
            if (json) return 0;
        } else {
            any = true;
            out->has_point_or_exp = true;
            i = j;
        }
        if (!json && j == fs && any) { out->has_point_or_exp = true; i = j; }
    }
    if (!any) return 0;
    if (json && int_len == 0) return 0;
    int32_t e = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        bool eneg = false;
        if (j < n && (s[j] == '+' || s[j] == '-')) eneg = s[j++] == '-';
        size_t es = j;
        while (j < n && s[j] >= '0' && s[j] <= '9') {
            if (e < 100000) e = e * 10 + (s[j] - '0');
            j++;
        }
        if (j > es) {
            i = j;
            out->has_point_or_exp = true;
            if (eneg) e = -e;
        } else {
            e = 0;
            if (json) return 0;
        }
    }
    out->digits = digits;
    out->exp10 = e + dropped - frac;
    if (!out->inexact && digits <= (1ULL << 53) && out->exp10 >= -22 && out->exp10 <= 22) {
        double d = (double)digits;
        d = out->exp10 < 0 ? d / p10[-out->exp10] : d * p10[out->exp10];
        out->dbl = out->neg ? -d : d;
    } else if (digits == 0 && !out->inexact) {
        out->dbl = out->neg ? -0.0 : 0.0;
    } else {
        char *p = malloc(i + 1);
        memcpy(p, s, i);
        p[i] = 0;
        out->dbl = strtod(p, NULL);
        free(p);
    }
    return i;
}

static uint64_t bits_of(double d)
{
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b;
}

static int mismatches;

/* num_parse and num_scan + num_to_double against the reference and strtod. */
static void check(const char *s, size_t n, bool json)
{
    NumText got, want, scanned;
    size_t gn = num_parse(s, n, json, &got), wn = ref_parse(s, n, json, &want);
    size_t sn = num_scan(s, n, json, &scanned);
    bool same = gn == wn && sn == gn;
    if (same && gn) {
        char *z = malloc(gn + 1);
        memcpy(z, s, gn);
        z[gn] = 0;
        double d = strtod(z, NULL);
        free(z);
        same = got.neg == want.neg && got.has_point_or_exp == want.has_point_or_exp && got.inexact == want.inexact &&
               got.digits == want.digits && got.exp10 == want.exp10 && bits_of(got.dbl) == bits_of(want.dbl) &&
               bits_of(got.dbl) == bits_of(d) && bits_of(num_to_double(&scanned, s, sn)) == bits_of(d) &&
               scanned.digits == got.digits && scanned.exp10 == got.exp10 && scanned.neg == got.neg &&
               scanned.inexact == got.inexact && scanned.has_point_or_exp == got.has_point_or_exp;
    }
    if (!same && mismatches++ < 10)
        printf("\n  \"%.*s\" (%s): used %zu/%zu, digits %llu/%llu, exp10 %d/%d, %.17g/%.17g", (int)n, s, json ? "json" : "sql", gn,
               wn, (unsigned long long)got.digits, (unsigned long long)want.digits, got.exp10, want.exp10, got.dbl, want.dbl);
}

static void check_str(const char *s)
{
    check(s, strlen(s), true);
    check(s, strlen(s), false);
}

static void test_edges(void)
{
    static const char *const cases[] = {
        "0", "-0", "0.0", "-0.0", "0e0", "-0e-5", "0.000", "1", "-1", "12", "84.51", "-0.35", "50", "1e3", "1E3", "1e+3",
        "1e-3", "1.5e300", "1e400", "-1e400", "1e-400", "-1e-400", "4.9e-324", "5e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
        "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "9007199254740992",
        "9007199254740993", "9007199254740993.0000000001", "9007199254740994", "9007199254740995", "18014398509481985",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615",
        "18446744073709551616", "99999999999999999999", "12345678901234567890123", "0.1", "0.2", "0.3",
        "0.30000000000000004", "3.141592653589793", "2.718281828459045", "1e22", "1e23", "1e-22", "1e-23",
        "7.3177701707893310e+15", "123456789012345678901234567890e-10", "0.000000000000000000000000001234",
        "1.00000000000000011102230246251565404236316680908203125", "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126", "2.0000000000000004440892098500626161694526672363281250",
        "4503599627370496.5", "4503599627370497.5", "1e308", "1e309", "8.98846567431158e307", "1e-324", "3e-324",
        "1e0000001", "1e1000000", "1e-1000000", "1.e5", ".5", "5.", "+5", "-", "+", ".", "e5", "1e", "1e+", "01", "-01",
        "00.5", "1.5.5", "12abc", "1x", "- 1", "--1", "1e5e5", "0x10", "inf", "nan", "1234567890123456789",
        "12345678901234567891", "1234567890123456789.5", "0.1234567890123456789", "0.12345678901234567891",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) check_str(cases[i]);
    /* a number longer than the reader's buffer for strtod */
    char big[900];
    memset(big, '7', sizeof big);
    big[1] = '.';
    check(big, sizeof big, true);
    big[sizeof big - 5] = 'e', big[sizeof big - 4] = '-', big[sizeof big - 3] = '3';
    check(big, sizeof big - 2, true);
    CU_ASSERT_EQUAL(mismatches, 0);
}

static uint64_t rng = 0x243F6A8885A308D3u;
static uint64_t rnd(void)
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Random decimal text: up to 30 digits with a point anywhere (or none),
 * leading zeros sometimes, an exponent sometimes. */
static size_t random_number(char *out)
{
    size_t k = 0;
    if (rnd() % 2) out[k++] = '-';
    int nd = 1 + (int)(rnd() % (rnd() % 4 ? 19 : 30));
    int point = rnd() % 3 ? (int)(rnd() % (unsigned)(nd + 1)) : -1;
    if (point == 0) out[k++] = '0';
    for (int i = 0; i < nd; i++) {
        if (i == point) out[k++] = '.';
        char c = (char)('0' + rnd() % 10);
        if (i == 0 && point != 0 && c == '0') c = '1';
        out[k++] = c;
    }
    if (point == nd) out[k++] = '.', out[k++] = '0';
    if (rnd() % 3 == 0) {
        out[k++] = rnd() % 2 ? 'e' : 'E';
        if (rnd() % 2) out[k++] = rnd() % 2 ? '-' : '+';
        k += (size_t)sprintf(out + k, "%d", (int)(rnd() % (rnd() % 2 ? 30 : 360)));
    }
    return k;
}

static void test_random(void)
{
    char buf[96];
    for (int i = 0; i < 400000; i++) {
        size_t n = random_number(buf);
        check(buf, n, true);
        check(buf, n, false);
    }
    CU_ASSERT_EQUAL(mismatches, 0);
}

static void test_random_doubles(void)
{
    /* the shortest and the 17-digit text of random doubles (any bits), and
     * the halfway point between two neighbours, which strtod must break by
     * even digits */
    char buf[64];
    for (int i = 0; i < 200000; i++) {
        uint64_t b = rnd() & 0x7FFFFFFFFFFFFFFFu;
        double d;
        memcpy(&d, &b, sizeof d);
        if (!isfinite(d)) continue;
        int n = snprintf(buf, sizeof buf, "%.17g", d);
        check(buf, (size_t)n, false);
        n = snprintf(buf, sizeof buf, "%.15g", d);
        check(buf, (size_t)n, false);
        n = fmt_double(d, buf);
        check(buf, (size_t)n, false);
        double next = nextafter(d, INFINITY);
        if (isfinite(next) && d > 1e-300 && d < 1e300) {
            n = snprintf(buf, sizeof buf, "%.25e", d / 2 + next / 2);
            check(buf, (size_t)n, false);
        }
    }
    CU_ASSERT_EQUAL(mismatches, 0);
}

static void test_pow10_table(void)
{
    /* the powers that fit 128 bits are exact; each entry is its neighbour
     * times ten, renormalized, within the rounding of both */
    unsigned __int128 p = 1;
    for (int e = 0; e <= 38; e++, p *= 10) {
        unsigned __int128 v = p;
        while (!(v >> 127)) v <<= 1;
        CU_ASSERT_EQUAL(pow10_table[e - POW10_TABLE_MIN][0], (uint64_t)(v >> 64));
        CU_ASSERT_EQUAL(pow10_table[e - POW10_TABLE_MIN][1], (uint64_t)v);
    }
    int bad = 0;
    for (int e = POW10_TABLE_MIN; e < POW10_TABLE_MAX; e++) {
        const uint64_t *a = pow10_table[e - POW10_TABLE_MIN], *b = pow10_table[e + 1 - POW10_TABLE_MIN];
        if (!(a[0] >> 63) || !(b[0] >> 63)) bad++;
        /* a * 10 has 131 or 132 bits: shift it back to 128 */
        unsigned __int128 lo = (unsigned __int128)a[1] * 10, hi = (unsigned __int128)a[0] * 10 + (uint64_t)(lo >> 64);
        int shift = (hi >> 67) ? 4 : 3;
        unsigned __int128 t = (hi << (64 - shift)) | ((uint64_t)lo >> shift);
        unsigned __int128 want = ((unsigned __int128)b[0] << 64) | b[1];
        /* just under 2^128 times ten, the exact power renormalizes one bit further (10^-1 to 10^0) */
        if (t >= ~(unsigned __int128)0 - 2 && want == (unsigned __int128)1 << 127) continue;
        if (want < t || want - t > 2) bad++;
    }
    CU_ASSERT_EQUAL(bad, 0);
}

void numparse_tests(void)
{
    static const TestCase cases[] = {
        {"edge cases as strtod and the reference", test_edges},
        {"random decimals as strtod and the reference", test_random},
        {"random doubles' texts and halfway points", test_random_doubles},
        {"the table of powers of ten", test_pow10_table},
        {NULL, NULL},
    };
    test_suite("numparse", cases);
}
