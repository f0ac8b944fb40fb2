/* A KDA configuration read in every shape: YAML with CloudFormation's
 * short forms, the template functions, describe-application v1 and v2. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "src/io/kda_cfn.h"
#include "src/io/kda_config.h"
#include "src/io/yaml_json.h"
#include "src/test.h"

static void test_yaml_short_forms(void)
{
    const char *text = "A: !Ref X\n"
                       "B: !GetAtt S.Arn\n"
                       "C: !Sub 'a-${X}'\n"
                       "D: !GetAtt [S, Arn]\n"
                       "E: &twice [1, two]\n"
                       "F: *twice\n"
                       "G: |\n  line 1\n  line 2\n";
    char err[256];
    json_t *j = io_yaml_parse(text, strlen(text), "t.yaml", err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(j);
    char *dump = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
    CU_ASSERT_STRING_EQUAL(dump, "{\"A\":{\"Ref\":\"X\"},\"B\":{\"Fn::GetAtt\":[\"S\",\"Arn\"]},\"C\":{\"Fn::Sub\":\"a-${X}\"},"
                                 "\"D\":{\"Fn::GetAtt\":[\"S\",\"Arn\"]},\"E\":[\"1\",\"two\"],\"F\":[\"1\",\"two\"],"
                                 "\"G\":\"line 1\\nline 2\\n\"}");
    free(dump);
    json_decref(j);
}

static void test_yaml_error_position(void)
{
    const char *text = "Resources:\n  A: [1, 2\n";
    char err[256];
    json_t *j = io_yaml_parse(text, strlen(text), "t.yaml", err, sizeof err);
    CU_ASSERT_PTR_NULL(j);
    CU_ASSERT(strncmp(err, "t.yaml:3:1: ", 12) == 0);
}

static const char *template_text =
    "{\"Parameters\": {\"P\": {\"Type\": \"String\", \"Default\": \"pv\"}, \"NoDefault\": {\"Type\": \"String\"}},"
    " \"Mappings\": {\"M\": {\"k1\": {\"k2\": \"mv\"}}},"
    " \"Resources\": {\"S\": {\"Type\": \"AWS::Kinesis::Stream\", \"Properties\": {\"Name\": {\"Fn::Sub\": \"${P}-s\"}}},"
    "   \"G\": {\"Type\": \"AWS::Kinesis::Stream\"},"
    "   \"F\": {\"Type\": \"AWS::KinesisFirehose::DeliveryStream\", \"Properties\": {\"DeliveryStreamName\": \"fh\"}}}}";

/* The value given as JSON text, resolved and shown (unknown parts as ${NAME}). */
static char *resolved(CfnResolver *r, const char *value)
{
    json_t *v = json_loads(value, JSON_DECODE_ANY, NULL);
    char *s = io_cfn_resolve(r, v);
    json_decref(v);
    return s ? io_cfn_shown(r, s) : NULL;
}

static void test_template_functions(void)
{
    Arena a;
    arena_init(&a, 4096);
    json_t *root = json_loads(template_text, 0, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(root);
    CfnResolver r;
    io_cfn_resolver_init(&r, root, NULL, 0, &a);
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Ref\": \"P\"}"), "pv");
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Ref\": \"S\"}"), "pv-s");
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Fn::GetAtt\": [\"S\", \"Arn\"]}"),
                           "arn:aws:kinesis:${AWS::Region}:${AWS::AccountId}:stream/pv-s");
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Fn::GetAtt\": [\"F\", \"Arn\"]}"),
                           "arn:aws:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/fh");
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Ref\": \"G\"}"), "${G}");
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Ref\": \"NoDefault\"}"), "${NoDefault}");
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Fn::Join\": [\"-\", [\"a\", {\"Ref\": \"P\"}, 3]]}"), "a-pv-3");
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Fn::FindInMap\": [\"M\", \"k1\", {\"Ref\": \"Key\"}]}"), "${Fn::FindInMap}");
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Fn::FindInMap\": [\"M\", \"k1\", \"k2\"]}"), "mv");
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Fn::Sub\": [\"${x}/${!lit}/${S.Arn}\", {\"x\": {\"Ref\": \"P\"}}]}"),
                           "pv/${lit}/arn:aws:kinesis:${AWS::Region}:${AWS::AccountId}:stream/pv-s");
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Fn::Select\": [\"1\", [\"a\", \"b\"]]}"), "b");
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Fn::If\": [\"C\", \"a\", \"b\"]}"), "${Fn::If}");
    CU_ASSERT_PTR_NULL(resolved(&r, "[1, 2]"));
    char *s = io_cfn_resolve(&r, json_object_get(json_object_get(root, "Parameters"), "P"));
    CU_ASSERT_PTR_NULL(s);   /* an object that is no function is no text */
    /* what the user gives wins */
    KdaParam given[] = {{"AWS::Region", "eu-west-1"}, {"AWS::AccountId", "1"}, {"G", "gen"}, {"P", "other"}};
    io_cfn_resolver_init(&r, root, given, 4, &a);
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Fn::GetAtt\": [\"S\", \"Arn\"]}"), "arn:aws:kinesis:eu-west-1:1:stream/other-s");
    CU_ASSERT_STRING_EQUAL(resolved(&r, "{\"Fn::GetAtt\": [\"G\", \"Arn\"]}"), "arn:aws:kinesis:eu-west-1:1:stream/gen");
    json_decref(root);
    arena_free(&a);
}

/* The text written to a temporary file; its path. */
static char *temp_file(const char *text)
{
    static char path[512];
    const char *dir = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/eddy-kda-test-XXXXXX", dir && *dir ? dir : P_tmpdir);
    int fd = mkstemp(path);
    if (fd < 0) return NULL;
    size_t n = strlen(text);
    if (write(fd, text, n) != (ssize_t)n) n = 0;
    close(fd);
    return path;
}

static bool load(const char *text, KdaConfig *c, Arena *a, char *err, size_t errsize)
{
    char *path = temp_file(text);
    bool ok = path && io_kda_config_load(path, NULL, 0, a, c, err, errsize);
    if (path) unlink(path);
    return ok;
}

/* The configuration read from the text (in an arena set up here), when it
 * is read as the shape said; else NULL. */
static KdaConfig *load_ok(const char *text, Arena *a, const char *shape)
{
    static KdaConfig c;
    char err[512];
    arena_init(a, 4096);
    if (load(text, &c, a, err, sizeof err) && !strcmp(c.shape, shape)) return &c;
    fprintf(stderr, "%s\n", err);
    return NULL;
}

static const char *schema_json = "{\"RecordFormat\": {\"RecordFormatType\": \"JSON\"},"
                                 " \"RecordColumns\": [{\"Name\": \"A\", \"SqlType\": \"INTEGER\", \"Mapping\": \"$.a\"}]}";

static void test_describe_v1(void)
{
    char text[4096];
    snprintf(text, sizeof text,
             "{\"ApplicationDetail\": {\"ApplicationName\": \"app\", \"ApplicationCode\": \"SELECT 1;\","
             " \"InputDescriptions\": [{\"NamePrefix\": \"IN\", \"InputParallelism\": {\"Count\": 3}, \"InputSchema\": %s,"
             "   \"KinesisStreamsInputDescription\": {\"ResourceARN\": \"arn:aws:kinesis:us-east-2:1:stream/s1\"}}],"
             " \"OutputDescriptions\": [{\"Name\": \"O1\", \"DestinationSchema\": {\"RecordFormatType\": \"CSV\"},"
             "   \"KinesisStreamsOutputDescription\": {\"ResourceARN\": \"arn:aws:kinesis:us-east-2:1:stream/o1\"}},"
             "  {\"Name\": \"O2\", \"LambdaOutputDescription\": {\"ResourceARN\": \"arn:aws:lambda:us-east-2:1:function:f:live\"}}],"
             " \"ReferenceDataSourceDescriptions\": [{\"TableName\": \"T\", \"ReferenceSchema\": %s,"
             "   \"S3ReferenceDataSourceDescription\": {\"BucketARN\": \"arn:aws:s3:::bkt\", \"FileKey\": \"k/t.json\"}}]}}",
             schema_json, schema_json);
    Arena a;
    KdaConfig *cp = load_ok(text, &a, "describe-application (v1)");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cp);
    KdaConfig c = *cp;
    CU_ASSERT_STRING_EQUAL(c.app_name, "app");
    CU_ASSERT_STRING_EQUAL(c.code, "SELECT 1;");
    CU_ASSERT_EQUAL_FATAL(c.ninputs, 1);
    CU_ASSERT_STRING_EQUAL(c.inputs[0].prefix, "IN");
    CU_ASSERT_EQUAL(c.inputs[0].parallelism, 3);
    CU_ASSERT_STRING_EQUAL(c.inputs[0].schema.stream, "IN_001");
    CU_ASSERT_EQUAL(c.inputs[0].from.kind, KDA_KINESIS);
    CU_ASSERT_STRING_EQUAL(c.inputs[0].from.name, "s1");
    CU_ASSERT_STRING_EQUAL(c.inputs[0].from.region, "us-east-2");
    CU_ASSERT_STRING_EQUAL(c.inputs[0].from.setting, "ApplicationDetail.InputDescriptions[0].KinesisStreamsInputDescription");
    CU_ASSERT_EQUAL_FATAL(c.noutputs, 2);
    CU_ASSERT(c.outputs[0].csv);
    CU_ASSERT_STRING_EQUAL(c.outputs[0].to.name, "o1");
    CU_ASSERT_EQUAL(c.outputs[1].to.kind, KDA_LAMBDA);
    CU_ASSERT_STRING_EQUAL(c.outputs[1].to.name, "f");
    CU_ASSERT(!c.outputs[1].csv);
    CU_ASSERT_EQUAL_FATAL(c.ntables, 1);
    CU_ASSERT_STRING_EQUAL(c.tables[0].name, "T");
    CU_ASSERT_STRING_EQUAL(c.tables[0].bucket, "bkt");
    CU_ASSERT_STRING_EQUAL(c.tables[0].key, "k/t.json");
    arena_free(&a);
}

static void test_describe_v2(void)
{
    char text[4096];
    snprintf(text, sizeof text,
             "{\"ApplicationDetail\": {\"RuntimeEnvironment\": \"SQL-1_0\", \"ApplicationConfigurationDescription\": {"
             " \"ApplicationCodeConfigurationDescription\": {\"CodeContentDescription\": {\"TextContent\": \"SELECT 2;\"}},"
             " \"SqlApplicationConfigurationDescription\": {\"InputDescriptions\": [{\"NamePrefix\": \"P\", \"InputSchema\": %s,"
             "   \"InputProcessingConfigurationDescription\": {\"InputLambdaProcessorDescription\": {\"ResourceARN\": \"arn:aws:lambda:r:1:function:pre\"}},"
             "   \"KinesisFirehoseInputDescription\": {\"ResourceARN\": \"arn:aws:firehose:r:1:deliverystream/d\"}}]}}}}",
             schema_json);
    Arena a;
    KdaConfig *cp = load_ok(text, &a, "describe-application (v2)");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cp);
    KdaConfig c = *cp;
    CU_ASSERT_STRING_EQUAL(c.code, "SELECT 2;");
    CU_ASSERT_EQUAL_FATAL(c.ninputs, 1);
    CU_ASSERT_EQUAL(c.inputs[0].parallelism, 1);
    CU_ASSERT_EQUAL(c.inputs[0].from.kind, KDA_FIREHOSE);
    CU_ASSERT_STRING_EQUAL(c.inputs[0].from.name, "d");
    CU_ASSERT_STRING_EQUAL(c.inputs[0].lambda, "arn:aws:lambda:r:1:function:pre");
    CU_ASSERT_STRING_EQUAL(c.inputs[0].lambda_setting, "ApplicationDetail.ApplicationConfigurationDescription."
                                                       "SqlApplicationConfigurationDescription.InputDescriptions[0]."
                                                       "InputProcessingConfigurationDescription.InputLambdaProcessorDescription");
    arena_free(&a);
}

static void test_refused_files(void)
{
    char err[512];
    Arena a;
    arena_init(&a, 4096);
    KdaConfig c;
    CU_ASSERT(!load("{\"Something\": 1}", &c, &a, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "not a KDA application's configuration"));
    CU_ASSERT(!load("{\"Resources\": {\"A\": {\"Type\": \"AWS::KinesisAnalytics::Application\"},"
                    " \"B\": {\"Type\": \"AWS::KinesisAnalyticsV2::Application\"}}}", &c, &a, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "the template has 2 KDA applications (A, B)"));
    CU_ASSERT(!load("{\"Resources\": {\"A\": {\"Type\": \"AWS::KinesisAnalytics::Application\", \"Properties\": {"
                    "\"Inputs\": [{\"NamePrefix\": \"X\", \"InputParallelism\": {\"Count\": 65}}]}}}}", &c, &a, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "Resources.A.Properties.Inputs[0].InputParallelism.Count must be from 1 to 64"));
    CU_ASSERT(!load("Resources:\n  A:\n    Type: AWS::KinesisAnalytics::Application\n    Properties:\n"
                    "      ApplicationCode: !Sub 'SELECT STREAM * FROM ${Missing};'\n", &c, &a, err, sizeof err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "Resources.A.Properties.ApplicationCode is \"SELECT STREAM * FROM ${Missing};\", "
                                       "and Missing is not given in the file: give it with --kda-param Missing=VALUE"));
    arena_free(&a);
}

void kda_config_tests(void)
{
    static const TestCase cases[] = {
        {"YAML: CloudFormation short forms, anchors, block scalars", test_yaml_short_forms},
        {"YAML: a parse error has its line and column", test_yaml_error_position},
        {"template functions: Ref, GetAtt, Sub, Join, FindInMap, Select, given values", test_template_functions},
        {"describe-application v1", test_describe_v1},
        {"describe-application v2 with a Lambda preprocessor", test_describe_v2},
        {"files that are no usable configuration", test_refused_files},
        {NULL, NULL},
    };
    test_suite("kda_config", cases);
}
