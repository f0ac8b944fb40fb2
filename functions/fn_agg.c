/* Aggregate functions: the accumulators shared by tumbling windows (GROUP
 * BY), stagger windows and sliding windows (OVER). Each has init, step and
 * final; those that can take a value back also have inverse, so a sliding
 * window does O(1) work per row. MIN and MAX cannot, and the sliding
 * window operator keeps a monotonic deque for them instead. */
#include <float.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "agg_inline.h"
#include "fn_check.h"
#include "fn_families.h"
#include "runsum.h"


static void eval_outside_group(const Expr *e, EvalCtx *cx, Value *out)
{
    expr_fail(cx, "INTERNAL", "aggregate %s evaluated outside of a window", e->name);
    *out = val_null();
}

static bool set_type(Expr *e, SqlType t)
{
    e->type = t;
    e->eval = eval_outside_group;
    e->volatile_ = true;   /* never folded: its value depends on the group */
    return true;
}

static bool numeric_arg(FnCtx *cx, Expr *e)
{
    if (cx->distinct) e->flags |= AGG_DISTINCT;
    if (e->nargs != 1) {
        fn_type_error(cx, NULL, "%s takes one argument", e->name);
        return false;
    }
    if (e->args[0]->type.id == TY_NULL) e->args[0] = fn_cast(cx, e->args[0], type_make(TY_INTEGER));
    return fn_expect_numeric(cx, e->args[0], 1, e->name);
}

/* ---- COUNT ---- */

static void count_init(void *s, const Expr *c) { (void)c; agg_count_init(s); }
static void count_step(void *s, const Expr *c, const Value *v, Arena *k, EvalCtx *cx)
{
    (void)k, (void)cx;
    agg_count_step(s, (c->flags & AGG_STAR) != 0, v);
}
static void count_inverse(void *s, const Expr *c, const Value *v, EvalCtx *cx)
{
    (void)cx;
    if ((c->flags & AGG_STAR) || !v->null) ((CountState *)s)->n--;
}
static void count_final(const void *s, const Expr *c, Value *out, EvalCtx *cx)
{
    (void)c, (void)cx;
    *out = val_int(((const CountState *)s)->n);
}
static void count_save(const void *s, const Expr *c, Buf *out)
{
    (void)c;
    ser_i64(out, ((const CountState *)s)->n);
}
static void count_restore(void *s, const Expr *c, SerialIn *in, Arena *keep)
{
    (void)c, (void)keep;
    ((CountState *)s)->n = de_i64(in);
}
static const AggOps count_ops = {sizeof(CountState), count_init, count_step, count_inverse, count_final, count_save,
                                 count_restore, NULL, AGG_INLINE_COUNT};

static bool check_count(FnCtx *cx, Expr *e)
{
    if (cx->distinct) e->flags |= AGG_DISTINCT;
    if (cx->star) {
        e->flags |= AGG_STAR;
    } else if (e->nargs != 1) {
        fn_type_error(cx, NULL, "COUNT takes one argument or *");
        return false;
    }
    SqlType t = type_make(TY_BIGINT);
    t.notnull = 1;
    return set_type(e, t);
}

/* ---- SUM and AVG ---- */

static void sum_init(void *s, const Expr *c)
{
    (void)c;
    agg_sum_init(s);
}

static void sum_step(void *s, const Expr *c, const Value *v, Arena *k, EvalCtx *cx)
{
    (void)k, (void)cx;
    agg_sum_step(s, type_is_approx(c->args[0]->type.id), v);
}

static void sum_inverse(void *s, const Expr *c, const Value *v, EvalCtx *cx)
{
    if (v->null) return;
    SumState *st = s;
    st->n--;
    (void)cx;
    if (type_is_approx(c->args[0]->type.id)) {
        runsum_remove(&st->u.d, v->u.d);
        if (st->n == 0) memset(&st->u.d, 0, sizeof st->u.d);   /* no drift carried into the next values */
    } else {
        st->u.i -= v->u.i;
    }
}

/* A DOUBLE or REAL result of SUM or AVG: beyond the type's range it is an
 * overflow, as for + and *, unless NaN or an infinity came in. */
static __attribute__((noinline)) void approx_result(const SumState *st, const Expr *c, double r, Value *out, EvalCtx *cx)
{
    if (c->type.id == TY_REAL) r = (float)r;
    if (isinf(r) && !runsum_has_nonfinite(&st->u.d)) {
        expr_fail(cx, "OVERFLOW", "numeric overflow in %s: the result is beyond the range of %s", c->name,
                  c->type.id == TY_REAL ? "REAL" : "DOUBLE");
        *out = val_null();
        return;
    }
    *out = val_double(r);
}

static void sum_final(const void *s, const Expr *c, Value *out, EvalCtx *cx)
{
    const SumState *st = s;
    if (st->n == 0) { *out = val_null(); return; }
    if (type_is_approx(c->type.id)) {
        if (c->type.id == TY_DOUBLE && runsum_plain(&st->u.d)) *out = val_double(st->u.d.lo + st->u.d.lo_c);   /* finite */
        else approx_result(st, c, runsum_value(&st->u.d, 1.0), out, cx);
        return;
    }
    bool fits = c->type.id == TY_DECIMAL ? st->u.i < pow10_i64[c->type.precision] && st->u.i > -pow10_i64[c->type.precision]
                                         : st->u.i <= INT64_MAX && st->u.i >= INT64_MIN;
    if (!fits) {
        expr_fail(cx, "OVERFLOW", "numeric overflow in SUM: the sum does not fit %s", c->type.id == TY_DECIMAL ? "DECIMAL(18)" : "BIGINT");
        *out = val_null();
        return;
    }
    *out = val_int((int64_t)st->u.i);
}

/* Checkpoints: the count, then the exact sum or every part of the running one. */
static void sum_save(const void *s, const Expr *c, Buf *out)
{
    const SumState *st = s;
    ser_i64(out, st->n);
    if (!type_is_approx(c->args[0]->type.id)) {
        ser_i128(out, st->u.i);
        return;
    }
    const RunSum *d = &st->u.d;
    ser_f64(out, d->lo), ser_f64(out, d->lo_c), ser_f64(out, d->hi), ser_f64(out, d->hi_c);
    ser_i64(out, d->nrare), ser_i64(out, d->nhi), ser_i64(out, d->nnan), ser_i64(out, d->npinf), ser_i64(out, d->nninf);
}
static void sum_restore(void *s, const Expr *c, SerialIn *in, Arena *keep)
{
    (void)keep;
    SumState *st = s;
    st->n = de_i64(in);
    if (!type_is_approx(c->args[0]->type.id)) {
        st->u.i = de_i128(in);
        return;
    }
    RunSum *d = &st->u.d;
    d->lo = de_f64(in), d->lo_c = de_f64(in), d->hi = de_f64(in), d->hi_c = de_f64(in);
    d->nrare = (int32_t)de_i64(in), d->nhi = (int32_t)de_i64(in), d->nnan = (int32_t)de_i64(in);
    d->npinf = (int32_t)de_i64(in), d->nninf = (int32_t)de_i64(in);
}
static const AggOps sum_ops = {sizeof(SumState), sum_init, sum_step, sum_inverse, sum_final, sum_save, sum_restore, NULL,
                               AGG_INLINE_SUM};

static bool check_sum(FnCtx *cx, Expr *e)
{
    if (!numeric_arg(cx, e)) return false;
    SqlType a = e->args[0]->type;
    SqlType t;
    if (type_is_approx(a.id)) t = type_make(a.id);
    else if (a.id == TY_DECIMAL) t = type_decimal(18, a.scale);
    else t = type_make(TY_BIGINT);   /* integers sum in BIGINT so a window of INTEGERs does not overflow early */
    return set_type(e, t);
}

static void avg_final(const void *s, const Expr *c, Value *out, EvalCtx *cx)
{
    const SumState *st = s;
    if (st->n == 0) { *out = val_null(); return; }
    if (type_is_approx(c->type.id) && !type_is_approx(c->args[0]->type.id)) {
        /* integers of a discovered column averaged as numbers: their exact sum over the count */
        *out = val_double((double)st->u.i / (double)st->n);
        return;
    }
    if (type_is_approx(c->type.id)) {
        if (c->type.id == TY_DOUBLE && runsum_plain(&st->u.d)) *out = val_double((st->u.d.lo + st->u.d.lo_c) / (double)st->n);
        else approx_result(st, c, runsum_value(&st->u.d, (double)st->n), out, cx);
        return;
    }
    /* exact: the argument's type, rounded toward zero as integer division is
     * (SQL's rule for AVG); a mean of 64-bit values fits 64 bits */
    *out = val_int((int64_t)(st->u.i / st->n));
}

static const AggOps avg_ops = {sizeof(SumState), sum_init, sum_step, sum_inverse, avg_final, sum_save, sum_restore, NULL,
                               AGG_INLINE_SUM};

static bool check_avg(FnCtx *cx, Expr *e)
{
    if (!numeric_arg(cx, e)) return false;
    SqlType a = e->args[0]->type;
    SqlType t = a.id == TY_DECIMAL ? type_decimal(a.precision, a.scale) : type_make(a.id);
    /* a discovered column's numbers average as numbers; a declared INTEGER keeps KDA's integer mean */
    if (type_is_integer(a.id) && (e->args[0]->flags & EXPR_JSON_NUMBER)) t = type_make(TY_DOUBLE);
    return set_type(e, t);
}

/* ---- MIN and MAX ---- */

static void ext_step(void *s, const Expr *c, const Value *v, Arena *keep, EvalCtx *cx)
{
    (void)cx;
    if (v->null) return;
    KeptValue *st = s;
    SqlType t = c->args[0]->type;
    if (st->has) {
        int cmp = val_compare(t, v, &st->v);
        if (c->flags & 4 ? cmp <= 0 : cmp >= 0) return;   /* flags 4: MAX */
    }
    st->v = val_copy(t, v, keep);
    st->has = true;
}

static const AggOps ext_ops = {sizeof(KeptValue), fn_kept_init, ext_step, NULL, fn_kept_final, fn_kept_save, fn_kept_restore, NULL, 0};

static bool check_ext(FnCtx *cx, Expr *e, bool is_max)
{
    /* MIN(DISTINCT x) is MIN(x): nothing to keep */
    if (e->nargs != 1) {
        fn_type_error(cx, NULL, "%s takes one argument", e->name);
        return false;
    }
    SqlType a = e->args[0]->type;
    if (a.id == TY_ROW || a.id == TY_BOOLEAN) {
        char tn[64];
        fn_type_error(cx, e->args[0], "%s cannot compare values of type %s", e->name, type_name(a, tn, sizeof tn));
        return false;
    }
    if (is_max) e->flags |= 4;
    a.notnull = 0;
    return set_type(e, a);
}

static bool check_min(FnCtx *cx, Expr *e) { return check_ext(cx, e, false); }
static bool check_max(FnCtx *cx, Expr *e) { return check_ext(cx, e, true); }

/* ---- ANY / SOME and EVERY: UNKNOWN inputs are skipped like NULLs ---- */

typedef struct BoolState {
    int64_t trues, falses;
} BoolState;

static void bool_init(void *s, const Expr *c)
{
    (void)c;
    memset(s, 0, sizeof(BoolState));
}
static void bool_step(void *s, const Expr *c, const Value *v, Arena *k, EvalCtx *cx)
{
    (void)c, (void)k, (void)cx;
    if (v->null) return;
    if (v->u.i) ((BoolState *)s)->trues++;
    else ((BoolState *)s)->falses++;
}
static void bool_inverse(void *s, const Expr *c, const Value *v, EvalCtx *cx)
{
    (void)c, (void)cx;
    if (v->null) return;
    if (v->u.i) ((BoolState *)s)->trues--;
    else ((BoolState *)s)->falses--;
}
static void bool_final(const void *s, const Expr *c, Value *out, EvalCtx *cx)
{
    (void)cx;
    const BoolState *st = s;
    if (st->trues + st->falses == 0) *out = val_null();
    else if (c->flags & 8) *out = val_int(st->falses == 0);   /* EVERY */
    else *out = val_int(st->trues > 0);
}
static void bool_save(const void *s, const Expr *c, Buf *out)
{
    (void)c;
    ser_i64(out, ((const BoolState *)s)->trues);
    ser_i64(out, ((const BoolState *)s)->falses);
}
static void bool_restore(void *s, const Expr *c, SerialIn *in, Arena *keep)
{
    (void)c, (void)keep;
    ((BoolState *)s)->trues = de_i64(in);
    ((BoolState *)s)->falses = de_i64(in);
}
static const AggOps bool_ops = {sizeof(BoolState), bool_init, bool_step, bool_inverse, bool_final, bool_save, bool_restore, NULL, 0};

static bool check_bool(FnCtx *cx, Expr *e, bool every)
{
    if (e->nargs != 1 || (e->args[0]->type.id != TY_BOOLEAN && e->args[0]->type.id != TY_NULL)) {
        char tn[64];
        fn_type_error(cx, e->nargs ? e->args[0] : NULL, "%s expects a BOOLEAN condition%s%s", e->name,
                      e->nargs ? ", not " : "", e->nargs ? type_name(e->args[0]->type, tn, sizeof tn) : "");
        return false;
    }
    e->args[0] = fn_cast(cx, e->args[0], type_make(TY_BOOLEAN));
    if (every) e->flags |= 8;
    return set_type(e, type_make(TY_BOOLEAN));
}
static bool check_any(FnCtx *cx, Expr *e) { return check_bool(cx, e, false); }
static bool check_every(FnCtx *cx, Expr *e) { return check_bool(cx, e, true); }

/* ---- variance ----
 * Sums of (x - K) and (x - K)^2 with K a value of the data, in long double
 * and Neumaier-compensated: shifting by a value of the data keeps the
 * cancellation small (the stability Welford's method gives), and unlike
 * Welford's update a value is taken back exactly, so a sliding window that
 * returns to a constant frame reads exactly 0 again, and an outlier that
 * passes through takes nothing of the other values with it. K is the first
 * value after the frame was empty; when the data has moved so far from K
 * that the shift costs precision (K an outlier that left, say), var_stale
 * asks the window to add its values up again, from a new K. NaN and
 * infinities, and values whose square is beyond long double, are counted
 * apart: while one is in, the result is NaN or an overflow. */

typedef struct VarState {
    int64_t n;            /* values in the sums */
    int32_t nonfinite;    /* NaN and infinities in */
    int32_t huge;         /* values whose square does not fit, in */
    bool has_k;
    long double k, s1, c1, s2, c2;
} VarState;

static long double as_long_double(const Expr *c, const Value *v)
{
    SqlType t = c->args[0]->type;
    if (type_is_approx(t.id)) return v->u.d;
    if (t.id == TY_DECIMAL) return (long double)v->u.i / (long double)pow10_i64[t.scale];
    return (long double)v->u.i;
}

static void var_init(void *s, const Expr *c)
{
    (void)c;
    memset(s, 0, sizeof(VarState));
}

static void neumaier_ld(long double *sum, long double *comp, long double x)
{
    long double t = *sum + x;
    if (fabsl(*sum) >= fabsl(x)) *comp += (*sum - t) + x;
    else *comp += (x - t) + *sum;
    *sum = t;
}

/* dir +1 adds x, -1 takes it back. */
static void var_add(VarState *st, long double x, int dir)
{
    if (!isfinite(x)) {
        st->nonfinite += dir;
        return;
    }
    if (!st->has_k) st->k = x, st->has_k = true;
    long double d = x - st->k, d2 = d * d;
    if (!isfinite(d2)) {
        st->huge += dir;
        return;
    }
    neumaier_ld(&st->s1, &st->c1, dir * d);
    neumaier_ld(&st->s2, &st->c2, dir * d2);
    st->n += dir;
}

static void var_step(void *s, const Expr *c, const Value *v, Arena *k, EvalCtx *cx)
{
    (void)k, (void)cx;
    if (!v->null) var_add(s, as_long_double(c, v), 1);
}

static void var_inverse(void *s, const Expr *c, const Value *v, EvalCtx *cx)
{
    (void)cx;
    if (v->null) return;
    VarState *st = s;
    var_add(st, as_long_double(c, v), -1);
    if (st->n + st->nonfinite + st->huge == 0) memset(st, 0, sizeof *st);   /* an empty frame starts afresh, with a new shift */
}

/* Mean and second moment about it, of the values in the sums (n > 0). */
static long double var_m2(const VarState *st, long double *mean_d)
{
    long double s1 = st->s1 + st->c1, s2 = st->s2 + st->c2;
    *mean_d = s1 / (long double)st->n;
    long double m2 = s2 - s1 * s1 / (long double)st->n;
    return m2 < 0 ? 0 : m2;   /* rounding must not make a variance negative */
}

/* The data's mean is more than 2^20 standard deviations from K: the shifted
 * sums cancel in 40 of long double's 64 bits, or have lost the values
 * outright (K was an outlier). */
static bool var_stale(const void *s)
{
    const VarState *st = s;
    if (st->n < 1) return false;
    long double mean_d, m2 = var_m2(st, &mean_d);
    return mean_d * mean_d > 0x1p40L * (m2 / (long double)st->n);
}

/* flags: 16 sample (n - 1), 32 square root */
static void var_final(const void *s, const Expr *c, Value *out, EvalCtx *cx)
{
    const VarState *st = s;
    int64_t all = st->n + st->nonfinite + st->huge;
    int64_t div = (c->flags & 16) ? all - 1 : all;
    if (div <= 0) { *out = val_null(); return; }
    if (st->nonfinite) { *out = val_double(NAN); return; }
    long double mean_d, v = st->huge ? INFINITY : var_m2(st, &mean_d) / (long double)div;
    if (c->flags & 32) v = sqrtl(v);
    if (!(v <= DBL_MAX)) {
        expr_fail(cx, "OVERFLOW", "numeric overflow in %s: the result is beyond the range of DOUBLE", c->name);
        *out = val_null();
        return;
    }
    *out = val_double((double)v);
}
static void var_save(const void *s, const Expr *c, Buf *out)
{
    (void)c;
    const VarState *st = s;
    ser_i64(out, st->n);
    ser_i64(out, st->nonfinite);
    ser_i64(out, st->huge);
    ser_u64(out, st->has_k);
    ser_ld(out, st->k), ser_ld(out, st->s1), ser_ld(out, st->c1), ser_ld(out, st->s2), ser_ld(out, st->c2);
}
static void var_restore(void *s, const Expr *c, SerialIn *in, Arena *keep)
{
    (void)c, (void)keep;
    VarState *st = s;
    st->n = de_i64(in);
    st->nonfinite = (int32_t)de_i64(in);
    st->huge = (int32_t)de_i64(in);
    st->has_k = de_u64(in) != 0;
    st->k = de_ld(in), st->s1 = de_ld(in), st->c1 = de_ld(in), st->s2 = de_ld(in), st->c2 = de_ld(in);
}
static const AggOps var_ops = {sizeof(VarState), var_init, var_step, var_inverse, var_final, var_save, var_restore, var_stale, 0};

static bool check_var(FnCtx *cx, Expr *e, uint32_t flags)
{
    if (!numeric_arg(cx, e)) return false;
    e->flags |= flags;
    return set_type(e, type_make(TY_DOUBLE));
}
static bool check_var_pop(FnCtx *cx, Expr *e) { return check_var(cx, e, 0); }
static bool check_var_samp(FnCtx *cx, Expr *e) { return check_var(cx, e, 16); }
static bool check_stddev_pop(FnCtx *cx, Expr *e) { return check_var(cx, e, 32); }
static bool check_stddev_samp(FnCtx *cx, Expr *e) { return check_var(cx, e, 48); }

/* ---- DISTINCT: each value counts once per group ---- */

typedef struct DistinctState {
    const AggOps *inner;
    Value *slots;           /* open addressing; .len of an empty slot is UINT32_MAX */
    uint32_t cap, count;
    _Alignas(16) char state[128];   /* the inner aggregate's state */
} DistinctState;
_Static_assert(sizeof(SumState) <= 128 && sizeof(VarState) <= 128 && sizeof(BoolState) <= 128 && sizeof(CountState) <= 128,
               "DistinctState.state holds any aggregate's state");

/* The accumulator of the aggregate the call names: only this table's
 * checks mark a call DISTINCT, so it is found here without asking the
 * registry, which sits above the families. */
static const AggOps *agg_named(const char *name)
{
    for (int i = 0; i < fn_agg_count; i++)
        if (strcasecmp(fn_agg_table[i].name, name) == 0) return fn_agg_table[i].agg;
    return NULL;
}

static void distinct_init(void *s, const Expr *c)
{
    DistinctState *d = s;
    d->inner = agg_named(c->name);
    d->slots = NULL;
    d->cap = d->count = 0;
    d->inner->init(d->state, c);
}

static bool distinct_insert(DistinctState *d, SqlType t, const Value *v, Arena *keep)
{
    if (d->count * 2 >= d->cap) {
        uint32_t cap = d->cap ? d->cap * 2 : 16;
        Value *ns = arena_alloc(keep, sizeof(Value) * cap);
        for (uint32_t i = 0; i < cap; i++) ns[i].len = UINT32_MAX, ns[i].null = 1;
        for (uint32_t i = 0; i < d->cap; i++) {
            if (d->slots[i].null) continue;
            uint32_t j = (uint32_t)val_hash(t, &d->slots[i]) & (cap - 1);
            while (!ns[j].null) j = (j + 1) & (cap - 1);
            ns[j] = d->slots[i];
        }
        d->slots = ns;
        d->cap = cap;
    }
    uint32_t j = (uint32_t)val_hash(t, v) & (d->cap - 1);
    while (!d->slots[j].null) {
        if (val_equal(t, &d->slots[j], v)) return false;
        j = (j + 1) & (d->cap - 1);
    }
    d->slots[j] = val_copy(t, v, keep);
    d->count++;
    return true;
}

static void distinct_step(void *s, const Expr *c, const Value *v, Arena *keep, EvalCtx *cx)
{
    DistinctState *d = s;
    if (v->null) return;
    if (distinct_insert(d, c->args[0]->type, v, keep)) d->inner->step(d->state, c, v, keep, cx);
}

static void distinct_final(const void *s, const Expr *c, Value *out, EvalCtx *cx)
{
    const DistinctState *d = s;
    d->inner->final(d->state, c, out, cx);
}

/* The values seen, then the inner aggregate's state; restored by putting
 * the seen values into a fresh set (the inner state is restored as it was). */
static void distinct_save(const void *s, const Expr *c, Buf *out)
{
    const DistinctState *d = s;
    ser_u64(out, d->count);
    for (uint32_t i = 0; i < d->cap; i++)
        if (!d->slots[i].null) ser_value(out, c->args[0]->type, &d->slots[i]);
    d->inner->save(d->state, c, out);
}
static void distinct_restore(void *s, const Expr *c, SerialIn *in, Arena *keep)
{
    DistinctState *d = s;
    uint64_t n = de_count(in, 1);
    for (uint64_t i = 0; i < n && de_ok(in); i++) {
        Value v = de_value(in, c->args[0]->type, keep);
        if (v.null) de_fail(in, "a DISTINCT set holds a NULL");
        else distinct_insert(d, c->args[0]->type, &v, keep);
    }
    d->inner->restore(d->state, c, in, keep);
}

/* Not for sliding windows, whose values also leave: executor/op_window.c counts them. */
const AggOps fn_agg_distinct_ops = {sizeof(DistinctState), distinct_init, distinct_step, NULL, distinct_final,
                                    distinct_save, distinct_restore, NULL, 0};

const FnDef fn_agg_table[] = {
    {"ANY", 1, 1, FN_AGGREGATE, &bool_ops, check_any, AN_NONE, 0},
    {"AVG", 1, 1, FN_AGGREGATE, &avg_ops, check_avg, AN_NONE, 0},
    {"COUNT", 0, 1, FN_AGGREGATE, &count_ops, check_count, AN_NONE, 0},
    {"EVERY", 1, 1, FN_AGGREGATE, &bool_ops, check_every, AN_NONE, 0},
    {"MAX", 1, 1, FN_AGGREGATE, &ext_ops, check_max, AN_NONE, 0},
    {"MIN", 1, 1, FN_AGGREGATE, &ext_ops, check_min, AN_NONE, 0},
    {"SOME", 1, 1, FN_AGGREGATE, &bool_ops, check_any, AN_NONE, 0},
    {"STDDEV_POP", 1, 1, FN_AGGREGATE, &var_ops, check_stddev_pop, AN_NONE, 0},
    {"STDDEV_SAMP", 1, 1, FN_AGGREGATE, &var_ops, check_stddev_samp, AN_NONE, 0},
    {"SUM", 1, 1, FN_AGGREGATE, &sum_ops, check_sum, AN_NONE, 0},
    {"VAR_POP", 1, 1, FN_AGGREGATE, &var_ops, check_var_pop, AN_NONE, 0},
    {"VAR_SAMP", 1, 1, FN_AGGREGATE, &var_ops, check_var_samp, AN_NONE, 0},
};
const int fn_agg_count = sizeof fn_agg_table / sizeof fn_agg_table[0];
