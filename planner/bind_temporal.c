/* Predicates that stand for comparisons: the temporal predicates over
 * periods (OVERLAPS, CONTAINS, PRECEDES, ...) and row-valued IN lists,
 * bound as the comparisons their definitions spell out. */
#include "bind_int.h"

#include "functions/ops.h"

/* NULL-propagating builders for the comparisons a temporal predicate stands for. */
static Expr *pred_cmp(FnCtx *cx, FnOp op, Expr *x, Expr *y) { return x && y ? fn_binary(cx, op, x, y) : NULL; }
static Expr *pred_and(FnCtx *cx, Expr *x, Expr *y) { return x && y ? fn_binary(cx, FOP_AND, x, y) : NULL; }
static Expr *pred_or(FnCtx *cx, Expr *x, Expr *y) { return x && y ? fn_binary(cx, FOP_OR, x, y) : NULL; }
static Expr *pred_not(FnCtx *cx, Expr *x) { return x ? fn_unary(cx, FOP_NOT, x) : NULL; }

/* (x1, x2, ...) [NOT] IN ((v1, v2, ...), ...): a row is in the list when
 * it equals one of its rows, field by field (SQL's row comparison, so a
 * NULL field makes the answer UNKNOWN unless another field differs). */
Expr *bind_row_in(Binder *b, const Scope *sc, const AstExpr *a)
{
    FnCtx cx = bind_fnctx(b, a->span);
    const AstList *fields = a->a->list;
    Expr *any = NULL;
    for (int i = 0; i < a->list->n; i++) {
        const AstExpr *item = a->list->items[i];
        if (item->kind != AE_ROW || item->list->n != fields->n) {
            diag_error(b->diag, item->span, "expected a row of %d values, as on the left of IN", fields->n);
            return NULL;
        }
        Expr *all = NULL;
        for (int f = 0; f < fields->n; f++) {
            Expr *eq = pred_cmp(&cx, FOP_EQ, bind_expr(b, sc, fields->items[f]), bind_expr(b, sc, item->list->items[f]));
            if (!eq) return NULL;
            all = all ? pred_and(&cx, all, eq) : eq;
        }
        any = any ? pred_or(&cx, any, all) : all;
        if (!any) return NULL;
    }
    return a->negated ? pred_not(&cx, any) : any;
}

/* The start and end of a period operand: (s, e) or PERIOD(s, e). */
static bool period_parts(const AstExpr *a, const AstExpr **start, const AstExpr **end)
{
    bool row = a->kind == AE_ROW && a->list->n == 2;
    bool call = a->kind == AE_CALL && a->nnames == 1 && bind_is_word(&a->names[0], "PERIOD") && a->list && a->list->n == 2 &&
                !a->over && !a->distinct;
    if (!row && !call) return false;
    *start = a->list->items[0];
    *end = a->list->items[1];
    return true;
}

/* One bound end of a period: SQL lets the end be an interval after the start. */
static Expr *bind_period_end(Binder *b, const Scope *sc, const AstExpr *start, const AstExpr *end, FnCtx *cx)
{
    Expr *e = bind_expr(b, sc, end);
    if (!e || !type_is_interval(e->type.id)) return e;
    Expr *s = bind_expr(b, sc, start);
    return s ? fn_binary(cx, FOP_ADD, s, e) : NULL;
}

/* One operand of a temporal predicate: a period's start and end, or (on
 * the right of CONTAINS) an instant. Each bound part is bound anew, so no
 * bound expression has two parents. */
typedef struct PeriodArg {
    Binder *b;
    const Scope *sc;
    FnCtx *cx;
    const AstExpr *start, *end;   /* end NULL: an instant */
    bool ordered;                 /* OVERLAPS: SQL orders each pair first */
} PeriodArg;

static Expr *period_raw(const PeriodArg *p, bool hi)
{
    if (!hi || !p->end) return bind_expr(p->b, p->sc, p->start);
    return bind_period_end(p->b, p->sc, p->start, p->end, p->cx);
}

/* The earlier (lo) or later (hi) bound. SQL's OVERLAPS swaps the pair when
 * the start is NULL or the end comes first. */
static Expr *period_bound(const PeriodArg *p, bool hi)
{
    if (!p->ordered || !p->end) return period_raw(p, hi);
    Expr *swap = pred_or(p->cx, fn_is(p->cx, FIS_NULL, false, period_raw(p, false)),
                         pred_cmp(p->cx, FOP_LT, period_raw(p, true), period_raw(p, false)));
    Expr *then = period_raw(p, !hi), *otherwise = period_raw(p, hi);
    if (!swap || !then || !otherwise) return NULL;
    Expr *whens[2] = {swap, then};
    return fn_case(p->cx, NULL, whens, 1, otherwise);
}

/* The seven temporal predicates of standard SQL over periods [s, e), as
 * the comparisons they stand for (the reference's Temporal Predicates page;
 * OVERLAPS is SQL's, which a period of no length also satisfies when it
 * starts where the other starts). */
Expr *bind_period_pred(Binder *b, const Scope *sc, const AstExpr *a)
{
    FnCtx cx = bind_fnctx(b, a->span);
    if (a->op == AO_P_EXTENSION) {
        diag_error(b->diag, a->span,
                   "%s is not supported: the reference defines its boundary rules only by diagrams; "
                   "write the comparisons of the periods' start and end times instead", a->text);
        return NULL;
    }
    const AstExpr *s1, *e1, *s2 = NULL, *e2 = NULL;
    if (!period_parts(a->a, &s1, &e1)) {
        diag_error(b->diag, a->a->span, "expected a period, (start, end) or PERIOD(start, end), before the temporal predicate");
        return NULL;
    }
    bool instant = false;
    if (!period_parts(a->b, &s2, &e2)) {
        if (a->op != AO_P_CONTAINS) {
            diag_error(b->diag, a->b->span, "expected a period, (start, end) or PERIOD(start, end), after the temporal predicate");
            return NULL;
        }
        instant = true;   /* PERIOD(s, e) CONTAINS t: s <= t AND t < e */
        s2 = a->b;
    }
    /* every part is a time, whichever parts the predicate compares */
    const AstExpr *parts[4] = {s1, e1, s2, e2};
    for (int i = 0; i < 4; i++) {
        if (!parts[i]) continue;
        Expr *x = bind_expr(b, sc, parts[i]);
        if (!x) return NULL;
        bool ok = type_is_datetime(x->type.id) || x->type.id == TY_NULL || ((i & 1) && type_is_interval(x->type.id));
        if (!ok) {
            char tn[64];
            diag_error(b->diag, parts[i]->span, "a period's %s must be a DATE, TIME or TIMESTAMP%s, not %s",
                       instant && i == 2 ? "instant" : (i & 1) ? "end" : "start", (i & 1) ? " (or an interval after the start)" : "",
                       type_name(x->type, tn, sizeof tn));
            return NULL;
        }
    }
    bool ordered = a->op == AO_P_OVERLAPS;
    PeriodArg p = {b, sc, &cx, s1, e1, ordered}, q = {b, sc, &cx, s2, e2, ordered};
    FnCtx *c = &cx;
    switch (a->op) {
    case AO_P_CONTAINS:
        if (instant)
            return pred_and(c, pred_cmp(c, FOP_LE, period_bound(&p, false), period_bound(&q, false)),
                            pred_cmp(c, FOP_LT, period_bound(&q, false), period_bound(&p, true)));
        return pred_and(c, pred_cmp(c, FOP_LE, period_bound(&p, false), period_bound(&q, false)),
                        pred_cmp(c, FOP_GE, period_bound(&p, true), period_bound(&q, true)));
    case AO_P_OVERLAPS: {
        /* (S1 > S2 AND NOT (S1 >= T2 AND T1 >= T2)) OR (S2 > S1 AND NOT (S2 >= T1 AND T2 >= T1))
         * OR (S1 = S2 AND (T1 <> T2 OR T1 = T2)) */
        Expr *one = pred_and(c, pred_cmp(c, FOP_GT, period_bound(&p, false), period_bound(&q, false)),
                             pred_not(c, pred_and(c, pred_cmp(c, FOP_GE, period_bound(&p, false), period_bound(&q, true)),
                                                  pred_cmp(c, FOP_GE, period_bound(&p, true), period_bound(&q, true)))));
        Expr *two = pred_and(c, pred_cmp(c, FOP_GT, period_bound(&q, false), period_bound(&p, false)),
                             pred_not(c, pred_and(c, pred_cmp(c, FOP_GE, period_bound(&q, false), period_bound(&p, true)),
                                                  pred_cmp(c, FOP_GE, period_bound(&q, true), period_bound(&p, true)))));
        Expr *three = pred_and(c, pred_cmp(c, FOP_EQ, period_bound(&p, false), period_bound(&q, false)),
                               pred_or(c, pred_cmp(c, FOP_NE, period_bound(&p, true), period_bound(&q, true)),
                                       pred_cmp(c, FOP_EQ, period_bound(&p, true), period_bound(&q, true))));
        return pred_or(c, pred_or(c, one, two), three);
    }
    case AO_P_EQUALS:
        return pred_and(c, pred_cmp(c, FOP_EQ, period_bound(&p, false), period_bound(&q, false)),
                        pred_cmp(c, FOP_EQ, period_bound(&p, true), period_bound(&q, true)));
    case AO_P_PRECEDES: return pred_cmp(c, FOP_LE, period_bound(&p, true), period_bound(&q, false));
    case AO_P_SUCCEEDS: return pred_cmp(c, FOP_GE, period_bound(&p, false), period_bound(&q, true));
    case AO_P_IMMEDIATELY_PRECEDES: return pred_cmp(c, FOP_EQ, period_bound(&p, true), period_bound(&q, false));
    case AO_P_IMMEDIATELY_SUCCEEDS: return pred_cmp(c, FOP_EQ, period_bound(&p, false), period_bound(&q, true));
    default: return NULL;
    }
}
