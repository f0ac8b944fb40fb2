/* A double with a fixed number of decimals, as printf's "%.Nf" writes it
 * (glibc: the exact binary value rounded half to even), without printf's
 * cost: RANDOM_CUT_FOREST_WITH_EXPLANATION writes four such numbers a row. */
#ifndef EDDY_RUNTIME_FIXED_TEXT_H
#define EDDY_RUNTIME_FIXED_TEXT_H
#include "buf.h"

/* Appends x with `decimals` digits after the point (0 .. 9; more goes to
 * snprintf); the same bytes as snprintf's "%.*f", NaN and infinities too. */
void fmt_fixed(Buf *b, double x, int decimals);

#endif
