#include "slab.h"

#include <string.h>

#include "mem.h"

void slab_init(Slab *s) { memset(s, 0, sizeof *s); }

static int class_of(size_t n)
{
    int c = 0;
    size_t size = 16;
    while (size < n && c < 16) size <<= 1, c++;
    return c;
}

void *slab_alloc(Slab *s, size_t n)
{
    int c = class_of(n);
    s->held += n;
    if (c >= 16) return mem_alloc(n);
    void *p = s->free[c];
    if (p) {
        memcpy(&s->free[c], p, sizeof(void *));
        return p;
    }
    return mem_alloc((size_t)16 << c);
}

void slab_release(Slab *s, void *p, size_t n)
{
    if (!p) return;
    int c = class_of(n);
    s->held -= n;
    if (c >= 16) {
        mem_free(p);
        return;
    }
    memcpy(p, &s->free[c], sizeof(void *));
    s->free[c] = p;
}

char *slab_strndup(Slab *s, const char *p, size_t n)
{
    char *d = slab_alloc(s, n + 1);
    memcpy(d, p, n);
    d[n] = 0;
    return d;
}

void slab_free_all(Slab *s)
{
    for (int c = 0; c < 16; c++) {
        void *p = s->free[c];
        while (p) {
            void *next;
            memcpy(&next, p, sizeof next);
            mem_free(p);
            p = next;
        }
        s->free[c] = NULL;
    }
}
