#include "mem.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static long fail_countdown;

void mem_fail_after(long n) { fail_countdown = n; }

static void out_of_memory(size_t n)
{
    fprintf(stderr, "eddy: out of memory (allocating %zu bytes)\n", n);
    exit(1);
}

static bool fail_now(void) { return fail_countdown > 0 && --fail_countdown == 0; }

static void *check(void *p, size_t n)
{
    if (fail_now()) {
        free(p);
        p = NULL;
    }
    if (!p && n) out_of_memory(n);
    return p;
}

void *mem_alloc(size_t n) { return check(malloc(n ? n : 1), n ? n : 1); }
void *mem_calloc(size_t count, size_t size)
{
    return check(calloc(count ? count : 1, size ? size : 1), count * size + 1);
}
void *mem_realloc(void *p, size_t n) { return check(realloc(p, n ? n : 1), n ? n : 1); }

char *mem_strndup(const char *s, size_t n)
{
    char *d = mem_alloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *mem_strdup(const char *s) { return mem_strndup(s, strlen(s)); }
void mem_free(void *p) { free(p); }

void *mem_pages(size_t n)
{
    if (fail_now()) out_of_memory(n);
    void *p = mmap(NULL, n ? n : 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) out_of_memory(n);
    return p;
}

void mem_pages_release(void *p, size_t off, size_t len)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t start = (off + page - 1) / page * page, end = (off + len) / page * page;
    if (end > start) madvise((char *)p + start, end - start, MADV_DONTNEED);
}

void mem_pages_free(void *p, size_t n)
{
    if (p) munmap(p, n ? n : 1);
}
