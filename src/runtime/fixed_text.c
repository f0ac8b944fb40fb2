#include "fixed_text.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const uint32_t pow10_u32[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};

/* What the fast path does not take (NaN, infinities, |x| >= 1e9, more than
 * nine decimals): printf itself. */
static void fixed_slow(Buf *b, double x, int decimals)
{
    char tmp[400];   /* "%.9f" of the largest double: 320 bytes */
    int n = decimals <= 9 ? snprintf(tmp, sizeof tmp, "%.*f", decimals, x) : -1;
    if (n >= 0 && (size_t)n < sizeof tmp) {
        buf_put(b, tmp, (size_t)n);
        return;
    }
    n = snprintf(NULL, 0, "%.*f", decimals, x);
    if (n < 0) return;
    buf_reserve(b, (size_t)n + 1);
    snprintf(b->p + b->len, (size_t)n + 1, "%.*f", decimals, x);
    b->len += (size_t)n;
}

void fmt_fixed(Buf *b, double x, int decimals)
{
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    bool neg = bits >> 63;
    int exp = (int)(bits >> 52 & 0x7FF);
    if (exp == 0x7FF || decimals < 0 || decimals > 9 || (neg ? -x : x) >= 1e9) {
        fixed_slow(b, x, decimals);
        return;
    }
    /* |x| = m / 2^sh exactly; |x| < 1e9 < 2^30 keeps sh > 22 */
    uint64_t m = bits & ((UINT64_C(1) << 52) - 1);
    int sh = 1074;
    if (exp) m |= UINT64_C(1) << 52, sh = 1075 - exp;
    /* n = |x| * 10^decimals rounded half to even, from the exact product
     * (below 2^53 * 2^30) */
    uint64_t n = 0;
    if (sh < 128) {   /* else |x| < 2^-74: n is 0 */
        unsigned __int128 prod = (unsigned __int128)m * pow10_u32[decimals];
        unsigned __int128 rem = prod & (((unsigned __int128)1 << sh) - 1), half = (unsigned __int128)1 << (sh - 1);
        n = (uint64_t)(prod >> sh);
        n += rem > half || (rem == half && (n & 1));
    }
    char tmp[32], *end = tmp + sizeof tmp, *q = end;
    uint64_t frac = n % pow10_u32[decimals], whole = n / pow10_u32[decimals];
    for (int i = 0; i < decimals; i++) *--q = (char)('0' + frac % 10), frac /= 10;
    if (decimals) *--q = '.';
    do *--q = (char)('0' + whole % 10), whole /= 10;
    while (whole);
    if (neg) *--q = '-';
    buf_put(b, q, (size_t)(end - q));
}
