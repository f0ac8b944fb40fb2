#include "ring.h"

#include <string.h>

#include "mem.h"

void ring_init(Ring *r, uint32_t item_size)
{
    memset(r, 0, sizeof *r);
    r->size = item_size;
}

void ring_free(Ring *r)
{
    if (r->chunks == &r->one) {
        mem_free(r->one);
    } else if (r->chunks) {
        for (uint32_t c = 0; c < r->cap >> r->shift; c++) mem_free(r->chunks[c]);
        mem_free(r->chunks);
    }
    ring_init(r, r->size);
}

void ring_clear(Ring *r, uint32_t keep)
{
    if (r->cap > keep) ring_free(r);
    r->head = r->count = 0;
}

/* One buffer, twice as long, holding the items from its start. */
static void grow_buffer(Ring *r)
{
    /* a ring starts at one item: most partitions of many keys hold a row or two */
    uint32_t cap = r->cap ? r->cap * 2 : 1;
    char *nb = mem_alloc((size_t)cap * r->size);
    for (uint32_t i = 0; i < r->count; i++) memcpy(nb + (size_t)i * r->size, ring_at(r, i), r->size);
    mem_free(r->one);
    r->one = nb;
    r->chunks = &r->one;
    r->cap = cap;
    r->shift = 0;
    while ((1u << r->shift) < cap) r->shift++;
    r->mask = cap - 1;
    r->imask = cap - 1;
    r->head = 0;
}

/* Twice the chunks, in ring order from the head's chunk. The head's chunk
 * also holds the newest items before the head's offset: those (less than a
 * chunk) move into a fresh chunk after the old ones. */
static void grow_chunks(Ring *r)
{
    uint32_t n = r->cap >> r->shift, mask = (1u << r->shift) - 1;
    uint32_t c0 = r->head >> r->shift, off = r->head & mask;
    size_t chunk_bytes = (size_t)RING_CHUNK_ITEMS * r->size;
    char **nc = mem_calloc((size_t)n * 2, sizeof *nc);
    for (uint32_t k = 0; k < n; k++) nc[k] = r->chunks[(c0 + k) % n];
    if (off) {
        nc[n] = mem_alloc(chunk_bytes);
        memcpy(nc[n], nc[0], (size_t)off * r->size);
    }
    if (r->chunks != &r->one) mem_free(r->chunks);
    r->chunks = nc;
    r->one = NULL;
    r->cap *= 2;
    r->mask = r->cap - 1;
    r->head = off;
}

/* ring_push when the ring is full or the tail's chunk is not allocated yet. */
void *ring_push_grow(Ring *r)
{
    if (r->count == r->cap) {
        if (r->cap < RING_CHUNK_ITEMS) grow_buffer(r);
        else grow_chunks(r);
    }
    uint32_t pos = (r->head + r->count) & r->mask;
    char **chunk = &r->chunks[pos >> r->shift];
    if (!*chunk) *chunk = mem_alloc((size_t)RING_CHUNK_ITEMS * r->size);
    r->count++;
    return *chunk + (size_t)(pos & r->imask) * r->size;
}
