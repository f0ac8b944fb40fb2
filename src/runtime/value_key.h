/* Values as keys of hash tables: a hash and an equality test done in
 * place, for the operators that look a key up on every row (groups,
 * partitions, stagger windows). Equal keys (val_compare 0: strings
 * without their trailing blanks, NULL with NULL) hash alike; the hashes
 * are not val_hash's, so a table uses one or the other throughout. */
#ifndef EDDY_VALUE_KEY_H
#define EDDY_VALUE_KEY_H
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "value.h"

/* Bytes s[0..n) as a word, n <= 8, with loads that stay inside them (the
 * two halves overlap when n < 8): equal bytes of one length, equal words. */
static inline uint64_t val_word(const char *s, uint32_t n)
{
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        return a | (uint64_t)b << 32;
    }
    if (n) return (unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 | (uint64_t)(unsigned char)s[n - 1] << 16;
    return 0;
}

static inline bool val_same_bytes(const char *x, const char *y, uint32_t n)
{
    if (n <= 8) return val_word(x, n) == val_word(y, n);
    if (n <= 16) {
        uint64_t a, b, c, d;
        memcpy(&a, x, 8), memcpy(&b, y, 8), memcpy(&c, x + n - 8, 8), memcpy(&d, y + n - 8, 8);
        return a == b && c == d;
    }
    return memcmp(x, y, n) == 0;
}

static inline uint64_t val_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* The hash of n bytes of 8 or fewer, from their val_word. */
static inline uint64_t val_word_hash(uint64_t w, uint32_t n) { return val_mix((0x9ae16a3b2f90404fULL ^ n ^ w) * 0x9fb21c651e98df25ULL); }

static inline uint64_t val_bytes_hash(const char *s, uint32_t n)
{
    uint64_t h = 0x9ae16a3b2f90404fULL ^ n;
    for (; n > 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0x9fb21c651e98df25ULL;
        h ^= h >> 29;
    }
    return val_mix((h ^ val_word(s, n)) * 0x9fb21c651e98df25ULL);   /* n <= 8: val_word_hash */
}

static inline uint64_t val_int_hash(int64_t i) { return val_mix((uint64_t)i * 0x9fb21c651e98df25ULL); }

/* A string's length without its trailing blanks, which no comparison counts. */
static inline uint32_t val_trimmed_len(const char *s, uint32_t n)
{
    while (n && s[n - 1] == ' ') n--;
    return n;
}

static inline uint64_t val_key_hash(SqlType t, const Value *v)
{
    if (v->null) return 0x9e3779b97f4a7c15ULL;
    switch (t.id) {
    case TY_CHAR:
    case TY_VARCHAR: return val_bytes_hash(v->u.s, val_trimmed_len(v->u.s, v->len));
    case TY_BINARY:
    case TY_VARBINARY: return val_bytes_hash(v->u.s, v->len);
    case TY_REAL:
    case TY_DOUBLE:
    case TY_ROW: return val_hash(t, v);   /* -0 and 0, NaN */
    default: return val_int_hash(v->u.i);
    }
}

/* val_compare(t, a, b) == 0 for non-NULL a and b, the usual cases in place:
 * strings of other bytes may still be equal once trailing blanks go. */
static inline bool val_same(SqlType t, const Value *a, const Value *b)
{
    switch (t.id) {
    case TY_CHAR:
    case TY_VARCHAR:
        if (a->len == b->len && val_same_bytes(a->u.s, b->u.s, a->len)) return true;
        return val_compare(t, a, b) == 0;
    case TY_BINARY:
    case TY_VARBINARY: return a->len == b->len && val_same_bytes(a->u.s, b->u.s, a->len);
    case TY_REAL:
    case TY_DOUBLE:
    case TY_ROW: return val_compare(t, a, b) == 0;
    default: return a->u.i == b->u.i;
    }
}

#endif
