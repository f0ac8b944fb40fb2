/* The SimpleDateFormat engine on its own: compile, format, parse. */
#include <string.h>

#include "src/test.h"
#include "src/runtime/timeutil.h"
#include "datefmt.h"

#define NOW_2000 946684800000LL   /* 2000-01-01 00:00:00 UTC */

static const char *fmt(const char *pattern, const char *ts)
{
    static char out[512];
    DateFmt f;
    char why[128];
    int64_t ms;
    CU_ASSERT_FATAL(datefmt_compile(&f, pattern, strlen(pattern), why, sizeof why));
    CU_ASSERT_FATAL(time_parse_timestamp(ts, strlen(ts), &ms));
    CU_ASSERT_FATAL(datefmt_max_len(&f) < sizeof out);
    out[datefmt_format(&f, ms, out)] = 0;
    return out;
}

/* parses s with pattern; gives the timestamp text, or "!" and the reason */
static const char *parse(const char *pattern, const char *s)
{
    static char out[200];
    DateFmt f;
    char why[128];
    int64_t ms;
    CU_ASSERT_FATAL(datefmt_compile(&f, pattern, strlen(pattern), why, sizeof why));
    if (!datefmt_parse(&f, s, strlen(s), NOW_2000, &ms, why, sizeof why)) {
        out[0] = '!';
        strcpy(out + 1, why);
        return out;
    }
    out[time_format_timestamp(ms, out)] = 0;
    return out;
}

static const char *compile_error(const char *pattern)
{
    static char why[128];
    DateFmt f;
    if (datefmt_compile(&f, pattern, strlen(pattern), why, sizeof why)) return "";
    return why;
}

static void test_compile(void)
{
    CU_ASSERT_STRING_EQUAL(compile_error("yyyy-MM-dd'T'HH:mm"), "");
    CU_ASSERT_STRING_EQUAL(compile_error("GyYMLwWDdFEuaHkKhmsSzZX"), "");
    CU_ASSERT_STRING_EQUAL(compile_error("yyyy-MM-ddTHH"), "illegal pattern character 'T'");
    CU_ASSERT_STRING_EQUAL(compile_error("'abc"), "unterminated quote");
    CU_ASSERT_STRING_EQUAL(compile_error("XXXX"), "invalid ISO 8601 zone 'X' repeated 4 times (at most 3)");
    CU_ASSERT_STRING_EQUAL(compile_error(""), "");
}

static void test_format(void)
{
    /* the examples of Java's SimpleDateFormat documentation, in UTC */
    CU_ASSERT_STRING_EQUAL(fmt("yyyy.MM.dd G 'at' HH:mm:ss z", "2001-07-04 12:08:56"), "2001.07.04 AD at 12:08:56 UTC");
    CU_ASSERT_STRING_EQUAL(fmt("EEE, MMM d, ''yy", "2001-07-04 12:08:56"), "Wed, Jul 4, '01");
    CU_ASSERT_STRING_EQUAL(fmt("h:mm a", "2001-07-04 12:08:56"), "12:08 PM");
    CU_ASSERT_STRING_EQUAL(fmt("hh 'o''clock' a, zzzz", "2001-07-04 12:08:56"), "12 o'clock PM, Coordinated Universal Time");
    CU_ASSERT_STRING_EQUAL(fmt("K:mm a, z", "2001-07-04 12:08:56"), "0:08 PM, UTC");
    CU_ASSERT_STRING_EQUAL(fmt("yyyyy.MMMMM.dd GGG hh:mm aaa", "2001-07-04 12:08:56"), "02001.July.04 AD 12:08 PM");
    CU_ASSERT_STRING_EQUAL(fmt("EEE, d MMM yyyy HH:mm:ss Z", "2001-07-04 12:08:56"), "Wed, 4 Jul 2001 12:08:56 +0000");
    CU_ASSERT_STRING_EQUAL(fmt("yyMMddHHmmssZ", "2001-07-04 12:08:56"), "010704120856+0000");
    CU_ASSERT_STRING_EQUAL(fmt("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "2001-07-04 12:08:56.235"), "2001-07-04T12:08:56.235+0000");
    CU_ASSERT_STRING_EQUAL(fmt("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2001-07-04 12:08:56.235"), "2001-07-04T12:08:56.235Z");
    CU_ASSERT_STRING_EQUAL(fmt("YYYY-'W'ww-u", "2001-07-04 12:08:56"), "2001-W27-3");
    /* before year 1: BC, year of era */
    CU_ASSERT_STRING_EQUAL(fmt("yyyy G", "0000-12-31 00:00:00"), "0001 BC");
    CU_ASSERT_STRING_EQUAL(fmt("k K h H", "2024-01-01 00:00:00"), "24 0 12 0");
    CU_ASSERT_STRING_EQUAL(fmt("'日付' yyyy", "2024-01-01 00:00:00"), "日付 2024");
}

static void test_parse(void)
{
    CU_ASSERT_STRING_EQUAL(parse("yyyy-MM-dd hh:mm:ss", "2009-09-16 03:15:24"), "2009-09-16 03:15:24.000");
    CU_ASSERT_STRING_EQUAL(parse("yyyy-mm", "2011-02-08 07:23:19"), "2011-01-01 00:02:00.000");
    CU_ASSERT_STRING_EQUAL(parse("MMM dd,y", "March 7, 10"), "0010-03-07 00:00:00.000");
    CU_ASSERT_STRING_EQUAL(parse("yy-dd-MM ss:hh:mm", "06-23-11 12:10:11"), "2006-11-23 10:11:12.000");
    CU_ASSERT_STRING_EQUAL(parse("yyyyMMdd", "20240229"), "2024-02-29 00:00:00.000");
    CU_ASSERT_STRING_EQUAL(parse("yyyy G", "0001 BC"), "0000-01-01 00:00:00.000");
    CU_ASSERT_STRING_EQUAL(parse("EEE", "Tue"), "1969-12-30 00:00:00.000");
    CU_ASSERT_STRING_EQUAL(parse("yyyy-MM F E", "2024-05 2 Fri"), "2024-05-10 00:00:00.000");
    CU_ASSERT_STRING_EQUAL(parse("yyyy-MM W E", "2024-05 1 Wed"), "2024-05-01 00:00:00.000");
    CU_ASSERT_STRING_EQUAL(parse("HH:mm z", "10:00 GMT+05:30"), "1970-01-01 04:30:00.000");
    CU_ASSERT_STRING_EQUAL(parse("HH:mm X", "10:00 -03"), "1970-01-01 13:00:00.000");
    CU_ASSERT_STRING_EQUAL(parse("a", "PM"), "1970-01-01 12:00:00.000");
    CU_ASSERT_STRING_EQUAL(parse("kk:mm", "24:00"), "1970-01-01 00:00:00.000");
    CU_ASSERT_STRING_EQUAL(parse("KK:mm a", "11:59 PM"), "1970-01-01 23:59:00.000");
    CU_ASSERT_STRING_EQUAL(parse("yyyy-MM-dd", "2024-1-5 trailing text"), "2024-01-05 00:00:00.000");
    CU_ASSERT_STRING_EQUAL(parse("yy", "20"), "1920-01-01 00:00:00.000");
    CU_ASSERT_STRING_EQUAL(parse("yy-MM", "19-12"), "2019-12-01 00:00:00.000");
    CU_ASSERT_STRING_EQUAL(parse("yyyy-MM-dd", "2024-02-30"), "!day 30 is out of range 1..29 for February 2024");
    CU_ASSERT_STRING_EQUAL(parse("yyyy-MM-dd E", "2024-01-01 Sun"), "!day of week Sunday does not match 2024-01-01 (a Monday)");
    CU_ASSERT_STRING_EQUAL(parse("yyyy EEE", "1970 Tue"), "!year 1970 does not match 1969-12-30");
    CU_ASSERT_STRING_EQUAL(parse("yyyy-MM-dd", ""), "!input ends before the year");
    CU_ASSERT_STRING_EQUAL(parse("SSS", "1000"), "!millisecond 1000 is out of range 0..999");
    CU_ASSERT_STRING_EQUAL(parse("HH:mm Z", "10:00 +2400"), "!unknown time zone name at character 7");
}

/* format then parse gives the value back */
static void test_round_trip(void)
{
    static const char *const ts[] = {"0001-01-01 00:00:00.000", "1969-12-31 23:59:59.999", "2000-02-29 12:00:00.001",
                                     "2024-12-31 23:59:59.999", "9999-12-31 23:59:59.999"};
    static const char *const pats[] = {"yyyy-MM-dd HH:mm:ss.SSS", "EEEE, MMMM d, yyyy hh:mm:ss.SSS a",
                                       "yyyyMMddHHmmssSSS", "D yyyy kk:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"};
    for (size_t p = 0; p < sizeof pats / sizeof pats[0]; p++)
        for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++) {
            char text[128];
            strcpy(text, fmt(pats[p], ts[i]));
            CU_ASSERT_STRING_EQUAL(parse(pats[p], text), ts[i]);
        }
}

void datefmt_tests(void)
{
    static const TestCase cases[] = {
        {"compile", test_compile},
        {"format", test_format},
        {"parse", test_parse},
        {"round trip", test_round_trip},
        {NULL, NULL},
    };
    test_suite("datefmt", cases);
}
