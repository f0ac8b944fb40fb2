/* Numeric functions: ABS, CEIL/CEILING, FLOOR, STEP, MOD, POWER, EXP, LN,
 * LOG10. FLOOR, CEIL and STEP also round datetimes. */
#include <math.h>
#include <string.h>

#include "src/runtime/timeutil.h"
#include "fdlibm.h"
#include "fn_check.h"
#include "fn_families.h"

#define ARG0                          \
    Value a;                          \
    expr_eval(e->args[0], cx, &a);    \
    if (a.null) {                     \
        *out = a;                     \
        return;                       \
    }

static void eval_abs_int(const Expr *e, EvalCtx *cx, Value *out)
{
    ARG0
    /* ABS keeps its argument's type: ABS of that type's lowest value does not fit it */
    int64_t lowest = e->type.id == TY_DECIMAL ? INT64_MIN : type_int_min((TypeId)e->type.id);
    if (a.u.i == INT64_MIN || (type_is_integer((TypeId)e->type.id) && a.u.i == lowest)) {
        expr_fail(cx, "OVERFLOW", "numeric overflow in ABS: ABS(%lld) does not fit %s", (long long)a.u.i, type_id_name((TypeId)e->type.id));
        *out = val_null();
        return;
    }
    *out = val_int(a.u.i < 0 ? -a.u.i : a.u.i);
}

static void eval_abs_dbl(const Expr *e, EvalCtx *cx, Value *out)
{
    ARG0
    (void)e;
    *out = val_double(fabs(a.u.d));
}

static bool check_abs(FnCtx *cx, Expr *e)
{
    Expr *x = e->args[0];
    if (x->type.id == TY_NULL) x = e->args[0] = fn_cast(cx, x, type_make(TY_INTEGER));
    if (!type_is_numeric(x->type.id) && !type_is_interval(x->type.id)) {
        char tn[64];
        fn_type_error(cx, x, "ABS expects a number or an interval, not %s", type_name(x->type, tn, sizeof tn));
        return false;
    }
    e->type = x->type;
    e->eval = type_is_approx(x->type.id) ? eval_abs_dbl : eval_abs_int;
    return true;
}

/* FLOOR and CEIL: flags bit 0 = ceil; for DECIMAL the argument's scale is in bits 8.. */
static void eval_round_dbl(const Expr *e, EvalCtx *cx, Value *out)
{
    ARG0
    *out = val_double((e->flags & 1) ? ceil(a.u.d) : floor(a.u.d));
}

static void eval_round_dec(const Expr *e, EvalCtx *cx, Value *out)
{
    ARG0
    int64_t p = pow10_i64[e->flags >> 8];
    int64_t q = a.u.i / p, r = a.u.i % p;
    if (r && (e->flags & 1) && a.u.i > 0) q++;
    if (r && !(e->flags & 1) && a.u.i < 0) q--;
    *out = val_int(q);
}

static void eval_round_datetime(const Expr *e, EvalCtx *cx, Value *out)
{
    ARG0
    TimeUnit u = (TimeUnit)(e->flags >> 8);
    bool ceil_ = e->flags & 1;
    switch (e->args[0]->type.id) {
    case TY_DATE: {
        int64_t ms = a.u.i * MS_PER_DAY;
        ms = ceil_ ? time_ceil_to(ms, u) : time_floor_to(ms, u);
        *out = val_int(floor_div(ms, MS_PER_DAY));
        break;
    }
    case TY_TIME: {
        int64_t ms = ceil_ ? time_ceil_to(a.u.i, u) : time_floor_to(a.u.i, u);
        *out = val_int(floor_mod(ms, MS_PER_DAY));
        break;
    }
    case TY_INTERVAL_DT: {
        /* an interval to a whole number of the unit (the reference's
         * FLOOR((ROWTIME - epoch) SECOND / 10 TO SECOND) tumbling key) */
        int64_t size = time_unit_size(u);
        int64_t q = floor_div(a.u.i, size);
        if (ceil_ && q * size != a.u.i) q++;
        *out = val_int(q * size);
        break;
    }
    case TY_INTERVAL_YM: {
        int64_t size = u == TU_YEAR ? 12 : 1;
        int64_t q = floor_div(a.u.i, size);
        if (ceil_ && q * size != a.u.i) q++;
        *out = val_int(q * size);
        break;
    }
    default:
        *out = val_int(ceil_ ? time_ceil_to(a.u.i, u) : time_floor_to(a.u.i, u));
    }
}

static bool check_round(FnCtx *cx, Expr *e, bool is_ceil)
{
    Expr *x = e->args[0];
    const char *nm = is_ceil ? "CEIL" : "FLOOR";
    if (cx->form == FN_FORM_TO_UNIT) {
        bool iv = type_is_interval(x->type.id);
        if (!type_is_datetime(x->type.id) && !iv && x->type.id != TY_NULL) {
            char tn[64];
            fn_type_error(cx, x, "%s(... TO unit) expects a DATE, TIME, TIMESTAMP or interval, not %s", nm,
                          type_name(x->type, tn, sizeof tn));
            return false;
        }
        if (iv && (x->type.id == TY_INTERVAL_YM) != (cx->unit == TU_YEAR || cx->unit == TU_MONTH)) {
            fn_type_error(cx, x, "%s of a %s interval goes TO %s", nm, x->type.id == TY_INTERVAL_YM ? "year-month" : "day-time",
                          x->type.id == TY_INTERVAL_YM ? "YEAR or MONTH" : "DAY, HOUR, MINUTE or SECOND");
            return false;
        }
        if (iv) {
            e->type = x->type;
            e->eval = eval_round_datetime;
            e->flags = (uint32_t)is_ceil | ((uint32_t)cx->unit << 8);
            return true;
        }
        if (x->type.id == TY_NULL) x = e->args[0] = fn_cast(cx, x, type_make(TY_TIMESTAMP));
        if (x->type.id == TY_TIME && (cx->unit == TU_YEAR || cx->unit == TU_MONTH || cx->unit == TU_DAY)) {
            fn_type_error(cx, x, "%s of a TIME can only go to HOUR, MINUTE or SECOND", nm);
            return false;
        }
        e->type = type_make(x->type.id);
        e->eval = eval_round_datetime;
        e->flags = (uint32_t)is_ceil | ((uint32_t)cx->unit << 8);
        return true;
    }
    if (cx->form != FN_FORM_PLAIN) {
        fn_type_error(cx, NULL, "%s takes (number) or (datetime TO unit)", nm);
        return false;
    }
    if (x->type.id == TY_NULL) x = e->args[0] = fn_cast(cx, x, type_make(TY_DOUBLE));
    if (!type_is_numeric(x->type.id)) {
        char tn[64];
        fn_type_error(cx, x, "%s expects a number (or a datetime with TO unit), not %s", nm, type_name(x->type, tn, sizeof tn));
        return false;
    }
    e->flags = is_ceil;
    if (type_is_approx(x->type.id)) {
        e->type = x->type;
        e->eval = eval_round_dbl;
    } else if (x->type.id == TY_DECIMAL) {
        e->type = type_decimal(x->type.precision - x->type.scale + (x->type.scale ? 1 : 0), 0);
        if (e->type.precision > 18) e->type.precision = 18;
        e->flags |= (uint32_t)x->type.scale << 8;
        e->eval = eval_round_dec;
    } else {
        e->type = x->type;
        e->eval = eval_round_dec;   /* scale 0: identity */
    }
    return true;
}

static bool check_floor(FnCtx *cx, Expr *e) { return check_round(cx, e, false); }
static bool check_ceil(FnCtx *cx, Expr *e) { return check_round(cx, e, true); }

/* STEP(x BY y): x rounded down to a multiple of y (epoch-based for datetimes) */
static void eval_step(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a, b;
    expr_eval(e->args[0], cx, &a);
    expr_eval(e->args[1], cx, &b);
    if (a.null || b.null) { *out = val_null(); return; }
    if (b.u.i <= 0) {
        expr_fail(cx, "INVALID_ARGUMENT", "STEP width must be positive");
        *out = val_null();
        return;
    }
    if (e->flags == 1) {
        /* year-month width: count months from the epoch */
        int64_t y;
        int m, d;
        time_civil_from_days(floor_div(a.u.i, MS_PER_DAY), &y, &m, &d);
        int64_t months = (y - 1970) * 12 + (m - 1);
        months = floor_div(months, b.u.i) * b.u.i;
        *out = val_int(time_add_months(0, months));
        return;
    }
    if (e->flags == 2) {
        int64_t days = floor_div(a.u.i * MS_PER_DAY, b.u.i) * b.u.i;
        *out = val_int(floor_div(days, MS_PER_DAY));
        return;
    }
    *out = val_int(floor_div(a.u.i, b.u.i) * b.u.i);
}

const Expr *fn_step_fixed(const Expr *e, int64_t *width)
{
    if (e->kind != EX_CALL || e->eval != eval_step || e->flags != 0 || e->nargs != 2) return NULL;
    const Expr *w = e->args[1];
    if (w->kind != EX_CONST || w->eval != expr_eval_const || w->k.null || w->k.u.i <= 0) return NULL;
    *width = w->k.u.i;
    return e->args[0];
}

static bool check_step(FnCtx *cx, Expr *e)
{
    if (cx->form != FN_FORM_BY) {
        fn_type_error(cx, NULL, "STEP is written STEP(value BY width)");
        return false;
    }
    Expr *x = e->args[0], *w = e->args[1];
    if (type_is_datetime(x->type.id) && x->type.id != TY_TIME) {
        if (!type_is_interval(w->type.id)) {
            char tn[64];
            fn_type_error(cx, w, "STEP of a %s needs an INTERVAL width, not %s", type_id_name(x->type.id),
                          type_name(w->type, tn, sizeof tn));
            return false;
        }
        e->type = type_make(x->type.id);
        e->flags = w->type.id == TY_INTERVAL_YM ? 1 : (x->type.id == TY_DATE ? 2 : 0);
        e->eval = eval_step;
        return true;
    }
    if (x->type.id == TY_NULL) x = e->args[0] = fn_cast(cx, x, type_make(TY_INTEGER));
    if (w->type.id == TY_NULL) w = e->args[1] = fn_cast(cx, w, type_make(TY_INTEGER));
    if (!type_is_integer(x->type.id) || !type_is_integer(w->type.id)) {
        char a[64], b[64];
        fn_type_error(cx, NULL, "STEP takes (integer BY integer) or (timestamp BY interval), not (%s BY %s)",
                      type_name(x->type, a, sizeof a), type_name(w->type, b, sizeof b));
        return false;
    }
    e->type = x->type;
    e->flags = 0;
    e->eval = eval_step;
    return true;
}

static void eval_mod(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a, b;
    expr_eval(e->args[0], cx, &a);
    expr_eval(e->args[1], cx, &b);
    (void)e;
    if (a.null || b.null) { *out = val_null(); return; }
    if (b.u.i == 0) {
        expr_fail(cx, "DIVISION_BY_ZERO", "MOD by zero");
        *out = val_null();
        return;
    }
    *out = val_int(b.u.i == -1 ? 0 : a.u.i % b.u.i);   /* sign of the dividend, as C and the reference */
}

static bool check_mod(FnCtx *cx, Expr *e)
{
    for (int i = 0; i < 2; i++) {
        if (e->args[i]->type.id == TY_NULL) e->args[i] = fn_cast(cx, e->args[i], type_make(TY_INTEGER));
        if (!fn_expect_integer(cx, e->args[i], i + 1, "MOD")) return false;
    }
    e->type = e->args[1]->type;
    e->eval = eval_mod;
    return true;
}

/* EXP, LN, LOG10, POWER over DOUBLE */
static void eval_unary_math(const Expr *e, EvalCtx *cx, Value *out)
{
    ARG0
    double x = a.u.d, r;
    switch (e->flags) {
    case 0: r = fdlibm_exp(x); break;
    case 1:
        if (x <= 0) { expr_fail(cx, "INVALID_ARGUMENT", "LN of a number that is not positive"); *out = val_null(); return; }
        r = log(x);
        break;
    default:
        if (x <= 0) { expr_fail(cx, "INVALID_ARGUMENT", "LOG10 of a number that is not positive"); *out = val_null(); return; }
        r = log10(x);
        break;
    }
    if (isinf(r) || isnan(r)) { expr_fail(cx, "OVERFLOW", "numeric overflow in %s", e->name); *out = val_null(); return; }
    *out = val_double(r);
}

static bool check_double_args(FnCtx *cx, Expr *e, const char *nm)
{
    for (int i = 0; i < e->nargs; i++) {
        if (!fn_expect_numeric(cx, e->args[i], i + 1, nm)) return false;
        e->args[i] = fn_cast(cx, e->args[i], type_make(TY_DOUBLE));
    }
    e->type = type_make(TY_DOUBLE);
    return true;
}

static bool check_exp(FnCtx *cx, Expr *e) { e->flags = 0; e->eval = eval_unary_math; return check_double_args(cx, e, "EXP"); }
static bool check_ln(FnCtx *cx, Expr *e) { e->flags = 1; e->eval = eval_unary_math; return check_double_args(cx, e, "LN"); }
static bool check_log10(FnCtx *cx, Expr *e) { e->flags = 2; e->eval = eval_unary_math; return check_double_args(cx, e, "LOG10"); }

static void eval_power(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a, b;
    expr_eval(e->args[0], cx, &a);
    expr_eval(e->args[1], cx, &b);
    (void)e;
    if (a.null || b.null) { *out = val_null(); return; }
    if (a.u.d == 0 && b.u.d < 0) {
        expr_fail(cx, "INVALID_ARGUMENT", "POWER of zero to a negative exponent");
        *out = val_null();
        return;
    }
    if (a.u.d < 0 && b.u.d != floor(b.u.d)) {
        expr_fail(cx, "INVALID_ARGUMENT", "POWER of a negative number to a fractional exponent");
        *out = val_null();
        return;
    }
    double r = pow(a.u.d, b.u.d);
    if (isinf(r)) { expr_fail(cx, "OVERFLOW", "numeric overflow in POWER"); *out = val_null(); return; }
    *out = val_double(r);
}

static bool check_power(FnCtx *cx, Expr *e) { e->eval = eval_power; return check_double_args(cx, e, "POWER"); }

const FnDef fn_math_table[] = {
    {"ABS", 1, 1, 0, NULL, check_abs, AN_NONE, 0},
    {"CEIL", 1, 1, 0, NULL, check_ceil, AN_NONE, FORM(FN_FORM_PLAIN) | FORM(FN_FORM_TO_UNIT)},
    {"CEILING", 1, 1, 0, NULL, check_ceil, AN_NONE, FORM(FN_FORM_PLAIN) | FORM(FN_FORM_TO_UNIT)},
    {"EXP", 1, 1, 0, NULL, check_exp, AN_NONE, 0},
    {"FLOOR", 1, 1, 0, NULL, check_floor, AN_NONE, FORM(FN_FORM_PLAIN) | FORM(FN_FORM_TO_UNIT)},
    {"LN", 1, 1, 0, NULL, check_ln, AN_NONE, 0},
    {"LOG10", 1, 1, 0, NULL, check_log10, AN_NONE, 0},
    {"MOD", 2, 2, 0, NULL, check_mod, AN_NONE, 0},
    {"POWER", 2, 2, 0, NULL, check_power, AN_NONE, 0},
    {"STEP", 2, 2, 0, NULL, check_step, AN_NONE, FORM(FN_FORM_BY)},
};
const int fn_math_count = sizeof fn_math_table / sizeof fn_math_table[0];
