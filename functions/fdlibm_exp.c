/* exp() as fdlibm computes it. The KDA reference's examples come from
 * Java, whose StrictMath.exp is fdlibm; glibc's exp is correctly rounded
 * and differs from it in the last bit for some arguments (EXP(1) is
 * 2.7182818284590455 in the reference, 2.718281828459045 in glibc). eddy
 * follows the reference, so it carries this one function itself.
 * Algorithm and constants: fdlibm e_exp.c (Sun Microsystems, freely
 * redistributable). */
#include <stdint.h>
#include <string.h>

#include "fdlibm.h"

static double from_bits(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

static uint32_t high_word(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return (uint32_t)(b >> 32);
}

static uint32_t low_word(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return (uint32_t)b;
}

static double add_to_exponent(double y, int k)
{
    uint64_t b;
    memcpy(&b, &y, sizeof b);
    b += (uint64_t)(int64_t)k << 52;
    memcpy(&y, &b, sizeof y);
    return y;
}

double fdlibm_exp(double x)
{
    const double one = 1.0, huge = 1.0e+300;
    const double twom1000 = from_bits(0x0170000000000000ULL);
    const double o_threshold = from_bits(0x40862E42FEFA39EFULL);
    const double u_threshold = from_bits(0xC0874910D52D3051ULL);
    const double ln2HI[2] = {from_bits(0x3FE62E42FEE00000ULL), from_bits(0xBFE62E42FEE00000ULL)};
    const double ln2LO[2] = {from_bits(0x3DEA39EF35793C76ULL), from_bits(0xBDEA39EF35793C76ULL)};
    const double invln2 = from_bits(0x3FF71547652B82FEULL);
    const double P1 = from_bits(0x3FC555555555553EULL);
    const double P2 = from_bits(0xBF66C16C16BEBD93ULL);
    const double P3 = from_bits(0x3F11566AAF25DE2CULL);
    const double P4 = from_bits(0xBEBBBD41C5D26BF1ULL);
    const double P5 = from_bits(0x3E66376972BEA4D0ULL);
    const double halF[2] = {0.5, -0.5};

    double y, hi = 0, lo = 0, c, t;
    int k = 0;
    uint32_t hx = high_word(x);
    int xsb = (int)((hx >> 31) & 1);
    hx &= 0x7fffffff;

    if (hx >= 0x40862E42) {   /* |x| >= 709.78 */
        if (hx >= 0x7ff00000) {
            if (((hx & 0xfffff) | low_word(x)) != 0) return x + x;   /* NaN */
            return xsb == 0 ? x : 0.0;                               /* exp(+-inf) */
        }
        if (x > o_threshold) return huge * huge;           /* overflow */
        if (x < u_threshold) return twom1000 * twom1000;   /* underflow */
    }
    if (hx > 0x3fd62e42) {        /* |x| > 0.5 ln2: reduce */
        if (hx < 0x3FF0A2B2) {    /* and |x| < 1.5 ln2 */
            hi = x - ln2HI[xsb];
            lo = ln2LO[xsb];
            k = 1 - xsb - xsb;
        } else {
            k = (int)(invln2 * x + halF[xsb]);
            t = k;
            hi = x - t * ln2HI[0];
            lo = t * ln2LO[0];
        }
        x = hi - lo;
    } else if (hx < 0x3e300000) { /* |x| < 2^-28 */
        if (huge + x > one) return one + x;
    } else {
        k = 0;
    }
    t = x * x;
    c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    if (k == 0) return one - ((x * c) / (c - 2.0) - x);
    y = one - ((lo - (x * c) / (2.0 - c)) - hi);
    if (k >= -1021) return add_to_exponent(y, k);
    return add_to_exponent(y, k + 1000) * twom1000;
}
