/* The connector URI: files stay files; kinesis:// splits into stream and
 * parameters, %-escapes decoded. */
#include <string.h>

#include "uri.h"
#include "src/test.h"

static void test_files(void)
{
    char why[200];
    IoUri u;
    const char *paths[] = {"-", "data/in.ndjson", "/abs/x.csv", "c:x", "weird:/x"};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        CU_ASSERT_FATAL(io_uri_parse(paths[i], &u, why, sizeof why));
        CU_ASSERT(io_uri_is_file(&u));
        CU_ASSERT_STRING_EQUAL(u.path, paths[i]);
        io_uri_free(&u);
    }
    CU_ASSERT_FATAL(io_uri_parse("file:///tmp/a b", &u, why, sizeof why));
    CU_ASSERT(io_uri_is_file(&u));
    CU_ASSERT_STRING_EQUAL(u.path, "/tmp/a b");
    io_uri_free(&u);
}

static void test_kinesis(void)
{
    char why[200];
    IoUri u;
    CU_ASSERT_FATAL(io_uri_parse("Kinesis://orders?region=eu-west-1&endpoint=http%3A%2F%2F127.0.0.1:4567&start=at_timestamp:"
                                 "2024-01-01%2000:00:00&flag",
                                 &u, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(u.scheme, "kinesis");
    CU_ASSERT_STRING_EQUAL(u.authority, "orders");
    CU_ASSERT_STRING_EQUAL(u.path, "");
    CU_ASSERT(!io_uri_is_file(&u));
    CU_ASSERT_STRING_EQUAL(io_uri_param(&u, "region"), "eu-west-1");
    CU_ASSERT_STRING_EQUAL(io_uri_param(&u, "endpoint"), "http://127.0.0.1:4567");
    CU_ASSERT_STRING_EQUAL(io_uri_param(&u, "start"), "at_timestamp:2024-01-01 00:00:00");
    CU_ASSERT_STRING_EQUAL(io_uri_param(&u, "flag"), "");
    CU_ASSERT_PTR_NULL(io_uri_param(&u, "stop"));
    static const char *const known[] = {"region", "endpoint", "start", NULL};
    CU_ASSERT_STRING_EQUAL(io_uri_unknown_param(&u, known), "flag");
    io_uri_free(&u);

    CU_ASSERT_FATAL(io_uri_parse("kafka://broker:9092/topic?group=g", &u, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(u.authority, "broker:9092");
    CU_ASSERT_STRING_EQUAL(u.path, "/topic");
    CU_ASSERT_STRING_EQUAL(io_uri_param(&u, "group"), "g");
    io_uri_free(&u);

    CU_ASSERT(!io_uri_parse("kinesis://s?x=%zz", &u, why, sizeof why));
    CU_ASSERT(strstr(why, "%-escape") != NULL);
}

/* The checks connectors share: unknown parameters, numbers, two-word choices. */
static void test_params(void)
{
    IoUri u;
    char why[256];
    CU_ASSERT_FATAL(io_uri_parse("kinesis://s?limit=50&stop=never&order=sideways&x=1", &u, why, sizeof why));
    static const char *const known[] = {"limit", "stop", "order", NULL};
    CU_ASSERT(!io_uri_check_params(&u, known, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(why, "kinesis://s: unknown parameter \"x\" (known: limit, stop, order)");
    int limit = 7, none = 3;
    CU_ASSERT(io_uri_int_param(&u, "limit", 1, 100, &limit, why, sizeof why) && limit == 50);
    CU_ASSERT(io_uri_int_param(&u, "poll_ms", 0, 100, &none, why, sizeof why) && none == 3);
    CU_ASSERT(!io_uri_int_param(&u, "limit", 60, 100, &limit, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(why, "kinesis://s: limit=50: expected a whole number from 60 to 100");
    bool on = true;
    CU_ASSERT(io_uri_word_param(&u, "stop", "caught_up", "end at the tip", "never", &on, why, sizeof why) && !on);
    CU_ASSERT(!io_uri_word_param(&u, "order", "strict", "one a call", "batch", &on, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(why, "kinesis://s: order=sideways: expected strict (one a call) or batch");
    io_uri_free(&u);
}

void uri_tests(void)
{
    static const TestCase cases[] = {
        {"URI: paths and file:// are files", test_files},
        {"URI: scheme, authority, path, parameters", test_kinesis},
        {"URI: unknown parameters, numbers, choices", test_params},
        {NULL, NULL},
    };
    test_suite("uri", cases);
}
