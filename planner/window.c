#include "window.h"

#include <string.h>

#include "src/runtime/timeutil.h"

static bool is_call(const Expr *e, const char *name)
{
    return e->kind == EX_CALL && e->name && strcmp(e->name, name) == 0;
}

static bool positive_const(const Expr *e)
{
    if (e->kind != EX_CONST || e->k.null) return false;
    if (type_is_approx(e->type.id)) return e->k.u.d > 0;
    return e->k.u.i > 0;
}

bool win_is_monotonic(const Expr *e)
{
    if (!e) return false;
    switch (e->kind) {
    case EX_ROWTIME: return true;
    case EX_CALL: break;
    default: return false;
    }
    if (is_call(e, "MONOTONIC")) return true;
    if (is_call(e, "FLOOR") || is_call(e, "CEIL") || is_call(e, "CEILING") || is_call(e, "STEP") || is_call(e, "CAST"))
        return win_is_monotonic(e->args[0]) && (e->nargs < 2 || e->args[1]->kind == EX_CONST);
    if (is_call(e, "+"))
        return (win_is_monotonic(e->args[0]) && e->args[1]->kind == EX_CONST) ||
               (win_is_monotonic(e->args[1]) && e->args[0]->kind == EX_CONST);
    if (is_call(e, "-")) return e->nargs == 2 && win_is_monotonic(e->args[0]) && e->args[1]->kind == EX_CONST;
    if (is_call(e, "*"))
        return (win_is_monotonic(e->args[0]) && positive_const(e->args[1])) ||
               (win_is_monotonic(e->args[1]) && positive_const(e->args[0]));
    if (is_call(e, "/")) return win_is_monotonic(e->args[0]) && positive_const(e->args[1]);
    return false;
}

/* The end of a tumbling window from its key: STEP and FLOOR of ROWTIME end
 * one step after the key, CEIL at the key itself (its rows are those up to
 * and at it), and a constant day-time interval added to or taken from
 * either moves the key but not the end (the SELECT DISTINCT page: GROUP BY
 * ceil(ROWTIME TO MINUTE), or floor(ROWTIME TO MINUTE) - INTERVAL '1' DAY,
 * "would give identical behavior"). */
/* FLOOR((ROWTIME - TIMESTAMP 'origin') SECOND / n TO SECOND), the guide's
 * idiom for a tumbling window of n seconds: the key counts whole units of
 * (ROWTIME - origin) / n, so the window it names ends where the next count
 * starts. Only when the difference keeps every millisecond, or whole units
 * that the window's width is a multiple of, is that end exact. */
static WindowEnd scaled_end_of(const Expr *key, TimeUnit to, bool ceil)
{
    WindowEnd w = {END_UNKNOWN, false, 0, 0, 1};
    const Expr *x = key->args[0];
    int64_t n = 1;
    if (is_call(x, "/") && x->nargs == 2) {
        const Expr *d = x->args[1];
        if (d->kind != EX_CONST || d->k.null || !type_is_integer(d->type.id) || d->k.u.i <= 0) return w;
        n = d->k.u.i;
        x = x->args[0];
    }
    if (x->type.id != TY_INTERVAL_DT) return w;
    /* a CAST to the difference's own type (DAY TO SECOND) is left out */
    const Expr *diff = is_call(x, "CAST") ? x->args[0] : x;
    if (!is_call(diff, "-") || diff->nargs != 2 || diff->args[0]->kind != EX_ROWTIME) return w;
    const Expr *origin = diff->args[1];
    if (origin->kind != EX_CONST || origin->k.null || origin->type.id != TY_TIMESTAMP) return w;
    if (to == TU_NONE || to == TU_YEAR || to == TU_MONTH) return w;
    int64_t unit = time_unit_size(to), width;
    if (__builtin_mul_overflow(unit, n, &width)) return w;
    TimeUnit lo = (TimeUnit)x->type.unit_lo;
    if (lo && lo < TU_SECOND && width % time_unit_size(lo) != 0) return w;
    w.kind = END_SCALED_MS;
    w.origin = origin->k.u.i;
    w.scale = n;
    w.amount = ceil ? 0 : unit;
    w.inclusive = ceil;
    return w;
}

WindowEnd win_end_of(const Expr *key)
{
    WindowEnd w = {END_UNKNOWN, false, 0, 0, 1};
    if (key->kind != EX_CALL || key->args == NULL) return w;
    if ((is_call(key, "FLOOR") || is_call(key, "CEIL") || is_call(key, "CEILING")) && key->type.id == TY_INTERVAL_DT)
        return scaled_end_of(key, (TimeUnit)(key->flags >> 8), !is_call(key, "FLOOR"));
    if ((is_call(key, "+") || is_call(key, "-")) && key->nargs == 2) {
        bool plus = is_call(key, "+");
        const Expr *c = key->args[1], *inner = key->args[0];
        if (plus && key->args[0]->kind == EX_CONST) c = key->args[0], inner = key->args[1];
        if (c->kind != EX_CONST || c->k.null || c->type.id != TY_INTERVAL_DT) return w;
        w = win_end_of(inner);
        if (w.kind != END_PLUS_MS) return (WindowEnd){END_UNKNOWN, false, 0, 0, 1};
        w.amount += plus ? -c->k.u.i : c->k.u.i;
        return w;
    }
    if (key->args[0]->kind != EX_ROWTIME) return w;
    if (is_call(key, "STEP") && key->args[1]->kind == EX_CONST && !key->args[1]->k.null) {
        if (key->args[1]->type.id == TY_INTERVAL_YM) w.kind = END_PLUS_MONTHS;
        else w.kind = END_PLUS_MS;
        w.amount = key->args[1]->k.u.i;
        if (w.amount <= 0) w.kind = END_UNKNOWN;
    } else if (is_call(key, "FLOOR")) {
        TimeUnit u = (TimeUnit)(key->flags >> 8);
        if (u == TU_YEAR || u == TU_MONTH) w.kind = END_PLUS_MONTHS, w.amount = u == TU_YEAR ? 12 : 1;
        else w.kind = END_PLUS_MS, w.amount = time_unit_size(u);
    } else if (is_call(key, "CEIL") || is_call(key, "CEILING")) {
        TimeUnit u = (TimeUnit)(key->flags >> 8);
        w.kind = u == TU_YEAR || u == TU_MONTH ? END_PLUS_MONTHS : END_PLUS_MS;
        w.amount = 0;
        w.inclusive = true;
    }
    return w;
}
