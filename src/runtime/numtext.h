/* Numbers to and from text: the JSON reader, the writer and CAST share these. */
#ifndef EDDY_NUMTEXT_H
#define EDDY_NUMTEXT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
/* The usual JSON number at s (at most 19 digits) straight to its double,
 * as num_parse would give it; the bytes taken, or 0 when the number is
 * not that simple or not valid (then num_parse says which). */
size_t num_read_double(const char *s, size_t n, double *out);

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
