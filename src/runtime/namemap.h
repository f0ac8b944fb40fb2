/* Names to small integers (a column's or a stream's index), for the checks
 * and lookups that would otherwise compare every name with every other: a
 * CREATE STREAM of 100,000 columns must not cost 5 billion string compares.
 * Open addressing, grown at half full. The names are not copied: they must
 * outlive the map. A map compares names exactly (strcmp) or, when folded,
 * as SQL compares unquoted names (ASCII case-insensitive, as strcasecmp). */
#ifndef EDDY_NAMEMAP_H
#define EDDY_NAMEMAP_H
#include <stdbool.h>
#include <stdint.h>

typedef struct NameSlot {
    const char *name;   /* NULL: empty */
    uint64_t hash;
    int value;
} NameSlot;

typedef struct NameMap {
    NameSlot *slots;
    uint32_t mask;      /* slots - 1, when slots */
    uint32_t count;
    bool fold;
} NameMap;

void namemap_init(NameMap *m, bool fold);
void namemap_free(NameMap *m);
/* The value stored under name, or -1. */
int namemap_get(const NameMap *m, const char *name);
/* Stores value under name if the name is not there yet. Returns the value
 * already stored under it, or -1 when it was added. */
int namemap_add(NameMap *m, const char *name, int value);
/* Stores value under name, replacing what was there. */
void namemap_set(NameMap *m, const char *name, int value);

#endif
