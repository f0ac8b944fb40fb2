/* 128-bit approximations of the powers of ten (pow10_table.c). */
#ifndef EDDY_POW10_TABLE_H
#define EDDY_POW10_TABLE_H
#include <stdint.h>

#define POW10_TABLE_MIN (-348)
#define POW10_TABLE_MAX 347

/* pow10_table[e - POW10_TABLE_MIN] = {high, low} 64 bits of 10^e, normalized, rounded down */
extern const uint64_t pow10_table[POW10_TABLE_MAX - POW10_TABLE_MIN + 1][2];

#endif
