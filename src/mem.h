/* The one allocation wrapper. Out of memory is fatal: eddy prints the
 * reason and exits 1 rather than limp on with a half-built state. */
#ifndef EDDY_MEM_H
#define EDDY_MEM_H
#include <stddef.h>

void *mem_alloc(size_t n);
void *mem_calloc(size_t count, size_t size);
void *mem_realloc(void *p, size_t n);
char *mem_strndup(const char *s, size_t n);
char *mem_strdup(const char *s);
void mem_free(void *p);

/* Test hook: the Nth allocation from now (1-based) fails; 0 disables. */
void mem_fail_after(long n);

#endif
