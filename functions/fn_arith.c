/* Arithmetic operators: + - * / on numbers, datetimes and intervals,
 * unary minus, and || on strings. Typing follows SQL:2008 as the KDA
 * reference states it; each builder picks an evaluator specialised for the
 * operand types. */
#include <math.h>
#include <string.h>

#include "src/runtime/timeutil.h"
#include "fn_arith.h"
#include "fn_check.h"
#include "fn_opnode.h"

/* ---- arithmetic evaluators ---- */

static bool int_fits(const Expr *e, int64_t v)
{
    if (e->type.id == TY_DECIMAL) return v < pow10_i64[e->type.precision] && v > -pow10_i64[e->type.precision];
    return v >= type_int_min(e->type.id) && v <= type_int_max(e->type.id);
}

static void overflow(const Expr *e, EvalCtx *cx, Value *out)
{
    char tn[64];
    expr_fail(cx, "OVERFLOW", "numeric overflow: result of '%s' does not fit %s", e->name, type_name(e->type, tn, sizeof tn));
    *out = val_null();
}

static void eval_add_int(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    int64_t r;
    if (__builtin_add_overflow(a.u.i, b.u.i, &r) || !int_fits(e, r)) return overflow(e, cx, out);
    *out = val_int(r);
}

static void eval_sub_int(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    int64_t r;
    if (__builtin_sub_overflow(a.u.i, b.u.i, &r) || !int_fits(e, r)) return overflow(e, cx, out);
    *out = val_int(r);
}

static void eval_mul_int(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    int64_t r;
    if (__builtin_mul_overflow(a.u.i, b.u.i, &r) || !int_fits(e, r)) return overflow(e, cx, out);
    *out = val_int(r);
}

static void div_zero(EvalCtx *cx, Value *out)
{
    expr_fail(cx, "DIVISION_BY_ZERO", "division by zero");
    *out = val_null();
}

static void eval_div_int(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    if (b.u.i == 0) return div_zero(cx, out);
    if (a.u.i == INT64_MIN && b.u.i == -1) return overflow(e, cx, out);
    int64_t r = a.u.i / b.u.i;
    if (!int_fits(e, r)) return overflow(e, cx, out);
    *out = val_int(r);
}

static void approx_result(const Expr *e, EvalCtx *cx, Value *out, double r)
{
    if (e->type.id == TY_REAL) r = (float)r;
    if (isinf(r)) {
        /* SQL has no infinities: an overflowing DOUBLE is an error like any other */
        overflow(e, cx, out);
        return;
    }
    *out = val_double(r);
}

static void eval_add_dbl(const Expr *e, EvalCtx *cx, Value *out) { BIN_PROLOGUE approx_result(e, cx, out, a.u.d + b.u.d); }
static void eval_sub_dbl(const Expr *e, EvalCtx *cx, Value *out) { BIN_PROLOGUE approx_result(e, cx, out, a.u.d - b.u.d); }
static void eval_mul_dbl(const Expr *e, EvalCtx *cx, Value *out) { BIN_PROLOGUE approx_result(e, cx, out, a.u.d * b.u.d); }
static void eval_div_dbl(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    if (b.u.d == 0) return div_zero(cx, out);
    approx_result(e, cx, out, a.u.d / b.u.d);
}

/* rescale a 128-bit scaled value down by 10^k, rounding half away from zero */
static __int128 scale_down(__int128 v, int k)
{
    if (k <= 0) return v;
    __int128 p = 1;
    for (int i = 0; i < k; i++) p *= 10;
    __int128 q = v / p, r = v % p;
    if (r * 2 >= p) q++;
    else if (r * 2 <= -p) q--;
    return q;
}

static void dec_result(const Expr *e, EvalCtx *cx, Value *out, __int128 v)
{
    if (v >= pow10_i64[e->type.precision] || v <= -pow10_i64[e->type.precision]) return overflow(e, cx, out);
    *out = val_int((int64_t)v);
}

/* DECIMAL + and -: flags bit 0 = subtract, then how far each side's scale
 * is below the wider of the two (bits 8.. and 16..), and how far the
 * result's scale is below that (bits 24..: the exact sum is rounded) */
static void eval_addsub_dec(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    __int128 x = a.u.i, y = b.u.i;
    for (uint32_t i = 0; i < (e->flags >> 8 & 255); i++) x *= 10;
    for (uint32_t i = 0; i < (e->flags >> 16 & 255); i++) y *= 10;
    dec_result(e, cx, out, scale_down((e->flags & 1) ? x - y : x + y, (int)(e->flags >> 24 & 255)));
}

/* DECIMAL multiply: flags = s1 + s2 - result scale */
static void eval_mul_dec(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    dec_result(e, cx, out, scale_down((__int128)a.u.i * b.u.i, (int)e->flags));
}

/* DECIMAL divide: result = a * 10^flags / b, flags = s - s1 + s2 (>= 0 by construction) */
static void eval_div_dec(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    if (b.u.i == 0) return div_zero(cx, out);
    __int128 n = a.u.i;
    for (uint32_t i = 0; i < e->flags; i++)
        if (__builtin_mul_overflow(n, 10, &n)) return overflow(e, cx, out);
    __int128 q = n / b.u.i, r = n % b.u.i;
    __int128 br = b.u.i < 0 ? -(__int128)b.u.i : b.u.i;
    __int128 rr = r < 0 ? -r : r;
    if (rr * 2 >= br) q += ((n < 0) != (b.u.i < 0)) ? -1 : 1;
    dec_result(e, cx, out, q);
}

/* ---- datetime and interval arithmetic ---- */

enum { DT_TS_PLUS_MS, DT_TS_PLUS_MONTHS, DT_DATE_PLUS_MS, DT_DATE_PLUS_MONTHS, DT_TIME_PLUS_MS };

static void eval_dt_plus(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    /* args[0] is the datetime, args[1] the interval; flags bit 8 = subtract */
    int64_t iv = (e->flags & 256) ? -b.u.i : b.u.i;
    int64_t r;
    switch (e->flags & 255) {
    case DT_TS_PLUS_MS:
        if (__builtin_add_overflow(a.u.i, iv, &r)) return overflow(e, cx, out);
        break;
    case DT_TS_PLUS_MONTHS: r = time_add_months(a.u.i, iv); break;
    case DT_DATE_PLUS_MS: r = a.u.i + floor_div(iv, MS_PER_DAY); break;
    case DT_DATE_PLUS_MONTHS: r = floor_div(time_add_months(a.u.i * MS_PER_DAY, iv), MS_PER_DAY); break;
    default: r = floor_mod(a.u.i + iv, MS_PER_DAY); break;
    }
    *out = val_int(r);
}

static void eval_dt_minus_dt(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    int64_t r;
    int64_t scale = e->flags ? MS_PER_DAY : 1;   /* DATE - DATE counts days */
    if (__builtin_sub_overflow(a.u.i, b.u.i, &r) || __builtin_mul_overflow(r, scale, &r)) return overflow(e, cx, out);
    *out = val_int(r);
}

/* interval * number, interval / number: flags 1 = divide, 2 = number is approximate,
 * 4 = the interval is the second operand; the number's DECIMAL scale in bits 8.. */
static void eval_interval_scale(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    const Value *iv = (e->flags & 4) ? &b : &a, *nv = (e->flags & 4) ? &a : &b;
    int scale = (int)(e->flags >> 8);
    if ((e->flags & 1) && !(e->flags & 2)) {
        /* divided by an exact number: whole milliseconds, the remainder
         * dropped as integer division drops it, so (t - epoch) SECOND / 10
         * puts 9.999 s in the first ten seconds */
        if (nv->u.i == 0) return div_zero(cx, out);
        __int128 q = (__int128)iv->u.i * pow10_i64[scale] / nv->u.i;
        if (q > INT64_MAX || q < -INT64_MAX) return overflow(e, cx, out);
        *out = val_int((int64_t)q);
        return;
    }
    double n = (e->flags & 2) ? nv->u.d : (double)nv->u.i / (double)pow10_i64[scale];
    if (e->flags & 1) {
        if (n == 0) return div_zero(cx, out);
        n = 1.0 / n;
    }
    double r = round((double)iv->u.i * n);
    if (!(fabs(r) < 9.2e18)) return overflow(e, cx, out);
    *out = val_int((int64_t)r);
}

/* ---- concatenation ---- */

static void eval_concat(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    (void)e;
    char *p = arena_alloc(cx->arena, (size_t)a.len + b.len + 1);
    memcpy(p, a.u.s, a.len);
    memcpy(p + a.len, b.u.s, b.len);
    p[a.len + b.len] = 0;
    *out = val_str(p, a.len + b.len);
}

/* ---- building arithmetic ---- */

static SqlType int_as_decimal(SqlType t)
{
    if (t.id == TY_DECIMAL) return t;
    return type_decimal(type_digits(t) > 18 ? 18 : type_digits(t), 0);
}

/* An approximate operand makes the result approximate (SQL); its precision
 * is the implementation's: as in Calcite's least restrictive type, which
 * SQLstream's planner shares, REAL with REAL or with an integer stays REAL
 * (CAST(x AS REAL) * 3 is a REAL, printed as 0.3, not 0.30000000447034836)
 * and REAL with DOUBLE or DECIMAL is DOUBLE. */
static TypeId approx_result_type(TypeId a, TypeId b)
{
    if (a == TY_DOUBLE || b == TY_DOUBLE || a == TY_DECIMAL || b == TY_DECIMAL) return TY_DOUBLE;
    return TY_REAL;
}

Expr *fn_arith_build(FnCtx *cx, FnOp op, Expr *l, Expr *r)
{
    SqlType lt = l->type, rt = r->type;
    /* NULL literal operands take the other side's type */
    if (lt.id == TY_NULL && rt.id == TY_NULL) lt = rt = type_make(TY_INTEGER);
    if (lt.id == TY_NULL) lt = rt, l = fn_cast(cx, l, lt);
    if (rt.id == TY_NULL) rt = lt, r = fn_cast(cx, r, rt);
    static const char *const names[] = {"+", "-", "*", "/"};
    const char *nm = names[op];

    if (type_is_numeric(lt.id) && type_is_numeric(rt.id)) {
        Expr *e;
        if (type_is_approx(lt.id) || type_is_approx(rt.id)) {
            SqlType t = type_make(approx_result_type(lt.id, rt.id));
            static const EvalFn f[] = {eval_add_dbl, eval_sub_dbl, eval_mul_dbl, eval_div_dbl};
            e = fn_op_node(cx, nm, f[op], t, 2);
            e->args[0] = fn_cast(cx, l, t);
            e->args[1] = fn_cast(cx, r, t);
            return fn_op_finish(cx, e);
        }
        if (type_is_integer(lt.id) && type_is_integer(rt.id)) {
            SqlType t = type_make(lt.id > rt.id ? lt.id : rt.id);
            static const EvalFn f[] = {eval_add_int, eval_sub_int, eval_mul_int, eval_div_int};
            e = fn_op_node(cx, nm, f[op], t, 2);
            e->args[0] = l;
            e->args[1] = r;
            return fn_op_finish(cx, e);
        }
        SqlType a = int_as_decimal(lt), b = int_as_decimal(rt);
        int p1 = a.precision, s1 = a.scale, p2 = b.precision, s2 = b.scale;
        if (op == FOP_ADD || op == FOP_SUB) {
            int s = s1 > s2 ? s1 : s2;
            int ip = (p1 - s1 > p2 - s2 ? p1 - s1 : p2 - s2) + 1;
            if (ip + s > 18) ip = 18 - s;
            if (ip < 1) ip = 1, s = 17;
            SqlType t = type_decimal(ip + s, s);
            /* each side raised to the result's scale in 128 bits, no
             * conversion first: only a result that does not fit is an error */
            e = fn_op_node(cx, nm, eval_addsub_dec, t, 2);
            int w = s1 > s2 ? s1 : s2;   /* >= s: 18 decimals leave none for the integer digits, so s may be 17 */
            e->flags = (op == FOP_SUB ? 1u : 0u) | (uint32_t)(w - s1) << 8 | (uint32_t)(w - s2) << 16 | (uint32_t)(w - s) << 24;
            e->args[0] = l;
            e->args[1] = r;
            return fn_op_finish(cx, e);
        }
        if (op == FOP_MUL) {
            /* p = p1 + p2, s = s1 + s2, each capped at 18 (the reference's
             * rule for multiply): past 18 digits the integer digits give
             * way, so a product that needs them is an overflow error */
            int s = s1 + s2 > 18 ? 18 : s1 + s2;
            int p = p1 + p2 > 18 ? 18 : p1 + p2;
            if (p < s) p = s;
            if (p < 1) p = 1;
            e = fn_op_node(cx, nm, eval_mul_dec, type_decimal(p, s), 2);
            e->flags = (uint32_t)(s1 + s2 - s);
            /* an integer is already its own unscaled value (scale 0): no
             * conversion, so a BIGINT past 18 digits still multiplies */
            e->args[0] = type_is_integer(lt.id) ? l : fn_cast(cx, l, a);
            e->args[1] = type_is_integer(rt.id) ? r : fn_cast(cx, r, b);
            return fn_op_finish(cx, e);
        }
        /* division: d = p1 - s1 + s2 integer digits, s = max(6, s1 + p2 + 1);
         * past 18 digits the scale gives way to the integer digits, but
         * not below 6 (SQL Server's rule, which this one follows), so
         * 1 / 2.50 is 0.400000 rather than 0 */
        int d = p1 - s1 + s2, s = s1 + p2 + 1 > 6 ? s1 + p2 + 1 : 6;
        if (d > 18) d = 18;
        if (d + s > 18) s = 18 - d > 6 ? 18 - d : 6;
        if (d + s > 18) d = 18 - s;
        int p = d + s;
        if (p < 1) p = 1;
        e = fn_op_node(cx, nm, eval_div_dec, type_decimal(p, s), 2);
        e->flags = (uint32_t)(s - s1 + s2);
        e->args[0] = type_is_integer(lt.id) ? l : fn_cast(cx, l, a);
        e->args[1] = type_is_integer(rt.id) ? r : fn_cast(cx, r, b);
        if (s - s1 + s2 < 0) {
            /* cannot happen with s >= s1 - s2; guard the invariant */
            e->flags = 0;
        }
        return fn_op_finish(cx, e);
    }

    bool li = type_is_interval(lt.id), ri = type_is_interval(rt.id);
    bool ld = type_is_datetime(lt.id), rd = type_is_datetime(rt.id);
    if ((op == FOP_ADD || op == FOP_SUB) && ((ld && ri) || (li && rd && op == FOP_ADD))) {
        Expr *dt = ld ? l : r, *iv = ld ? r : l;
        bool months = iv->type.id == TY_INTERVAL_YM;
        int kind;
        switch (dt->type.id) {
        case TY_TIMESTAMP: kind = months ? DT_TS_PLUS_MONTHS : DT_TS_PLUS_MS; break;
        case TY_DATE: kind = months ? DT_DATE_PLUS_MONTHS : DT_DATE_PLUS_MS; break;
        default:
            if (months) { fn_op_operand_error(cx, op, l, r); return NULL; }
            kind = DT_TIME_PLUS_MS;
        }
        Expr *e = fn_op_node(cx, nm, eval_dt_plus, type_make(dt->type.id), 2);
        e->args[0] = dt;
        e->args[1] = iv;
        e->flags = (uint32_t)kind | (op == FOP_SUB ? 256u : 0u);
        return fn_op_finish(cx, e);
    }
    if ((op == FOP_ADD || op == FOP_SUB) && li && ri && lt.id == rt.id) {
        SqlType t;
        type_common(lt, rt, &t);
        Expr *e = fn_op_node(cx, nm, op == FOP_ADD ? eval_add_int : eval_sub_int, t, 2);
        e->args[0] = l;
        e->args[1] = r;
        return fn_op_finish(cx, e);
    }
    if (op == FOP_SUB && ld && rd && (lt.id == rt.id || (lt.id != TY_TIME && rt.id != TY_TIME))) {
        /* eddy gives datetime - datetime an INTERVAL DAY TO SECOND when no qualifier is written */
        SqlType c;
        type_common(lt, rt, &c);
        SqlType t = type_make(TY_INTERVAL_DT);
        Expr *e = fn_op_node(cx, nm, eval_dt_minus_dt, t, 2);
        e->args[0] = fn_cast(cx, l, c);
        e->args[1] = fn_cast(cx, r, c);
        e->flags = c.id == TY_DATE;
        return fn_op_finish(cx, e);
    }
    if ((op == FOP_MUL && ((li && type_is_numeric(rt.id)) || (ri && type_is_numeric(lt.id)))) ||
        (op == FOP_DIV && li && type_is_numeric(rt.id))) {
        Expr *num = li ? r : l;
        Expr *e = fn_op_node(cx, nm, eval_interval_scale, li ? lt : rt, 2);
        e->args[0] = l;
        e->args[1] = r;
        e->flags = (op == FOP_DIV ? 1u : 0u) | (type_is_approx(num->type.id) ? 2u : 0u) | (li ? 0u : 4u) |
                   ((uint32_t)(num->type.id == TY_DECIMAL ? num->type.scale : 0) << 8);
        return fn_op_finish(cx, e);
    }
    fn_op_operand_error(cx, op, l, r);
    return NULL;
}

Expr *fn_arith_concat(FnCtx *cx, Expr *l, Expr *r)
{
    if (l->type.id == TY_NULL) l = fn_cast(cx, l, type_string(TY_VARCHAR, 0));
    if (r->type.id == TY_NULL) r = fn_cast(cx, r, type_string(TY_VARCHAR, 0));
    if (!type_is_string(l->type.id) || !type_is_string(r->type.id)) {
        char a[64], b[64];
        diag_error(cx->diag, cx->span,
                   "cannot apply '||' to %s and %s: both operands must be strings (use CAST(x AS VARCHAR(n)))",
                   type_name(l->type, a, sizeof a), type_name(r->type, b, sizeof b));
        return NULL;
    }
    int32_t len = (l->type.len && r->type.len) ? l->type.len + r->type.len : 0;
    if (len > TYPE_MAX_CHAR) len = TYPE_MAX_CHAR;
    TypeId id = l->type.id == TY_CHAR && r->type.id == TY_CHAR ? TY_CHAR : TY_VARCHAR;
    Expr *e = fn_op_node(cx, "||", eval_concat, type_string(id, len), 2);
    e->args[0] = l;
    e->args[1] = r;
    e->type.notnull = 1;
    return fn_op_finish(cx, e);
}

/* ---- negation ---- */

static void eval_neg_int(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a;
    expr_eval(e->args[0], cx, &a);
    if (a.null) { *out = a; return; }
    if (a.u.i == INT64_MIN || !int_fits(e, -a.u.i)) return overflow(e, cx, out);
    *out = val_int(-a.u.i);
}

static void eval_neg_dbl(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a;
    expr_eval(e->args[0], cx, &a);
    (void)e;
    *out = a.null ? a : val_double(-a.u.d);
}

Expr *fn_arith_negate(FnCtx *cx, FnOp op, Expr *x)
{
    if (x->type.id == TY_NULL) x = fn_cast(cx, x, type_make(TY_INTEGER));
    if (!type_is_numeric(x->type.id) && !type_is_interval(x->type.id)) {
        fn_op_operand_error(cx, op, x, NULL);
        return NULL;
    }
    Expr *e = fn_op_node(cx, "-", type_is_approx(x->type.id) ? eval_neg_dbl : eval_neg_int, x->type, 1);
    e->args[0] = x;
    return fn_op_finish(cx, e);
}
