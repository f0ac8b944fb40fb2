/* Date and time functions. */
#include "../src/clock.h"
#include "../src/timeutil.h"
#include "ops.h"

/* flags: 0 CURRENT_TIMESTAMP/LOCALTIMESTAMP, 1 CURRENT_DATE, 2 CURRENT_TIME/LOCALTIME */
static void eval_current(const Expr *e, EvalCtx *cx, Value *out)
{
    int64_t now = cx->now;
    if (e->flags == 1) *out = val_int(floor_div(now, MS_PER_DAY));
    else if (e->flags == 2) *out = val_int(floor_mod(now, MS_PER_DAY));
    else *out = val_int(now);
}

static void eval_row_timestamp(const Expr *e, EvalCtx *cx, Value *out)
{
    (void)e;
    (void)cx;
    *out = val_int(clock_now_ms());
}

static bool current(Expr *e, uint32_t kind, TypeId t)
{
    e->flags = kind;
    e->type = type_make(t);
    e->type.notnull = 1;
    e->eval = eval_current;
    e->volatile_ = true;   /* depends on the time the row is processed */
    return true;
}

static bool check_current_timestamp(FnCtx *cx, Expr *e) { (void)cx; return current(e, 0, TY_TIMESTAMP); }
static bool check_current_date(FnCtx *cx, Expr *e) { (void)cx; return current(e, 1, TY_DATE); }
static bool check_current_time(FnCtx *cx, Expr *e) { (void)cx; return current(e, 2, TY_TIME); }
static bool check_row_timestamp(FnCtx *cx, Expr *e)
{
    (void)cx;
    e->type = type_make(TY_TIMESTAMP);
    e->type.notnull = 1;
    e->eval = eval_row_timestamp;
    return true;
}

/* EXTRACT(unit FROM datetime | interval) */
static void eval_extract(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a;
    expr_eval(e->args[0], cx, &a);
    if (a.null) { *out = a; return; }
    TimeUnit u = (TimeUnit)e->flags;
    TypeId t = e->args[0]->type.id;
    int64_t r = 0;
    if (t == TY_INTERVAL_YM) {
        r = u == TU_YEAR ? a.u.i / 12 : a.u.i % 12;
    } else if (t == TY_INTERVAL_DT) {
        int64_t v = a.u.i;
        switch (u) {
        case TU_DAY: r = v / MS_PER_DAY; break;
        case TU_HOUR: r = v / MS_PER_HOUR % 24; break;
        case TU_MINUTE: r = v / MS_PER_MINUTE % 60; break;
        default: r = v % MS_PER_MINUTE; break;   /* SECOND, in ms, scale 3 */
        }
    } else {
        int64_t ms = t == TY_DATE ? a.u.i * MS_PER_DAY : a.u.i;
        int64_t days = floor_div(ms, MS_PER_DAY), tod = floor_mod(ms, MS_PER_DAY);
        int64_t y;
        int m, d;
        time_civil_from_days(days, &y, &m, &d);
        switch (u) {
        case TU_YEAR: r = y; break;
        case TU_MONTH: r = m; break;
        case TU_DAY: r = d; break;
        case TU_HOUR: r = tod / MS_PER_HOUR; break;
        case TU_MINUTE: r = tod / MS_PER_MINUTE % 60; break;
        default: r = tod % MS_PER_MINUTE; break;
        }
    }
    *out = val_int(r);
}

static bool check_extract(FnCtx *cx, Expr *e)
{
    Expr *x = e->args[0];
    TypeId t = x->type.id;
    if (!type_is_datetime(t) && !type_is_interval(t)) {
        char tn[64];
        fn_type_error(cx, x, "EXTRACT expects a DATE, TIME, TIMESTAMP or INTERVAL, not %s", type_name(x->type, tn, sizeof tn));
        return false;
    }
    TimeUnit u = cx->unit;
    bool date_part = u == TU_YEAR || u == TU_MONTH || u == TU_DAY;
    if ((t == TY_TIME && date_part) || (t == TY_DATE && !date_part) || (t == TY_INTERVAL_YM && !(u == TU_YEAR || u == TU_MONTH)) ||
        (t == TY_INTERVAL_DT && (u == TU_YEAR || u == TU_MONTH))) {
        fn_type_error(cx, NULL, "cannot EXTRACT %s from %s", time_unit_name(u), type_id_name(t));
        return false;
    }
    e->flags = u;
    e->eval = eval_extract;
    /* SECOND keeps its milliseconds: DECIMAL(5,3) */
    e->type = u == TU_SECOND ? type_decimal(5, 3) : type_make(TY_BIGINT);
    return true;
}

static void eval_identity_int(const Expr *e, EvalCtx *cx, Value *out) { expr_eval(e->args[0], cx, out); }

static bool check_to_timestamp(FnCtx *cx, Expr *e)
{
    if (e->args[0]->type.id == TY_NULL) e->args[0] = fn_cast(cx, e->args[0], type_make(TY_BIGINT));
    if (!fn_expect_integer(cx, e->args[0], 1, "TO_TIMESTAMP")) return false;
    e->type = type_make(TY_TIMESTAMP);
    e->eval = eval_identity_int;
    return true;
}

static bool check_unix_timestamp(FnCtx *cx, Expr *e)
{
    Expr *x = e->args[0];
    if (x->type.id == TY_NULL) x = e->args[0] = fn_cast(cx, x, type_make(TY_TIMESTAMP));
    if (x->type.id == TY_DATE) x = e->args[0] = fn_cast(cx, x, type_make(TY_TIMESTAMP));
    if (x->type.id != TY_TIMESTAMP) {
        char tn[64];
        fn_type_error(cx, x, "UNIX_TIMESTAMP expects a TIMESTAMP, not %s", type_name(x->type, tn, sizeof tn));
        return false;
    }
    e->type = type_make(TY_BIGINT);
    e->eval = eval_identity_int;
    return true;
}

static void eval_tsdiff(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a, b;
    expr_eval(e->args[0], cx, &a);
    expr_eval(e->args[1], cx, &b);
    if (a.null || b.null) { *out = val_null(); return; }
    int64_t r;
    if (__builtin_sub_overflow(b.u.i, a.u.i, &r)) {
        expr_fail(cx, "OVERFLOW", "numeric overflow in %s", e->name);
        *out = val_null();
        return;
    }
    *out = val_int(r);
}

static bool check_tsdiff(FnCtx *cx, Expr *e)
{
    for (int i = 0; i < 2; i++) {
        Expr *x = e->args[i];
        if (x->type.id == TY_NULL) x = e->args[i] = fn_cast(cx, x, type_make(TY_BIGINT));
        /* epoch milliseconds as the reference defines it; TIMESTAMPs are accepted as their epoch value */
        if (x->type.id != TY_TIMESTAMP && !fn_expect_integer(cx, x, i + 1, "TSDIFF")) return false;
    }
    e->type = type_make(TY_BIGINT);
    e->eval = eval_tsdiff;
    return true;
}

const FnDef fn_time_table[] = {
    {"CURRENT_DATE", 0, 0, FN_NILADIC, NULL, check_current_date, AN_NONE, 0},
    {"CURRENT_ROW_TIMESTAMP", 0, 0, FN_NILADIC | FN_VOLATILE, NULL, check_row_timestamp, AN_NONE, 0},
    {"CURRENT_TIME", 0, 0, FN_NILADIC, NULL, check_current_time, AN_NONE, 0},
    {"CURRENT_TIMESTAMP", 0, 0, FN_NILADIC, NULL, check_current_timestamp, AN_NONE, 0},
    {"EXTRACT", 1, 1, 0, NULL, check_extract, AN_NONE, FORM(FN_FORM_EXTRACT)},
    {"LOCALTIME", 0, 0, FN_NILADIC, NULL, check_current_time, AN_NONE, 0},
    {"LOCALTIMESTAMP", 0, 0, FN_NILADIC, NULL, check_current_timestamp, AN_NONE, 0},
    {"TO_TIMESTAMP", 1, 1, 0, NULL, check_to_timestamp, AN_NONE, 0},
    {"TSDIFF", 2, 2, 0, NULL, check_tsdiff, AN_NONE, 0},
    {"UNIX_TIMESTAMP", 1, 1, 0, NULL, check_unix_timestamp, AN_NONE, 0},
};
const int fn_time_count = sizeof fn_time_table / sizeof fn_time_table[0];
