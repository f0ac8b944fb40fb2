/* The unit-test runner for `make check`: every suite, CUnit's summary. */
#include <CUnit/Basic.h>
#include <stdio.h>

#include "test.h"

void test_suite(const char *name, const TestCase *cases)
{
    CU_pSuite s = CU_add_suite(name, NULL, NULL);
    if (!s) return;
    for (const TestCase *c = cases; c->name; c++) CU_add_test(s, c->name, c->fn);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS) return 2;
    arena_tests();
    hashtab_tests();
    ring_tests();
    mem_ahead_tests();
    cpus_tests();
    numtext_tests();
    numparse_tests();
    fixed_text_tests();
    timeutil_tests();
    convert_tests();
    lexer_tests();
    parser_tests();
    eval_tests();
    agg_tests();
    datefmt_tests();
    ndjson_tests();
    ndjson_keys_tests();
    kda_config_tests();
    window_tests();
    anomaly_tests();
    kpl_tests();
    uri_tests();
    aws_tests();
    state_file_tests();
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
