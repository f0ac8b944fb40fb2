/* Faulting pages in ahead of need: the thread faults in mem_pages' arrays
 * and the heap's new top without changing a byte, even of pages the
 * program writes at the same time. Where the thread cannot run (one CPU,
 * another libc) there is nothing to check. */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "mem.h"
#include "src/test.h"

static void nap(void)
{
    struct timespec ts = {0, 2000000};
    nanosleep(&ts, NULL);
}

/* Pages of [p, p + n) resident, waiting up to 5 s for them. */
static size_t resident_after_wait(void *p, size_t n)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), npages = n / page, have = 0;
    unsigned char *in = mem_alloc(npages);
    for (int tries = 0; tries < 2500; tries++) {
        if (mincore(p, n, in) != 0) break;
        have = 0;
        for (size_t i = 0; i < npages; i++) have += in[i] & 1;
        if (have == npages) break;
        nap();
    }
    mem_free(in);
    return have;
}

static void test_pages(void)
{
    mem_ahead_start();
    if (!mem_ahead_running()) return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE), n = 32u << 20;
    unsigned char *p = mem_pages(n);
    /* the program writes every page's first word while the thread faults them */
    for (size_t off = 0; off < n; off += page) memcpy(p + off, &off, sizeof off);
    CU_ASSERT_EQUAL(resident_after_wait(p, n), n / page);
    size_t bad = 0;
    for (size_t off = 0; off < n; off += page) {
        size_t v;
        memcpy(&v, p + off, sizeof v);
        bad += v != off;
        for (size_t i = sizeof off; i < page; i += 512) bad += p[off + i] != 0;
    }
    CU_ASSERT_EQUAL(bad, 0);
    mem_pages_free(p, n);
    /* a range freed before the thread got to it is forgotten, not touched */
    for (int i = 0; i < 50; i++) mem_pages_free(mem_pages(4u << 20), 4u << 20);
    unsigned char *q = mem_pages(n);
    CU_ASSERT_EQUAL(resident_after_wait(q, n), n / page);
    mem_pages_free(q, n);
}

static void test_heap(void)
{
    mem_ahead_start();
    if (!mem_ahead_running()) return;
    char *was = sbrk(0);
    enum { N = 256, SIZE = 64 * 1024 };
    static char *blocks[N];
    for (int i = 0; i < N; i++) blocks[i] = mem_alloc(SIZE);
    char *end = sbrk(0);
    if (end > was) {
        /* the heap's top beyond the last block, which nothing wrote yet */
        uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), top = 0;
        for (int i = 0; i < N; i++)
            if ((uintptr_t)blocks[i] + SIZE > top && (char *)blocks[i] < end) top = (uintptr_t)blocks[i] + SIZE;
        top = (top + page - 1) & ~(page - 1);
        if (top < (uintptr_t)end) CU_ASSERT_EQUAL(resident_after_wait((void *)top, (uintptr_t)end - top), ((uintptr_t)end - top) / page);
    }
    for (int i = 0; i < N; i++) mem_free(blocks[i]);
}

void mem_ahead_tests(void)
{
    static const TestCase cases[] = {
        {"mem_ahead: arrays faulted in, the program's writes kept", test_pages},
        {"mem_ahead: the heap's new top faulted in", test_heap},
        {NULL, NULL},
    };
    test_suite("mem_ahead", cases);
}
