#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "src/test.h"

static void test_alignment_and_reuse(void)
{
    Arena a;
    arena_init(&a, 64);
    char *p = arena_alloc(&a, 3);
    char *q = arena_alloc(&a, 5);
    CU_ASSERT_EQUAL((uintptr_t)q % 8, 0);
    CU_ASSERT(q >= p + 3);
    void *big = arena_alloc(&a, 1000);   /* larger than a block */
    memset(big, 1, 1000);
    size_t cap = arena_capacity(&a);
    for (int round = 0; round < 100; round++) {
        arena_reset(&a);
        arena_alloc(&a, 3);
        arena_alloc(&a, 5);
        arena_alloc(&a, 1000);
    }
    /* a reset arena reuses its blocks: no growth for the same pattern */
    CU_ASSERT_EQUAL(arena_capacity(&a), cap);
    arena_free(&a);
}

static void test_strndup(void)
{
    Arena a;
    arena_init(&a, 0);
    char *s = arena_strndup(&a, "hello world", 5);
    CU_ASSERT_STRING_EQUAL(s, "hello");
    arena_free(&a);
}

void arena_tests(void)
{
    static const TestCase cases[] = {
        {"alignment and reuse after reset", test_alignment_and_reuse},
        {"strndup", test_strndup},
        {NULL, NULL},
    };
    test_suite("arena", cases);
}
