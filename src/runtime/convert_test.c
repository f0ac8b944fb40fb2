#include <math.h>
#include <string.h>

#include "convert.h"
#include "src/test.h"
#include "timeutil.h"

static Arena arena;

/* one arena for the whole suite: tests only allocate a little */
static void setup(void) { arena_init(&arena, 0); }

static SqlType ty(TypeId id) { return type_make(id); }

static SqlType interval_type(TypeId id, TimeUnit hi, TimeUnit lo)
{
    SqlType t = type_make(id);
    t.unit_hi = (uint8_t)hi;
    t.unit_lo = (uint8_t)lo;
    return t;
}

/* conv_from_text on a C string; *ok tells whether it converted. */
static Value text_to(SqlType to, const char *s, bool *ok)
{
    Value v;
    const char *why = NULL;
    *ok = conv_from_text(to, s, strlen(s), &v, &arena, &why);
    if (!*ok) CU_ASSERT_PTR_NOT_NULL(why);
    return v;
}

static Value cast(SqlType from, Value in, SqlType to, bool *ok)
{
    Value v;
    const char *why = NULL;
    CU_ASSERT(conv_cast_allowed(from, to));
    *ok = conv_cast(from, &in, to, &v, &arena, &why);
    if (!*ok) CU_ASSERT_PTR_NOT_NULL(why);
    return v;
}

/* The value as text, through CAST(x AS VARCHAR). */
static const char *as_text(SqlType from, Value v)
{
    static char buf[128];
    Value out;
    if (!conv_to_text(from, &v, &arena, &out)) return "<fail>";
    if (out.null) return "<null>";
    memcpy(buf, out.u.s, out.len);
    buf[out.len] = 0;
    return buf;
}

static bool str_is(Value v, const char *s) { return !v.null && v.len == strlen(s) && memcmp(v.u.s, s, v.len) == 0; }

static void test_text_to_integer(void)
{
    bool ok;
    Value v = text_to(ty(TY_INTEGER), " 42 ", &ok);
    CU_ASSERT(ok && v.u.i == 42 && !v.null);
    v = text_to(ty(TY_INTEGER), "-2147483648", &ok);
    CU_ASSERT(ok && v.u.i == -2147483648LL);
    text_to(ty(TY_INTEGER), "2147483648", &ok);
    CU_ASSERT_FALSE(ok);
    text_to(ty(TY_SMALLINT), "32768", &ok);
    CU_ASSERT_FALSE(ok);
    v = text_to(ty(TY_TINYINT), "-128", &ok);
    CU_ASSERT(ok && v.u.i == -128);
    text_to(ty(TY_TINYINT), "128", &ok);
    CU_ASSERT_FALSE(ok);
    v = text_to(ty(TY_BIGINT), "9223372036854775807", &ok);
    CU_ASSERT(ok && v.u.i == INT64_MAX);
    text_to(ty(TY_BIGINT), "9223372036854775808", &ok);
    CU_ASSERT_FALSE(ok);
    v = text_to(ty(TY_INTEGER), "1e3", &ok);
    CU_ASSERT(ok && v.u.i == 1000);
    /* text with a fraction rounds half away from zero, as CAST does */
    v = text_to(ty(TY_INTEGER), "1.5", &ok);
    CU_ASSERT(ok && v.u.i == 2);
    v = text_to(ty(TY_INTEGER), "-2.5", &ok);
    CU_ASSERT(ok && v.u.i == -3);
    v = text_to(ty(TY_INTEGER), "-1.4", &ok);
    CU_ASSERT(ok && v.u.i == -1);
    text_to(ty(TY_INTEGER), "abc", &ok);
    CU_ASSERT_FALSE(ok);
    text_to(ty(TY_INTEGER), "12abc", &ok);
    CU_ASSERT_FALSE(ok);
    text_to(ty(TY_INTEGER), "", &ok);
    CU_ASSERT_FALSE(ok);
    text_to(ty(TY_INTEGER), "1e30", &ok);
    CU_ASSERT_FALSE(ok);
}

static void test_text_to_decimal_double(void)
{
    bool ok;
    Value v = text_to(type_decimal(5, 2), "12.345", &ok);
    CU_ASSERT(ok && v.u.i == 1235);
    v = text_to(type_decimal(5, 2), "-12.345", &ok);
    CU_ASSERT(ok && v.u.i == -1235);
    v = text_to(type_decimal(5, 2), "12.344", &ok);
    CU_ASSERT(ok && v.u.i == 1234);
    v = text_to(type_decimal(5, 2), "7", &ok);
    CU_ASSERT(ok && v.u.i == 700);
    text_to(type_decimal(5, 2), "1234.5", &ok);
    CU_ASSERT_FALSE(ok);
    v = text_to(type_decimal(5, 2), "999.994", &ok);
    CU_ASSERT(ok && v.u.i == 99999);
    text_to(type_decimal(5, 2), "999.995", &ok);   /* rounds up past the precision */
    CU_ASSERT_FALSE(ok);
    v = text_to(ty(TY_DOUBLE), "1.5E3", &ok);
    CU_ASSERT(ok && v.u.d == 1500.0);
    /* DOUBLE and REAL values are finite: NaN, infinities and numbers beyond
     * the type's range are conversion errors, however they are spelled */
    static const char *const not_finite[] = {"-Infinity", "Infinity", "+inf", "INF", "NaN", "-nan", "1e400", "-1e309"};
    for (size_t i = 0; i < sizeof not_finite / sizeof not_finite[0]; i++) {
        text_to(ty(TY_DOUBLE), not_finite[i], &ok);
        CU_ASSERT_FALSE(ok);
        text_to(ty(TY_REAL), not_finite[i], &ok);
        CU_ASSERT_FALSE(ok);
    }
    v = text_to(ty(TY_DOUBLE), "1.7976931348623157e308", &ok);
    CU_ASSERT(ok && v.u.d == 1.7976931348623157e308);
    v = text_to(ty(TY_DOUBLE), "1e-400", &ok);   /* below the range is 0, as in Java */
    CU_ASSERT(ok && v.u.d == 0);
    text_to(ty(TY_REAL), "1e39", &ok);
    CU_ASSERT_FALSE(ok);
    v = text_to(ty(TY_REAL), "0.1", &ok);
    CU_ASSERT(ok && v.u.d == (double)0.1f);
}

static void test_numeric_cast_rounding(void)
{
    bool ok;
    Value v;
    /* CAST(-1.5 AS INTEGER) = -2: half away from zero */
    v = cast(type_decimal(2, 1), val_int(-15), ty(TY_INTEGER), &ok);
    CU_ASSERT(ok && v.u.i == -2);
    v = cast(type_decimal(2, 1), val_int(15), ty(TY_INTEGER), &ok);
    CU_ASSERT(ok && v.u.i == 2);
    v = cast(type_decimal(2, 1), val_int(-14), ty(TY_INTEGER), &ok);
    CU_ASSERT(ok && v.u.i == -1);
    v = cast(type_decimal(3, 2), val_int(-5), ty(TY_INTEGER), &ok);   /* -0.05 */
    CU_ASSERT(ok && v.u.i == 0);
    v = cast(type_decimal(3, 2), val_int(50), ty(TY_BIGINT), &ok);    /* 0.50 */
    CU_ASSERT(ok && v.u.i == 1);
    v = cast(ty(TY_DOUBLE), val_double(-1.5), ty(TY_INTEGER), &ok);
    CU_ASSERT(ok && v.u.i == -2);
    v = cast(ty(TY_DOUBLE), val_double(2.5), ty(TY_INTEGER), &ok);
    CU_ASSERT(ok && v.u.i == 3);
    v = cast(ty(TY_DOUBLE), val_double(-0.4), ty(TY_INTEGER), &ok);
    CU_ASSERT(ok && v.u.i == 0);
    /* DECIMAL to a smaller scale */
    v = cast(type_decimal(4, 2), val_int(-145), type_decimal(3, 1), &ok);   /* -1.45 */
    CU_ASSERT(ok && v.u.i == -15);
    v = cast(type_decimal(4, 2), val_int(1234), type_decimal(4, 1), &ok);
    CU_ASSERT(ok && v.u.i == 123);
    v = cast(ty(TY_DOUBLE), val_double(1.005), type_decimal(5, 1), &ok);
    CU_ASSERT(ok && v.u.i == 10);
    v = cast(ty(TY_INTEGER), val_int(7), type_decimal(5, 2), &ok);
    CU_ASSERT(ok && v.u.i == 700);
    v = cast(type_decimal(5, 2), val_int(-125), ty(TY_DOUBLE), &ok);
    CU_ASSERT(ok && v.u.d == -1.25);
}

static void test_numeric_cast_overflow(void)
{
    bool ok;
    cast(ty(TY_BIGINT), val_int(2147483648LL), ty(TY_INTEGER), &ok);
    CU_ASSERT_FALSE(ok);
    Value v = cast(ty(TY_BIGINT), val_int(-2147483648LL), ty(TY_INTEGER), &ok);
    CU_ASSERT(ok && v.u.i == -2147483648LL);
    cast(ty(TY_INTEGER), val_int(40000), ty(TY_SMALLINT), &ok);
    CU_ASSERT_FALSE(ok);
    cast(ty(TY_INTEGER), val_int(-129), ty(TY_TINYINT), &ok);
    CU_ASSERT_FALSE(ok);
    cast(ty(TY_DOUBLE), val_double(2147483647.5), ty(TY_INTEGER), &ok);   /* rounds to 2^31 */
    CU_ASSERT_FALSE(ok);
    cast(ty(TY_DOUBLE), val_double(1e19), ty(TY_BIGINT), &ok);
    CU_ASSERT_FALSE(ok);
    cast(ty(TY_DOUBLE), val_double(NAN), ty(TY_BIGINT), &ok);
    CU_ASSERT_FALSE(ok);
    cast(ty(TY_DOUBLE), val_double(INFINITY), ty(TY_INTEGER), &ok);
    CU_ASSERT_FALSE(ok);
    cast(ty(TY_INTEGER), val_int(100), type_decimal(3, 1), &ok);   /* 100.0 needs 4 digits */
    CU_ASSERT_FALSE(ok);
    cast(ty(TY_BIGINT), val_int(INT64_MAX), type_decimal(18, 2), &ok);
    CU_ASSERT_FALSE(ok);
    cast(ty(TY_DOUBLE), val_double(1e300), type_decimal(18, 0), &ok);
    CU_ASSERT_FALSE(ok);
    cast(ty(TY_DOUBLE), val_double(1e300), ty(TY_REAL), &ok);
    CU_ASSERT_FALSE(ok);
    /* NULL casts to NULL of any type */
    v = cast(ty(TY_DOUBLE), val_null(), ty(TY_INTEGER), &ok);
    CU_ASSERT(ok && v.null);
}

static void test_strings(void)
{
    bool ok;
    /* "héllo" is 5 characters in 6 bytes */
    const char *hello = "h\xc3\xa9llo";
    Value v = text_to(type_string(TY_CHAR, 3), hello, &ok);
    CU_ASSERT(ok && str_is(v, "h\xc3\xa9l"));
    v = text_to(type_string(TY_CHAR, 7), hello, &ok);
    CU_ASSERT(ok && str_is(v, "h\xc3\xa9llo  "));
    CU_ASSERT_EQUAL(utf8_length(v.u.s, v.len), 7);
    v = text_to(type_string(TY_VARCHAR, 2), hello, &ok);
    CU_ASSERT(ok && str_is(v, "h\xc3\xa9"));
    v = text_to(type_string(TY_VARCHAR, 10), hello, &ok);
    CU_ASSERT(ok && str_is(v, hello));
    /* strings are not trimmed */
    v = text_to(type_string(TY_VARCHAR, 0), "  a ", &ok);
    CU_ASSERT(ok && str_is(v, "  a "));
    /* a 4-byte character counts once */
    v = text_to(type_string(TY_CHAR, 2), "\xf0\x9f\x98\x80xyz", &ok);
    CU_ASSERT(ok && str_is(v, "\xf0\x9f\x98\x80x"));
    /* CAST(CHAR(16)) pads: 'fred' becomes 16 characters */
    v = cast(type_string(TY_VARCHAR, 4), val_str("fred", 4), type_string(TY_CHAR, 16), &ok);
    CU_ASSERT(ok && v.len == 16 && memcmp(v.u.s, "fred            ", 16) == 0);
    /* numbers into a too-short string are an error, not a truncation */
    cast(ty(TY_INTEGER), val_int(12345), type_string(TY_VARCHAR, 3), &ok);
    CU_ASSERT_FALSE(ok);
    v = cast(ty(TY_INTEGER), val_int(-12), type_string(TY_CHAR, 5), &ok);
    CU_ASSERT(ok && str_is(v, "-12  "));
    v = cast(type_decimal(5, 2), val_int(-5), type_string(TY_VARCHAR, 0), &ok);
    CU_ASSERT(ok && str_is(v, "-0.05"));
    v = cast(ty(TY_DOUBLE), val_double(84.51), type_string(TY_VARCHAR, 0), &ok);
    CU_ASSERT(ok && str_is(v, "84.51"));
}

static void test_utf8(void)
{
    const char *s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z";   /* a é € 😀 z: 11 bytes */
    size_t n = strlen(s);
    CU_ASSERT_EQUAL(n, 11);
    CU_ASSERT_EQUAL(utf8_length(s, n), 5);
    CU_ASSERT_EQUAL(utf8_length("", 0), 0);
    CU_ASSERT_EQUAL(utf8_offset(s, n, 0), 0);
    CU_ASSERT_EQUAL(utf8_offset(s, n, 1), 1);
    CU_ASSERT_EQUAL(utf8_offset(s, n, 2), 3);
    CU_ASSERT_EQUAL(utf8_offset(s, n, 3), 6);
    CU_ASSERT_EQUAL(utf8_offset(s, n, 4), 10);
    CU_ASSERT_EQUAL(utf8_offset(s, n, 5), 11);
    CU_ASSERT_EQUAL(utf8_offset(s, n, 99), 11);
    /* a cut-off sequence at the end counts as one character */
    CU_ASSERT_EQUAL(utf8_length(s, 8), 4);
}

static void test_booleans(void)
{
    bool ok;
    Value v = text_to(ty(TY_BOOLEAN), " True ", &ok);
    CU_ASSERT(ok && !v.null && v.u.i == 1);
    v = text_to(ty(TY_BOOLEAN), "FALSE", &ok);
    CU_ASSERT(ok && !v.null && v.u.i == 0);
    v = text_to(ty(TY_BOOLEAN), "unknown", &ok);
    CU_ASSERT(ok && v.null);
    text_to(ty(TY_BOOLEAN), "yes", &ok);
    CU_ASSERT_FALSE(ok);
    text_to(ty(TY_BOOLEAN), "1", &ok);
    CU_ASSERT_FALSE(ok);
    v = cast(ty(TY_INTEGER), val_int(0), ty(TY_BOOLEAN), &ok);
    CU_ASSERT(ok && v.u.i == 0);
    v = cast(ty(TY_INTEGER), val_int(-3), ty(TY_BOOLEAN), &ok);
    CU_ASSERT(ok && v.u.i == 1);
    v = cast(ty(TY_DOUBLE), val_double(0.0), ty(TY_BOOLEAN), &ok);
    CU_ASSERT(ok && v.u.i == 0);
    v = cast(ty(TY_BOOLEAN), val_int(1), type_string(TY_VARCHAR, 0), &ok);
    CU_ASSERT(ok && str_is(v, "TRUE"));
    cast(ty(TY_BOOLEAN), val_int(0), type_string(TY_VARCHAR, 4), &ok);   /* FALSE does not fit */
    CU_ASSERT_FALSE(ok);
    CU_ASSERT_FALSE(conv_cast_allowed(ty(TY_BOOLEAN), ty(TY_INTEGER)));
}

static void test_datetimes(void)
{
    bool ok;
    int64_t ts = time_days_from_civil(2024, 1, 2) * MS_PER_DAY + 3 * MS_PER_HOUR + 4 * MS_PER_MINUTE + 5678;
    Value v = text_to(ty(TY_TIMESTAMP), "2024-01-02 03:04:05.678", &ok);
    CU_ASSERT(ok && v.u.i == ts);
    v = text_to(ty(TY_TIMESTAMP), "1992-02-14", &ok);
    CU_ASSERT(ok && v.u.i == time_days_from_civil(1992, 2, 14) * MS_PER_DAY);
    text_to(ty(TY_TIMESTAMP), "2024-02-30 00:00:00", &ok);
    CU_ASSERT_FALSE(ok);
    v = text_to(ty(TY_DATE), "2024-01-02", &ok);
    CU_ASSERT(ok && v.u.i == time_days_from_civil(2024, 1, 2));
    v = text_to(ty(TY_TIME), "03:04:05.678", &ok);
    CU_ASSERT(ok && v.u.i == 3 * MS_PER_HOUR + 4 * MS_PER_MINUTE + 5678);
    text_to(ty(TY_TIME), "25:00:00", &ok);
    CU_ASSERT_FALSE(ok);
    /* TIMESTAMP to DATE and TIME, also before the epoch */
    v = cast(ty(TY_TIMESTAMP), val_int(ts), ty(TY_DATE), &ok);
    CU_ASSERT(ok && v.u.i == time_days_from_civil(2024, 1, 2));
    v = cast(ty(TY_TIMESTAMP), val_int(-1), ty(TY_DATE), &ok);
    CU_ASSERT(ok && v.u.i == -1);
    v = cast(ty(TY_TIMESTAMP), val_int(-1), ty(TY_TIME), &ok);
    CU_ASSERT(ok && v.u.i == MS_PER_DAY - 1);
    v = cast(ty(TY_DATE), val_int(1), ty(TY_TIMESTAMP), &ok);
    CU_ASSERT(ok && v.u.i == MS_PER_DAY);
    CU_ASSERT_STRING_EQUAL(as_text(ty(TY_TIMESTAMP), val_int(ts)), "2024-01-02 03:04:05.678");
    CU_ASSERT_STRING_EQUAL(as_text(ty(TY_DATE), val_int(-1)), "1969-12-31");
    CU_ASSERT_STRING_EQUAL(as_text(ty(TY_TIME), val_int(5678)), "00:00:05.678");
    /* a date into a too-short string fails (the reference drops the row) */
    cast(ty(TY_DATE), val_int(0), type_string(TY_CHAR, 5), &ok);
    CU_ASSERT_FALSE(ok);
    CU_ASSERT_FALSE(conv_cast_allowed(ty(TY_DATE), ty(TY_TIME)));
    CU_ASSERT_FALSE(conv_cast_allowed(ty(TY_TIME), ty(TY_DATE)));
    CU_ASSERT_FALSE(conv_cast_allowed(ty(TY_DATE), ty(TY_INTEGER)));
    CU_ASSERT(conv_cast_allowed(ty(TY_VARCHAR), ty(TY_TIMESTAMP)));
}

static void test_intervals(void)
{
    bool ok;
    SqlType d2s = interval_type(TY_INTERVAL_DT, TU_DAY, TU_SECOND);
    SqlType d2h = interval_type(TY_INTERVAL_DT, TU_DAY, TU_HOUR);
    SqlType y2m = interval_type(TY_INTERVAL_YM, TU_YEAR, TU_MONTH);
    Value v = text_to(d2s, "2 3:4:5.678", &ok);
    CU_ASSERT(ok && v.u.i == 2 * MS_PER_DAY + 3 * MS_PER_HOUR + 4 * MS_PER_MINUTE + 5678);
    text_to(d2h, "1 24", &ok);
    CU_ASSERT_FALSE(ok);
    v = text_to(y2m, "-1-6", &ok);
    CU_ASSERT(ok && v.u.i == -18);
    /* interval to a number counts its least significant unit */
    v = cast(d2h, val_int(3 * MS_PER_DAY + 4 * MS_PER_HOUR), ty(TY_BIGINT), &ok);
    CU_ASSERT(ok && v.u.i == 76);
    v = cast(y2m, val_int(40), ty(TY_BIGINT), &ok);
    CU_ASSERT(ok && v.u.i == 40);
    v = cast(interval_type(TY_INTERVAL_YM, TU_YEAR, TU_YEAR), val_int(36), ty(TY_INTEGER), &ok);
    CU_ASSERT(ok && v.u.i == 3);
    v = cast(interval_type(TY_INTERVAL_DT, TU_MINUTE, TU_MINUTE), val_int(-90 * MS_PER_MINUTE), ty(TY_BIGINT), &ok);
    CU_ASSERT(ok && v.u.i == -90);
    CU_ASSERT_STRING_EQUAL(as_text(d2h, val_int(-(2 * MS_PER_DAY + 4 * MS_PER_HOUR))), "-2 04");
    CU_ASSERT_STRING_EQUAL(as_text(y2m, val_int(40)), "+3-04");
    /* the text reads back as the same interval */
    v = text_to(y2m, "+3-04", &ok);
    CU_ASSERT(ok && v.u.i == 40);
    CU_ASSERT_FALSE(conv_cast_allowed(d2s, ty(TY_TIMESTAMP)));
    CU_ASSERT_FALSE(conv_cast_allowed(d2s, ty(TY_DOUBLE)));
}

static void test_type_parse(void)
{
    SqlType t;
    CU_ASSERT(type_parse("VARCHAR(16)", &t) && t.id == TY_VARCHAR && t.len == 16);
    CU_ASSERT(type_parse("varchar( 4 )", &t) && t.id == TY_VARCHAR && t.len == 4);
    CU_ASSERT(type_parse("DECIMAL(10,2)", &t) && t.id == TY_DECIMAL && t.precision == 10 && t.scale == 2);
    CU_ASSERT(type_parse("NUMERIC", &t) && t.id == TY_DECIMAL && t.precision == 18 && t.scale == 0);
    CU_ASSERT(type_parse("DOUBLE PRECISION", &t) && t.id == TY_DOUBLE);
    CU_ASSERT(type_parse("CHARACTER VARYING(8)", &t) && t.id == TY_VARCHAR && t.len == 8);
    CU_ASSERT(type_parse("CHAR", &t) && t.id == TY_CHAR && t.len == 1);
    CU_ASSERT(type_parse("TIMESTAMP", &t) && t.id == TY_TIMESTAMP);
    CU_ASSERT(type_parse("INT", &t) && t.id == TY_INTEGER);
    CU_ASSERT_FALSE(type_parse("VARCHAR(x)", &t));
    CU_ASSERT_FALSE(type_parse("VARCHAR(0)", &t));
    CU_ASSERT_FALSE(type_parse("DECIMAL(20,2)", &t));
    CU_ASSERT_FALSE(type_parse("DECIMAL(4,5)", &t));
    CU_ASSERT_FALSE(type_parse("INTEGER(4)", &t));
    CU_ASSERT_FALSE(type_parse("BLOB", &t));
    CU_ASSERT_FALSE(type_parse("VARCHAR(4) junk", &t));
}

void convert_tests(void)
{
    static const TestCase cases[] = {
        {"type names as text (a KDA input schema's SqlType)", test_type_parse},
        {"text to integer types", test_text_to_integer},
        {"text to DECIMAL and DOUBLE", test_text_to_decimal_double},
        {"numeric casts round half away from zero", test_numeric_cast_rounding},
        {"numeric cast overflow", test_numeric_cast_overflow},
        {"CHAR/VARCHAR fit by characters", test_strings},
        {"utf8_length and utf8_offset", test_utf8},
        {"booleans", test_booleans},
        {"datetimes", test_datetimes},
        {"intervals", test_intervals},
        {NULL, NULL},
    };
    setup();
    test_suite("convert", cases);
}
