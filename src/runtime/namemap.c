#include "namemap.h"

#include <string.h>
#include <strings.h>

#include "mem.h"

void namemap_init(NameMap *m, bool fold)
{
    memset(m, 0, sizeof *m);
    m->fold = fold;
}

void namemap_free(NameMap *m)
{
    mem_free(m->slots);
    namemap_init(m, m->fold);
}

/* FNV-1a, over the folded bytes when the map folds */
static uint64_t hash_name(const NameMap *m, const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (m->fold && c >= 'a' && c <= 'z') c = (unsigned char)(c - 'a' + 'A');
        h = (h ^ c) * 0x100000001b3ULL;
    }
    return h;
}

static bool same(const NameMap *m, const char *a, const char *b)
{
    return m->fold ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

/* The slot holding name, or the empty slot where it would go. */
static NameSlot *find(const NameMap *m, const char *name, uint64_t h)
{
    for (uint32_t i = (uint32_t)h & m->mask;; i = (i + 1) & m->mask) {
        NameSlot *s = &m->slots[i];
        if (!s->name || (s->hash == h && same(m, s->name, name))) return s;
    }
}

static void grow(NameMap *m)
{
    uint32_t n = m->slots ? (m->mask + 1) * 2 : 16;
    NameSlot *old = m->slots;
    uint32_t old_n = m->slots ? m->mask + 1 : 0;
    m->slots = mem_calloc(n, sizeof *m->slots);
    m->mask = n - 1;
    for (uint32_t i = 0; i < old_n; i++)
        if (old[i].name) *find(m, old[i].name, old[i].hash) = old[i];
    mem_free(old);
}

int namemap_get(const NameMap *m, const char *name)
{
    if (!m->count) return -1;
    const NameSlot *s = find(m, name, hash_name(m, name));
    return s->name ? s->value : -1;
}

static NameSlot *slot_for(NameMap *m, const char *name, bool *added)
{
    if (!m->slots || (m->count + 1) * 2 > m->mask + 1) grow(m);
    uint64_t h = hash_name(m, name);
    NameSlot *s = find(m, name, h);
    *added = !s->name;
    if (*added) {
        s->name = name;
        s->hash = h;
        m->count++;
    }
    return s;
}

int namemap_add(NameMap *m, const char *name, int value)
{
    bool added;
    NameSlot *s = slot_for(m, name, &added);
    if (!added) return s->value;
    s->value = value;
    return -1;
}

void namemap_set(NameMap *m, const char *name, int value)
{
    bool added;
    slot_for(m, name, &added)->value = value;
}
