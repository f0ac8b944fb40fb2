/* A first-in-first-out ring of fixed-size items that grows without
 * copying what it holds: a sliding window of millions of rows must not
 * stall while its buffer doubles.
 *
 * Up to RING_CHUNK_ITEMS items the ring is one buffer that doubles (a copy
 * of at most half a chunk). Past that it is a ring of chunks of
 * RING_CHUNK_ITEMS items: doubling copies the chunk pointers and at most
 * one chunk's items (the one the head and the tail share), and new chunks
 * are allocated as the tail reaches them. Items never move while they are
 * in the ring except by those bounded copies, so ring_at() pointers are
 * good until the next push. */
#ifndef EDDY_RING_H
#define EDDY_RING_H
#include <stddef.h>
#include <stdint.h>

enum { RING_CHUNK_SHIFT = 10, RING_CHUNK_ITEMS = 1 << RING_CHUNK_SHIFT };

typedef struct Ring {
    char **chunks;        /* cap >> shift chunk pointers; &one while there is one chunk */
    char *one;
    uint32_t cap;         /* items, a power of two; 0 before the first push */
    uint32_t head, count;
    uint32_t size;        /* bytes per item */
    uint32_t shift;       /* log2 of the items per chunk */
    uint32_t mask, imask; /* cap - 1, items per chunk - 1: kept, as every access needs them */
} Ring;

void ring_init(Ring *r, uint32_t item_size);
void ring_free(Ring *r);
/* A new item at the back (its bytes are the caller's to set). */
void *ring_push_grow(Ring *r);
static inline void *ring_push(Ring *r)
{
    /* the common case inline: room left, and the tail's chunk is there */
    if (__builtin_expect(r->count < r->cap, 1)) {
        uint32_t pos = (r->head + r->count) & r->mask;
        char *chunk = r->chunks[pos >> r->shift];
        if (__builtin_expect(chunk != NULL, 1)) {
            r->count++;
            return chunk + (size_t)(pos & r->imask) * r->size;
        }
    }
    return ring_push_grow(r);
}
/* Empties the ring; storage for more than keep items is given back. */
void ring_clear(Ring *r, uint32_t keep);

static inline void *ring_at(const Ring *r, uint32_t i)
{
    uint32_t pos = (r->head + i) & r->mask;
    return r->chunks[pos >> r->shift] + (size_t)(pos & r->imask) * r->size;
}

static inline void ring_pop_front(Ring *r)
{
    r->head = (r->head + 1) & r->mask;
    r->count--;
}

static inline void ring_pop_back(Ring *r) { r->count--; }

#endif
