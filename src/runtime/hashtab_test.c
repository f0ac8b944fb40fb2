/* The incrementally resized hash table against a model (a flag per key):
 * random inserts and removes through growth, shrinking and regrowth, with
 * every lookup checked, the work of each operation bounded and the load
 * kept at most one key per bucket while resizes run. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "hashtab.h"
#include "src/test.h"

typedef struct Item {
    HashNode node;   /* first: a HashNode * is an Item * */
    uint32_t key;
} Item;

static uint64_t rng;
static uint64_t rnd(void)
{
    uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t mix(uint32_t k)
{
    uint64_t z = (uint64_t)k * 0x9E3779B97F4A7C15ULL;
    return z ^ (z >> 29);
}

static Item *find(const HashTable *t, uint32_t key, uint64_t (*hash)(uint32_t))
{
    uint64_t h = hash(key);
    for (HashNode *n = htab_chain(t, h); n; n = n->chain)
        if (n->hash == h && ((Item *)n)->key == key) return (Item *)n;
    return NULL;
}

typedef struct Model {
    HashTable t;
    Item *items;
    bool *in;
    uint32_t nkeys;
    size_t count;
    uint64_t (*hash)(uint32_t);
    unsigned bad;        /* failed checks, reported once per kind below */
    uint32_t max_visits;
    bool overloaded;
} Model;

static void model_init(Model *m, uint32_t nkeys, uint64_t (*hash)(uint32_t))
{
    htab_init(&m->t);
    m->items = calloc(nkeys, sizeof *m->items);
    m->in = calloc(nkeys, sizeof *m->in);
    m->nkeys = nkeys;
    m->count = 0;
    m->hash = hash;
    m->bad = 0;
    m->max_visits = 0;
    m->overloaded = false;
    for (uint32_t k = 0; k < nkeys; k++) {
        m->items[k].key = k;
        m->items[k].node.hash = hash(k);
    }
}

static void model_free(Model *m)
{
    htab_free(&m->t);
    free(m->items);
    free(m->in);
}

static void after_op(Model *m)
{
    if (m->t.last_visits > m->max_visits) m->max_visits = m->t.last_visits;
    if (m->t.count > (size_t)m->t.cur_mask + 1) m->overloaded = true;
}

static void insert(Model *m, uint32_t k)
{
    if (m->in[k]) return;
    htab_insert(&m->t, &m->items[k].node);
    m->in[k] = true;
    m->count++;
    after_op(m);
}

static void remove_key(Model *m, uint32_t k)
{
    if (!m->in[k]) return;
    htab_remove(&m->t, &m->items[k].node);
    m->in[k] = false;
    m->count--;
    after_op(m);
}

/* Every key: found exactly when the model has it, and as its own node. */
static void check_all(Model *m)
{
    unsigned wrong = 0;
    for (uint32_t k = 0; k < m->nkeys; k++) {
        Item *it = find(&m->t, k, m->hash);
        if (m->in[k] ? it != &m->items[k] : it != NULL) wrong++;
    }
    CU_ASSERT_EQUAL(wrong, 0);
    CU_ASSERT_EQUAL(m->t.count, m->count);
}

static void test_grow_shrink_regrow(void)
{
    enum { N = 200000 };
    Model m;
    rng = 1;
    model_init(&m, N, mix);
    /* grow: mostly inserts */
    for (int i = 0; i < 3 * N; i++) {
        uint32_t k = (uint32_t)(rnd() % N);
        if (rnd() % 10 < 8) insert(&m, k);
        else remove_key(&m, k);
        if (i % 50021 == 0) check_all(&m);
    }
    check_all(&m);
    size_t peak = htab_buckets(&m.t);
    CU_ASSERT(peak >= m.count);
    /* shrink: every key removed in a random order, with random inserts
     * between, then the rest down to a handful */
    uint32_t *order = malloc(N * sizeof *order);
    for (uint32_t k = 0; k < N; k++) order[k] = k;
    for (uint32_t k = N - 1; k > 0; k--) {
        uint32_t j = (uint32_t)(rnd() % (k + 1)), x = order[k];
        order[k] = order[j];
        order[j] = x;
    }
    for (uint32_t i = 0; i < N; i++) {
        remove_key(&m, order[i]);
        if (rnd() % 10 == 0) insert(&m, (uint32_t)(rnd() % N));
        if (i % 50021 == 0) check_all(&m);
    }
    check_all(&m);
    for (uint32_t i = 0; i < N && m.count > 20; i++) remove_key(&m, order[i]);
    free(order);
    check_all(&m);
    CU_ASSERT_EQUAL(m.count, 20);
    /* a few keys coming and going: the table settles back to its first size */
    for (int i = 0; i < 200000; i++) {
        uint32_t k = (uint32_t)(rnd() % 64);
        if (m.in[k]) remove_key(&m, k);
        else insert(&m, k);
    }
    check_all(&m);
    CU_ASSERT(htab_buckets(&m.t) <= 2 * HTAB_MIN_BUCKETS);
    CU_ASSERT(htab_buckets(&m.t) < peak / 100);
    /* and grows again */
    for (uint32_t k = 0; k < N; k++) insert(&m, k);
    check_all(&m);
    CU_ASSERT(m.max_visits <= HTAB_STEP_VISITS);
    CU_ASSERT(m.max_visits > 0);   /* resizes did run in steps */
    CU_ASSERT_FALSE(m.overloaded);
    model_free(&m);
}

/* Every key on one chain of the old array and then of the new one: slow,
 * but still right. */
static uint64_t same_low_bits(uint32_t k) { return (uint64_t)k << 40; }

static void test_colliding_hashes(void)
{
    Model m;
    rng = 7;
    model_init(&m, 3000, same_low_bits);
    for (uint32_t k = 0; k < 3000; k++) insert(&m, k);
    check_all(&m);
    for (uint32_t k = 0; k < 3000; k += 2) remove_key(&m, k);
    check_all(&m);
    for (int i = 0; i < 20000; i++) {
        uint32_t k = (uint32_t)(rnd() % 3000);
        if (m.in[k]) remove_key(&m, k);
        else insert(&m, k);
    }
    check_all(&m);
    model_free(&m);
}

static void test_clear_keeps_a_fitting_array(void)
{
    Model m;
    rng = 3;
    model_init(&m, 5000, mix);
    for (int round = 0; round < 3; round++) {
        for (uint32_t k = 0; k < 5000; k++) insert(&m, k);
        check_all(&m);
        htab_clear(&m.t);
        for (uint32_t k = 0; k < 5000; k++) m.in[k] = false;
        m.count = 0;
        check_all(&m);
        /* the next window of about as many keys fits without a resize */
        CU_ASSERT_EQUAL(htab_buckets(&m.t), 8192);
        CU_ASSERT_PTR_NULL(m.t.old);
    }
    /* a window of a few keys gives back the big array */
    for (uint32_t k = 0; k < 10; k++) insert(&m, k);
    htab_clear(&m.t);
    CU_ASSERT_EQUAL(htab_buckets(&m.t), HTAB_MIN_BUCKETS);
    for (uint32_t k = 0; k < 5000; k++) m.in[k] = false;
    m.count = 0;
    check_all(&m);
    model_free(&m);
}

static void count_visit(HashNode *n, void *arg)
{
    uint32_t *seen = arg;
    seen[((Item *)n)->key]++;
}

/* htab_visit (checkpoints) meets every key exactly once, also while a
 * resize is half done in either direction. */
static void test_visit_during_resizes(void)
{
    Model m;
    model_init(&m, 20000, mix);
    rng = 99;
    uint32_t *seen = calloc(m.nkeys, sizeof *seen);
    unsigned wrong = 0, checks = 0, mid_resize = 0;
    for (int round = 0; round < 60000; round++) {
        uint32_t k = (uint32_t)(rnd() % m.nkeys);
        /* phases of growth then shrinking, so both kinds of resize run */
        if ((round / 15000) % 2 == 0 ? rnd() % 4 != 0 : rnd() % 4 == 0) insert(&m, k);
        else remove_key(&m, k);
        if (round % 997 != 0) continue;
        mid_resize += m.t.old != NULL;
        for (uint32_t i = 0; i < m.nkeys; i++) seen[i] = 0;
        htab_visit(&m.t, count_visit, seen);
        for (uint32_t i = 0; i < m.nkeys; i++) wrong += seen[i] != (m.in[i] ? 1u : 0u);
        checks++;
    }
    CU_ASSERT_EQUAL(wrong, 0);
    CU_ASSERT(mid_resize > 0);
    CU_ASSERT(checks > 50);
    free(seen);
    model_free(&m);
}

static void test_empty_table(void)
{
    HashTable t;
    htab_init(&t);
    CU_ASSERT_PTR_NULL(htab_chain(&t, 42));
    CU_ASSERT_EQUAL(htab_buckets(&t), 0);
    htab_clear(&t);
    htab_free(&t);
}

void hashtab_tests(void)
{
    static const TestCase cases[] = {
        {"hashtab: grow, shrink and regrow against a model", test_grow_shrink_regrow},
        {"hashtab: colliding hashes", test_colliding_hashes},
        {"hashtab: clear keeps an array that fits", test_clear_keeps_a_fitting_array},
        {"hashtab: empty table", test_empty_table},
        {"hashtab: a visit meets every key once, also mid-resize", test_visit_during_resizes},
        {NULL, NULL},
    };
    test_suite("hashtab", cases);
}
