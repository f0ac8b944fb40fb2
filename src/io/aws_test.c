/* The parsers of the credential sources' answers: ISO 8601 expirations,
 * STS's XML, and the JSON of credential_process, the container endpoint
 * and IMDS. */
#include <string.h>

#include "aws_int.h"
#include "src/runtime/mem.h"
#include "src/test.h"

static void test_time(void)
{
    CU_ASSERT_EQUAL(io_aws_parse_time("1970-01-01T00:00:00Z"), 0);
    CU_ASSERT_EQUAL(io_aws_parse_time("2024-05-01T12:00:00Z"), 1714564800000LL);
    CU_ASSERT_EQUAL(io_aws_parse_time("2024-05-01T12:00:00.25Z"), 1714564800250LL);
    CU_ASSERT_EQUAL(io_aws_parse_time("2024-05-01T12:00:00.123456Z"), 1714564800123LL);
    CU_ASSERT_EQUAL(io_aws_parse_time("2024-05-01T14:00:00+02:00"), 1714564800000LL);
    CU_ASSERT_EQUAL(io_aws_parse_time("2024-05-01T07:30:00-04:30"), 1714564800000LL);
    CU_ASSERT_EQUAL(io_aws_parse_time("2024-05-01T12:00:00"), 1714564800000LL);
    CU_ASSERT_EQUAL(io_aws_parse_time("2024-05-01 12:00:00Z"), -1);
    CU_ASSERT_EQUAL(io_aws_parse_time("2024-13-01T12:00:00Z"), -1);
    CU_ASSERT_EQUAL(io_aws_parse_time("2024-05-01T12:00:00Q"), -1);
    CU_ASSERT_EQUAL(io_aws_parse_time("soon"), -1);
    CU_ASSERT_EQUAL(io_aws_parse_time(NULL), -1);
}

static void test_xml(void)
{
    const char *xml = "<R><Credentials><AccessKeyId>ASIA1</AccessKeyId><SessionToken>a&amp;b&lt;c&gt;&quot;&apos;&x"
                      "</SessionToken><Empty></Empty></Credentials></R>";
    char *v = io_aws_xml_text(xml, "AccessKeyId");
    CU_ASSERT_STRING_EQUAL(v, "ASIA1");
    mem_free(v);
    v = io_aws_xml_text(xml, "SessionToken");
    CU_ASSERT_STRING_EQUAL(v, "a&b<c>\"'&x");
    mem_free(v);
    v = io_aws_xml_text(xml, "Empty");
    CU_ASSERT_STRING_EQUAL(v, "");
    mem_free(v);
    CU_ASSERT_PTR_NULL(io_aws_xml_text(xml, "Expiration"));
    CU_ASSERT_PTR_NULL(io_aws_xml_text("<A>open", "A"));
    CU_ASSERT_PTR_NULL(io_aws_xml_text(NULL, "A"));
}

static bool from_json(const char *text, AwsCreds *k, char *why, size_t n)
{
    return io_aws_creds_from_json(text, strlen(text), k, why, n);
}

static void test_json(void)
{
    char why[300];
    AwsCreds k;
    CU_ASSERT_FATAL(from_json("{\"Version\":1,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\",\"SessionToken\":\"T\","
                              "\"Expiration\":\"2024-05-01T12:00:00Z\"}", &k, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(k.access_key, "A");
    CU_ASSERT_STRING_EQUAL(k.secret_key, "S");
    CU_ASSERT_STRING_EQUAL(k.session_token, "T");
    CU_ASSERT_EQUAL(k.expires_ms, 1714564800000LL);
    io_aws_creds_clear(&k);
    CU_ASSERT_PTR_NULL(k.access_key);
    /* the container's and IMDS's answers: Token, Code; long-term keys do not expire */
    CU_ASSERT_FATAL(from_json("{\"Code\":\"Success\",\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\",\"Token\":\"T2\"}", &k,
                              why, sizeof why));
    CU_ASSERT_STRING_EQUAL(k.session_token, "T2");
    CU_ASSERT_EQUAL(k.expires_ms, 0);
    io_aws_creds_clear(&k);
    CU_ASSERT(!from_json("{\"Code\":\"AssumeRoleUnauthorizedAccess\",\"Message\":\"no\"}", &k, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(why, "it answered Code \"AssumeRoleUnauthorizedAccess\": no");
    CU_ASSERT(!from_json("{\"Version\":2,\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\"}", &k, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(why, "its answer has Version 2, not 1");
    CU_ASSERT(!from_json("{\"AccessKeyId\":\"A\"}", &k, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(why, "its answer has no AccessKeyId and SecretAccessKey");
    CU_ASSERT(!from_json("{\"AccessKeyId\":\"A\",\"SecretAccessKey\":\"S\",\"Expiration\":\"tomorrow\"}", &k, why, sizeof why));
    CU_ASSERT_STRING_EQUAL(why, "its Expiration \"tomorrow\" is not an ISO 8601 time");
    CU_ASSERT(!from_json("not json", &k, why, sizeof why));
    CU_ASSERT(!from_json("[1]", &k, why, sizeof why));
    CU_ASSERT_PTR_NULL(k.access_key);
}

void aws_tests(void)
{
    static const TestCase cases[] = {
        {"AWS credentials: ISO 8601 expirations", test_time},
        {"AWS credentials: STS's XML", test_xml},
        {"AWS credentials: JSON answers", test_json},
        {NULL, NULL},
    };
    test_suite("aws", cases);
}
