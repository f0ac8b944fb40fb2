/* Numbers to and from text: the JSON reader, the writer and CAST share these. */
#ifndef EDDY_NUMTEXT_H
#define EDDY_NUMTEXT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A decimal number as written: sign, significant digits and exponent.
 * value = (neg ? -1 : 1) * digits * 10^exp10 (digits may have overflowed:
 * then `inexact` is set and only `dbl` is reliable). */
typedef struct NumText {
    bool neg;
    bool has_point_or_exp;   /* written as 1.5 or 1e3 rather than 15 */
    bool inexact;            /* more than 19 significant digits */
    uint64_t digits;
    int32_t exp10;
    double dbl;              /* correctly rounded */
} NumText;

/* Parse an SQL / JSON number: optional sign, digits, optional fraction,
 * optional exponent. Leading/trailing blanks are the caller's business.
 * Returns the number of bytes consumed, 0 when s does not start with a
 * number. json=true refuses what JSON refuses (leading '+', leading zeros,
 * '.5', '5.'). */
size_t num_parse(const char *s, size_t n, bool json, NumText *out);
/* num_parse without the double: out->dbl is left 0. For readers that need
 * the double of only some numbers. */
size_t num_scan(const char *s, size_t n, bool json, NumText *out);
/* The correctly rounded double of a number num_scan read from s (its len
 * bytes): exact fast paths (Clinger's, Eisel-Lemire's), strtod for the rest. */
double num_to_double(const NumText *nt, const char *s, size_t len);

/* ---- the usual number, inline for the readers' loops ---- */

/* An optional '-', an integer part (no leading zero), digits after a
 * point, an exponent of up to six digits, 19 digits in all. */
typedef struct NumSimple {
    uint64_t digits;
    int32_t exp10;
    bool neg, point;
} NumSimple;

/* The usual number at s in one pass: the bytes it takes, or 0 when the
 * text is not that simple (num_scan then decides, and gives the same
 * digits and exponent for what this takes). */
static inline __attribute__((always_inline)) size_t num_scan_simple(const char *s, const char *end, NumSimple *out)
{
    const char *p = s;
    bool neg = p < end && *p == '-';
    p += neg;
    const char *ds = p;
    uint64_t v = 0;
    unsigned dg;
    while (p < end && (dg = (unsigned char)(*p - '0')) < 10) v = v * 10 + dg, p++;
    size_t nd = (size_t)(p - ds);
    if (nd == 0 || (nd > 1 && *ds == '0')) return 0;
    int32_t frac = 0;
    bool point = false;
    if (p < end && *p == '.') {
        const char *fs = ++p;
        while (p < end && (dg = (unsigned char)(*p - '0')) < 10) v = v * 10 + dg, p++;
        frac = (int32_t)(p - fs);
        if (frac == 0) return 0;
        nd += (size_t)frac;
        point = true;
    }
    if (nd > 19) return 0;   /* v may have wrapped: the general scanner counts */
    int32_t e = 0;
    if (p < end && (*p | 0x20) == 'e') {
        const char *q = p + 1;
        bool eneg = false;
        if (q < end && (*q == '+' || *q == '-')) eneg = *q++ == '-';
        const char *es = q;
        while (q < end && (dg = (unsigned char)(*q - '0')) < 10 && q - es < 6) e = e * 10 + (int32_t)dg, q++;
        if (q == es || (q < end && (unsigned char)(*q - '0') < 10)) return 0;
        p = q;
        point = true;
        if (eneg) e = -e;
    }
    out->digits = v;
    out->exp10 = e - frac;
    out->neg = neg;
    out->point = point;
    return (size_t)(p - s);
}

extern const double num_exact_pow10[23];
/* man * 10^exp10 correctly rounded by Eisel-Lemire, or false when it
 * cannot settle the rounding (then strtod does). */
bool num_eisel_lemire(uint64_t man, int32_t exp10, bool neg, double *out);

/* The double of a NumSimple without strtod, if the exact fast paths can. */
static inline __attribute__((always_inline)) bool num_simple_double(const NumSimple *sm, double *out)
{
    uint64_t digits = sm->digits;
    int32_t e = sm->exp10;
    if (digits == 0) {
        *out = sm->neg ? -0.0 : 0.0;
        return true;
    }
    /* Clinger's fast path: exact when digits and 10^|e| are both exact doubles */
    if (digits <= (1ULL << 53) && e >= -22 && e <= 22) {
        double d = (double)digits;
        d = e < 0 ? d / num_exact_pow10[-e] : d * num_exact_pow10[e];
        *out = sm->neg ? -d : d;
        return true;
    }
    return num_eisel_lemire(digits, e, sm->neg, out);
}

/* The sign and integer part of a number that a byte other than a digit
 * follows before the buffer ends (a caller that saw its record end with
 * '}' knows that), read without a bound check for each digit: false when
 * there are no digits or a leading zero (not JSON); else the digits' value,
 * the sign, where the digits start and the byte after them. */
static inline __attribute__((always_inline)) bool num_closed_integer(const char *s, uint64_t *v, bool *neg,
                                                                     const char **digits, const char **after)
{
    const char *p = s;
    *neg = *p == '-';
    p += *neg;
    uint64_t x = (unsigned char)(*p - '0');
    if (x > 9) return false;
    unsigned dg;
    /* one test, not two: whether a price's integer part is 0 is a coin toss to the branch predictor */
    if ((x == 0) & ((unsigned char)(p[1] - '0') < 10)) return false;
    *digits = p++;
    while ((dg = (unsigned char)(*p - '0')) < 10) x = x * 10 + dg, p++;
    *v = x;
    *after = p;
    return true;
}

/* num_read_double under num_closed_integer's condition: only the
 * commonest shape is taken, [-]digits[.digits] of up to 2^53 with no
 * exponent. 0 for anything else, which num_read_double then reads; what
 * this takes, it reads to the same double. */
static inline __attribute__((always_inline)) size_t num_read_double_closed(const char *s, double *out)
{
    uint64_t v;
    bool neg;
    const char *ds, *p;
    if (!num_closed_integer(s, &v, &neg, &ds, &p)) return 0;
    unsigned dg;
    int frac = 0;
    if (*p == '.') {
        const char *fs = ++p;
        while ((dg = (unsigned char)(*p - '0')) < 10) v = v * 10 + dg, p++;
        frac = (int)(p - fs);
        if (frac == 0) return 0;
    }
    /* 19 digits cannot have wrapped; an exponent goes the general way */
    if (p - ds - (frac > 0) > 19 || (*p | 0x20) == 'e' || v > (1ULL << 53)) return 0;
    double d = (double)v / num_exact_pow10[frac];
    /* the sign by its bit, not a branch: signs come in no order the predictor could learn */
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    bits |= (uint64_t)neg << 63;
    memcpy(&d, &bits, sizeof d);
    *out = d;
    return (size_t)(p - s);
}

/* The integer of the same shape, [-]digits (up to 18, no point, no
 * exponent), under the same condition: 0 for anything else, which
 * num_scan and num_to_int64 then read. */
static inline __attribute__((always_inline)) size_t num_read_int_closed(const char *s, int64_t *out)
{
    uint64_t v;
    bool neg;
    const char *ds, *p;
    if (!num_closed_integer(s, &v, &neg, &ds, &p)) return 0;
    if (p - ds > 18 || *p == '.' || (*p | 0x20) == 'e') return 0;
    *out = (int64_t)((v ^ (0 - (uint64_t)neg)) + neg);   /* -v when neg, without a branch */
    return (size_t)(p - s);
}

/* The usual JSON number at s straight to its double, as num_parse gives
 * it: the bytes taken, or 0 when the number is not that simple or not
 * valid (then num_parse says which). */
static inline size_t num_read_double(const char *s, size_t n, double *out)
{
    NumSimple sm;
    size_t used = num_scan_simple(s, s + n, &sm);
    return used && num_simple_double(&sm, out) ? used : 0;
}

/* Integer value of a NumText if it is an exact integer fitting int64. */
bool num_to_int64(const NumText *nt, int64_t *out);
/* Scaled integer for DECIMAL(p,s); false on overflow or lost digits. */
bool num_to_decimal(const NumText *nt, int precision, int scale, int64_t *out);

/* Formatting; each returns the number of bytes written (no NUL needed).
 * Buffers of 32 bytes are enough. */
int fmt_int64(int64_t v, char *out);
int fmt_decimal(int64_t v, int scale, char *out);
/* Shortest text that reads back as the same double; "12.5", "50.0",
 * "1.0E21". NaN and infinities are the caller's business. */
int fmt_double(double v, char *out);
int fmt_real(float v, char *out);

#endif
