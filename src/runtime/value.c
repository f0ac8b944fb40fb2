#include "value.h"

#include "rowtype.h"

#include <string.h>

const int64_t pow10_i64[19] = {
    1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
    100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
    1000000000000LL, 10000000000000LL, 100000000000000LL,
    1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
    1000000000000000000LL,
};

static uint32_t trimmed_len(const char *s, uint32_t n)
{
    while (n && s[n - 1] == ' ') n--;
    return n;
}

static int compare_bytes(const char *a, uint32_t na, const char *b, uint32_t nb)
{
    uint32_t n = na < nb ? na : nb;
    int c = n ? memcmp(a, b, n) : 0;
    if (c) return c < 0 ? -1 : 1;
    return na < nb ? -1 : na > nb;
}

int val_compare(SqlType t, const Value *a, const Value *b)
{
    switch (t.id) {
    case TY_REAL:
    case TY_DOUBLE:
        if (a->u.d < b->u.d) return -1;
        if (a->u.d > b->u.d) return 1;
        if (a->u.d == b->u.d) return 0;
        /* NaN sorts after every number, equal to itself. */
        return (a->u.d != a->u.d) - (b->u.d != b->u.d);
    case TY_CHAR:
    case TY_VARCHAR:
        return compare_bytes(a->u.s, trimmed_len(a->u.s, a->len), b->u.s, trimmed_len(b->u.s, b->len));
    case TY_BINARY:
    case TY_VARBINARY:
        return compare_bytes(a->u.s, a->len, b->u.s, b->len);
    case TY_ROW:
        return 0;
    default:
        return a->u.i < b->u.i ? -1 : a->u.i > b->u.i;
    }
}

bool val_equal(SqlType t, const Value *a, const Value *b) { return val_compare(t, a, b) == 0; }

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

static uint64_t hash_bytes(const char *s, uint32_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;   /* FNV-1a, then mixed */
    for (uint32_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return mix(h);
}

uint64_t val_hash(SqlType t, const Value *v)
{
    if (v->null) return 0x9e3779b97f4a7c15ULL;
    switch (t.id) {
    case TY_REAL:
    case TY_DOUBLE: {
        double d = v->u.d == 0 ? 0.0 : v->u.d;   /* -0.0 hashes as 0.0 */
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return mix(bits);
    }
    case TY_CHAR:
    case TY_VARCHAR:
        return hash_bytes(v->u.s, trimmed_len(v->u.s, v->len));
    case TY_BINARY:
    case TY_VARBINARY:
        return hash_bytes(v->u.s, v->len);
    default:
        return mix((uint64_t)v->u.i);
    }
}

Value val_copy(SqlType t, const Value *v, Arena *a)
{
    Value r = *v;
    if (v->null) return r;
    if (type_is_string(t.id) || type_is_binary(t.id)) {
        r.u.s = arena_strndup(a, v->u.s, v->len);
    } else if (t.id == TY_ROW) {
        const RowType *rt = rowtype_of(t);
        Value *f = arena_alloc(a, sizeof(Value) * (size_t)(v->len ? v->len : 1));
        for (uint32_t i = 0; i < v->len; i++) f[i] = rt && (int)i < rt->n ? val_copy(rt->fields[i].type, &v->u.r[i], a) : v->u.r[i];
        r.u.r = f;
    }
    return r;
}
