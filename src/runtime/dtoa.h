/* Shortest round-trip digits of a double or float. */
#ifndef EDDY_DTOA_H
#define EDDY_DTOA_H

#ifdef __cplusplus
extern "C" {
#endif

#define DTOA_DIGITS 32

/* Writes the significant digits of |v| (no sign, no point, at least one)
 * to digits and returns their count; the value is 0.d1d2... * 10^point.
 * v must be finite. */
int dtoa_shortest(double v, int single, char *digits, int *point);

/* The same digits for a double (v finite and positive) by Schubfach, in C
 * (shortest.c): several times faster. */
int shortest_digits(double v, char *digits, int *point);

#ifdef __cplusplus
}
#endif
#endif
