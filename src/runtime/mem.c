#include "mem.h"

#include <stdbool.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static long fail_countdown;
/* Updated by every allocation and free (the Kinesis and Kafka threads
 * allocate too): relaxed atomics, as only the total matters. */
static size_t in_use;
size_t mem_budget_bytes;

static void count(void *p, bool add)
{
    if (!p) return;
    size_t n = malloc_usable_size(p);
    if (add) __atomic_fetch_add(&in_use, n, __ATOMIC_RELAXED);
    else __atomic_fetch_sub(&in_use, n, __ATOMIC_RELAXED);
}

size_t mem_in_use(void) { return __atomic_load_n(&in_use, __ATOMIC_RELAXED); }
void mem_set_budget(size_t bytes) { mem_budget_bytes = bytes; }
size_t mem_budget(void) { return mem_budget_bytes; }
void mem_give_back(void)
{
    malloc_trim(0);
    mem_ahead_heap();
}

void mem_fail_after(long n) { fail_countdown = n; }

static void (*oom_hook)(void *ctx);
static void *oom_ctx;

void mem_on_out_of_memory(void (*fn)(void *ctx), void *ctx)
{
    oom_hook = fn;
    oom_ctx = ctx;
}

static void out_of_memory(size_t n)
{
    static int said;
    fprintf(stderr, "eddy: out of memory (allocating %zu bytes, %zu MB in use)\n", n, mem_in_use() >> 20);
    /* once: the hook may itself run out (or another thread at the same time) */
    if (oom_hook && !__atomic_exchange_n(&said, 1, __ATOMIC_RELAXED)) oom_hook(oom_ctx);
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
    count(p, true);
    mem_ahead_heap();
    return p;
}

void *mem_alloc(size_t n) { return check(malloc(n ? n : 1), n ? n : 1); }
void *mem_calloc(size_t count, size_t size)
{
    return check(calloc(count ? count : 1, size ? size : 1), count * size + 1);
}
void *mem_realloc(void *p, size_t n)
{
    count(p, false);
    return check(realloc(p, n ? n : 1), n ? n : 1);
}

char *mem_strndup(const char *s, size_t n)
{
    char *d = mem_alloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

char *mem_strdup(const char *s) { return mem_strndup(s, strlen(s)); }
void mem_free(void *p)
{
    count(p, false);
    free(p);
    mem_ahead_heap();   /* a free at the top may have shrunk the heap */
}

void *mem_pages(size_t n)
{
    if (fail_now()) out_of_memory(n);
    void *p = mmap(NULL, n ? n : 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) out_of_memory(n);
    __atomic_fetch_add(&in_use, n, __ATOMIC_RELAXED);
    mem_ahead_pages(p, n);
    return p;
}

void mem_pages_release(void *p, size_t off, size_t len)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t start = (off + page - 1) / page * page, end = (off + len) / page * page;
    mem_ahead_forget((char *)p + off, len);
    if (end > start) madvise((char *)p + start, end - start, MADV_DONTNEED);
}

void mem_pages_free(void *p, size_t n)
{
    if (!p) return;
    mem_ahead_forget(p, n);
    munmap(p, n ? n : 1);
    __atomic_fetch_sub(&in_use, n, __ATOMIC_RELAXED);
}
