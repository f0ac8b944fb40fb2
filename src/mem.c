#include "mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long fail_countdown;

void mem_fail_after(long n) { fail_countdown = n; }

static void *check(void *p, size_t n)
{
    if (fail_countdown > 0 && --fail_countdown == 0) {
        free(p);
        p = NULL;
    }
    if (!p && n) {
        fprintf(stderr, "eddy: out of memory (allocating %zu bytes)\n", n);
        exit(1);
    }
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
