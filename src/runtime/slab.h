/* Size-class free lists for values that outlive their record but die in
 * first-in-first-out order per window (strings kept by sliding windows).
 * After warm-up, allocation is a free-list pop: no malloc per record. */
#ifndef EDDY_SLAB_H
#define EDDY_SLAB_H
#include <stddef.h>

typedef struct Slab {
    void *free[16];      /* free lists for 16, 32, ..., 512 KiB bytes */
    size_t held;         /* bytes handed out, for stats */
} Slab;

void slab_init(Slab *s);
void *slab_alloc(Slab *s, size_t n);
void slab_release(Slab *s, void *p, size_t n);
char *slab_strndup(Slab *s, const char *p, size_t n);
void slab_free_all(Slab *s);

#endif
