/* Bump allocator. Blocks are kept across arena_reset(), so an arena that is
 * reset after every record stops calling malloc once it has warmed up. */
#ifndef EDDY_ARENA_H
#define EDDY_ARENA_H
#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *first;   /* chain of blocks, reused after a reset */
    ArenaBlock *cur;
    char *ptr, *end;
    size_t block_size;
} Arena;

void arena_init(Arena *a, size_t block_size);
/* arena_alloc when the current block is full (or there is none yet). */
void *arena_alloc_next(Arena *a, size_t n);

/* 16-byte aligned (long double accumulators live in arena memory), never
 * NULL. Inline: most records make a few allocations, each a bump. */
static inline void *arena_alloc(Arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if ((size_t)(a->end - a->ptr) >= n && a->ptr) {
        void *p = a->ptr;
        a->ptr += n;
        return p;
    }
    return arena_alloc_next(a, n);
}
void *arena_zalloc(Arena *a, size_t n);
char *arena_strndup(Arena *a, const char *s, size_t n);
void arena_reset(Arena *a);
void arena_free(Arena *a);
size_t arena_capacity(const Arena *a);        /* bytes held, for stats */

#endif
