#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "src/test.h"
#include "src/runtime/timeutil.h"

/* The schema most cases decode into. */
enum { C_A, C_S, C_B, C_D, C_E, C_PRICE, C_DEC, C_TS, NCOLS };
static Column cols[NCOLS];
static Schema schema = {NCOLS, cols};
static Arena arena;
static Decoder *dec;

static void setup(void)
{
    arena_init(&arena, 0);
    cols[C_A] = (Column){"A", type_make(TY_INTEGER)};
    cols[C_S] = (Column){"S", type_string(TY_VARCHAR, 0)};
    cols[C_B] = (Column){"B", type_make(TY_BOOLEAN)};
    cols[C_D] = (Column){"D", type_make(TY_DOUBLE)};
    cols[C_E] = (Column){"E", type_make(TY_BIGINT)};
    cols[C_PRICE] = (Column){"Price", type_make(TY_INTEGER)};
    cols[C_DEC] = (Column){"DEC", type_decimal(6, 2)};
    cols[C_TS] = (Column){"TS", type_make(TY_TIMESTAMP)};
    dec = io_decoder_new(&schema);
}

typedef struct Decoded {
    bool ok, has_rowtime, has_arrival;
    Row row;
    DecodeError err;
} Decoded;

static Decoded decode_with(Decoder *d, const char *line, size_t len)
{
    Decoded r;
    memset(&r, 0, sizeof r);
    r.ok = io_ndjson_decode(d, line, len, &r.row, &arena, &r.has_rowtime, &r.has_arrival, &r.err);
    if (!r.ok) CU_ASSERT_PTR_NOT_NULL(r.err.name);
    return r;
}

static Decoded decode(const char *line) { return decode_with(dec, line, strlen(line)); }

static bool str_is(const Value *v, const char *s) { return !v->null && v->len == strlen(s) && memcmp(v->u.s, s, v->len) == 0; }
static bool err_is(const Decoded *r, const char *name) { return !r->ok && r->err.name && strcmp(r->err.name, name) == 0; }

static void test_basic_and_keys(void)
{
    Decoded r = decode("{\"A\": 1, \"S\": \"x\", \"B\": true, \"D\": 2.5, \"E\": -9223372036854775808}");
    CU_ASSERT_FATAL(r.ok);
    CU_ASSERT_EQUAL(r.row.n, NCOLS);
    CU_ASSERT(!r.row.v[C_A].null && r.row.v[C_A].u.i == 1);
    CU_ASSERT(str_is(&r.row.v[C_S], "x"));
    CU_ASSERT(r.row.v[C_B].u.i == 1);
    CU_ASSERT(r.row.v[C_D].u.d == 2.5);
    CU_ASSERT(r.row.v[C_E].u.i == INT64_MIN);
    CU_ASSERT(r.row.v[C_PRICE].null);   /* missing key is NULL */
    CU_ASSERT_FALSE(r.has_rowtime);
    /* keys match case-insensitively; an exact match wins */
    r = decode("{\"a\": 5, \"PRICE\": 7}");
    CU_ASSERT(r.ok && r.row.v[C_A].u.i == 5 && r.row.v[C_PRICE].u.i == 7);
    r = decode("{\"price\": 3}");
    CU_ASSERT(r.ok && r.row.v[C_PRICE].u.i == 3);
    /* unknown keys are skipped, whatever their value holds */
    r = decode("{\"zz\": {\"A\": 99, \"deep\": [1, {\"x\": \"}\"}]}, \"A\": 2, \"q\": [\"]\", null]}");
    CU_ASSERT(r.ok && r.row.v[C_A].u.i == 2);
    /* duplicate keys: the last one wins */
    r = decode("{\"A\": 1, \"A\": 2}");
    CU_ASSERT(r.ok && r.row.v[C_A].u.i == 2);
    r = decode("{}");
    CU_ASSERT(r.ok && r.row.v[C_A].null);
    r = decode("  {\"A\":null}  ");
    CU_ASSERT(r.ok && r.row.v[C_A].null);
    /* an escaped key still matches */
    r = decode("{\"\\u0041\": 4}");
    CU_ASSERT(r.ok && r.row.v[C_A].u.i == 4);
}

static void test_string_escapes(void)
{
    Decoded r = decode("{\"S\": \"a\\nb\\t\\\"q\\\"\\\\\\/\"}");
    CU_ASSERT(r.ok && str_is(&r.row.v[C_S], "a\nb\t\"q\"\\/"));
    r = decode("{\"S\": \"caf\\u00e9\"}");
    CU_ASSERT(r.ok && str_is(&r.row.v[C_S], "caf\xc3\xa9"));
    r = decode("{\"S\": \"\\ud83d\\ude00!\"}");
    CU_ASSERT(r.ok && str_is(&r.row.v[C_S], "\xf0\x9f\x98\x80!"));
    r = decode("{\"S\": \"\\u20AC\"}");
    CU_ASSERT(r.ok && str_is(&r.row.v[C_S], "\xe2\x82\xac"));
    r = decode("{\"S\": \"raw \xc3\xa9 \xf0\x9f\x98\x80\"}");
    CU_ASSERT(r.ok && str_is(&r.row.v[C_S], "raw \xc3\xa9 \xf0\x9f\x98\x80"));
    /* lone or misordered surrogates */
    r = decode("{\"S\": \"\\ud83d\"}");
    CU_ASSERT(err_is(&r, "INVALID_UTF8"));
    r = decode("{\"S\": \"\\ude00\\ud83d\"}");
    CU_ASSERT(err_is(&r, "INVALID_UTF8"));
    r = decode("{\"S\": \"\\ud83dx\"}");
    CU_ASSERT(err_is(&r, "INVALID_UTF8"));
    /* invalid UTF-8 bytes: stray continuation, overlong, truncated sequence, surrogate encoded */
    r = decode("{\"S\": \"a\x80\"}");
    CU_ASSERT(err_is(&r, "INVALID_UTF8"));
    r = decode("{\"S\": \"\xc0\xaf\"}");
    CU_ASSERT(err_is(&r, "INVALID_UTF8"));
    r = decode("{\"S\": \"\xe2\x82\"}");
    CU_ASSERT(err_is(&r, "INVALID_UTF8"));
    r = decode("{\"S\": \"\xed\xa0\x80\"}");
    CU_ASSERT(err_is(&r, "INVALID_UTF8"));
    r = decode("{\"S\": \"\xff\"}");
    CU_ASSERT(err_is(&r, "INVALID_UTF8"));
    /* invalid UTF-8 in a skipped value is still invalid input */
    r = decode("{\"zz\": \"\xff\", \"A\": 1}");
    CU_ASSERT(err_is(&r, "INVALID_UTF8"));
    /* bad escapes and raw control characters */
    r = decode("{\"S\": \"\\x\"}");
    CU_ASSERT(err_is(&r, "MALFORMED_JSON"));
    r = decode("{\"S\": \"\\u12G4\"}");
    CU_ASSERT(err_is(&r, "MALFORMED_JSON"));
    r = decode("{\"S\": \"a\tb\"}");
    CU_ASSERT(err_is(&r, "MALFORMED_JSON"));
    /* a NUL escape is kept as a byte of the value */
    r = decode("{\"S\": \"a\\u0000b\"}");
    CU_ASSERT(r.ok && r.row.v[C_S].len == 3 && memcmp(r.row.v[C_S].u.s, "a\0b", 3) == 0);
}

static void test_string_scan_random(void)
{
    /* strings scanned 8 bytes at a time end, fail or decode exactly where a
     * byte-by-byte reading says, wherever the special byte falls */
    static const unsigned char pool[] = {'a', 'Z', ' ', '~', 0x7f, '"', '\\', 0x01, 0x1f, 0xc3, 0xa9, 0xff};
    srand(5);
    int bad = 0;
    for (int it = 0; it < 20000 && bad < 5; it++) {
        char body[64];
        int n = rand() % 40;
        for (int i = 0; i < n; i++) body[i] = (char)((rand() % 4) ? 'a' + rand() % 26 : pool[rand() % sizeof pool]);
        /* by hand: the string's end, and whether it is plain ASCII without escapes */
        int stop = n, plain = 1;
        for (int i = 0; i < n; i++) {
            unsigned char c = (unsigned char)body[i];
            if (c == '"') { stop = i; break; }
            if (c < 0x20 || c == '\\' || c >= 0x80) plain = 0;
        }
        char line[128];
        int len = snprintf(line, sizeof line, "{\"S\": \"%.*s\", \"A\": 1}", n, body);
        arena_reset(&arena);
        Decoded r = decode_with(dec, line, (size_t)len);
        if (plain) {
            /* the string is body[0..stop); what follows it decides the rest */
            bool whole = stop == n;
            if (whole && !(r.ok && r.row.v[C_S].len == (uint32_t)n && memcmp(r.row.v[C_S].u.s, body, (size_t)n) == 0 &&
                           r.row.v[C_A].u.i == 1)) {
                if (bad++ < 5) printf("\n  plain string %.*s not decoded as itself", n, body);
            }
            if (!whole && r.ok && !(r.row.v[C_S].len == (uint32_t)stop && memcmp(r.row.v[C_S].u.s, body, (size_t)stop) == 0)) {
                if (bad++ < 5) printf("\n  string %.*s did not end at its first quote", n, body);
            }
        } else if (stop == n && r.ok) {
            /* an accepted string with escapes, controls or UTF-8 must have had valid ones: no control byte passed */
            for (uint32_t i = 0; i < r.row.v[C_S].len; i++)
                if ((unsigned char)r.row.v[C_S].u.s[i] < 0x20 && memchr(body, '\\', (size_t)n) == NULL && bad++ < 5)
                    printf("\n  control byte accepted in %.*s", n, body);
        }
    }
    CU_ASSERT_EQUAL(bad, 0);
}

static void test_malformed(void)
{
    const char *bad[] = {
        "",
        "   ",
        "[1, 2]",
        "{\"A\": 1",               /* truncated */
        "{\"A\": 1,",
        "{\"A\": ",
        "{\"A\"",
        "{\"S\": \"abc",
        "{\"A\": 1} x",           /* trailing garbage */
        "{\"A\": 1}{}",
        "{\"A\" 1}",
        "{A: 1}",
        "{\"A\": 1,}",
        "{\"A\": 01}",
        "{\"A\": tru}",
        "{\"A\": 1 2}",
        "{\"zz\": [1, 2}",
        "{\"zz\": {\"a\" 1}}",
        "{\"A\": +1}",
        "{\"D\": NaN}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        Decoded r = decode(bad[i]);
        if (!err_is(&r, "MALFORMED_JSON")) printf("\n  accepted or misnamed: %s\n", bad[i]);
        CU_ASSERT(err_is(&r, "MALFORMED_JSON"));
        CU_ASSERT(r.err.msg[0] != 0);
    }
    /* a line cut in the middle of a UTF-8 sequence is an error, not a crash */
    const char *cut = "{\"S\": \"\xf0\x9f";
    Decoded r = decode_with(dec, cut, strlen(cut));
    CU_ASSERT_FALSE(r.ok);
}

static void test_deep_nesting(void)
{
    /* 10000 '[' under an unknown key and under a VARCHAR column: fail cleanly */
    size_t n = 10000;
    char *line = malloc(2 * n + 64);
    for (int which = 0; which < 2; which++) {
        size_t k = (size_t)sprintf(line, "{\"%s\": ", which ? "S" : "zz");
        memset(line + k, '[', n);
        k += n;
        line[k] = 0;
        Decoded r = decode_with(dec, line, k);
        CU_ASSERT(err_is(&r, "MALFORMED_JSON"));
        /* and balanced, still too deep */
        memset(line + k, ']', n);
        k += n;
        line[k++] = '}';
        r = decode_with(dec, line, k);
        CU_ASSERT_FALSE(r.ok);
    }
    free(line);
    /* moderate nesting into a VARCHAR keeps the source text */
    Decoded r = decode("{\"S\": {\"x\": [1, {\"y\": null}], \"z\": \"}\"}}");
    CU_ASSERT(r.ok && str_is(&r.row.v[C_S], "{\"x\": [1, {\"y\": null}], \"z\": \"}\"}"));
    r = decode("{\"S\": [ ]}");
    CU_ASSERT(r.ok && str_is(&r.row.v[C_S], "[ ]"));
    /* but not into a number column */
    r = decode("{\"A\": [1]}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
}

static void test_numbers(void)
{
    Decoded r = decode("{\"A\": 123.4}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
    r = decode("{\"A\": 1e3}");
    CU_ASSERT(r.ok && r.row.v[C_A].u.i == 1000);
    r = decode("{\"A\": 1.0}");
    CU_ASSERT(r.ok && r.row.v[C_A].u.i == 1);
    r = decode("{\"A\": -2147483648}");
    CU_ASSERT(r.ok && r.row.v[C_A].u.i == -2147483648LL);
    r = decode("{\"A\": 2147483648}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
    r = decode("{\"E\": 9223372036854775808}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
    r = decode("{\"E\": 123456789012345678901234567890}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
    r = decode("{\"D\": 1e400}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
    r = decode("{\"D\": 123456789012345678901234567890}");
    CU_ASSERT(r.ok && r.row.v[C_D].u.d == 1.2345678901234568e29);
    r = decode("{\"D\": -0.5e-3}");
    CU_ASSERT(r.ok && r.row.v[C_D].u.d == -0.0005);
    r = decode("{\"A\": true, \"E\": false, \"D\": true}");
    CU_ASSERT(r.ok && r.row.v[C_A].u.i == 1 && r.row.v[C_E].u.i == 0 && r.row.v[C_D].u.d == 1.0);
    r = decode("{\"DEC\": 12.34}");
    CU_ASSERT(r.ok && r.row.v[C_DEC].u.i == 1234);
    r = decode("{\"DEC\": 12.345}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
    r = decode("{\"DEC\": 10000}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
    r = decode("{\"DEC\": true}");
    CU_ASSERT(r.ok && r.row.v[C_DEC].u.i == 100);
    /* numbers as strings are parsed */
    r = decode("{\"A\": \" 42 \"}");
    CU_ASSERT(r.ok && r.row.v[C_A].u.i == 42);
    r = decode("{\"A\": \"4x\"}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
    /* a number into a string column keeps its text */
    r = decode("{\"S\": 1.50e2}");
    CU_ASSERT(r.ok && str_is(&r.row.v[C_S], "1.50e2"));
    r = decode("{\"S\": false}");
    CU_ASSERT(r.ok && str_is(&r.row.v[C_S], "false"));
}

static void test_booleans(void)
{
    Decoded r = decode("{\"B\": \"TRUE\"}");
    CU_ASSERT(r.ok && !r.row.v[C_B].null && r.row.v[C_B].u.i == 1);
    r = decode("{\"B\": \"tRuE\"}");
    CU_ASSERT(r.ok && r.row.v[C_B].u.i == 1);
    r = decode("{\"B\": \"yes\"}");
    CU_ASSERT(r.ok && !r.row.v[C_B].null && r.row.v[C_B].u.i == 0);
    r = decode("{\"B\": 0}");
    CU_ASSERT(r.ok && r.row.v[C_B].u.i == 0);
    r = decode("{\"B\": 2}");
    CU_ASSERT(r.ok && r.row.v[C_B].u.i == 1);
    r = decode("{\"B\": false}");
    CU_ASSERT(r.ok && !r.row.v[C_B].null && r.row.v[C_B].u.i == 0);
    r = decode("{\"B\": {}}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
}

static void test_rowtime_and_times(void)
{
    int64_t t = time_days_from_civil(2024, 1, 2) * MS_PER_DAY + 3 * MS_PER_HOUR + 4 * MS_PER_MINUTE + 5678;
    Decoded r = decode("{\"ROWTIME\": \"2024-01-02 03:04:05.678\", \"A\": 1}");
    CU_ASSERT(r.ok && r.has_rowtime && r.row.rowtime == t);
    r = decode("{\"ROWTIME\": \"2024-01-02T03:04:05.678999Z\"}");
    CU_ASSERT(r.ok && r.has_rowtime && r.row.rowtime == t);
    r = decode("{\"ROWTIME\": 1704164645678}");
    CU_ASSERT(r.ok && r.has_rowtime && r.row.rowtime == t);
    r = decode("{\"ROWTIME\": 1704164645678.9}");
    CU_ASSERT(r.ok && r.row.rowtime == t);
    r = decode("{\"ROWTIME\": \"yesterday\"}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
    r = decode("{\"ROWTIME\": true}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
    r = decode("{\"ROWTIME\": null, \"A\": 1}");
    CU_ASSERT(r.ok && !r.has_rowtime);
    r = decode("{\"APPROXIMATE_ARRIVAL_TIME\": 1704164645678}");
    CU_ASSERT(r.ok && r.has_arrival && !r.has_rowtime && r.row.arrival == t);
    r = decode("{\"TS\": \"2024-01-02 03:04:05.678\"}");
    CU_ASSERT(r.ok && r.row.v[C_TS].u.i == t);
    r = decode("{\"TS\": \"1992-02-14\"}");
    CU_ASSERT(r.ok && r.row.v[C_TS].u.i == time_days_from_civil(1992, 2, 14) * MS_PER_DAY);
    r = decode("{\"TS\": \"2024-02-30 00:00:00\"}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
    r = decode("{\"TS\": true}");
    CU_ASSERT(err_is(&r, "CONVERSION"));
}

static void test_not_null_and_fit(void)
{
    Column c[2] = {{"K", type_make(TY_INTEGER)}, {"C", type_string(TY_CHAR, 3)}};
    c[0].type.notnull = 1;
    Schema s = {2, c};
    Decoder *d = io_decoder_new(&s);
    const char *l1 = "{\"C\": \"ab\"}";
    Decoded r = decode_with(d, l1, strlen(l1));
    CU_ASSERT(err_is(&r, "CONVERSION"));
    CU_ASSERT(strstr(r.err.msg, "K") != NULL);
    const char *l2 = "{\"K\": null}";
    r = decode_with(d, l2, strlen(l2));
    CU_ASSERT(err_is(&r, "CONVERSION"));
    /* CHAR(3): padded and truncated by characters */
    const char *l3 = "{\"K\": 1, \"C\": \"\xc3\xa9\"}";
    r = decode_with(d, l3, strlen(l3));
    CU_ASSERT(r.ok && str_is(&r.row.v[1], "\xc3\xa9  "));
    const char *l4 = "{\"K\": 1, \"C\": \"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"}";
    r = decode_with(d, l4, strlen(l4));
    CU_ASSERT(r.ok && str_is(&r.row.v[1], "\xc3\xa9\xc3\xa9\xc3\xa9"));
    io_decoder_free(d);
}

static const char *put_string(Buf *b, const char *s, size_t n)
{
    b->len = 0;
    json_put_string(b, s, n);
    buf_putc(b, 0);
    return b->p;
}

static void test_writer_strings(void)
{
    Buf b = {0};
    CU_ASSERT_STRING_EQUAL(put_string(&b, "plain", 5), "\"plain\"");
    CU_ASSERT_STRING_EQUAL(put_string(&b, "q\"b\\", 4), "\"q\\\"b\\\\\"");
    CU_ASSERT_STRING_EQUAL(put_string(&b, "\n\r\t\b\f", 5), "\"\\n\\r\\t\\b\\f\"");
    CU_ASSERT_STRING_EQUAL(put_string(&b, "\x01\x1f", 2), "\"\\u0001\\u001f\"");
    CU_ASSERT_STRING_EQUAL(put_string(&b, "a\0b", 3), "\"a\\u0000b\"");
    CU_ASSERT_STRING_EQUAL(put_string(&b, "\xc3\xa9\xf0\x9f\x98\x80", 6), "\"\xc3\xa9\xf0\x9f\x98\x80\"");
    /* bytes that are not UTF-8 become U+FFFD, one per byte */
    CU_ASSERT_STRING_EQUAL(put_string(&b, "a\xff" "b", 3), "\"a\xef\xbf\xbd" "b\"");
    CU_ASSERT_STRING_EQUAL(put_string(&b, "\xc3", 1), "\"\xef\xbf\xbd\"");
    CU_ASSERT_STRING_EQUAL(put_string(&b, "\xed\xa0\x80", 3), "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
    CU_ASSERT_STRING_EQUAL(put_string(&b, "\xc0\xaf", 2), "\"\xef\xbf\xbd\xef\xbf\xbd\"");
    buf_free(&b);
}

static const char *put_value(Buf *b, SqlType t, Value v)
{
    b->len = 0;
    json_put_value(b, t, &v);
    buf_putc(b, 0);
    return b->p;
}

static void test_writer_values(void)
{
    Buf b = {0};
    CU_ASSERT_STRING_EQUAL(put_value(&b, type_make(TY_INTEGER), val_null()), "null");
    CU_ASSERT_STRING_EQUAL(put_value(&b, type_make(TY_BOOLEAN), val_int(1)), "true");
    CU_ASSERT_STRING_EQUAL(put_value(&b, type_make(TY_BIGINT), val_int(INT64_MIN)), "-9223372036854775808");
    CU_ASSERT_STRING_EQUAL(put_value(&b, type_decimal(6, 2), val_int(-5)), "-0.05");
    CU_ASSERT_STRING_EQUAL(put_value(&b, type_make(TY_DOUBLE), val_double(50.0)), "50.0");
    CU_ASSERT_STRING_EQUAL(put_value(&b, type_make(TY_DOUBLE), val_double(1.0 / 0.0)), "\"Infinity\"");
    CU_ASSERT_STRING_EQUAL(put_value(&b, type_make(TY_TIMESTAMP), val_int(-1)), "\"1969-12-31 23:59:59.999\"");
    CU_ASSERT_STRING_EQUAL(put_value(&b, type_make(TY_DATE), val_int(0)), "\"1970-01-01\"");
    CU_ASSERT_STRING_EQUAL(put_value(&b, type_make(TY_VARBINARY), val_str("\x01\x02\x03\x04", 4)), "\"AQIDBA==\"");
    CU_ASSERT_STRING_EQUAL(put_value(&b, type_string(TY_VARCHAR, 0), val_str("\"", 1)), "\"\\\"\"");
    buf_free(&b);
}

static void test_write_row(void)
{
    Column c[3] = {{"N", type_make(TY_INTEGER)}, {"we\"ird", type_string(TY_VARCHAR, 0)}, {"X", type_make(TY_DOUBLE)}};
    Schema s = {3, c};
    Value v[3] = {val_int(7), val_str("a\nb", 3), val_null()};
    Row row = {.rowtime = 1704164645678, .v = v, .n = 3};
    FILE *tmp = tmpfile();
    CU_ASSERT_FATAL(tmp != NULL);
    OutBuf o;
    out_init(&o, fileno(tmp), 1 << 20);
    RowWriter w;
    io_writer_init(&w, &o, &s, &arena);
    io_write_row(&w, &row);
    row.rowtime = 0;
    v[0] = val_null();
    io_write_row(&w, &row);
    CU_ASSERT(out_flush(&o));
    char got[512] = {0};
    lseek(fileno(tmp), 0, SEEK_SET);
    ssize_t k = read(fileno(tmp), got, sizeof got - 1);
    CU_ASSERT(k > 0);
    CU_ASSERT_STRING_EQUAL(got, "{\"ROWTIME\":\"2024-01-02 03:04:05.678\",\"N\":7,\"we\\\"ird\":\"a\\nb\",\"X\":null}\n"
                                "{\"ROWTIME\":\"1970-01-01 00:00:00.000\",\"N\":null,\"we\\\"ird\":\"a\\nb\",\"X\":null}\n");
    out_free(&o);
    fclose(tmp);
    /* what the writer produces, the decoder reads back */
    Decoder *d = io_decoder_new(&s);
    const char *line = strchr(got, '\n') + 1;
    Decoded r = decode_with(d, got, (size_t)(line - 1 - got));
    CU_ASSERT(r.ok && r.has_rowtime && r.row.rowtime == 1704164645678 && r.row.v[0].u.i == 7 && str_is(&r.row.v[1], "a\nb"));
    io_decoder_free(d);
}

static void test_discover(void)
{
    const char *data =
        "{\"i\": 1, \"f\": 1, \"b\": true, \"t\": \"2024-01-02 03:04:05\", \"s\": \"x\", \"n\": null, \"ROWTIME\": \"2024-01-02 00:00:00\"}\n"
        "{\"i\": -5, \"f\": 2.5, \"b\": false, \"t\": \"2024-01-02T03:04:05.123\", \"s\": 3, \"o\": {\"k\": 1}}\n"
        "{\"i\": 9223372036854775807, \"f\": 1e3, \"t\": \"2024-01-03 00:00:00\", \"mixed\": true}\n"
        "{\"mixed\": 1, \"short\": \"2024-01-02\"}\n"
        "{\"partial\": 1";   /* no newline: not looked at */
    Schema s;
    int n = io_discover_schema(data, strlen(data), &s, &arena);
    CU_ASSERT_EQUAL(n, 4);
    struct { const char *name; TypeId id; } want[] = {
        {"i", TY_BIGINT}, {"f", TY_DOUBLE}, {"b", TY_BOOLEAN}, {"t", TY_TIMESTAMP}, {"s", TY_VARCHAR},
        {"n", TY_VARCHAR}, {"o", TY_VARCHAR}, {"mixed", TY_VARCHAR}, {"short", TY_VARCHAR},
    };
    CU_ASSERT_EQUAL(s.ncols, (int)(sizeof want / sizeof want[0]));
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        int c = schema_find(&s, want[i].name);
        CU_ASSERT(c >= 0);
        if (c >= 0) CU_ASSERT_EQUAL(s.cols[c].type.id, want[i].id);
    }
    /* ROWTIME is a system column, never discovered, and order follows first sight */
    CU_ASSERT_EQUAL(schema_find(&s, "ROWTIME"), -1);
    CU_ASSERT_EQUAL(schema_find(&s, "i"), 0);
    CU_ASSERT_EQUAL(schema_find(&s, "short"), 8);
    /* integers that overflow BIGINT make the column DOUBLE */
    const char *big = "{\"v\": 1}\n{\"v\": 99999999999999999999}\n";
    n = io_discover_schema(big, strlen(big), &s, &arena);
    CU_ASSERT(n == 2 && s.ncols == 1 && s.cols[0].type.id == TY_DOUBLE);
}

void ndjson_tests(void)
{
    static const TestCase cases[] = {
        {"columns and keys", test_basic_and_keys},
        {"string escapes and UTF-8", test_string_escapes},
        {"strings scanned 8 bytes at a time (random specials)", test_string_scan_random},
        {"malformed lines", test_malformed},
        {"deep nesting fails cleanly", test_deep_nesting},
        {"numbers", test_numbers},
        {"booleans", test_booleans},
        {"ROWTIME and datetimes", test_rowtime_and_times},
        {"NOT NULL and CHAR fit", test_not_null_and_fit},
        {"writer: strings", test_writer_strings},
        {"writer: values", test_writer_values},
        {"writer: rows", test_write_row},
        {"schema discovery", test_discover},
        {NULL, NULL},
    };
    setup();
    test_suite("ndjson", cases);
}
