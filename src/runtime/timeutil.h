/* Calendar arithmetic and the text forms of DATE, TIME, TIMESTAMP and
 * INTERVAL. All times are UTC milliseconds; there are no time zones in
 * the dialect. */
#ifndef EDDY_TIMEUTIL_H
#define EDDY_TIMEUTIL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "type.h"

#define MS_PER_SECOND 1000LL
#define MS_PER_MINUTE 60000LL
#define MS_PER_HOUR 3600000LL
#define MS_PER_DAY 86400000LL

int64_t time_days_from_civil(int64_t y, int m, int d);
void time_civil_from_days(int64_t days, int64_t *y, int *m, int *d);
int time_days_in_month(int64_t y, int m);

static inline int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}
static inline int64_t floor_mod(int64_t a, int64_t b) { return a - floor_div(a, b) * b; }

/* Parsers accept surrounding blanks. TIMESTAMP: 'YYYY-MM-DD[ |T]HH:MM[:SS[.fff]]'
 * with an optional 'Z' or ±HH:MM offset (converted to UTC), or a bare date.
 * Digits past milliseconds are truncated. */
bool time_parse_timestamp(const char *s, size_t n, int64_t *ms);
bool time_parse_date(const char *s, size_t n, int64_t *days);
bool time_parse_time(const char *s, size_t n, int64_t *ms);

/* Writers return bytes written; 40 bytes are always enough. */
int time_format_timestamp(int64_t ms, char *out);   /* 2024-01-02 03:04:05.678 */
int time_format_date(int64_t days, char *out);      /* 2024-01-02 */
int time_format_time(int64_t ms, char *out);        /* 03:04:05.678 */

/* Interval literal text for the qualifier hi [TO lo]: '3 4' DAY TO HOUR,
 * '-1-6' YEAR TO MONTH, '1.5' SECOND. Gives milliseconds (day-time) or
 * months (year-month). */
bool time_parse_interval(const char *s, size_t n, TimeUnit hi, TimeUnit lo, int64_t *out,
                         const char **why);
int time_format_interval(int64_t v, SqlType t, char *out);  /* +1 02:03:04.000 */

/* Milliseconds (day-time units) or months (YEAR, MONTH) in one unit. */
int64_t time_unit_size(TimeUnit u);

/* FLOOR / CEIL of a timestamp to a unit (YEAR ... SECOND). */
int64_t time_floor_to(int64_t ms, TimeUnit u);
int64_t time_ceil_to(int64_t ms, TimeUnit u);
/* timestamp + months, day clamped to the month's end as SQL does */
int64_t time_add_months(int64_t ms, int64_t months);

#endif
