/* Date and time functions. */
#include <string.h>

#include "src/runtime/clock.h"
#include "src/runtime/timeutil.h"
#include "datefmt.h"
#include "fn_check.h"
#include "fn_families.h"

/* flags: 0 CURRENT_TIMESTAMP/LOCALTIMESTAMP, 1 CURRENT_DATE, 2 CURRENT_TIME/LOCALTIME.
 * They hold the time the query started ("puts into all output rows the
 * time the query is first run"); CURRENT_ROW_TIMESTAMP is the one that moves. */
static void eval_current(const Expr *e, EvalCtx *cx, Value *out)
{
    int64_t now = cx->start ? cx->start : cx->now;
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
    /* a - b: published applications write TSDIFF(now, earlier) for a duration (DIALECT 12 #4) */
    if (__builtin_sub_overflow(a.u.i, b.u.i, &r)) {
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

/* ---- CHAR_TO_TIMESTAMP / _DATE / _TIME and TIMESTAMP_TO_CHAR / DATE_ / TIME_ ----
 * The format (first argument) is a SimpleDateFormat pattern. A constant
 * one is compiled at bind time; otherwise the last pattern seen is kept
 * compiled. flags: the datetime type parsed or formatted. */
typedef struct FmtCache {
    const DateFmt *fixed;   /* compiled at bind time */
    DateFmt last;           /* the last run-time pattern, when valid */
    char src[256];
    uint32_t srclen;
    bool valid;
} FmtCache;

/* bytes of user text quoted in a message */
static int clip(uint32_t len) { return len > 60 ? 60 : (int)len; }

static const DateFmt *get_fmt(const Expr *e, EvalCtx *cx, const Value *p, DateFmt *scratch)
{
    FmtCache *c = e->aux;
    if (c->fixed) return c->fixed;
    if (c->valid && c->srclen == p->len && memcmp(c->src, p->u.s, p->len) == 0) return &c->last;
    DateFmt *dst = p->len <= sizeof c->src ? &c->last : scratch;
    char why[128];
    c->valid = false;
    if (!datefmt_compile(dst, p->u.s, p->len, why, sizeof why)) {
        expr_fail(cx, "INVALID_ARGUMENT", "%s: invalid format '%.*s%s': %s", e->name, clip(p->len), p->u.s,
                  p->len > 60 ? "..." : "", why);
        return NULL;
    }
    if (dst == &c->last) {
        memcpy(c->src, p->u.s, p->len);
        c->srclen = p->len;
        c->valid = true;
    }
    return dst;
}

static void eval_char_to(const Expr *e, EvalCtx *cx, Value *out)
{
    Value f, s;
    expr_eval(e->args[0], cx, &f);
    expr_eval(e->args[1], cx, &s);
    if (f.null || s.null) { *out = val_null(); return; }
    DateFmt scratch;
    const DateFmt *df = get_fmt(e, cx, &f, &scratch);
    if (!df) { *out = val_null(); return; }
    int64_t ms;
    char why[160];
    if (!datefmt_parse(df, s.u.s, s.len, clock_now_ms(), &ms, why, sizeof why)) {
        expr_fail(cx, "CONVERSION", "%s: '%.*s%s' does not match the format '%.*s%s': %s", e->name, clip(s.len), s.u.s,
                  s.len > 60 ? "..." : "", clip(f.len), f.u.s, f.len > 60 ? "..." : "", why);
        *out = val_null();
        return;
    }
    if (e->flags == TY_DATE) *out = val_int(floor_div(ms, MS_PER_DAY));
    else if (e->flags == TY_TIME) *out = val_int(floor_mod(ms, MS_PER_DAY));
    else *out = val_int(ms);
}

static void eval_to_char(const Expr *e, EvalCtx *cx, Value *out)
{
    Value f, v;
    expr_eval(e->args[0], cx, &f);
    expr_eval(e->args[1], cx, &v);
    if (f.null) { *out = val_null(); return; }
    if (v.null) {
        /* documented: TIMESTAMP_TO_CHAR of a null timestamp is the string 'null' */
        *out = e->flags == TY_TIMESTAMP ? val_str("null", 4) : val_null();
        return;
    }
    DateFmt scratch;
    const DateFmt *df = get_fmt(e, cx, &f, &scratch);
    if (!df) { *out = val_null(); return; }
    int64_t ms = e->flags == TY_DATE ? v.u.i * MS_PER_DAY : v.u.i;
    char *buf = arena_alloc(cx->arena, datefmt_max_len(df) + 1);
    size_t k = datefmt_format(df, ms, buf);
    buf[k] = 0;
    *out = val_str(buf, (uint32_t)k);
}

/* The format argument: a string; compiled now when it is a constant. */
static bool check_format_arg(FnCtx *cx, Expr *e)
{
    Expr *f = e->args[0];
    if (f->type.id == TY_NULL) f = e->args[0] = fn_cast(cx, f, type_string(TY_VARCHAR, 0));
    if (!fn_expect_string(cx, f, 1, e->name)) return false;
    FmtCache *c = arena_zalloc(cx->arena, sizeof *c);
    e->aux = c;
    if (f->kind == EX_CONST && !f->k.null) {
        DateFmt *df = arena_alloc(cx->arena, sizeof *df);
        char why[128];
        if (!datefmt_compile(df, f->k.u.s, f->k.len, why, sizeof why)) {
            fn_type_error(cx, f, "%s: invalid format '%.*s': %s", e->name, (int)f->k.len, f->k.u.s, why);
            return false;
        }
        c->fixed = df;
    }
    return true;
}

static bool check_char_to(FnCtx *cx, Expr *e, TypeId t)
{
    if (!check_format_arg(cx, e)) return false;
    Expr *s = e->args[1];
    if (s->type.id == TY_NULL) s = e->args[1] = fn_cast(cx, s, type_string(TY_VARCHAR, 0));
    if (!fn_expect_string(cx, s, 2, e->name)) return false;
    e->flags = t;
    e->type = type_make(t);
    e->eval = eval_char_to;
    return true;
}

static bool check_char_to_timestamp(FnCtx *cx, Expr *e) { return check_char_to(cx, e, TY_TIMESTAMP); }
static bool check_char_to_date(FnCtx *cx, Expr *e) { return check_char_to(cx, e, TY_DATE); }
static bool check_char_to_time(FnCtx *cx, Expr *e) { return check_char_to(cx, e, TY_TIME); }

static bool check_to_char(FnCtx *cx, Expr *e, TypeId t)
{
    if (!check_format_arg(cx, e)) return false;
    Expr *x = e->args[1];
    if (x->type.id == TY_NULL || (t == TY_TIMESTAMP && x->type.id == TY_DATE))
        x = e->args[1] = fn_cast(cx, x, type_make(t));
    if (x->type.id != t) {
        char tn[64];
        fn_type_error(cx, x, "%s expects a %s as its second argument, not %s", e->name, type_id_name(t),
                      type_name(x->type, tn, sizeof tn));
        return false;
    }
    e->flags = t;
    e->type = type_string(TY_VARCHAR, 0);
    e->eval = eval_to_char;
    return true;
}

static bool check_timestamp_to_char(FnCtx *cx, Expr *e) { return check_to_char(cx, e, TY_TIMESTAMP); }
static bool check_date_to_char(FnCtx *cx, Expr *e) { return check_to_char(cx, e, TY_DATE); }
static bool check_time_to_char(FnCtx *cx, Expr *e) { return check_to_char(cx, e, TY_TIME); }

const FnDef fn_time_table[] = {
    {"CHAR_TO_DATE", 2, 2, 0, NULL, check_char_to_date, AN_NONE, 0},
    {"CHAR_TO_TIME", 2, 2, 0, NULL, check_char_to_time, AN_NONE, 0},
    {"CHAR_TO_TIMESTAMP", 2, 2, 0, NULL, check_char_to_timestamp, AN_NONE, 0},
    {"CURRENT_DATE", 0, 0, FN_NILADIC, NULL, check_current_date, AN_NONE, 0},
    {"CURRENT_ROW_TIMESTAMP", 0, 0, FN_NILADIC | FN_VOLATILE, NULL, check_row_timestamp, AN_NONE, 0},
    {"CURRENT_TIME", 0, 0, FN_NILADIC, NULL, check_current_time, AN_NONE, 0},
    {"CURRENT_TIMESTAMP", 0, 0, FN_NILADIC, NULL, check_current_timestamp, AN_NONE, 0},
    {"DATE_TO_CHAR", 2, 2, 0, NULL, check_date_to_char, AN_NONE, 0},
    {"EXTRACT", 1, 1, 0, NULL, check_extract, AN_NONE, FORM(FN_FORM_EXTRACT)},
    {"LOCALTIME", 0, 0, FN_NILADIC, NULL, check_current_time, AN_NONE, 0},
    {"LOCALTIMESTAMP", 0, 0, FN_NILADIC, NULL, check_current_timestamp, AN_NONE, 0},
    {"TIME_TO_CHAR", 2, 2, 0, NULL, check_time_to_char, AN_NONE, 0},
    {"TIMESTAMP_TO_CHAR", 2, 2, 0, NULL, check_timestamp_to_char, AN_NONE, 0},
    {"TO_TIMESTAMP", 1, 1, 0, NULL, check_to_timestamp, AN_NONE, 0},
    {"TSDIFF", 2, 2, 0, NULL, check_tsdiff, AN_NONE, 0},
    {"UNIX_TIMESTAMP", 1, 1, 0, NULL, check_unix_timestamp, AN_NONE, 0},
};
const int fn_time_count = sizeof fn_time_table / sizeof fn_time_table[0];
