#include "hashtab.h"

#include <string.h>

#include "mem.h"

/* Arrays of this many bytes or more are mapped pages (mem_pages); the old
 * array gives its pages back in pieces of RELEASE_BYTES as buckets move. */
enum { PAGED_BYTES = 256 * 1024, RELEASE_BYTES = 256 * 1024 };

static HashNode **new_array(size_t nbuckets)
{
    size_t bytes = nbuckets * sizeof(HashNode *);
    return bytes >= PAGED_BYTES ? mem_pages(bytes) : mem_alloc(bytes);
}

static void free_array(HashNode **a, uint32_t mask)
{
    size_t bytes = ((size_t)mask + 1) * sizeof(HashNode *);
    if (!a) return;
    if (bytes >= PAGED_BYTES) mem_pages_free(a, bytes);
    else mem_free(a);
}

void htab_init(HashTable *t) { memset(t, 0, sizeof *t); }

void htab_free(HashTable *t)
{
    free_array(t->cur, t->cur_mask);
    free_array(t->old, t->old_mask);
    htab_init(t);
}

size_t htab_buckets(const HashTable *t)
{
    size_t n = t->cur ? (size_t)t->cur_mask + 1 : 0;
    if (t->old) n += (size_t)t->old_mask + 1;
    return n;
}

/* The new array is left uninitialised: step() clears each of its buckets
 * just before the first old bucket that feeds it moves. */
static void start_resize(HashTable *t, size_t nbuckets)
{
    t->old = t->cur;
    t->old_mask = t->cur_mask;
    t->cur = new_array(nbuckets);
    t->cur_mask = (uint32_t)(nbuckets - 1);
    t->moved = 0;
    t->old_released = 0;
}

/* Moves old buckets in index order: at most HTAB_STEP_VISITS buckets, of
 * which at most HTAB_STEP_CHAINS hold nodes. Growing from N buckets at one
 * key per bucket finishes within N/2 inserts, before the new array (2N)
 * can fill; shrinking from M buckets (fewer than M/8 keys) finishes within
 * M/32 + M/16 operations, by which time the new array (M/4) holds at most
 * M/8 + 3M/32 keys, still under one per bucket. */
static void step(HashTable *t)
{
    uint32_t nold = t->old_mask + 1, ncur = t->cur_mask + 1;
    uint32_t visits = 0, chains = 0;
    while (t->moved < nold && visits < HTAB_STEP_VISITS && chains < HTAB_STEP_CHAINS) {
        uint32_t i = t->moved++;
        visits++;
        if (ncur > nold) {
            for (uint32_t j = i; j < ncur; j += nold) t->cur[j] = NULL;
        } else if (i < ncur) {
            t->cur[i] = NULL;
        }
        HashNode *n = t->old[i];
        if (n) chains++;
        while (n) {
            HashNode *next = n->chain;
            HashNode **slot = &t->cur[(uint32_t)n->hash & t->cur_mask];
            n->chain = *slot;
            *slot = n;
            n = next;
        }
    }
    t->last_visits = visits;
    if (t->moved == nold) {
        free_array(t->old, t->old_mask);
        t->old = NULL;
        return;
    }
    size_t behind = (size_t)t->moved * sizeof *t->old;
    if ((size_t)nold * sizeof *t->old >= PAGED_BYTES && behind - t->old_released >= RELEASE_BYTES) {
        mem_pages_release(t->old, t->old_released, RELEASE_BYTES);
        t->old_released += RELEASE_BYTES;
    }
    /* the nodes the next step moves are anywhere in memory: ask for them
     * now, so that step does not wait on a cache miss per node */
    for (uint32_t i = t->moved + 8, end = i + 8 < nold ? i + 8 : nold; i < end; i++)
        if (t->old[i]) __builtin_prefetch(t->old[i], 1);
}

void htab_insert(HashTable *t, HashNode *n)
{
    t->last_visits = 0;
    if (!t->cur) {
        t->cur = mem_calloc(HTAB_MIN_BUCKETS, sizeof *t->cur);
        t->cur_mask = HTAB_MIN_BUCKETS - 1;
    }
    if (t->old) step(t);
    HashNode **slot = htab_slot(t, n->hash);
    n->chain = *slot;
    *slot = n;
    t->count++;
    size_t nb = (size_t)t->cur_mask + 1;
    if (!t->old && t->count > nb && nb <= (size_t)UINT32_MAX / 2) start_resize(t, nb * 2);
}

void htab_remove(HashTable *t, HashNode *n)
{
    t->last_visits = 0;
    HashNode **pp = htab_slot(t, n->hash);
    while (*pp != n) pp = &(*pp)->chain;
    *pp = n->chain;
    n->chain = NULL;
    t->count--;
    if (t->old) {
        step(t);
        return;
    }
    size_t nb = (size_t)t->cur_mask + 1;
    if (nb > HTAB_MIN_BUCKETS && t->count < nb / 8) start_resize(t, nb / 4 > HTAB_MIN_BUCKETS ? nb / 4 : HTAB_MIN_BUCKETS);
}

void htab_clear(HashTable *t) { htab_clear_to(t, t->count); }

void htab_clear_to(HashTable *t, size_t buckets)
{
    if (!t->cur) return;
    size_t want = HTAB_MIN_BUCKETS;
    while (want < buckets && want <= (size_t)UINT32_MAX / 2) want *= 2;
    free_array(t->old, t->old_mask);
    t->old = NULL;
    if (want != (size_t)t->cur_mask + 1) {
        free_array(t->cur, t->cur_mask);
        t->cur = new_array(want);
        t->cur_mask = (uint32_t)(want - 1);
    }
    memset(t->cur, 0, want * sizeof *t->cur);
    t->count = 0;
    t->moved = 0;
}

void htab_visit(const HashTable *t, void (*f)(HashNode *n, void *arg), void *arg)
{
    if (!t->cur) return;
    for (uint32_t i = 0; i <= t->cur_mask; i++) {
        /* during a resize, a new bucket holds nodes only once an old one fed it (see step) */
        if (t->old && (t->cur_mask > t->old_mask ? (i & t->old_mask) >= t->moved : i >= t->moved)) continue;
        for (HashNode *n = t->cur[i]; n;) {
            HashNode *next = n->chain;
            f(n, arg);
            n = next;
        }
    }
    if (t->old)
        for (uint32_t i = t->moved; i <= t->old_mask; i++)
            for (HashNode *n = t->old[i]; n;) {
                HashNode *next = n->chain;
                f(n, arg);
                n = next;
            }
}
