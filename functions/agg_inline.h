/* The states of COUNT, SUM and AVG, and their steps, for the operators
 * that step them on every row without a call (AggOps.inline_kind says
 * which an accumulator is). fn_agg.c steps them the same way, so a value
 * counts and sums alike either way. */
#ifndef EDDY_AGG_INLINE_H
#define EDDY_AGG_INLINE_H
#include <stdint.h>
#include <string.h>

#include "fn_check.h"
#include "runsum.h"

enum { AGG_INLINE_NONE, AGG_INLINE_COUNT, AGG_INLINE_SUM };

typedef struct CountState {
    int64_t n;
} CountState;

typedef struct SumState {
    int64_t n;        /* non-NULL values */
    union {
        __int128 i;   /* exact sum: 128 bits, so no sum of 64-bit values overflows on the way,
                         whatever order rows come and go in; only a result that does not fit is an error */
        RunSum d;     /* approximate sum (see runsum.h) */
    } u;
} SumState;

static inline void agg_count_init(void *s) { ((CountState *)s)->n = 0; }
static inline void agg_sum_init(void *s) { memset(s, 0, sizeof(SumState)); }

/* COUNT(*) when star, else COUNT(x) */
static inline void agg_count_step(void *s, bool star, const Value *v)
{
    if (star || !v->null) ((CountState *)s)->n++;
}

/* SUM and AVG of x: approx says x is REAL or DOUBLE */
static inline void agg_sum_step(void *s, bool approx, const Value *v)
{
    if (v->null) return;
    SumState *st = s;
    st->n++;
    if (approx) runsum_add(&st->u.d, v->u.d);
    else st->u.i += v->u.i;
}

#endif
