#include "arena.h"

#include <string.h>

#include "mem.h"

struct ArenaBlock {
    ArenaBlock *next;
    size_t size;
    /* data follows, 16-aligned */
    _Alignas(16) char data[];
};

void arena_init(Arena *a, size_t block_size)
{
    memset(a, 0, sizeof *a);
    a->block_size = block_size ? block_size : 4096;
}

static ArenaBlock *new_block(size_t size)
{
    ArenaBlock *b = mem_alloc(sizeof(ArenaBlock) + size);
    b->next = NULL;
    b->size = size;
    return b;
}

static void enter(Arena *a, ArenaBlock *b)
{
    a->cur = b;
    a->ptr = b->data;
    a->end = b->data + b->size;
}

void *arena_alloc_next(Arena *a, size_t n)
{
    /* n is rounded already: move to the next kept block that is large enough, else add one. */
    ArenaBlock *prev = a->cur;
    ArenaBlock *b = prev ? prev->next : a->first;
    while (b && b->size < n) {
        prev = b;
        b = b->next;
    }
    if (!b) {
        size_t size = a->block_size;
        while (size < n) size *= 2;
        b = new_block(size);
        if (prev) {
            b->next = prev->next;
            prev->next = b;
        } else {
            b->next = a->first;
            a->first = b;
        }
    }
    enter(a, b);
    void *p = a->ptr;
    a->ptr += n;
    return p;
}

void *arena_zalloc(Arena *a, size_t n)
{
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    if (n) memcpy(d, s, n);
    d[n] = 0;
    return d;
}

void arena_reset(Arena *a)
{
    if (a->first)
        enter(a, a->first);
    else
        a->ptr = a->end = NULL, a->cur = NULL;
}

void arena_free(Arena *a)
{
    ArenaBlock *b = a->first;
    while (b) {
        ArenaBlock *n = b->next;
        mem_free(b);
        b = n;
    }
    a->first = a->cur = NULL;
    a->ptr = a->end = NULL;
}

size_t arena_capacity(const Arena *a)
{
    size_t n = 0;
    for (ArenaBlock *b = a->first; b; b = b->next) n += b->size;
    return n;
}
