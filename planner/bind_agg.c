/* Aggregation (tumbling and stagger windows): GROUP BY keys, the key that
 * only grows with ROWTIME and so tells when a window is complete, and the
 * aggregate calls the select list, HAVING and ORDER BY read back as columns
 * of the aggregated rows. */
#include "bind_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "window.h"

static bool is_aggregate_call(const AstExpr *a)
{
    if (a->kind != AE_CALL || a->over || a->nnames != 1) return false;
    const FnDef *def = fn_find(a->names[0].name);
    return def && ((def->flags & FN_AGGREGATE) || fn_group_agg_ops(def));
}

static const AstExpr *first_aggregate(const AstExpr *a)
{
    if (!a) return NULL;
    if (is_aggregate_call(a)) return a;
    const AstExpr *f = first_aggregate(a->a);
    if (!f) f = first_aggregate(a->b);
    if (!f) f = first_aggregate(a->c);
    for (int i = 0; !f && a->list && i < a->list->n; i++) f = first_aggregate(a->list->items[i]);
    return f;
}

bool bind_ast_has_aggregate(const AstExpr *a)
{
    if (!a) return false;
    if (is_aggregate_call(a)) return true;
    if (bind_ast_has_aggregate(a->a) || bind_ast_has_aggregate(a->b) || bind_ast_has_aggregate(a->c)) return true;
    if (a->list)
        for (int i = 0; i < a->list->n; i++)
            if (bind_ast_has_aggregate(a->list->items[i])) return true;
    return false;
}

/* Binds one aggregate call's arguments against the input rows. */
static void add_aggregate(Binder *b, const Scope *input, const AstExpr *a)
{
    AggScope *g = b->agg;
    const FnDef *def = fn_find(a->names[0].name);
    int nargs = a->list ? a->list->n : 0;
    Expr *args[8];
    if (nargs > 8) nargs = 8;
    AggScope *saved = b->agg;
    b->agg = NULL;   /* arguments see the input rows, and may not nest aggregates */
    bool ok = true;
    for (int i = 0; i < nargs; i++) {
        const AstExpr *x = a->list->items[i];
        if (bind_ast_has_aggregate(x)) {
            diag_error(b->diag, x->span, "aggregate functions cannot be nested");
            ok = false;
            continue;
        }
        args[i] = bind_expr(b, input, x);
        if (!args[i]) ok = false;
    }
    b->agg = saved;
    if (!ok) return;
    if (a->ignore_nulls >= 0 && !fn_group_agg_ops(def)) {
        diag_error(b->diag, a->span, "IGNORE NULLS / RESPECT NULLS apply to analytic functions, and %s is not one", def->name);
        return;
    }
    if (a->distinct && fn_group_agg_ops(def)) {
        diag_error(b->diag, a->span, "%s takes no DISTINCT", def->name);
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
    if (g->naggs == g->cap) {
        int cap = g->cap ? g->cap * 2 : 8;
        const AstExpr **na = arena_alloc(b->arena, sizeof(AstExpr *) * (size_t)cap);
        Expr **ne = arena_alloc(b->arena, sizeof(Expr *) * (size_t)cap);
        if (g->naggs) memcpy(na, g->agg_ast, sizeof(AstExpr *) * (size_t)g->naggs), memcpy(ne, g->aggs, sizeof(Expr *) * (size_t)g->naggs);
        g->agg_ast = na;
        g->aggs = ne;
        g->cap = cap;
    }
    g->agg_ast[g->naggs] = a;
    g->aggs[g->naggs++] = e;
}

static void collect_aggregates(Binder *b, const Scope *input, const AstExpr *a)
{
    if (!a) return;
    if (is_aggregate_call(a)) {
        add_aggregate(b, input, a);
        return;
    }
    collect_aggregates(b, input, a->a);
    collect_aggregates(b, input, a->b);
    collect_aggregates(b, input, a->c);
    if (a->list)
        for (int i = 0; i < a->list->n; i++) collect_aggregates(b, input, a->list->items[i]);
}

/* The hook bind_expr calls over aggregated rows: an aggregate call becomes
 * its slot, an expression equal to a GROUP BY key becomes that key, and a
 * column that is neither is an error. Anything else binds as usual, with
 * its parts going through this hook again. */
Expr *bind_aggregated(Binder *b, const Scope *sc, const AstExpr *a, bool *handled)
{
    AggScope *g = b->agg;
    *handled = true;
    if (is_aggregate_call(a)) {
        for (int i = 0; i < g->naggs; i++)
            if (g->agg_ast[i] == a) return expr_column(b->arena, 0, g->nkeys + i, g->aggs[i]->type, a->span);
        return NULL;   /* its arguments failed to bind, already reported */
    }
    if (a->kind == AE_NAME && a->nnames == 1 && bind_is_word(&a->names[0], "ROWTIME")) {
        bool is_column = false;
        for (int r = 0; r < g->input->n; r++)
            if (schema_lookup(g->input->rels[r].schema, a->names[0].name, a->names[0].quoted) >= 0) is_column = true;
        if (!is_column) {
            /* the row being produced: the end of its window */
            Expr *e = expr_new(b->arena, EX_OUT_ROWTIME, 0);
            e->span = a->span;
            e->name = "ROWTIME";
            return e;
        }
    }
    if (a->kind != AE_LITERAL) {
        /* bind against the input rows without reporting, and compare with the keys */
        DiagList quiet;
        diag_init(&quiet, "", NULL, 0);
        DiagList *loud = b->diag;
        b->diag = &quiet;
        b->agg = NULL;
        Scope in = *g->input;
        in.in_select_list = false;
        Expr *e = bind_expr(b, &in, a);
        b->agg = g;
        b->diag = loud;
        diag_free(&quiet);
        if (e)
            for (int k = 0; k < g->nkeys; k++)
                if (expr_equal(e, g->keys[k])) return expr_column(b->arena, 0, k, g->keys[k]->type, a->span);
        if (a->kind == AE_NAME) {
            const char *nm = a->names[a->nnames - 1].name;
            diag_error(b->diag, a->span,
                       "column \"%s\" must appear in the GROUP BY clause or be used inside an aggregate function", nm);
            return NULL;
        }
    }
    (void)sc;
    *handled = false;
    return NULL;
}

static const char *key_name(Binder *b, const Scope *sc, const Expr *e, int k)
{
    if (e->kind == EX_COLUMN)
        for (int r = 0; r < sc->n; r++)
            if (sc->rels[r].input == e->input && e->col >= sc->rels[r].offset &&
                e->col - sc->rels[r].offset < sc->rels[r].schema->ncols)
                return sc->rels[r].schema->cols[e->col - sc->rels[r].offset].name;
    char buf[32];
    snprintf(buf, sizeof buf, "$KEY%d", k);
    return arena_strndup(b->arena, buf, strlen(buf));
}

/* GROUP BY: bind the keys, find the monotonic one, collect the aggregate
 * calls of the select list and HAVING, and make the node that aggregates. */
/* The plan expression behind column col of node n's rows, through filters;
 * NULL when it is not a plain projection. */
static const Expr *column_source(const PlanNode *n, int col, const PlanNode **proj)
{
    while (n && n->kind == PN_FILTER) n = n->inputs[0];
    if (!n || n->kind != PN_PROJECT || col < 0 || col >= n->nexprs) return NULL;
    *proj = n;
    return n->rowtime ? NULL : n->exprs[col];
}

/* e as the window analysis sees it: a column of a subquery that is its
 * rows' ROWTIME (SELECT STREAM rowtime AS window_time ...) is ROWTIME
 * itself, so STEP(sub.window_time BY ...) is a tumbling key, as on the
 * KDA COUNT_DISTINCT_ITEMS_TUMBLING page; a column the subquery computes
 * from ROWTIME, or declares MONOTONIC(...), is that expression, so GROUP BY
 * sub.window_time groups by it (AWS's real-time web analytics solution).
 * The view is for analysis only: its columns are the subquery's inputs.
 * Copies only what changes. */
static Expr *rowtime_view(Binder *b, Expr *e, const PlanNode *input)
{
    if (!e) return e;
    if (e->kind == EX_COLUMN && e->input == 0) {
        const PlanNode *proj = NULL;
        const Expr *src = column_source(input, e->col, &proj);
        if (src && (src->kind == EX_OUT_ROWTIME || src->kind == EX_ROWTIME)) {
            Expr *r = expr_new(b->arena, EX_ROWTIME, 0);
            r->type = e->type;
            r->span = e->span;
            r->name = "ROWTIME";
            return r;
        }
        if (src && src->kind == EX_CALL) {
            Expr *v = rowtime_view(b, (Expr *)src, proj->inputs[0]);
            if (win_is_monotonic(v)) return v;
        }
        return e;
    }
    if (e->kind != EX_CALL) return e;
    Expr *copy = NULL;
    for (int i = 0; i < e->nargs; i++) {
        Expr *a = rowtime_view(b, e->args[i], input);
        if (a == e->args[i]) continue;
        if (!copy) {
            copy = arena_alloc(b->arena, sizeof *copy);
            *copy = *e;
            copy->args = arena_alloc(b->arena, sizeof(Expr *) * (size_t)e->nargs);
            memcpy(copy->args, e->args, sizeof(Expr *) * (size_t)e->nargs);
        }
        copy->args[i] = a;
    }
    return copy ? copy : e;
}

PlanNode *bind_grouping(Binder *b, const AstSelect *q, Scope *sc, PlanNode *input, AggScope *g)
{
    memset(g, 0, sizeof *g);
    g->input = sc;
    if (q->group_by && q->stagger) {
        diag_error(b->diag, q->stagger->span, "WINDOWED BY STAGGER replaces GROUP BY: a query cannot have both");
        return NULL;
    }
    int64_t stagger = 0;
    if (q->stagger) {
        b->agg = NULL;
        Expr *len = bind_expr(b, sc, q->stagger->range);
        if (!len) return NULL;
        if (len->kind != EX_CONST || len->type.id != TY_INTERVAL_DT || len->k.null || len->k.u.i <= 0) {
            diag_error(b->diag, q->stagger->range->span, "the stagger window's length must be a positive day-time interval such as INTERVAL '1' MINUTE");
            return NULL;
        }
        stagger = len->k.u.i;
    }
    const AstList *keylist = q->stagger ? q->stagger->partition : q->group_by;
    bool relation = !q->stagger && bind_is_relation(b, input);
    if (!keylist && !relation) {
        Span at = q->span;
        const AstExpr *call = NULL;
        for (int i = 0; i < q->items->n && !call; i++) {
            AstSelectItem *it = q->items->items[i];
            if ((call = first_aggregate(it->expr))) at = it->expr->span;
        }
        const FnDef *def = call ? fn_find(call->names[0].name) : NULL;
        if (def && !(def->flags & FN_AGGREGATE)) {
            diag_error(b->diag, call->span, "%s needs an OVER clause (it reads the rows of a sliding window), or a GROUP BY "
                                            "or stagger window whose rows it takes the first or last of", def->name);
            return NULL;
        }
        diag_error(b->diag, at,
                   "an aggregate over a stream needs GROUP BY on a ROWTIME-based expression, such as "
                   "STEP(s.ROWTIME BY INTERVAL '1' MINUTE) or FLOOR(s.ROWTIME TO MINUTE): without one the group is "
                   "the whole stream, which never ends, so no row would ever be emitted (or use OVER for a sliding window)");
        return NULL;
    }
    int n = keylist ? keylist->n : 0;   /* a relation without GROUP BY is GROUP BY (): one group */
    g->keys = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(n ? n : 1));
    g->nkeys = n;
    bool ok = true;
    int mono = -1;
    for (int i = 0; i < n; i++) {
        const AstExpr *x = keylist->items[i];
        if (bind_ast_has_aggregate(x)) {
            diag_error(b->diag, x->span, "GROUP BY cannot contain an aggregate function");
            ok = false;
            continue;
        }
        g->keys[i] = bind_expr(b, sc, x);
        if (!g->keys[i]) {
            ok = false;
            continue;
        }
        if (mono < 0 && win_is_monotonic(rowtime_view(b, g->keys[i], input))) mono = i;
    }
    if (!ok) return NULL;
    if (mono < 0 && !stagger && !relation) {
        diag_error(b->diag, ((AstExpr *)q->group_by->items[0])->span,
                   "GROUP BY on a stream needs one key that only grows with ROWTIME, such as "
                   "STEP(s.ROWTIME BY INTERVAL '1' MINUTE) or FLOOR(s.ROWTIME TO MINUTE) (or MONOTONIC(expr)): "
                   "it decides when a window is complete and its rows are emitted");
        return NULL;
    }
    b->agg = g;
    for (int i = 0; i < q->items->n; i++) collect_aggregates(b, sc, ((AstSelectItem *)q->items->items[i])->expr);
    collect_aggregates(b, sc, q->having);
    /* ORDER BY SUM(x) DESC: an aggregate only the sort reads */
    for (int i = 0; q->order_by && !q->order_within && i < q->order_by->n; i++)
        collect_aggregates(b, sc, ((AstOrderItem *)q->order_by->items[i])->expr);
    b->agg = NULL;
    PlanNode *a = bind_new_node(b, PN_AGGREGATE, keylist ? span_join(((AstExpr *)keylist->items[0])->span, q->span) : q->span, 1);
    a->inputs[0] = input;
    a->keys = g->keys;
    a->nkeys = g->nkeys;
    a->mono_key = mono;
    a->aggs = g->aggs;
    a->naggs = g->naggs;
    a->stagger = stagger;
    if (!stagger && mono >= 0) {
        const Expr *mk = rowtime_view(b, g->keys[mono], input);
        a->end = win_end_of(mk);
        a->mono_either_way = mk->kind == EX_CALL && mk->name && strcasecmp(mk->name, "MONOTONIC") == 0;
    }
    int ncols = g->nkeys + g->naggs;
    a->out.ncols = ncols;
    a->out.cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(ncols ? ncols : 1));
    for (int i = 0; i < g->nkeys; i++) {
        a->out.cols[i].name = key_name(b, sc, g->keys[i], i);
        a->out.cols[i].type = g->keys[i]->type;
    }
    for (int i = 0; i < g->naggs; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "$AGG%d", i);
        a->out.cols[g->nkeys + i].name = arena_strndup(b->arena, buf, strlen(buf));
        a->out.cols[g->nkeys + i].type = g->aggs[i]->type;
    }
    g->out = &a->out;
    return a;
}
