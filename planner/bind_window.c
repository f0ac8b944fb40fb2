/* Sliding windows (OVER): window specifications, the WINDOW clause's named
 * windows, and the calls each window computes. */
#include "bind_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

bool bind_ast_has_over(const AstExpr *a)
{
    if (!a) return false;
    if (a->kind == AE_CALL && a->over) return true;
    if (bind_ast_has_over(a->a) || bind_ast_has_over(a->b) || bind_ast_has_over(a->c)) return true;
    if (a->list)
        for (int i = 0; i < a->list->n; i++)
            if (bind_ast_has_over(a->list->items[i])) return true;
    return false;
}

const AstWindowDef *bind_find_window_def(const AstSelect *q, const AstName *n)
{
    for (int i = 0; q->windows && i < q->windows->n; i++) {
        const AstWindowDef *d = q->windows->items[i];
        if (strcmp(d->name.name, n->name) == 0 || (!n->quoted && !d->name.quoted && strcasecmp(d->name.name, n->name) == 0))
            return d;
    }
    return NULL;
}

bool bind_is_rowtime_ref(const AstExpr *e)
{
    return e->kind == AE_NAME && bind_is_word(&e->names[e->nnames - 1], "ROWTIME");
}

/* Checks a window specification and turns it into a PlanWindow (without calls). */
bool bind_make_window(Binder *b, const Scope *sc, const AstWindowSpec *w, PlanWindow *out)
{
    memset(out, 0, sizeof *out);
    out->span = w->span;
    Span at = w->span.len ? w->span : span_make(0, 0);
    if (w->order)
        for (int i = 0; i < w->order->n; i++) {
            const AstOrderItem *o = w->order->items[i];
            if (!bind_is_rowtime_ref(o->expr) || o->desc) {
                diag_error(b->diag, o->span, "a sliding window is ordered by ROWTIME only: remove this ORDER BY");
                return false;
            }
        }
    if (w->frame == FRAME_NONE) {
        diag_error(b->diag, at, "a sliding window needs a size: RANGE INTERVAL 'n' unit PRECEDING or ROWS n PRECEDING");
        return false;
    }
    /* BETWEEN ... AND 0 PRECEDING ends at the current row (the reference's
     * window examples write ROWS BETWEEN 4 PRECEDING AND 0 PRECEDING) */
    bool end_here = w->end_current;
    if (w->has_end && !end_here && !w->end_unbounded && !w->end_following && w->end) {
        Expr *e = bind_expr(b, sc, w->end);
        end_here = e && e->kind == EX_CONST && !e->k.null && !type_is_approx(e->type.id) && e->k.u.i == 0;
    }
    if (w->start_following || (w->has_end && !end_here)) {
        diag_error(b->diag, w->end ? w->end->span : at,
                   "a sliding window must end at the current row: FOLLOWING and windows ending before the current row are not allowed");
        return false;
    }
    if (w->start_unbounded) {
        diag_error(b->diag, at, "UNBOUNDED PRECEDING would keep the whole stream: give the window a size");
        return false;
    }
    out->kind = w->frame == FRAME_ROWS ? WF_ROWS : WF_RANGE;
    if (w->start_current) {
        out->size = 0;
    } else {
        Expr *v = bind_expr(b, sc, w->start);
        if (!v) return false;
        if (v->kind != EX_CONST || v->k.null) {
            diag_error(b->diag, w->start->span, "the window size must be a constant");
            return false;
        }
        if (out->kind == WF_RANGE) {
            if (v->type.id != TY_INTERVAL_DT) {
                diag_error(b->diag, w->start->span, "RANGE needs a day-time interval such as INTERVAL '10' SECOND%s",
                           type_is_numeric(v->type.id) ? " (for a number of rows, write ROWS n PRECEDING)" : "");
                return false;
            }
        } else if (!type_is_integer(v->type.id)) {
            diag_error(b->diag, w->start->span, "ROWS needs a whole number of rows%s",
                       type_is_interval(v->type.id) ? " (for a time interval, write RANGE INTERVAL ... PRECEDING)" : "");
            return false;
        }
        if (v->k.u.i < 0) {
            diag_error(b->diag, w->start->span, "the window size cannot be negative");
            return false;
        }
        if (v->k.u.i == 0) {
            diag_error(b->diag, w->start->span, "a window of size 0 is written %s CURRENT ROW", out->kind == WF_ROWS ? "ROWS" : "RANGE");
            return false;
        }
        out->size = v->k.u.i;
    }
    int np = w->partition ? w->partition->n : 0;
    out->npartition = np;
    out->partition = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(np ? np : 1));
    for (int i = 0; i < np; i++) {
        out->partition[i] = bind_expr(b, sc, w->partition->items[i]);
        if (!out->partition[i]) return false;
    }
    return true;
}

static bool same_window(const PlanWindow *a, const PlanWindow *b)
{
    if (a->kind != b->kind || a->size != b->size || a->npartition != b->npartition) return false;
    for (int i = 0; i < a->npartition; i++)
        if (!expr_equal(a->partition[i], b->partition[i])) return false;
    return true;
}

static void add_analytic(Binder *b, const AstSelect *q, const Scope *sc, const AstExpr *a)
{
    WinScope *w = b->win;
    const AstName *n = &a->names[0];
    const FnDef *def = fn_find(n->name);
    if (!def || !(def->flags & (FN_AGGREGATE | FN_ANALYTIC))) {
        diag_error(b->diag, a->span, "%s is not an aggregate or analytic function, so it cannot take OVER", n->name);
        return;
    }
    /* the window: OVER w names one from the WINDOW clause, OVER (...) is inline */
    const AstWindowSpec *spec = a->over;
    if (spec->ref.name) {
        const AstWindowDef *d = bind_find_window_def(q, &spec->ref);
        if (!d) {
            diag_error(b->diag, spec->ref.span, "unknown window \"%s\": define it with WINDOW %s AS (...)", spec->ref.name, spec->ref.name);
            return;
        }
        if (spec->partition || spec->order || spec->frame != FRAME_NONE) {
            diag_error(b->diag, spec->span, "refining a named window is not supported: define the whole window in the WINDOW clause");
            return;
        }
        spec = d->spec;
    }
    WinScope *saved = b->win;
    b->win = NULL;
    PlanWindow pw;
    bool ok = bind_make_window(b, sc, spec, &pw);
    int nargs = a->list ? a->list->n : 0;
    Expr *args[8];
    if (nargs > 8) nargs = 8;
    for (int i = 0; i < nargs && ok; i++) {
        const AstExpr *x = a->list->items[i];
        if (bind_ast_has_over(x) || bind_ast_has_aggregate(x)) {
            diag_error(b->diag, x->span, "the argument of a windowed function cannot contain another one");
            ok = false;
            break;
        }
        args[i] = bind_expr(b, sc, x);
        if (!args[i]) ok = false;
    }
    b->win = saved;
    if (!ok) return;
    /* The reference's SUM and AVG pages give [DISTINCT | ALL] over a window;
     * COUNT's sliding form takes only * or ALL expr. */
    if (a->distinct && strcmp(def->name, "SUM") != 0 && strcmp(def->name, "AVG") != 0) {
        diag_error(b->diag, a->span, "%s(DISTINCT ...) OVER is not KDA SQL: a sliding window aggregates all its rows (write %s(x) or %s(ALL x))",
                   def->name, def->name, def->name);
        return;
    }
    if ((def->flags & FN_AGGREGATE) && (a->ignore_nulls >= 0 || a->from_last >= 0)) {
        diag_error(b->diag, a->span, "IGNORE NULLS / RESPECT NULLS and FROM FIRST / FROM LAST apply to analytic functions, not to %s", def->name);
        return;
    }
    if (a->star_arg && strcmp(def->name, "COUNT") != 0) {
        diag_error(b->diag, a->span, "%s(*) is only valid for COUNT", def->name);
        return;
    }
    FnCtx cx = bind_fnctx(b, a->span);
    cx.star = a->star_arg;
    cx.distinct = a->distinct;
    cx.ignore_nulls = a->ignore_nulls;
    cx.from_last = a->from_last;
    Expr *e = fn_bind_call(&cx, def, args, nargs);
    if (!e) return;
    int wi;
    for (wi = 0; wi < w->nwindows; wi++)
        if (same_window(&w->windows[wi], &pw)) break;
    if (wi == w->nwindows) {
        if (w->nwindows == w->capw) {
            int cap = w->capw ? w->capw * 2 : 4;
            PlanWindow *nw = arena_alloc(b->arena, sizeof(PlanWindow) * (size_t)cap);
            if (w->nwindows) memcpy(nw, w->windows, sizeof(PlanWindow) * (size_t)w->nwindows);
            w->windows = nw;
            w->capw = cap;
        }
        w->windows[w->nwindows++] = pw;
    }
    if (w->ncalls == w->cap) {
        int cap = w->cap ? w->cap * 2 : 8;
        const AstExpr **na = arena_alloc(b->arena, sizeof(AstExpr *) * (size_t)cap);
        Expr **ne = arena_alloc(b->arena, sizeof(Expr *) * (size_t)cap);
        int *nw = arena_alloc(b->arena, sizeof(int) * (size_t)cap);
        if (w->ncalls) {
            memcpy(na, w->call_ast, sizeof(AstExpr *) * (size_t)w->ncalls);
            memcpy(ne, w->calls, sizeof(Expr *) * (size_t)w->ncalls);
            memcpy(nw, w->window, sizeof(int) * (size_t)w->ncalls);
        }
        w->call_ast = na;
        w->calls = ne;
        w->window = nw;
        w->cap = cap;
    }
    w->call_ast[w->ncalls] = a;
    w->calls[w->ncalls] = e;
    w->window[w->ncalls] = wi;
    w->ncalls++;
}

static void collect_analytics(Binder *b, const AstSelect *q, const Scope *sc, const AstExpr *a)
{
    if (!a) return;
    if (a->kind == AE_CALL && a->over) {
        add_analytic(b, q, sc, a);
        return;
    }
    collect_analytics(b, q, sc, a->a);
    collect_analytics(b, q, sc, a->b);
    collect_analytics(b, q, sc, a->c);
    if (a->list)
        for (int i = 0; i < a->list->n; i++) collect_analytics(b, q, sc, a->list->items[i]);
}

/* The node that computes every windowed call of the select list. */
PlanNode *bind_windows(Binder *b, const AstSelect *q, const Scope *sc, PlanNode *input, WinScope *w)
{
    memset(w, 0, sizeof *w);
    w->ninput = input->out.ncols;
    b->win = w;
    for (int i = 0; i < q->items->n; i++) collect_analytics(b, q, sc, ((AstSelectItem *)q->items->items[i])->expr);
    b->win = NULL;
    if (w->ncalls == 0) return NULL;
    for (int k = 0; k < w->nwindows; k++) {
        PlanWindow *pw = &w->windows[k];
        int n = 0;
        for (int i = 0; i < w->ncalls; i++)
            if (w->window[i] == k) n++;
        pw->calls = arena_alloc(b->arena, sizeof(Expr *) * (size_t)n);
        pw->slots = arena_alloc(b->arena, sizeof(int) * (size_t)n);
        for (int i = 0; i < w->ncalls; i++)
            if (w->window[i] == k) {
                pw->calls[pw->ncalls] = w->calls[i];
                pw->slots[pw->ncalls++] = w->ninput + i;
            }
    }
    PlanNode *node = bind_new_node(b, PN_WINDOW, q->span, 1);
    node->inputs[0] = input;
    node->windows = w->windows;
    node->nwindows = w->nwindows;
    int ncols = w->ninput + w->ncalls;
    node->out.ncols = ncols;
    node->out.cols = arena_alloc(b->arena, sizeof(Column) * (size_t)ncols);
    for (int i = 0; i < w->ninput; i++) node->out.cols[i] = input->out.cols[i];
    for (int i = 0; i < w->ncalls; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "$W%d", i);
        node->out.cols[w->ninput + i].name = arena_strndup(b->arena, buf, strlen(buf));
        node->out.cols[w->ninput + i].type = w->calls[i]->type;
    }
    return node;
}
