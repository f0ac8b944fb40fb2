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

/* Big arrays straight from the kernel, page-aligned, so that their pages
 * can be given back a piece at a time (mem_pages_release) rather than in
 * one munmap, which stalls for a time proportional to the size. The
 * contents start zeroed. mem_pages_release takes the whole pages inside
 * [off, off + len); reading them afterwards gives zeros. */
void *mem_pages(size_t n);
void mem_pages_release(void *p, size_t off, size_t len);
void mem_pages_free(void *p, size_t n);

/* Test hook: the Nth allocation from now (1-based) fails; 0 disables. */
void mem_fail_after(long n);

#endif
