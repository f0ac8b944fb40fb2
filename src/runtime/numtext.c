#include "numtext.h"

#include "dtoa.h"
#include "pow10_table.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The general scanner: every form SQL and JSON allow, any number of digits. */
static size_t scan_general(const char *s, size_t n, bool json, NumText *out)
{
    size_t i = 0;
    memset(out, 0, sizeof *out);
    if (i < n && (s[i] == '-' || (!json && s[i] == '+'))) out->neg = s[i++] == '-';
    size_t int_start = i;
    uint64_t digits = 0;
    int ndig = 0;          /* significant digits taken into `digits` */
    int32_t dropped = 0;   /* integer digits beyond 19, as exponent */
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
        size_t j = i + 1;
        size_t fs = j;
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
    return i;
}

size_t num_scan(const char *s, size_t n, bool json, NumText *out)
{
    NumSimple sm;
    size_t used = num_scan_simple(s, s + n, &sm);
    if (!used) return scan_general(s, n, json, out);
    out->neg = sm.neg;
    out->has_point_or_exp = sm.point;
    out->inexact = false;
    out->digits = sm.digits;
    out->exp10 = sm.exp10;
    out->dbl = 0;
    return used;
}

const double num_exact_pow10[23] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

#ifdef __SIZEOF_INT128__
/* man * 10^exp10 correctly rounded (Eisel and Lemire, "Number Parsing at a
 * Gigabyte per Second", as Nigel Tao describes it and Go's strconv has it):
 * one or two 64x128-bit products against the table; false when the product
 * cannot settle the rounding (near a halfway point), for subnormal and
 * overflowing results and outside the table: then strtod decides. */
bool num_eisel_lemire(uint64_t man, int32_t exp10, bool neg, double *out)
{
    if (man == 0 || exp10 < POW10_TABLE_MIN || exp10 > POW10_TABLE_MAX) return false;
    int clz = __builtin_clzll(man);
    man <<= clz;
    /* 217706 / 2^16 is log2(10) closely enough over the table's range */
    uint64_t exp2 = (uint64_t)(((217706 * exp10) >> 16) + 64 + 1023) - (uint64_t)clz;
    const uint64_t *pow = pow10_table[exp10 - POW10_TABLE_MIN];
    unsigned __int128 x = (unsigned __int128)man * pow[0];
    uint64_t xhi = (uint64_t)(x >> 64), xlo = (uint64_t)x;
    if ((xhi & 0x1FF) == 0x1FF && xlo + man < man) {
        /* the high product alone leaves the rounding open: take the table's low half too */
        unsigned __int128 y = (unsigned __int128)man * pow[1];
        uint64_t yhi = (uint64_t)(y >> 64), ylo = (uint64_t)y;
        uint64_t mhi = xhi, mlo = xlo + yhi;
        if (mlo < xlo) mhi++;
        if ((mhi & 0x1FF) == 0x1FF && mlo + 1 == 0 && ylo + man < man) return false;
        xhi = mhi, xlo = mlo;
    }
    uint64_t msb = xhi >> 63;
    uint64_t mant = xhi >> (msb + 9);
    exp2 -= 1 ^ msb;
    if (xlo == 0 && (xhi & 0x1FF) == 0 && (mant & 3) == 1) return false;   /* exactly halfway? */
    mant += mant & 1;
    mant >>= 1;
    if (mant >> 53) {
        mant >>= 1;
        exp2++;
    }
    if (exp2 - 1 >= 0x7FF - 1) return false;   /* subnormal, infinite */
    uint64_t bits = exp2 << 52 | (mant & 0x000FFFFFFFFFFFFFu) | (neg ? 0x8000000000000000u : 0);
    memcpy(out, &bits, sizeof bits);
    return true;
}
#else
bool num_eisel_lemire(uint64_t man, int32_t exp10, bool neg, double *out)
{
    (void)man, (void)exp10, (void)neg, (void)out;
    return false;
}
#endif

double num_to_double(const NumText *nt, const char *s, size_t len)
{
    uint64_t digits = nt->digits;
    int32_t e = nt->exp10;
    double d;
    if (!nt->inexact) {
        NumSimple sm = {digits, e, nt->neg, false};
        if (num_simple_double(&sm, &d)) return d;
    } else {
        /* digits were cut after 19: the value lies strictly between digits
         * and digits + 1 (times 10^e); where both round alike, so does it */
        double up;
        if (num_eisel_lemire(digits, e, nt->neg, &d) && num_eisel_lemire(digits + 1, e, nt->neg, &up) && d == up) return d;
    }
    char tmp[64];
    char *big = NULL;
    char *p = tmp;
    if (len >= sizeof tmp) p = big = malloc(len + 1);
    if (!p) return NAN;
    memcpy(p, s, len);
    p[len] = 0;
    d = strtod(p, NULL);
    free(big);
    return d;
}

size_t num_parse(const char *s, size_t n, bool json, NumText *out)
{
    size_t used = num_scan(s, n, json, out);
    if (used) out->dbl = num_to_double(out, s, used);
    return used;
}

bool num_to_int64(const NumText *nt, int64_t *out)
{
    if (nt->inexact) return false;
    uint64_t v = nt->digits;
    int32_t e = nt->exp10;
    if (v == 0) { *out = 0; return true; }
    if (e < 0) {
        /* 100e-2 is the integer 1; 15e-1 is not an integer. */
        while (e < 0 && v % 10 == 0) v /= 10, e++;
        if (e < 0) return false;
    }
    while (e > 0) {
        if (v > UINT64_MAX / 10) return false;
        v *= 10;
        e--;
    }
    if (nt->neg) {
        if (v > (uint64_t)INT64_MAX + 1) return false;
        *out = (int64_t)(0 - v);
    } else {
        if (v > (uint64_t)INT64_MAX) return false;
        *out = (int64_t)v;
    }
    return true;
}

bool num_to_decimal(const NumText *nt, int precision, int scale, int64_t *out)
{
    if (nt->inexact) return false;
    uint64_t v = nt->digits;
    int32_t e = nt->exp10 + scale;
    if (v == 0) { *out = 0; return true; }
    while (e < 0) {
        if (v % 10 != 0) return false;   /* digits would be lost */
        v /= 10;
        e++;
    }
    while (e > 0) {
        if (v > UINT64_MAX / 10) return false;
        v *= 10;
        e--;
    }
    uint64_t limit = 1;
    for (int k = 0; k < precision; k++) limit *= 10;
    if (v >= limit) return false;
    *out = nt->neg ? -(int64_t)v : (int64_t)v;
    return true;
}

int fmt_int64(int64_t v, char *out)
{
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    int k = 0;
    if (v < 0) out[k++] = '-';
    while (n) out[k++] = tmp[--n];
    return k;
}

int fmt_decimal(int64_t v, int scale, char *out)
{
    if (scale == 0) return fmt_int64(v, out);
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n <= scale) tmp[n++] = '0';
    int k = 0;
    if (v < 0) out[k++] = '-';
    while (n > scale) out[k++] = tmp[--n];
    out[k++] = '.';
    while (n) out[k++] = tmp[--n];
    return k;
}

/* digits (no leading zeros, no trailing zeros), value = 0.d1d2... * 10^point */
static int emit_digits(bool neg, const char *dig, int nd, int point, char *out)
{
    int k = 0;
    if (neg) out[k++] = '-';
    if (point > 7 || point < -2) {
        /* d.dddE±x below 10^-3 and from 10^7 on, as Java's Double.toString writes them */
        out[k++] = dig[0];
        out[k++] = '.';
        if (nd > 1) {
            memcpy(out + k, dig + 1, (size_t)nd - 1);
            k += nd - 1;
        } else {
            out[k++] = '0';
        }
        out[k++] = 'E';
        k += fmt_int64(point - 1, out + k);
        return k;
    }
    if (point <= 0) {
        out[k++] = '0';
        out[k++] = '.';
        for (int z = 0; z < -point; z++) out[k++] = '0';
        memcpy(out + k, dig, (size_t)nd);
        return k + nd;
    }
    if (nd <= point) {
        memcpy(out + k, dig, (size_t)nd);
        k += nd;
        for (int z = nd; z < point; z++) out[k++] = '0';
        out[k++] = '.';
        out[k++] = '0';
        return k;
    }
    memcpy(out + k, dig, (size_t)point);
    k += point;
    out[k++] = '.';
    memcpy(out + k, dig + point, (size_t)(nd - point));
    return k + nd - point;
}

static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

static const uint64_t pow10_u64[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

/* The n lowest decimal digits of v, leading zeros included, ending at end. */
static inline void put_digits_back(char *end, uint64_t v, int n)
{
    for (; n >= 2; n -= 2, v /= 100, end -= 2) memcpy(end - 2, digit_pairs + 2 * (v % 100), 2);
    if (n) end[-1] = (char)('0' + v % 10);
}

static inline int digit_count(uint64_t v)
{
    int n = 1;
    for (; v >= 100; v /= 100) n += 2;
    return n + (v >= 10);
}

/* v (< 10^8) in decimal at o: the bytes written. In 32 bits, whose
 * divisions by constants are shorter than 64-bit ones. */
static inline int put_uint32(char *o, uint32_t v)
{
    if (v < 10) {
        *o = (char)('0' + v);
        return 1;
    }
    int n = v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6 : v < 10000000 ? 7 : 8;
    char *end = o + n;
    for (; v >= 100; v /= 100, end -= 2) memcpy(end - 2, digit_pairs + 2 * (v % 100), 2);
    if (v >= 10) memcpy(end - 2, digit_pairs + 2 * v, 2);
    else end[-1] = (char)('0' + v);
    return n;
}

/* fp (0 < fp < 10^8) as eight decimals at o without their trailing zeros:
 * how many are left. */
static inline int put_decimals8(char *o, uint32_t fp)
{
    uint32_t hi = fp / 10000, lo = fp % 10000;
    memcpy(o, digit_pairs + 2 * (hi / 100), 2);
    memcpy(o + 2, digit_pairs + 2 * (hi % 100), 2);
    memcpy(o + 4, digit_pairs + 2 * (lo / 100), 2);
    memcpy(o + 6, digit_pairs + 2 * (lo % 100), 2);
    int n = lo ? 8 : 4;
    while (o[n - 1] == '0') n--;   /* fp > 0: a digit stays */
    return n;
}

/* r / 10^k (r >= 1, k <= 8, its shortest digits) as emit_digits writes a
 * number whose point falls within its digits or just before them: the
 * integer part, a point and the decimals without their trailing zeros.
 * -1 when the number takes the exponent form instead. */
static int fmt_fixed(bool neg, uint64_t r, int k, char *out)
{
    uint64_t ip = r / pow10_u64[k], fp = r - ip * pow10_u64[k];
    if (ip >= 10000000 || (ip == 0 && k >= 3 && fp < pow10_u64[k - 3])) return -1;
    char *o = out;
    if (neg) *o++ = '-';
    int ni = digit_count(ip);
    put_digits_back(o + ni, ip, ni);
    o += ni;
    *o++ = '.';
    if (fp == 0) {
        *o++ = '0';
        return (int)(o - out);
    }
    put_digits_back(o + k, fp, k);
    o += k;
    while (o[-1] == '0') o--;   /* fp > 0: stops before the point */
    return (int)(o - out);
}

/* floor(m + 0.5) for 0 <= m < 2^52, by the integer conversion (floor is a
 * call, or a longer sequence, without SSE4.1) */
static inline double round_half_up(double m) { return (double)(int64_t)(m + 0.5); }

/* What fmt_shortest writes for the shortest k-decimal r / 10^k. */
static int fmt_decimals(bool neg, uint64_t r, int k, char *out)
{
    int n = fmt_fixed(neg, r, k, out);
    if (n >= 0) return n;
    char tmp[24], dig[24];
    int nd = 0;
    while (r) tmp[nd++] = (char)('0' + r % 10), r /= 10;
    for (int j = 0; j < nd; j++) dig[j] = tmp[nd - 1 - j];
    int point = nd - k;
    while (nd > 1 && dig[nd - 1] == '0') nd--;
    return emit_digits(neg, dig, nd, point, out);
}

static int fmt_shortest(double v, bool single, char *out)
{
    bool neg = signbit(v);
    double a = fabs(v);
    if (a == 0) return emit_digits(neg, "0", 1, 1, out);
    char dig[DTOA_DIGITS];
    int point;
    /* Most data has few decimals (prices, ratios): the smallest k with
     * round(a*10^k)/10^k == a reads back exactly, because the division and
     * strtod round the same exact rational; this is cheaper than the general
     * algorithm and gives the same digits. Past 8 decimals (averages,
     * ratios of sums) the search would cost more than the general algorithm
     * it then falls back to, so it stops there. A value with k <= 8
     * decimals also reads back from its 8-decimal rounding (the same exact
     * rational again): one test at 8 first tells whether the search can
     * succeed, so averages skip it. (Either way the digits are the
     * shortest, so the test changes only the cost.) */
    double m8 = a * 1e8;
    if (!single && a < 1e15 && a >= 1e-3 && m8 < 1125899906842624.0) {
        /* Below 2^50, a*1e8 lies within 0.19 of the integer R = r*10^(8-k)
         * for the shortest r/10^k that reads back (a is within half an ulp
         * of it, the product adds half an ulp of its own): R is the
         * rounding of m8, and its trailing zeros give k. One division, the
         * test, instead of one for each k tried: a division costs as much
         * as the rest of the formatting. */
        double r8 = round_half_up(m8);
        if (r8 / 1e8 == a) {
            uint64_t r = (uint64_t)r8, ip = r / 100000000, fp = r % 100000000;
            if (ip >= 10000000) {
                int k = 8;
                while (k > 0 && r % 10 == 0) r /= 10, k--;
                return fmt_decimals(neg, r, k, out);
            }
            /* fmt_fixed's text: the 8 decimals written, their trailing zeros dropped */
            char *o = out;
            if (neg) *o++ = '-';
            o += put_uint32(o, (uint32_t)ip);
            *o++ = '.';
            if (fp == 0) {
                *o++ = '0';
                return (int)(o - out);
            }
            return (int)(o - out) + put_decimals8(o, (uint32_t)fp);
        }
    } else if (!single && a < 1e15 && a >= 1e-3 && !(m8 < 4503599627370496.0 && round_half_up(m8) / 1e8 != a)) {
        for (int k = 0; k <= 8; k++) {
            double m = a * num_exact_pow10[k];
            /* below 2^52 the doubles near a are closer together than 10^-k,
             * so r is the only k-decimal candidate; above, two may read back */
            if (m >= 4503599627370496.0) break;
            double r = round_half_up(m);
            if (r / num_exact_pow10[k] == a) return fmt_decimals(neg, (uint64_t)r, k, out);
        }
    }
    int nd = single ? dtoa_shortest(a, 1, dig, &point) : shortest_digits(a, dig, &point);
    return emit_digits(neg, dig, nd, point, out);
}

int fmt_double(double v, char *out) { return fmt_shortest(v, false, out); }

/* A REAL prints with the digits that identify the float, not the double. */
int fmt_real(float v, char *out) { return fmt_shortest((double)v, true, out); }
