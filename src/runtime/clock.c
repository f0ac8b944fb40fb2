#include "clock.h"

#include <time.h>

static bool fixed;
static int64_t fixed_ms;

void clock_fix(int64_t ms)
{
    fixed = true;
    fixed_ms = ms;
}

bool clock_is_fixed(void) { return fixed; }

int64_t clock_now_ms(void)
{
    if (fixed) return fixed_ms;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}
