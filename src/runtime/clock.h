/* Wall-clock time in UTC milliseconds. Tests pin it with clock_fix() so
 * arrival times and CURRENT_TIMESTAMP repeat exactly. */
#ifndef EDDY_CLOCK_H
#define EDDY_CLOCK_H
#include <stdbool.h>
#include <stdint.h>

int64_t clock_now_ms(void);
void clock_fix(int64_t ms);
bool clock_is_fixed(void);
/* A monotonic clock in microseconds (never fixed), for measuring how long
 * something took. */
int64_t clock_mono_us(void);

#endif
