/* Unit tests: each *_test.c registers one CUnit suite through this. */
#ifndef EDDY_TEST_H
#define EDDY_TEST_H
#include <CUnit/CUnit.h>

typedef struct TestCase {
    const char *name;
    void (*fn)(void);
} TestCase;

/* Registers a suite of the null-terminated cases. */
void test_suite(const char *name, const TestCase *cases);

/* every suite, one per *_test.c */
void arena_tests(void);
void hashtab_tests(void);
void ring_tests(void);
void mem_ahead_tests(void);
void cpus_tests(void);
void numtext_tests(void);
void numparse_tests(void);
void fixed_text_tests(void);
void timeutil_tests(void);
void convert_tests(void);
void lexer_tests(void);
void parser_tests(void);
void eval_tests(void);
void agg_tests(void);
void datefmt_tests(void);
void ndjson_tests(void);
void ndjson_keys_tests(void);
void kda_config_tests(void);
void window_tests(void);
void anomaly_tests(void);
void kpl_tests(void);
void uri_tests(void);
void aws_tests(void);
void state_file_tests(void);

#endif
