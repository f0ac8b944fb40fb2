/* The few math functions eddy takes from fdlibm to match Java's results. */
#ifndef EDDY_FDLIBM_H
#define EDDY_FDLIBM_H

double fdlibm_exp(double x);

#endif
