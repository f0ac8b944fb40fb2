/* A running sum of DOUBLE values that values leave as cleanly as they came:
 * the accumulator of SUM and AVG over a sliding window (which adds each
 * row's value and takes it back when the row leaves) and of EXP_AVG.
 *
 * - Finite values below 2^960 in magnitude add into a Neumaier-compensated
 *   sum: the rounding error of each addition is kept apart, so a value far
 *   larger than the others (1e250 among prices) takes nothing of them with
 *   it when it leaves.
 * - Larger finite values add, scaled by 2^-128 (exactly), into a second
 *   compensated sum, which cannot overflow; neither can the first, so two
 *   1e308 make a sum beyond DOUBLE (an overflow, said by the caller), never
 *   an infinity inside the accumulator that no later value could undo.
 *   When the last large value leaves, that sum is exactly 0 again.
 * - NaN and infinities are only counted: while one is in, the sum is NaN or
 *   an infinity as IEEE arithmetic says; when it leaves, nothing of it is
 *   left behind. (eddy's DOUBLE values are finite; this keeps a window
 *   clean should one come in another way.)
 *
 * The common case costs one comparison more than a plain Neumaier sum. */
#ifndef EDDY_RUNSUM_H
#define EDDY_RUNSUM_H
#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#define RUNSUM_LARGE 0x1p960
#define RUNSUM_SCALE 0x1p-128

typedef struct RunSum {
    double lo, lo_c;        /* values below RUNSUM_LARGE: sum, compensation */
    double hi, hi_c;        /* larger ones, times RUNSUM_SCALE */
    int32_t nrare;          /* values not in lo: nhi + nnan + npinf + nninf */
    int32_t nhi;            /* values in hi */
    int32_t nnan, npinf, nninf;
} RunSum;

static inline void runsum_neumaier(double *sum, double *comp, double x)
{
    double t = *sum + x;
    if (fabs(*sum) >= fabs(x)) *comp += (*sum - t) + x;
    else *comp += (x - t) + *sum;
    *sum = t;
}

/* Values that are not small and finite: dir +1 adds, -1 takes back. */
static inline void runsum_rare(RunSum *s, double x, int dir)
{
    s->nrare += dir;
    if (isnan(x)) s->nnan += dir;
    else if (isinf(x)) *(x > 0 ? &s->npinf : &s->nninf) += dir;
    else {
        runsum_neumaier(&s->hi, &s->hi_c, dir * x * RUNSUM_SCALE);
        if ((s->nhi += dir) == 0) s->hi = s->hi_c = 0;
    }
}

static inline void runsum_add(RunSum *s, double x)
{
    if (__builtin_expect(fabs(x) < RUNSUM_LARGE, 1)) runsum_neumaier(&s->lo, &s->lo_c, x);
    else runsum_rare(s, x, 1);
}

static inline void runsum_remove(RunSum *s, double x)
{
    if (__builtin_expect(fabs(x) < RUNSUM_LARGE, 1)) runsum_neumaier(&s->lo, &s->lo_c, -x);
    else runsum_rare(s, x, -1);
}

/* Multiplies every value in by f (0 < f <= 1): EXP_AVG rescales its weights. */
static inline void runsum_scale(RunSum *s, double f)
{
    s->lo *= f, s->lo_c *= f, s->hi *= f, s->hi_c *= f;
}

/* Whether every value in is small and finite: the sum is then (lo + lo_c),
 * finite (below 2^960 times the count). */
static inline bool runsum_plain(const RunSum *s) { return s->nrare == 0; }

/* The sum divided by d (d >= 1: 1 for SUM, the count for AVG): NaN or an
 * infinity while one is in; else finite, or an infinity when the result
 * itself is beyond DOUBLE (an overflow for the caller to report). */
static inline double runsum_value(const RunSum *s, double d)
{
    if (__builtin_expect(runsum_plain(s), 1)) return (s->lo + s->lo_c) / d;
    if (s->nnan || (s->npinf && s->nninf)) return NAN;
    if (s->npinf) return INFINITY;
    if (s->nninf) return -INFINITY;
    /* scaled down, the small part may lose bits that are below the large
     * part's precision anyway */
    return ((s->hi + s->hi_c) / d + (s->lo + s->lo_c) / d * RUNSUM_SCALE) / RUNSUM_SCALE;
}

/* Whether an infinite result comes from the values in (NaN and infinities
 * stand for themselves) rather than from a sum of finite values too large. */
static inline bool runsum_has_nonfinite(const RunSum *s) { return (s->nnan | s->npinf | s->nninf) != 0; }

#endif
