/* A chained hash table of intrusive nodes that changes size a few buckets
 * at a time, so no insert or remove ever pays for the whole table: the
 * group and partition tables of the window operators hold one node per
 * key, and a stream with millions of keys must not stall while its table
 * doubles.
 *
 * While a resize runs, the table has two bucket arrays. Old buckets move to
 * the new array in index order, a bounded number per insert or remove; a
 * key whose old bucket has not moved yet is still found (and inserted) in
 * the old array, every other key in the new one, so a lookup walks exactly
 * one chain. New buckets are set up only when their first old bucket moves,
 * so a resize never clears a whole array either: allocating it is the only
 * cost at its start. Big arrays come from the kernel in pages, and the old
 * one's pages are given back behind the moving cursor, so its end costs no
 * long munmap either.
 *
 * The table grows when it holds more keys than buckets and shrinks (by 4)
 * when it holds fewer than one key per 8 buckets; a table never shrinks
 * below its first size. Keys and equality belong to the caller: find walks
 * the chain from htab_chain() comparing hashes first. */
#ifndef EDDY_HASHTAB_H
#define EDDY_HASHTAB_H
#include <stddef.h>
#include <stdint.h>

typedef struct HashNode {
    struct HashNode *chain;
    uint64_t hash;
} HashNode;

typedef struct HashTable {
    HashNode **cur;          /* where keys go; NULL until the first insert */
    HashNode **old;          /* during a resize: the array being emptied */
    uint32_t cur_mask, old_mask;
    uint32_t moved;          /* during a resize: old buckets [0, moved) are in cur */
    size_t old_released;     /* bytes at the start of old already given back */
    size_t count;
    uint32_t last_visits;    /* buckets the last insert or remove moved (for tests) */
} HashTable;

/* Buckets a new table starts with, and the least it shrinks to. */
enum { HTAB_MIN_BUCKETS = 64, HTAB_STEP_VISITS = 32, HTAB_STEP_CHAINS = 2 };

void htab_init(HashTable *t);
void htab_free(HashTable *t);

/* Adds a node whose hash is set and whose key is not in the table yet. */
void htab_insert(HashTable *t, HashNode *n);
/* Takes out a node that is in the table. */
void htab_remove(HashTable *t, HashNode *n);
/* Forgets every node at once (the caller owns them), keeping an array sized
 * for about as many keys as the table held, so a tumbling window's next
 * groups fit without growing again. */
void htab_clear(HashTable *t);
/* htab_clear with an array of at least `buckets` (a power of two at least
 * HTAB_MIN_BUCKETS): a small table kept sparse has short chains, so a
 * lookup seldom walks past a node of another key. */
void htab_clear_to(HashTable *t, size_t buckets);
/* Calls f on every node (in no particular order), for checkpoints. */
void htab_visit(const HashTable *t, void (*f)(HashNode *n, void *arg), void *arg);
/* Buckets in use (both arrays during a resize), for stats and tests. */
size_t htab_buckets(const HashTable *t);

/* The chain a key with hash h is on: walk ->chain from here. */
static inline HashNode **htab_slot(const HashTable *t, uint64_t h)
{
    if (t->old) {
        uint32_t i = (uint32_t)h & t->old_mask;
        if (i >= t->moved) return &t->old[i];
    }
    return &t->cur[(uint32_t)h & t->cur_mask];
}

static inline HashNode *htab_chain(const HashTable *t, uint64_t h)
{
    return t->cur ? *htab_slot(t, h) : NULL;
}

#endif
