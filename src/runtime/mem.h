/* The one allocation wrapper. Out of memory is fatal: eddy prints the
 * reason (and, through mem_on_out_of_memory, what it had done) and exits 1
 * rather than limp on with a half-built state. */
#ifndef EDDY_MEM_H
#define EDDY_MEM_H
#include <stdbool.h>
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

/* Memory in use (heap blocks and mapped pages) and a budget for it
 * (--max-memory; 0: none). Operators ask before they add a group, a
 * partition or a window: past the budget the new key is refused with an
 * error row, so memory stays bounded and nothing is lost without a word. */
size_t mem_in_use(void);
void mem_set_budget(size_t bytes);
size_t mem_budget(void);
static inline bool mem_over_budget(void)
{
    extern size_t mem_budget_bytes;
    return mem_budget_bytes && mem_in_use() > mem_budget_bytes;
}
/* Gives free heap memory back to the system (after a big window closed). */
void mem_give_back(void);

/* Faulting pages in ahead of need (mem_ahead.c): from the start, a thread
 * of its own faults in the heap's new pages and mem_pages' arrays before
 * the program writes them, so a growing stream does not wait for its page
 * faults. Starts only where it can help (glibc on Linux, two CPUs);
 * eddy run and the REPL call it. The others are the allocators' hooks. */
void mem_ahead_start(void);
bool mem_ahead_running(void);
void mem_ahead_heap(void);
void mem_ahead_pages(void *p, size_t n);
void mem_ahead_forget(void *p, size_t n);

/* Called (once) when an allocation fails, before the exit: the program
 * says what it had done and what is lost. It must not allocate. NULL: none. */
void mem_on_out_of_memory(void (*fn)(void *ctx), void *ctx);

/* Test hook: the Nth allocation from now (1-based) fails; 0 disables. */
void mem_fail_after(long n);

#endif
