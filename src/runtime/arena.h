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
void *arena_alloc(Arena *a, size_t n);       /* 8-byte aligned, never NULL */
void *arena_zalloc(Arena *a, size_t n);
char *arena_strndup(Arena *a, const char *s, size_t n);
void arena_reset(Arena *a);
void arena_free(Arena *a);
size_t arena_capacity(const Arena *a);        /* bytes held, for stats */

#endif
