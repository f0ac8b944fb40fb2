/* The shortest digits that read back as the same double, by Raffaello
 * Giulietti's Schubfach ("The Schubfach way to render doubles", 2020; the
 * algorithm of Java's Double.toString since JDK 19), after Alexander
 * Bolz's C++ rendering of it. Among the shortest decimals in the double's
 * rounding interval it takes the nearest, an even last digit on a tie: the
 * digits double-conversion's shortest mode gives (numtext_test.c compares
 * them over random doubles), at a fraction of its cost. Three 64x128-bit
 * products against a power of ten rounded up, derived from the table the
 * number reader uses (pow10_table.c, rounded down). */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "dtoa.h"
#include "pow10_table.h"

#ifdef __SIZEOF_INT128__
typedef unsigned __int128 u128;

/* floor(e * log10(2)), floor(e * log10(3/4 * 2)), floor(e * log2(10)) over
 * the exponents of doubles (checked exactly for |e| <= 1500 and 1233) */
static inline int floor_log10_pow2(int e) { return (e * 1262611) >> 22; }
static inline int floor_log10_three_quarters_pow2(int e) { return (e * 1262611 - 524031) >> 22; }
static inline int floor_log2_pow10(int e) { return (e * 1741647) >> 19; }

/* 10^k normalized to [2^127, 2^128) and rounded up: the table's value
 * rounded down, plus one where it is not exact (10^k for 0 <= k <= 55 fits
 * 128 bits exactly). */
static inline void pow10_up(int k, uint64_t *hi, uint64_t *lo)
{
    const uint64_t *t = pow10_table[k - POW10_TABLE_MIN];
    *hi = t[0];
    *lo = t[1];
    if (k < 0 || k > 55) {
        if (++*lo == 0) ++*hi;
    }
}

/* The high 64 bits of g * cp (g 128 bits), their lowest bit set when any
 * lower bit is: rounding to odd keeps what the comparisons need. */
static inline uint64_t round_to_odd(uint64_t ghi, uint64_t glo, uint64_t cp)
{
    u128 x = (u128)cp * glo;
    u128 y = (u128)cp * ghi + (uint64_t)(x >> 64);
    uint64_t y0 = (uint64_t)y, y1 = (uint64_t)(y >> 64);
    return y1 | (y0 > 1);
}

int shortest_digits(double v, char *digits, int *point)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    uint64_t fraction = bits & 0x000FFFFFFFFFFFFFu, biased = (bits >> 52) & 0x7FF;
    uint64_t c, out;
    int q, k;
    if (biased) {
        c = fraction | (1ULL << 52);
        q = (int)biased - 1075;
    } else {
        c = fraction;
        q = 1 - 1075;
    }
    if (biased && q <= 0 && q > -53 && (c & ((1ULL << -q) - 1)) == 0) {
        /* an integer below 2^53: its own digits are the shortest */
        out = c >> -q;
        k = 0;
    } else {
        bool even = (c & 1) == 0;
        bool closer_below = fraction == 0 && biased > 1;   /* at a power of two the gap below is half */
        uint64_t cbl = 4 * c - 2 + closer_below, cb = 4 * c, cbr = 4 * c + 2;
        k = closer_below ? floor_log10_three_quarters_pow2(q) : floor_log10_pow2(q);
        int h = q + floor_log2_pow10(-k) + 1;
        uint64_t ghi, glo;
        pow10_up(-k, &ghi, &glo);
        uint64_t vbl = round_to_odd(ghi, glo, cbl << h), vb = round_to_odd(ghi, glo, cb << h),
                 vbr = round_to_odd(ghi, glo, cbr << h);
        uint64_t lower = vbl + !even, upper = vbr - !even;
        uint64_t s = vb / 4;
        bool done = false;
        if (s >= 10) {
            /* one digit less, if exactly one of the two candidates is inside */
            uint64_t sp = s / 10;
            bool up_inside = lower <= 40 * sp, wp_inside = 40 * sp + 40 <= upper;
            if (up_inside != wp_inside) out = sp + wp_inside, k++, done = true;
        }
        if (!done) {
            bool u_inside = lower <= 4 * s, w_inside = 4 * s + 4 <= upper;
            if (u_inside != w_inside) {
                out = s + w_inside;
            } else {
                uint64_t mid = 4 * s + 2;
                out = s + (vb > mid || (vb == mid && (s & 1) != 0));
            }
        }
    }
    while (out % 10 == 0) out /= 10, k++;
    /* its digit count from its bit length (1233 / 4096 ~ log10(2)), then two digits a step from the end */
    static const uint64_t pow10[20] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
                                       10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
                                       100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
                                       100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL};
    static const char pairs[] = "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
                                "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
                                "8081828384858687888990919293949596979899";
    int n = ((64 - __builtin_clzll(out)) * 1233 >> 12) + 1;
    if (out < pow10[n - 1]) n--;
    char *e = digits + n;
    for (; out >= 100000000; out /= 100000000) {
        /* eight digits in 32-bit arithmetic, cheaper than 64-bit division */
        uint32_t r = (uint32_t)(out % 100000000);
        for (int i = 0; i < 4; i++, r /= 100) e -= 2, memcpy(e, pairs + 2 * (r % 100), 2);
    }
    uint32_t r = (uint32_t)out;
    for (; r >= 100; r /= 100) e -= 2, memcpy(e, pairs + 2 * (r % 100), 2);
    if (r >= 10) memcpy(e - 2, pairs + 2 * r, 2);
    else e[-1] = (char)('0' + r);
    *point = n + k;
    return n;
}
#else
int shortest_digits(double v, char *digits, int *point) { return dtoa_shortest(v, 0, digits, point); }
#endif
