/* The chunked ring against a model (the sequence numbers it should hold):
 * random pushes and pops at both ends through growth from one buffer to
 * thousands of chunks, with the head anywhere in a chunk when it grows. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ring.h"
#include "src/test.h"

typedef struct Item {
    uint64_t seq;
    uint64_t check;   /* seq * a constant: a torn or stale copy shows */
    uint32_t pad;
} Item;

static uint64_t rng;
static uint64_t rnd(void)
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

typedef struct Model {
    uint64_t *seq;        /* what the ring holds, front first: seq[first .. first + count) */
    size_t first, count, cap;
} Model;

static unsigned check_ring(const Ring *r, const Model *m, bool all)
{
    unsigned bad = r->count != m->count;
    size_t step = all || m->count < 64 ? 1 : m->count / 61 + 1;
    for (size_t i = 0; i < m->count && !bad; i += step) {
        const Item *it = ring_at(r, (uint32_t)i);
        uint64_t want = m->seq[m->first + i];
        if (it->seq != want || it->check != want * 0x2545F4914F6CDD1DULL) bad++;
    }
    if (m->count && !bad) {
        const Item *back = ring_at(r, (uint32_t)(m->count - 1));
        bad += back->seq != m->seq[m->first + m->count - 1];
    }
    return bad;
}

static void push(Ring *r, Model *m, uint64_t *next)
{
    Item *it = ring_push(r);
    it->seq = *next;
    it->check = *next * 0x2545F4914F6CDD1DULL;
    it->pad = 0;
    if (m->first + m->count == m->cap) {
        if (m->count) memmove(m->seq, m->seq + m->first, m->count * sizeof *m->seq);
        m->first = 0;
        if (m->count == m->cap) {
            m->cap = m->cap ? m->cap * 2 : 1024;
            m->seq = realloc(m->seq, m->cap * sizeof *m->seq);
        }
    }
    m->seq[m->first + m->count++] = (*next)++;
}

static void test_random_against_model(void)
{
    Ring r;
    ring_init(&r, sizeof(Item));
    Model m = {0};
    uint64_t next = 1;
    unsigned bad = 0;
    rng = 11;
    /* phases: grow with pops between (the head moves), drain, regrow */
    static const struct { int ops, push_pct, front_pct; } phases[] = {
        {300000, 70, 90}, {200000, 30, 80}, {100000, 50, 50}, {400000, 75, 95}, {500000, 10, 90},
    };
    for (size_t p = 0; p < sizeof phases / sizeof phases[0]; p++) {
        for (int i = 0; i < phases[p].ops; i++) {
            if (m.count == 0 || (int)(rnd() % 100) < phases[p].push_pct) {
                push(&r, &m, &next);
            } else if ((int)(rnd() % 100) < phases[p].front_pct) {
                ring_pop_front(&r);
                m.first++, m.count--;
            } else {
                ring_pop_back(&r);
                m.count--;
            }
            if (i % 997 == 0) bad += check_ring(&r, &m, false);
        }
        bad += check_ring(&r, &m, true);
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT(r.cap >= 100000);   /* it did go past one chunk, many times over */
    ring_clear(&r, 64);
    CU_ASSERT_EQUAL(r.count, 0);
    CU_ASSERT_EQUAL(r.cap, 0);
    m.first = m.count = 0;
    for (int i = 0; i < 5000; i++) push(&r, &m, &next);
    CU_ASSERT_EQUAL(check_ring(&r, &m, true), 0);
    ring_free(&r);
    free(m.seq);
}

/* Grows at every head offset inside a chunk: the split copy. */
static void test_growth_at_every_offset(void)
{
    unsigned bad = 0;
    for (uint32_t off = 0; off < RING_CHUNK_ITEMS; off += 37) {
        Ring r;
        ring_init(&r, sizeof(Item));
        Model m = {0};
        uint64_t next = 1;
        for (uint32_t i = 0; i < RING_CHUNK_ITEMS; i++) push(&r, &m, &next);
        for (uint32_t i = 0; i < off; i++) {
            ring_pop_front(&r);
            m.first++, m.count--;
        }
        /* fill to the brim, then past it twice */
        while (m.count < 4u * RING_CHUNK_ITEMS + 5) push(&r, &m, &next);
        bad += check_ring(&r, &m, true);
        ring_free(&r);
        free(m.seq);
    }
    CU_ASSERT_EQUAL(bad, 0);
}

void ring_tests(void)
{
    static const TestCase cases[] = {
        {"ring: random pushes and pops against a model", test_random_against_model},
        {"ring: growth with the head at every offset", test_growth_at_every_offset},
        {NULL, NULL},
    };
    test_suite("ring", cases);
}
