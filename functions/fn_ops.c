/* Operators: arithmetic, comparison, logic, concatenation, IS, BETWEEN,
 * IN, LIKE and CASE. Typing follows SQL:2008 as the KDA reference states
 * it; each builder picks an evaluator specialised for the operand types. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "src/runtime/convert.h"
#include "src/runtime/timeutil.h"
#include "ops.h"

static const char *op_symbol(FnOp op)
{
    static const char *const s[] = {"+", "-", "*", "/", "||", "=", "<>", "<", "<=", ">", ">=", "AND", "OR", "NOT", "-"};
    return s[op];
}

static Expr *node(FnCtx *cx, const char *name, EvalFn eval, SqlType t, int nargs)
{
    Expr *e = expr_new(cx->arena, EX_CALL, nargs);
    e->eval = eval;
    e->type = t;
    e->name = name;
    e->span = cx->span;
    return e;
}

static Expr *finish(FnCtx *cx, Expr *e)
{
    bool notnull = true;
    for (int i = 0; i < e->nargs; i++) {
        if (!e->args[i]) continue;
        if (!e->args[i]->type.notnull) notnull = false;
        if (e->args[i]->volatile_) e->volatile_ = true;
    }
    if (!notnull) e->type.notnull = 0;
    return fn_fold(cx->arena, e);
}

static void operand_error(FnCtx *cx, FnOp op, Expr *l, Expr *r)
{
    char a[64], b[64];
    if (r)
        diag_error(cx->diag, cx->span, "cannot apply '%s' to %s and %s", op_symbol(op), type_name(l->type, a, sizeof a),
                   type_name(r->type, b, sizeof b));
    else
        diag_error(cx->diag, cx->span, "cannot apply '%s' to %s", op_symbol(op), type_name(l->type, a, sizeof a));
}

/* ---- arithmetic evaluators ---- */

#define BIN_PROLOGUE                  \
    Value a, b;                       \
    expr_eval(e->args[0], cx, &a);    \
    expr_eval(e->args[1], cx, &b);    \
    if (a.null || b.null) {           \
        *out = val_null();            \
        return;                       \
    }

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

static Expr *build_arith(FnCtx *cx, FnOp op, Expr *l, Expr *r)
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
            SqlType t = type_make(lt.id == TY_REAL && rt.id == TY_REAL ? TY_REAL : TY_DOUBLE);
            static const EvalFn f[] = {eval_add_dbl, eval_sub_dbl, eval_mul_dbl, eval_div_dbl};
            e = node(cx, nm, f[op], t, 2);
            e->args[0] = fn_cast(cx, l, t);
            e->args[1] = fn_cast(cx, r, t);
            return finish(cx, e);
        }
        if (type_is_integer(lt.id) && type_is_integer(rt.id)) {
            SqlType t = type_make(lt.id > rt.id ? lt.id : rt.id);
            static const EvalFn f[] = {eval_add_int, eval_sub_int, eval_mul_int, eval_div_int};
            e = node(cx, nm, f[op], t, 2);
            e->args[0] = l;
            e->args[1] = r;
            return finish(cx, e);
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
            e = node(cx, nm, eval_addsub_dec, t, 2);
            int w = s1 > s2 ? s1 : s2;   /* >= s: 18 decimals leave none for the integer digits, so s may be 17 */
            e->flags = (op == FOP_SUB ? 1u : 0u) | (uint32_t)(w - s1) << 8 | (uint32_t)(w - s2) << 16 | (uint32_t)(w - s) << 24;
            e->args[0] = l;
            e->args[1] = r;
            return finish(cx, e);
        }
        if (op == FOP_MUL) {
            /* p = p1 + p2, s = s1 + s2, each capped at 18 (the reference's
             * rule for multiply): past 18 digits the integer digits give
             * way, so a product that needs them is an overflow error */
            int s = s1 + s2 > 18 ? 18 : s1 + s2;
            int p = p1 + p2 > 18 ? 18 : p1 + p2;
            if (p < s) p = s;
            if (p < 1) p = 1;
            e = node(cx, nm, eval_mul_dec, type_decimal(p, s), 2);
            e->flags = (uint32_t)(s1 + s2 - s);
            /* an integer is already its own unscaled value (scale 0): no
             * conversion, so a BIGINT past 18 digits still multiplies */
            e->args[0] = type_is_integer(lt.id) ? l : fn_cast(cx, l, a);
            e->args[1] = type_is_integer(rt.id) ? r : fn_cast(cx, r, b);
            return finish(cx, e);
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
        e = node(cx, nm, eval_div_dec, type_decimal(p, s), 2);
        e->flags = (uint32_t)(s - s1 + s2);
        e->args[0] = type_is_integer(lt.id) ? l : fn_cast(cx, l, a);
        e->args[1] = type_is_integer(rt.id) ? r : fn_cast(cx, r, b);
        if (s - s1 + s2 < 0) {
            /* cannot happen with s >= s1 - s2; guard the invariant */
            e->flags = 0;
        }
        return finish(cx, e);
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
            if (months) { operand_error(cx, op, l, r); return NULL; }
            kind = DT_TIME_PLUS_MS;
        }
        Expr *e = node(cx, nm, eval_dt_plus, type_make(dt->type.id), 2);
        e->args[0] = dt;
        e->args[1] = iv;
        e->flags = (uint32_t)kind | (op == FOP_SUB ? 256u : 0u);
        return finish(cx, e);
    }
    if ((op == FOP_ADD || op == FOP_SUB) && li && ri && lt.id == rt.id) {
        SqlType t;
        type_common(lt, rt, &t);
        Expr *e = node(cx, nm, op == FOP_ADD ? eval_add_int : eval_sub_int, t, 2);
        e->args[0] = l;
        e->args[1] = r;
        return finish(cx, e);
    }
    if (op == FOP_SUB && ld && rd && (lt.id == rt.id || (lt.id != TY_TIME && rt.id != TY_TIME))) {
        /* eddy gives datetime - datetime an INTERVAL DAY TO SECOND when no qualifier is written */
        SqlType c;
        type_common(lt, rt, &c);
        SqlType t = type_make(TY_INTERVAL_DT);
        Expr *e = node(cx, nm, eval_dt_minus_dt, t, 2);
        e->args[0] = fn_cast(cx, l, c);
        e->args[1] = fn_cast(cx, r, c);
        e->flags = c.id == TY_DATE;
        return finish(cx, e);
    }
    if ((op == FOP_MUL && ((li && type_is_numeric(rt.id)) || (ri && type_is_numeric(lt.id)))) ||
        (op == FOP_DIV && li && type_is_numeric(rt.id))) {
        Expr *num = li ? r : l;
        Expr *e = node(cx, nm, eval_interval_scale, li ? lt : rt, 2);
        e->args[0] = l;
        e->args[1] = r;
        e->flags = (op == FOP_DIV ? 1u : 0u) | (type_is_approx(num->type.id) ? 2u : 0u) | (li ? 0u : 4u) |
                   ((uint32_t)(num->type.id == TY_DECIMAL ? num->type.scale : 0) << 8);
        return finish(cx, e);
    }
    operand_error(cx, op, l, r);
    return NULL;
}

/* ---- comparison ---- */

int fn_compare_values(SqlType t, const Value *a, const Value *b) { return val_compare(t, a, b); }

static bool cmp_result(uint32_t op, int c)
{
    switch (op) {
    case FOP_EQ: return c == 0;
    case FOP_NE: return c != 0;
    case FOP_LT: return c < 0;
    case FOP_LE: return c <= 0;
    case FOP_GT: return c > 0;
    default: return c >= 0;
    }
}

static void eval_cmp_int(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    int c = a.u.i < b.u.i ? -1 : a.u.i > b.u.i;
    *out = val_int(cmp_result(e->flags, c));
}

static void eval_cmp_dbl(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    /* NaN compares unequal to everything, as in IEEE arithmetic */
    if (a.u.d != a.u.d || b.u.d != b.u.d) {
        *out = val_int(e->flags == FOP_NE);
        return;
    }
    int c = a.u.d < b.u.d ? -1 : a.u.d > b.u.d;
    *out = val_int(cmp_result(e->flags, c));
}

static void eval_cmp_generic(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    *out = val_int(cmp_result(e->flags, val_compare(e->args[0]->type, &a, &b)));
}

static EvalFn comparator(SqlType t)
{
    if (type_is_approx(t.id)) return eval_cmp_dbl;
    if (type_is_string(t.id) || type_is_binary(t.id)) return eval_cmp_generic;
    return eval_cmp_int;
}

/* Cast both operands to their common type; NULL when they cannot meet. */
static bool unify(FnCtx *cx, Expr **l, Expr **r, SqlType *common)
{
    SqlType c;
    if ((*l)->type.id == TY_NULL && (*r)->type.id == TY_NULL) {
        *common = type_make(TY_BOOLEAN);
        *l = fn_cast(cx, *l, *common);
        *r = fn_cast(cx, *r, *common);
        return true;
    }
    if (!type_common((*l)->type, (*r)->type, &c)) return false;
    /* strings compare as they are; only numbers and datetimes need converting */
    if (type_is_string(c.id)) c.len = 0, c.id = TY_VARCHAR;
    if (type_is_string(c.id) || type_is_binary(c.id)) {
        if ((*l)->type.id == TY_NULL) *l = fn_cast(cx, *l, (*r)->type);
        if ((*r)->type.id == TY_NULL) *r = fn_cast(cx, *r, (*l)->type);
        *common = (*l)->type;
        if (type_is_string(c.id) && ((*l)->type.id == TY_CHAR || (*r)->type.id == TY_CHAR)) common->id = TY_CHAR;
        return true;
    }
    if (c.id == TY_DECIMAL) c = type_decimal(18, c.scale);
    *l = fn_cast(cx, *l, c);
    *r = fn_cast(cx, *r, c);
    *common = c;
    return true;
}

/* Exact numbers of different scales (or an integer and a decimal) compare
 * by their values, raised to one scale in 128 bits: converting both to one
 * DECIMAL(18, s) could overflow for values each side holds well
 * (1234567.89 against 1.0 / 3). flags: op, and each side's scale in bits
 * 8.. and 16.. */
static void eval_cmp_exact(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    int s1 = (int)(e->flags >> 8 & 255), s2 = (int)(e->flags >> 16 & 255);
    __int128 x = a.u.i, y = b.u.i;
    for (int i = s1; i < s2; i++) x *= 10;
    for (int i = s2; i < s1; i++) y *= 10;
    *out = val_int(cmp_result(e->flags & 255, x < y ? -1 : x > y));
}

static int exact_scale(SqlType t) { return t.id == TY_DECIMAL ? t.scale : 0; }

static Expr *build_compare(FnCtx *cx, FnOp op, Expr *l, Expr *r)
{
    SqlType lt = l->type, rt = r->type;
    if (type_is_exact(lt.id) && type_is_exact(rt.id) && (lt.id == TY_DECIMAL || rt.id == TY_DECIMAL)) {
        Expr *e = node(cx, op_symbol(op), eval_cmp_exact, type_make(TY_BOOLEAN), 2);
        e->type.notnull = 1;
        e->flags = (uint32_t)op | (uint32_t)exact_scale(lt) << 8 | (uint32_t)exact_scale(rt) << 16;
        e->args[0] = l;
        e->args[1] = r;
        return finish(cx, e);
    }
    SqlType c;
    if (!unify(cx, &l, &r, &c)) {
        operand_error(cx, op, l, r);
        return NULL;
    }
    if (c.id == TY_ROW) {
        operand_error(cx, op, l, r);
        return NULL;
    }
    Expr *e = node(cx, op_symbol(op), comparator(c), type_make(TY_BOOLEAN), 2);
    e->type.notnull = 1;
    e->flags = op;
    e->args[0] = l;
    e->args[1] = r;
    return finish(cx, e);
}

/* ---- logic ---- */

static void eval_and(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a, b;
    expr_eval(e->args[0], cx, &a);
    if (!a.null && !a.u.i) {
        *out = val_int(0);
        return;
    }
    expr_eval(e->args[1], cx, &b);
    if (!b.null && !b.u.i) *out = val_int(0);
    else if (a.null || b.null) *out = val_null();
    else *out = val_int(1);
}

static void eval_or(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a, b;
    expr_eval(e->args[0], cx, &a);
    if (!a.null && a.u.i) {
        *out = val_int(1);
        return;
    }
    expr_eval(e->args[1], cx, &b);
    if (!b.null && b.u.i) *out = val_int(1);
    else if (a.null || b.null) *out = val_null();
    else *out = val_int(0);
}

static void eval_not(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a;
    expr_eval(e->args[0], cx, &a);
    *out = a.null ? a : val_int(!a.u.i);
}

static bool want_boolean(FnCtx *cx, Expr **x, const char *what)
{
    if ((*x)->type.id == TY_NULL) {
        *x = fn_cast(cx, *x, type_make(TY_BOOLEAN));
        return true;
    }
    if ((*x)->type.id == TY_BOOLEAN) return true;
    char tn[64];
    diag_error(cx->diag, (*x)->span, "%s expects a BOOLEAN operand, not %s", what, type_name((*x)->type, tn, sizeof tn));
    return false;
}

Expr *fn_binary(FnCtx *cx, FnOp op, Expr *l, Expr *r)
{
    if (!l || !r) return NULL;
    switch (op) {
    case FOP_ADD: case FOP_SUB: case FOP_MUL: case FOP_DIV:
        return build_arith(cx, op, l, r);
    case FOP_EQ: case FOP_NE: case FOP_LT: case FOP_LE: case FOP_GT: case FOP_GE:
        return build_compare(cx, op, l, r);
    case FOP_AND: case FOP_OR: {
        if (!want_boolean(cx, &l, op_symbol(op)) || !want_boolean(cx, &r, op_symbol(op))) return NULL;
        Expr *e = node(cx, op_symbol(op), op == FOP_AND ? eval_and : eval_or, type_make(TY_BOOLEAN), 2);
        e->args[0] = l;
        e->args[1] = r;
        e->type.notnull = 1;
        return finish(cx, e);
    }
    case FOP_CONCAT: {
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
        Expr *e = node(cx, "||", eval_concat, type_string(id, len), 2);
        e->args[0] = l;
        e->args[1] = r;
        e->type.notnull = 1;
        return finish(cx, e);
    }
    default:
        return NULL;
    }
}

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

Expr *fn_unary(FnCtx *cx, FnOp op, Expr *x)
{
    if (!x) return NULL;
    if (op == FOP_NOT) {
        if (!want_boolean(cx, &x, "NOT")) return NULL;
        Expr *e = node(cx, "NOT", eval_not, type_make(TY_BOOLEAN), 1);
        e->type.notnull = 1;
        e->args[0] = x;
        return finish(cx, e);
    }
    if (x->type.id == TY_NULL) x = fn_cast(cx, x, type_make(TY_INTEGER));
    if (!type_is_numeric(x->type.id) && !type_is_interval(x->type.id)) {
        operand_error(cx, op, x, NULL);
        return NULL;
    }
    Expr *e = node(cx, "-", type_is_approx(x->type.id) ? eval_neg_dbl : eval_neg_int, x->type, 1);
    e->args[0] = x;
    return finish(cx, e);
}

/* ---- IS ---- */

static void eval_is(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a;
    expr_eval(e->args[0], cx, &a);
    bool r;
    switch (e->flags & 3) {
    case FIS_NULL: case FIS_UNKNOWN: r = a.null; break;
    case FIS_TRUE: r = !a.null && a.u.i; break;
    default: r = !a.null && !a.u.i; break;
    }
    if (e->flags & 4) r = !r;
    *out = val_int(r);
}

Expr *fn_is(FnCtx *cx, FnIsKind kind, bool negated, Expr *x)
{
    if (!x) return NULL;
    if (kind != FIS_NULL && !want_boolean(cx, &x, "IS TRUE/FALSE/UNKNOWN")) return NULL;
    Expr *e = node(cx, "IS", eval_is, type_make(TY_BOOLEAN), 1);
    e->type.notnull = 1;
    e->flags = (uint32_t)kind | (negated ? 4u : 0u);
    e->args[0] = x;
    Expr *f = fn_fold(cx->arena, e);
    return f;
}

static void eval_is_distinct(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a, b;
    expr_eval(e->args[0], cx, &a);
    expr_eval(e->args[1], cx, &b);
    bool distinct;
    if (a.null || b.null) distinct = a.null != b.null;
    else distinct = val_compare(e->args[0]->type, &a, &b) != 0;
    *out = val_int(e->flags ? !distinct : distinct);
}

Expr *fn_is_distinct(FnCtx *cx, bool negated, Expr *l, Expr *r)
{
    if (!l || !r) return NULL;
    SqlType c;
    if (!unify(cx, &l, &r, &c)) {
        char a[64], b[64];
        diag_error(cx->diag, cx->span, "cannot compare %s with %s", type_name(l->type, a, sizeof a),
                   type_name(r->type, b, sizeof b));
        return NULL;
    }
    Expr *e = node(cx, "IS DISTINCT FROM", eval_is_distinct, type_make(TY_BOOLEAN), 2);
    e->type.notnull = 1;
    e->flags = negated;
    e->args[0] = l;
    e->args[1] = r;
    return fn_fold(cx->arena, e);
}

/* ---- BETWEEN ---- */

static void eval_between(const Expr *e, EvalCtx *cx, Value *out)
{
    Value x, lo, hi;
    expr_eval(e->args[0], cx, &x);
    expr_eval(e->args[1], cx, &lo);
    expr_eval(e->args[2], cx, &hi);
    SqlType t = e->args[0]->type;
    if ((e->flags & 2) && !lo.null && !hi.null && val_compare(t, &lo, &hi) > 0) {
        Value tmp = lo;
        lo = hi;
        hi = tmp;
    }
    /* x >= lo AND x <= hi, in three-valued logic */
    int ge = (x.null || lo.null) ? -1 : val_compare(t, &x, &lo) >= 0;
    int le = (x.null || hi.null) ? -1 : val_compare(t, &x, &hi) <= 0;
    int r = (ge == 0 || le == 0) ? 0 : (ge < 0 || le < 0) ? -1 : 1;
    if (r < 0) *out = val_null();
    else *out = val_int((e->flags & 1) ? !r : r);
}

Expr *fn_between(FnCtx *cx, bool negated, bool symmetric, Expr *x, Expr *lo, Expr *hi)
{
    if (!x || !lo || !hi) return NULL;
    SqlType c1, c;
    if (!type_common(x->type, lo->type, &c1) || !type_common(c1, hi->type, &c)) {
        char a[64], b[64], d[64];
        diag_error(cx->diag, cx->span, "BETWEEN cannot compare %s with %s and %s", type_name(x->type, a, sizeof a),
                   type_name(lo->type, b, sizeof b), type_name(hi->type, d, sizeof d));
        return NULL;
    }
    if (c.id == TY_DECIMAL) c = type_decimal(18, c.scale);
    if (type_is_string(c.id)) c = type_string(TY_VARCHAR, 0);
    if (c.id == TY_NULL) c = type_make(TY_INTEGER);
    Expr *e = node(cx, "BETWEEN", eval_between, type_make(TY_BOOLEAN), 3);
    e->args[0] = fn_cast(cx, x, c);
    e->args[1] = fn_cast(cx, lo, c);
    e->args[2] = fn_cast(cx, hi, c);
    e->flags = (negated ? 1u : 0u) | (symmetric ? 2u : 0u);
    return finish(cx, e);
}

/* ---- IN ---- */

static void eval_in(const Expr *e, EvalCtx *cx, Value *out)
{
    Value x;
    expr_eval(e->args[0], cx, &x);
    if (x.null) { *out = val_null(); return; }
    bool saw_null = false;
    SqlType t = e->args[0]->type;
    for (int i = 1; i < e->nargs; i++) {
        Value v;
        expr_eval(e->args[i], cx, &v);
        if (v.null) { saw_null = true; continue; }
        if (val_compare(t, &x, &v) == 0) {
            *out = val_int(!e->flags);
            return;
        }
    }
    *out = saw_null ? val_null() : val_int(e->flags != 0);
}

Expr *fn_in(FnCtx *cx, bool negated, Expr *x, Expr **list, int n)
{
    if (!x) return NULL;
    SqlType c = x->type;
    for (int i = 0; i < n; i++) {
        if (!list[i]) return NULL;
        SqlType t;
        if (!type_common(c, list[i]->type, &t)) {
            char a[64], b[64];
            diag_error(cx->diag, list[i]->span, "IN list value of type %s cannot be compared with %s",
                       type_name(list[i]->type, b, sizeof b), type_name(x->type, a, sizeof a));
            return NULL;
        }
        c = t;
    }
    if (c.id == TY_DECIMAL) c = type_decimal(18, c.scale);
    if (type_is_string(c.id)) c = type_string(x->type.id == TY_CHAR ? TY_CHAR : TY_VARCHAR, 0);
    if (c.id == TY_NULL) c = type_make(TY_INTEGER);
    Expr *e = node(cx, "IN", eval_in, type_make(TY_BOOLEAN), n + 1);
    e->args[0] = type_is_string(c.id) ? x : fn_cast(cx, x, c);
    for (int i = 0; i < n; i++) e->args[i + 1] = type_is_string(c.id) ? list[i] : fn_cast(cx, list[i], c);
    e->flags = negated;
    return finish(cx, e);
}

/* ---- LIKE ---- */

static size_t char_len_at(const char *s, size_t n, size_t i)
{
    size_t k = 1;
    while (i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80) k++;
    return k;
}

/* Iterative wildcard match with one backtrack point per '%', linear in
 * practice and never recursive. */
static bool like_match(const char *s, size_t n, const char *p, size_t m, int esc)
{
    size_t si = 0, pi = 0, star_p = (size_t)-1, star_s = 0;
    while (si < n) {
        if (pi < m) {
            char c = p[pi];
            if (esc >= 0 && (unsigned char)c == esc && pi + 1 < m) {
                size_t cl = char_len_at(p, m, pi + 1);
                if (si + cl <= n && memcmp(s + si, p + pi + 1, cl) == 0) {
                    si += cl;
                    pi += 1 + cl;
                    continue;
                }
            } else if (c == '%') {
                star_p = ++pi;
                star_s = si;
                continue;
            } else if (c == '_') {
                si += char_len_at(s, n, si);
                pi++;
                continue;
            } else {
                size_t cl = char_len_at(p, m, pi);
                if (si + cl <= n && memcmp(s + si, p + pi, cl) == 0) {
                    si += cl;
                    pi += cl;
                    continue;
                }
            }
        }
        if (star_p != (size_t)-1) {
            star_s += char_len_at(s, n, star_s);
            si = star_s;
            pi = star_p;
            continue;
        }
        return false;
    }
    while (pi < m && p[pi] == '%') pi++;
    return pi == m;
}

static void eval_like(const Expr *e, EvalCtx *cx, Value *out)
{
    Value s, p, esc = val_null();
    expr_eval(e->args[0], cx, &s);
    expr_eval(e->args[1], cx, &p);
    int escape = -1;
    if (e->nargs > 2) {
        expr_eval(e->args[2], cx, &esc);
        if (esc.null) { *out = val_null(); return; }
        if (esc.len != 1) {
            expr_fail(cx, "INVALID_ESCAPE", "LIKE escape must be a single character");
            *out = val_null();
            return;
        }
        escape = (unsigned char)esc.u.s[0];
    }
    if (s.null || p.null) { *out = val_null(); return; }
    if (escape >= 0) {
        /* an escape must precede '%', '_' or itself */
        for (uint32_t i = 0; i < p.len; i++)
            if ((unsigned char)p.u.s[i] == escape) {
                if (i + 1 >= p.len || !(p.u.s[i + 1] == '%' || p.u.s[i + 1] == '_' || (unsigned char)p.u.s[i + 1] == escape)) {
                    expr_fail(cx, "INVALID_ESCAPE", "invalid escape sequence in LIKE pattern");
                    *out = val_null();
                    return;
                }
                i++;
            }
    }
    bool m = like_match(s.u.s, s.len, p.u.s, p.len, escape);
    *out = val_int(e->flags ? !m : m);
}

Expr *fn_like(FnCtx *cx, bool negated, Expr *x, Expr *pattern, Expr *escape)
{
    if (!x || !pattern) return NULL;
    Expr *args[3] = {x, pattern, escape};
    int n = escape ? 3 : 2;
    for (int i = 0; i < n; i++) {
        if (!args[i]) return NULL;
        if (args[i]->type.id == TY_NULL) args[i] = fn_cast(cx, args[i], type_string(TY_VARCHAR, 0));
        if (!type_is_string(args[i]->type.id)) {
            char tn[64];
            diag_error(cx->diag, args[i]->span, "LIKE expects strings, not %s", type_name(args[i]->type, tn, sizeof tn));
            return NULL;
        }
    }
    Expr *e = node(cx, "LIKE", eval_like, type_make(TY_BOOLEAN), n);
    for (int i = 0; i < n; i++) e->args[i] = args[i];
    e->flags = negated;
    return finish(cx, e);
}

/* ---- CASE ---- */

static void eval_case(const Expr *e, EvalCtx *cx, Value *out)
{
    /* args: cond0, val0, cond1, val1, ..., [else]; flags = pair count */
    int pairs = (int)e->flags;
    for (int i = 0; i < pairs; i++) {
        if (expr_true(e->args[2 * i], cx)) {
            expr_eval(e->args[2 * i + 1], cx, out);
            return;
        }
    }
    if (e->nargs > 2 * pairs) expr_eval(e->args[2 * pairs], cx, out);
    else *out = val_null();
}

Expr *fn_case(FnCtx *cx, Expr *operand, Expr **whens, int npairs, Expr *otherwise)
{
    for (int i = 0; i < 2 * npairs; i++)
        if (!whens[i]) return NULL;
    /* result type: common type of every THEN and the ELSE */
    SqlType t = whens[1]->type;
    for (int i = 1; i < npairs; i++) {
        SqlType c;
        if (!type_common(t, whens[2 * i + 1]->type, &c)) {
            char a[64], b[64];
            diag_error(cx->diag, whens[2 * i + 1]->span, "CASE branches have incompatible types %s and %s",
                       type_name(t, a, sizeof a), type_name(whens[2 * i + 1]->type, b, sizeof b));
            return NULL;
        }
        t = c;
    }
    if (otherwise) {
        SqlType c;
        if (!type_common(t, otherwise->type, &c)) {
            char a[64], b[64];
            diag_error(cx->diag, otherwise->span, "CASE branches have incompatible types %s and %s",
                       type_name(t, a, sizeof a), type_name(otherwise->type, b, sizeof b));
            return NULL;
        }
        t = c;
    }
    if (t.id == TY_NULL) t = type_string(TY_VARCHAR, 0);
    if (type_is_string(t.id)) t.id = TY_VARCHAR;   /* branches keep their own length */
    Expr *e = node(cx, "CASE", eval_case, t, 2 * npairs + (otherwise ? 1 : 0));
    e->flags = (uint32_t)npairs;
    for (int i = 0; i < npairs; i++) {
        Expr *cond = whens[2 * i];
        if (operand) {
            cond = fn_binary(cx, FOP_EQ, operand, cond);
            if (!cond) return NULL;
        } else if (!want_boolean(cx, &cond, "WHEN")) {
            return NULL;
        }
        e->args[2 * i] = cond;
        e->args[2 * i + 1] = type_is_string(t.id) && type_is_string(whens[2 * i + 1]->type.id) ? whens[2 * i + 1]
                                                                                                 : fn_cast(cx, whens[2 * i + 1], t);
    }
    if (otherwise)
        e->args[2 * npairs] = type_is_string(t.id) && type_is_string(otherwise->type.id) ? otherwise : fn_cast(cx, otherwise, t);
    e->type.notnull = otherwise != NULL;
    for (int i = 0; i < npairs; i++)
        if (!e->args[2 * i + 1]->type.notnull) e->type.notnull = 0;
    if (otherwise && !e->args[2 * npairs]->type.notnull) e->type.notnull = 0;
    e->volatile_ = false;
    for (int i = 0; i < e->nargs; i++)
        if (e->args[i]->volatile_) e->volatile_ = true;
    return fn_fold(cx->arena, e);
}
