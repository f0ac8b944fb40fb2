#include <stdio.h>
#include <time.h>
#include <string.h>

#include "src/test.h"
#include "timeutil.h"

/* Parses a string literal through the length-taking API. */
#define TS(s, out) time_parse_timestamp((s), strlen(s), (out))
#define DATE(s, out) time_parse_date((s), strlen(s), (out))
#define TIME(s, out) time_parse_time((s), strlen(s), (out))

static int64_t civil_ms(int64_t y, int m, int d, int h, int mi, int s, int ms)
{
    return time_days_from_civil(y, m, d) * MS_PER_DAY + h * MS_PER_HOUR + mi * MS_PER_MINUTE + s * MS_PER_SECOND + ms;
}

static const char *fmt_ts(int64_t ms)
{
    static char buf[48];
    buf[time_format_timestamp(ms, buf)] = 0;
    return buf;
}

static bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static void test_civil_round_trip(void)
{
    /* every day from year -1200 to 2800, walked one day at a time, must
     * come back as the next calendar date */
    int64_t y = -1200;
    int m = 1, d = 1;
    int64_t first = time_days_from_civil(y, m, d);
    int bad = 0;
    for (int64_t z = first; y < 2800; z++) {
        int64_t yy;
        int mm, dd;
        time_civil_from_days(z, &yy, &mm, &dd);
        if (yy != y || mm != m || dd != d || time_days_from_civil(y, m, d) != z) bad++;
        if (++d > time_days_in_month(y, m)) {
            d = 1;
            if (++m > 12) m = 1, y++;
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_EQUAL(time_days_from_civil(1970, 1, 1), 0);
    CU_ASSERT_EQUAL(time_days_from_civil(1969, 12, 31), -1);
    CU_ASSERT_EQUAL(time_days_from_civil(2000, 3, 1), 11017);
    CU_ASSERT_EQUAL(time_days_from_civil(0, 1, 1), -719528);
    /* far years round trip too */
    int64_t far[] = {-5000000, -400, -1, 0, 1, 99999, 5000000};
    for (size_t i = 0; i < sizeof far / sizeof far[0]; i++) {
        int64_t yy;
        int mm, dd;
        time_civil_from_days(time_days_from_civil(far[i], 2, 28) + 1, &yy, &mm, &dd);
        CU_ASSERT_EQUAL(yy, far[i]);
        CU_ASSERT_EQUAL(mm, is_leap(far[i]) ? 2 : 3);
        CU_ASSERT_EQUAL(dd, is_leap(far[i]) ? 29 : 1);
    }
}

static void test_days_in_month(void)
{
    CU_ASSERT_EQUAL(time_days_in_month(2024, 2), 29);
    CU_ASSERT_EQUAL(time_days_in_month(2023, 2), 28);
    CU_ASSERT_EQUAL(time_days_in_month(1900, 2), 28);
    CU_ASSERT_EQUAL(time_days_in_month(2000, 2), 29);
    CU_ASSERT_EQUAL(time_days_in_month(-4, 2), 29);
    CU_ASSERT_EQUAL(time_days_in_month(-1, 2), 28);
    CU_ASSERT_EQUAL(time_days_in_month(-100, 2), 28);
    CU_ASSERT_EQUAL(time_days_in_month(-400, 2), 29);
    CU_ASSERT_EQUAL(time_days_in_month(2024, 4), 30);
    CU_ASSERT_EQUAL(time_days_in_month(2024, 12), 31);
}

static void test_parse_timestamp(void)
{
    int64_t ms = -1;
    CU_ASSERT(TS("2024-01-02 03:04:05.678", &ms));
    CU_ASSERT_EQUAL(ms, civil_ms(2024, 1, 2, 3, 4, 5, 678));
    CU_ASSERT(TS("2024-01-02T03:04:05.678", &ms));
    CU_ASSERT_EQUAL(ms, civil_ms(2024, 1, 2, 3, 4, 5, 678));
    CU_ASSERT(TS("  2024-01-02 03:04  ", &ms));
    CU_ASSERT_EQUAL(ms, civil_ms(2024, 1, 2, 3, 4, 0, 0));
    CU_ASSERT(TS("2024-01-02", &ms));
    CU_ASSERT_EQUAL(ms, civil_ms(2024, 1, 2, 0, 0, 0, 0));
    CU_ASSERT(TS("2024-02-29 00:00:00", &ms));
    /* one and two fraction digits are tenths and hundredths */
    CU_ASSERT(TS("2024-01-02 03:04:05.5", &ms));
    CU_ASSERT_EQUAL(ms % 1000, 500);
    CU_ASSERT(TS("2024-01-02 03:04:05.05", &ms));
    CU_ASSERT_EQUAL(ms % 1000, 50);
    /* digits past milliseconds are truncated, never rounded */
    CU_ASSERT(TS("2024-01-02 03:04:05.123999", &ms));
    CU_ASSERT_EQUAL(ms, civil_ms(2024, 1, 2, 3, 4, 5, 123));
    CU_ASSERT(TS("1969-12-31 23:59:59.9999", &ms));
    CU_ASSERT_EQUAL(ms, -1);
    /* zones convert to UTC */
    CU_ASSERT(TS("2024-01-02T03:04:05Z", &ms));
    CU_ASSERT_EQUAL(ms, civil_ms(2024, 1, 2, 3, 4, 5, 0));
    CU_ASSERT(TS("2024-01-02T03:04:05+02:00", &ms));
    CU_ASSERT_EQUAL(ms, civil_ms(2024, 1, 2, 1, 4, 5, 0));
    CU_ASSERT(TS("2024-01-02T03:04:05-05:30", &ms));
    CU_ASSERT_EQUAL(ms, civil_ms(2024, 1, 2, 8, 34, 5, 0));
    CU_ASSERT(TS("2024-01-01T00:30:00+01:00", &ms));
    CU_ASSERT_EQUAL(ms, civil_ms(2023, 12, 31, 23, 30, 0, 0));
    /* invalid fields */
    CU_ASSERT_FALSE(TS("2024-13-01 00:00:00", &ms));
    CU_ASSERT_FALSE(TS("2024-00-01 00:00:00", &ms));
    CU_ASSERT_FALSE(TS("2023-02-29 00:00:00", &ms));
    CU_ASSERT_FALSE(TS("2024-04-31", &ms));
    CU_ASSERT_FALSE(TS("2024-01-00", &ms));
    CU_ASSERT_FALSE(TS("2024-01-02 24:00:00", &ms));
    CU_ASSERT_FALSE(TS("2024-01-02 23:60:00", &ms));
    CU_ASSERT_FALSE(TS("2024-01-02 23:59:60", &ms));
    CU_ASSERT_FALSE(TS("2024-01-02 23:59:59.", &ms));
    CU_ASSERT_FALSE(TS("2024-01-02T", &ms));
    CU_ASSERT_FALSE(TS("2024-01-02 03:04:05 x", &ms));
    CU_ASSERT_FALSE(TS("2024-01-02 03:04:05+2", &ms));
    CU_ASSERT_FALSE(TS("", &ms));
    CU_ASSERT_FALSE(TS("hello", &ms));
    CU_ASSERT_FALSE(TS("2024/01/02", &ms));
}

static void test_parse_date_time(void)
{
    int64_t v = -1;
    CU_ASSERT(DATE("1970-01-01", &v));
    CU_ASSERT_EQUAL(v, 0);
    CU_ASSERT(DATE(" 2000-03-01 ", &v));
    CU_ASSERT_EQUAL(v, 11017);
    CU_ASSERT_FALSE(DATE("2000-03-01 00:00:00", &v));
    CU_ASSERT_FALSE(DATE("2001-02-29", &v));
    CU_ASSERT_FALSE(DATE("2000-3", &v));
    CU_ASSERT(TIME("00:00:00", &v));
    CU_ASSERT_EQUAL(v, 0);
    CU_ASSERT(TIME("23:59:59.999", &v));
    CU_ASSERT_EQUAL(v, MS_PER_DAY - 1);
    CU_ASSERT(TIME("12:34", &v));
    CU_ASSERT_EQUAL(v, 12 * MS_PER_HOUR + 34 * MS_PER_MINUTE);
    CU_ASSERT(TIME("01:02:03.4567", &v));
    CU_ASSERT_EQUAL(v, MS_PER_HOUR + 2 * MS_PER_MINUTE + 3456);
    CU_ASSERT_FALSE(TIME("24:00:00", &v));
    CU_ASSERT_FALSE(TIME("10:60", &v));
    CU_ASSERT_FALSE(TIME("10", &v));
    CU_ASSERT_FALSE(TIME("10:00:00Z", &v));
}

static void test_format(void)
{
    char buf[48];
    CU_ASSERT_STRING_EQUAL(fmt_ts(0), "1970-01-01 00:00:00.000");
    CU_ASSERT_STRING_EQUAL(fmt_ts(-1), "1969-12-31 23:59:59.999");
    CU_ASSERT_STRING_EQUAL(fmt_ts(civil_ms(2024, 2, 29, 13, 5, 9, 7)), "2024-02-29 13:05:09.007");
    CU_ASSERT_STRING_EQUAL(fmt_ts(civil_ms(5, 6, 7, 0, 0, 0, 0)), "0005-06-07 00:00:00.000");
    buf[time_format_date(-1, buf)] = 0;
    CU_ASSERT_STRING_EQUAL(buf, "1969-12-31");
    buf[time_format_time(MS_PER_DAY - 1, buf)] = 0;
    CU_ASSERT_STRING_EQUAL(buf, "23:59:59.999");
    /* the formatted text parses back to the same instant */
    int64_t samples[] = {0, -1, 1, 951782400123, -62135596800000, 253402300799999};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        int64_t back = 0;
        const char *t = fmt_ts(samples[i]);
        CU_ASSERT(TS(t, &back));
        CU_ASSERT_EQUAL(back, samples[i]);
    }
}

static bool interval(const char *s, TimeUnit hi, TimeUnit lo, int64_t *out)
{
    const char *why = NULL;
    bool ok = time_parse_interval(s, strlen(s), hi, lo, out, &why);
    if (!ok) CU_ASSERT_PTR_NOT_NULL(why);
    return ok;
}

static void test_parse_interval(void)
{
    int64_t v = 0;
    CU_ASSERT(interval("2 3:4:5.678", TU_DAY, TU_SECOND, &v));
    CU_ASSERT_EQUAL(v, 2 * MS_PER_DAY + 3 * MS_PER_HOUR + 4 * MS_PER_MINUTE + 5 * MS_PER_SECOND + 678);
    CU_ASSERT(interval("3 4", TU_DAY, TU_HOUR, &v));
    CU_ASSERT_EQUAL(v, 3 * MS_PER_DAY + 4 * MS_PER_HOUR);
    CU_ASSERT(interval("-1-6", TU_YEAR, TU_MONTH, &v));
    CU_ASSERT_EQUAL(v, -18);
    CU_ASSERT(interval("3-4", TU_YEAR, TU_MONTH, &v));
    CU_ASSERT_EQUAL(v, 40);
    CU_ASSERT(interval("2", TU_YEAR, TU_NONE, &v));
    CU_ASSERT_EQUAL(v, 24);
    CU_ASSERT(interval("7", TU_MONTH, TU_NONE, &v));
    CU_ASSERT_EQUAL(v, 7);
    CU_ASSERT(interval("5", TU_DAY, TU_NONE, &v));
    CU_ASSERT_EQUAL(v, 5 * MS_PER_DAY);
    CU_ASSERT(interval("36", TU_HOUR, TU_NONE, &v));   /* leading field is not bounded */
    CU_ASSERT_EQUAL(v, 36 * MS_PER_HOUR);
    CU_ASSERT(interval("90", TU_MINUTE, TU_NONE, &v));
    CU_ASSERT_EQUAL(v, 90 * MS_PER_MINUTE);
    CU_ASSERT(interval("1.5", TU_SECOND, TU_NONE, &v));
    CU_ASSERT_EQUAL(v, 1500);
    CU_ASSERT(interval("0.0019", TU_SECOND, TU_NONE, &v));   /* truncated past ms */
    CU_ASSERT_EQUAL(v, 1);
    CU_ASSERT(interval("10:30", TU_HOUR, TU_MINUTE, &v));
    CU_ASSERT_EQUAL(v, 10 * MS_PER_HOUR + 30 * MS_PER_MINUTE);
    CU_ASSERT(interval("1:2:3", TU_HOUR, TU_SECOND, &v));
    CU_ASSERT_EQUAL(v, MS_PER_HOUR + 2 * MS_PER_MINUTE + 3 * MS_PER_SECOND);
    CU_ASSERT(interval("5:06.5", TU_MINUTE, TU_SECOND, &v));
    CU_ASSERT_EQUAL(v, 5 * MS_PER_MINUTE + 6500);
    CU_ASSERT(interval("-3 4:20", TU_DAY, TU_MINUTE, &v));
    CU_ASSERT_EQUAL(v, -(3 * MS_PER_DAY + 4 * MS_PER_HOUR + 20 * MS_PER_MINUTE));
    CU_ASSERT(interval(" +1 ", TU_DAY, TU_NONE, &v));
    CU_ASSERT_EQUAL(v, MS_PER_DAY);
    /* bad fields; an out-of-range hour says which field is wrong */
    const char *why = NULL;
    CU_ASSERT_FALSE(time_parse_interval("1 24", 4, TU_DAY, TU_HOUR, &v, &why));
    CU_ASSERT(why && strstr(why, "hour"));
    CU_ASSERT(interval("24:00", TU_HOUR, TU_MINUTE, &v));   /* the leading field may exceed 23 */
    CU_ASSERT_EQUAL(v, 24 * MS_PER_HOUR);
    CU_ASSERT_FALSE(interval("1 2:60", TU_DAY, TU_MINUTE, &v));
    CU_ASSERT_FALSE(interval("1:00:60", TU_HOUR, TU_SECOND, &v));
    CU_ASSERT_FALSE(interval("1-12", TU_YEAR, TU_MONTH, &v));
    CU_ASSERT_FALSE(interval("1", TU_YEAR, TU_MONTH, &v));
    CU_ASSERT_FALSE(interval("3", TU_DAY, TU_HOUR, &v));
    CU_ASSERT_FALSE(interval("3 4", TU_DAY, TU_NONE, &v));
    CU_ASSERT_FALSE(interval("", TU_DAY, TU_NONE, &v));
    CU_ASSERT_FALSE(interval("x", TU_SECOND, TU_NONE, &v));
    CU_ASSERT_FALSE(interval("1.", TU_SECOND, TU_NONE, &v));
    CU_ASSERT_FALSE(interval("1.5", TU_MINUTE, TU_NONE, &v));
    CU_ASSERT_FALSE(interval("1 2:3", TU_DAY, TU_SECOND, &v));
}

static const char *fmt_iv(int64_t v, TypeId id, TimeUnit hi, TimeUnit lo)
{
    static char buf[64];
    SqlType t = type_make(id);
    t.unit_hi = (uint8_t)hi;
    t.unit_lo = (uint8_t)lo;
    buf[time_format_interval(v, t, buf)] = 0;
    return buf;
}

static void test_format_interval(void)
{
    CU_ASSERT_STRING_EQUAL(fmt_iv(2 * MS_PER_DAY + 3 * MS_PER_HOUR + 4 * MS_PER_MINUTE + 5678, TY_INTERVAL_DT, TU_DAY, TU_SECOND),
                           "+2 03:04:05.678");
    CU_ASSERT_STRING_EQUAL(fmt_iv(-(2 * MS_PER_DAY + 4 * MS_PER_HOUR), TY_INTERVAL_DT, TU_DAY, TU_HOUR), "-2 04");
    CU_ASSERT_STRING_EQUAL(fmt_iv(3 * MS_PER_DAY + 4 * MS_PER_HOUR + 20 * MS_PER_MINUTE, TY_INTERVAL_DT, TU_DAY, TU_MINUTE), "+3 04:20");
    CU_ASSERT_STRING_EQUAL(fmt_iv(371000, TY_INTERVAL_DT, TU_MINUTE, TU_SECOND), "+6:11");
    CU_ASSERT_STRING_EQUAL(fmt_iv(371000, TY_INTERVAL_DT, TU_SECOND, TU_SECOND), "+371");
    CU_ASSERT_STRING_EQUAL(fmt_iv(52, TY_INTERVAL_YM, TU_YEAR, TU_MONTH), "+4-04");
    CU_ASSERT_STRING_EQUAL(fmt_iv(-18, TY_INTERVAL_YM, TU_YEAR, TU_MONTH), "-1-06");
    CU_ASSERT_STRING_EQUAL(fmt_iv(40, TY_INTERVAL_YM, TU_MONTH, TU_MONTH), "+40");
    CU_ASSERT_STRING_EQUAL(fmt_iv(90 * MS_PER_MINUTE, TY_INTERVAL_DT, TU_MINUTE, TU_MINUTE), "+90");
    CU_ASSERT_STRING_EQUAL(fmt_iv(1500, TY_INTERVAL_DT, TU_SECOND, TU_SECOND), "+1.500");
}

static void test_floor_ceil(void)
{
    int64_t t = civil_ms(2004, 5, 17, 13, 48, 23, 456);
    CU_ASSERT_EQUAL(time_floor_to(t, TU_YEAR), civil_ms(2004, 1, 1, 0, 0, 0, 0));
    CU_ASSERT_EQUAL(time_floor_to(t, TU_MONTH), civil_ms(2004, 5, 1, 0, 0, 0, 0));
    CU_ASSERT_EQUAL(time_floor_to(t, TU_DAY), civil_ms(2004, 5, 17, 0, 0, 0, 0));
    CU_ASSERT_EQUAL(time_floor_to(t, TU_HOUR), civil_ms(2004, 5, 17, 13, 0, 0, 0));
    CU_ASSERT_EQUAL(time_floor_to(t, TU_MINUTE), civil_ms(2004, 5, 17, 13, 48, 0, 0));
    CU_ASSERT_EQUAL(time_floor_to(t, TU_SECOND), civil_ms(2004, 5, 17, 13, 48, 23, 0));
    CU_ASSERT_EQUAL(time_ceil_to(t, TU_YEAR), civil_ms(2005, 1, 1, 0, 0, 0, 0));
    CU_ASSERT_EQUAL(time_ceil_to(t, TU_MONTH), civil_ms(2004, 6, 1, 0, 0, 0, 0));
    CU_ASSERT_EQUAL(time_ceil_to(t, TU_DAY), civil_ms(2004, 5, 18, 0, 0, 0, 0));
    CU_ASSERT_EQUAL(time_ceil_to(t, TU_HOUR), civil_ms(2004, 5, 17, 14, 0, 0, 0));
    CU_ASSERT_EQUAL(time_ceil_to(t, TU_SECOND), civil_ms(2004, 5, 17, 13, 48, 24, 0));
    /* already on the boundary: unchanged both ways */
    int64_t h = civil_ms(2004, 5, 17, 13, 0, 0, 0);
    CU_ASSERT_EQUAL(time_floor_to(h, TU_HOUR), h);
    CU_ASSERT_EQUAL(time_ceil_to(h, TU_HOUR), h);
    int64_t jan1 = civil_ms(2004, 1, 1, 0, 0, 0, 0);
    CU_ASSERT_EQUAL(time_ceil_to(jan1, TU_YEAR), jan1);
    /* before the epoch floors go down, not toward zero */
    CU_ASSERT_EQUAL(time_floor_to(-1, TU_SECOND), -1000);
    CU_ASSERT_EQUAL(time_floor_to(-1, TU_DAY), -MS_PER_DAY);
    CU_ASSERT_EQUAL(time_ceil_to(-1, TU_MINUTE), 0);
    CU_ASSERT_EQUAL(time_floor_to(civil_ms(1969, 12, 31, 23, 0, 0, 0), TU_YEAR), civil_ms(1969, 1, 1, 0, 0, 0, 0));
    CU_ASSERT_EQUAL(time_floor_to(civil_ms(1969, 12, 31, 23, 0, 0, 0), TU_MONTH), civil_ms(1969, 12, 1, 0, 0, 0, 0));
}

static void test_add_months(void)
{
    CU_ASSERT_EQUAL(time_add_months(civil_ms(2023, 1, 31, 10, 0, 0, 0), 1), civil_ms(2023, 2, 28, 10, 0, 0, 0));
    CU_ASSERT_EQUAL(time_add_months(civil_ms(2024, 1, 31, 10, 0, 0, 0), 1), civil_ms(2024, 2, 29, 10, 0, 0, 0));
    CU_ASSERT_EQUAL(time_add_months(civil_ms(2024, 3, 31, 0, 0, 0, 0), -1), civil_ms(2024, 2, 29, 0, 0, 0, 0));
    CU_ASSERT_EQUAL(time_add_months(civil_ms(2024, 5, 31, 0, 0, 0, 0), 1), civil_ms(2024, 6, 30, 0, 0, 0, 0));
    CU_ASSERT_EQUAL(time_add_months(civil_ms(2024, 11, 15, 1, 2, 3, 4), 2), civil_ms(2025, 1, 15, 1, 2, 3, 4));
    CU_ASSERT_EQUAL(time_add_months(civil_ms(2024, 1, 15, 0, 0, 0, 0), -1), civil_ms(2023, 12, 15, 0, 0, 0, 0));
    CU_ASSERT_EQUAL(time_add_months(civil_ms(2024, 2, 29, 0, 0, 0, 0), 12), civil_ms(2025, 2, 28, 0, 0, 0, 0));
    CU_ASSERT_EQUAL(time_add_months(civil_ms(1970, 1, 1, 0, 0, 0, 0), -13), civil_ms(1968, 12, 1, 0, 0, 0, 0));
    /* before the epoch the time of day is kept */
    CU_ASSERT_EQUAL(time_add_months(civil_ms(1969, 12, 31, 23, 59, 59, 999), 2), civil_ms(1970, 2, 28, 23, 59, 59, 999));
    CU_ASSERT_EQUAL(time_add_months(civil_ms(2024, 7, 4, 0, 0, 0, 0), 0), civil_ms(2024, 7, 4, 0, 0, 0, 0));
}

/* The caches of the last second read and written against a slow
 * reference (gmtime_r, and the text rebuilt field by field): records of
 * the same second, the next one, and the forms that must not take the
 * cached path (a 'T', offsets, Z, long fractions, blanks) interleaved. */
static void test_second_caches(void)
{
    uint64_t x = 12345;
    unsigned wrong_format = 0, wrong_parse = 0;
    int64_t ms = 1700000000000LL;
    for (int i = 0; i < 20000; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        ms += (int64_t)(x >> 60) * ((x >> 20) % 3 == 0 ? 997 : 7);   /* often the same second, sometimes not */
        char got[40];
        int n = time_format_timestamp(ms, got);
        got[n] = 0;
        time_t secs = (time_t)(ms / 1000);
        struct tm tm;
        gmtime_r(&secs, &tm);
        char want[40];
        snprintf(want, sizeof want, "%04d-%02d-%02d %02d:%02d:%02d.%03d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                 tm.tm_hour, tm.tm_min, tm.tm_sec, (int)(ms % 1000));
        if (strcmp(got, want) != 0) wrong_format++;
        char text[64];
        int64_t back, expect = ms;
        switch (x >> 61) {
        case 0: snprintf(text, sizeof text, "%s", want); break;
        case 1: snprintf(text, sizeof text, "%.19s", want), expect = ms - ms % 1000; break;
        case 2: snprintf(text, sizeof text, "%.10sT%.12s", want, want + 11); break;
        case 3: snprintf(text, sizeof text, "%s999", want); break;   /* digits past milliseconds are dropped */
        case 4: snprintf(text, sizeof text, "%sZ", want); break;
        case 5: snprintf(text, sizeof text, "%s+01:00", want), expect = ms - 3600000; break;
        case 6: snprintf(text, sizeof text, " %s ", want); break;
        default: snprintf(text, sizeof text, "%.21s", want), expect = ms - ms % 100; break;   /* one fraction digit */
        }
        if (!time_parse_timestamp(text, strlen(text), &back) || back != expect) wrong_parse++;
    }
    CU_ASSERT_EQUAL(wrong_format, 0);
    CU_ASSERT_EQUAL(wrong_parse, 0);
}

void timeutil_tests(void)
{
    static const TestCase cases[] = {
        {"civil date round trip", test_civil_round_trip},
        {"days in month, leap years", test_days_in_month},
        {"parse timestamp", test_parse_timestamp},
        {"the last second's text and value, cached, against a reference", test_second_caches},
        {"parse date and time", test_parse_date_time},
        {"format and reparse", test_format},
        {"parse interval", test_parse_interval},
        {"format interval", test_format_interval},
        {"floor and ceil to unit", test_floor_ceil},
        {"add months clamps the day", test_add_months},
        {NULL, NULL},
    };
    test_suite("timeutil", cases);
}
