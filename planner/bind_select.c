/* One SELECT: WHERE, the select list, HAVING, ORDER BY [WITHIN] and
 * DISTINCT, over the rows of its FROM (aggregated by GROUP BY or extended
 * by OVER windows when the select list asks). */
#include "bind_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/runtime/namemap.h"
#include "window.h"

/* Output column name of a select item. */
static const char *item_name(Binder *b, const AstSelectItem *it, int pos)
{
    if (it->alias.name) return arena_strndup(b->arena, it->alias.name, strlen(it->alias.name));
    const AstExpr *e = it->expr;
    if (e->kind == AE_NAME) return arena_strndup(b->arena, e->names[e->nnames - 1].name, strlen(e->names[e->nnames - 1].name));
    char buf[32];
    snprintf(buf, sizeof buf, "EXPR$%d", pos);
    return arena_strndup(b->arena, buf, strlen(buf));
}

static bool uses_out_rowtime(const Expr *e)
{
    if (!e) return false;
    if (e->kind == EX_OUT_ROWTIME) return true;
    for (int i = 0; i < e->nargs; i++)
        if (uses_out_rowtime(e->args[i])) return true;
    return false;
}

/* A repeated name gets a numeric suffix, as Calcite names them: the first
 * of NAME0, NAME1, ... that no column has (not even one further on). */
static void unique_names(Binder *b, Column *cols, int n)
{
    NameMap all, seen;
    namemap_init(&all, false);
    namemap_init(&seen, false);
    for (int i = 0; i < n; i++) namemap_add(&all, cols[i].name, i);
    for (int i = 0; i < n; i++) {
        if (namemap_add(&seen, cols[i].name, i) < 0) continue;
        for (int k = 0;; k++) {
            char buf[300];
            snprintf(buf, sizeof buf, "%s%d", cols[i].name, k);
            int at = namemap_get(&all, buf);
            if (at >= 0 && at != i) continue;
            cols[i].name = arena_strndup(b->arena, buf, strlen(buf));
            namemap_add(&all, cols[i].name, i);
            namemap_add(&seen, cols[i].name, i);
            break;
        }
    }
    namemap_free(&all);
    namemap_free(&seen);
}

/* SELECT STREAM DISTINCT (KDA's SELECT ALL and SELECT DISTINCT page): rows
 * are duplicates when every selected column but the output ROWTIME is the
 * same; a row leaves at once, the first time it is seen. The select list
 * must hold an expression that only grows with ROWTIME: when it changes,
 * no earlier row can come again, so the rows seen are forgotten and the
 * state stays bounded. Without one, an unqualified ROWTIME selected plays
 * that part (rows are distinct among those sharing a ROWTIME). */
bool bind_distinct(Binder *b, PlanNode *p, int nvisible, const PlanNode *below, Span span, bool relation)
{
    const PlanNode *agg = below;
    while (agg && agg->kind != PN_AGGREGATE && agg->ninputs == 1 && agg->kind != PN_SCAN) agg = agg->inputs[0];
    p->distinct = true;
    p->distinct_keys = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(nvisible ? nvisible : 1));
    p->ndistinct = 0;
    bool have_mono = false, out_rowtime = false;
    for (int i = 0; i < nvisible; i++) {
        Expr *e = p->exprs[i];
        if (e->kind == EX_OUT_ROWTIME) {
            out_rowtime = true;
            continue;
        }
        p->distinct_keys[p->ndistinct++] = e;
        bool mono = win_is_monotonic(e) ||
                    (agg && agg->kind == PN_AGGREGATE && !agg->stagger && e->kind == EX_COLUMN && e->col == agg->mono_key);
        if (mono && !have_mono) {
            p->distinct_mono = e;
            have_mono = true;
        }
    }
    if (!have_mono && !out_rowtime && !relation) {
        diag_error(b->diag, span,
                   "SELECT STREAM DISTINCT needs a selected expression that only grows with ROWTIME, such as "
                   "FLOOR(s.ROWTIME TO MINUTE) or s.ROWTIME: otherwise a row could come again at any time and every "
                   "row would have to be remembered forever");
        return false;
    }
    return true;
}

PlanNode *bind_select(Binder *b, const AstSelect *q)
{
    if (q->setop == SETOP_GROUP) return bind_query(b, q->set_left);
    if (q->setop) return bind_setop(b, q);
    if (q->values) {
        b->bare_query = false;
        return bind_values(b, q);
    }
    Scope sc;
    memset(&sc, 0, sizeof sc);
    int errors = b->diag->errors;
    bool must_say_stream = b->bare_query;
    b->bare_query = false;
    const AstSelect *outer = b->select;
    b->select = q;
    PlanNode *input = bind_from(b, q->from, &sc);
    b->select = outer;
    if (!q->from) {
        diag_error(b->diag, q->span, "a query needs a FROM clause: SELECT STREAM ... FROM stream");
        return NULL;
    }
    if (!input) return NULL;
    bool relation = bind_is_relation(b, input);
    /* A query of its own says STREAM (DIALECT S4): the user asked for a
     * stream, not a table's rows. A pump's query, a subquery and a CURSOR's
     * query over a stream stream whether or not they say so. A query of its
     * own may still leave STREAM to a table function's rows (the KDA guide's
     * HOTSPOTS query) or to a subquery that says it. */
    bool sub_streams = q->from->kind == FROM_SUBQUERY && q->from->sub && q->from->sub->stream;
    if (!q->stream && must_say_stream && q->from->kind != FROM_TABLE_FN && !sub_streams && !relation) {
        diag_error(b->diag, q->span, "a query over a stream must be SELECT STREAM (a plain SELECT reads a table)");
        return NULL;
    }
    PlanNode *top = input;
    if (q->where) {
        Expr *pred = bind_condition(b, &sc, q->where, "WHERE");
        if (pred) {
            PlanNode *f = bind_new_node(b, PN_FILTER, q->where->span, 1);
            f->inputs[0] = top;
            f->pred = pred;
            f->out = top->out;
            top = f;
        }
    }
    /* GROUP BY: the select list and HAVING then read the aggregated rows */
    AggScope agg;
    bool grouped = q->group_by != NULL || q->having != NULL || q->stagger != NULL;
    for (int i = 0; !grouped && i < q->items->n; i++)
        if (bind_ast_has_aggregate(((AstSelectItem *)q->items->items[i])->expr)) grouped = true;
    const Schema *named = sc.n ? (input->kind == PN_JOIN ? &input->out : sc.rels[0].schema) : NULL;
    bool windowed = false;
    for (int i = 0; i < q->items->n; i++)
        if (bind_ast_has_over(((AstSelectItem *)q->items->items[i])->expr)) windowed = true;
    if (windowed && grouped) {
        diag_error(b->diag, q->span, "OVER (a sliding window) and GROUP BY (a tumbling window) cannot be used in the same query");
        return NULL;
    }
    WinScope win;
    if (windowed) {
        PlanNode *w = bind_windows(b, q, &sc, top, &win);
        if (!w) return NULL;
        top = w;
        b->win = &win;
    }
    if (grouped) {
        PlanNode *g = bind_grouping(b, q, &sc, top, &agg);
        if (!g) return NULL;
        top = g;
        named = &g->out;
        b->agg = &agg;
        if (q->having) {
            Scope hs = sc;
            hs.in_select_list = true;
            Expr *pred = bind_condition(b, &hs, q->having, "HAVING");
            if (pred) {
                PlanNode *f = bind_new_node(b, PN_FILTER, q->having->span, 1);
                f->inputs[0] = top;
                f->pred = pred;
                f->out = top->out;
                top = f;
            }
        }
    }
    /* select list */
    int cap = 0;
    for (int i = 0; i < q->items->n; i++) {
        AstSelectItem *it = q->items->items[i];
        if (it->expr->kind == AE_STAR) {
            if (it->expr->nnames) {
                const ScopeRel *rel = bind_find_rel(&sc, &it->expr->names[0]);
                cap += rel ? rel->schema->ncols : 0;
            } else {
                for (int r = 0; r < sc.n; r++) cap += sc.rels[r].schema->ncols;
            }
        } else {
            cap++;
        }
    }
    int nsort = q->order_by && !q->order_within ? q->order_by->n : 0;
    Expr **exprs = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(cap + nsort + 1));
    Column *cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(cap + nsort + 1));
    int n = 0;
    Expr *rowtime = NULL;
    sc.in_select_list = true;
    for (int i = 0; i < q->items->n; i++) {
        AstSelectItem *it = q->items->items[i];
        if (it->expr->kind == AE_STAR && grouped) {
            diag_error(b->diag, it->span, "'*' cannot be used with GROUP BY: name the grouped columns and aggregates");
            continue;
        }
        if (it->expr->kind == AE_STAR) {
            for (int r = 0; r < sc.n; r++) {
                const ScopeRel *rel = &sc.rels[r];
                if (it->expr->nnames) {
                    const ScopeRel *want = bind_find_rel(&sc, &it->expr->names[0]);
                    if (!want) {
                        diag_error(b->diag, it->expr->names[0].span, "unknown stream or alias \"%s\"", it->expr->names[0].name);
                        break;
                    }
                    if (want != rel) continue;
                }
                for (int c = 0; c < rel->schema->ncols; c++) {
                    exprs[n] = expr_column(b->arena, rel->input, rel->offset + c, rel->schema->cols[c].type, it->span);
                    cols[n].name = rel->schema->cols[c].name;
                    cols[n].type = rel->schema->cols[c].type;
                    n++;
                }
            }
            continue;
        }
        Expr *e = bind_expr(b, &sc, it->expr);
        if (!e) continue;
        if (it->alias.name && bind_is_word(&it->alias, "ROWTIME")) {
            if (e->type.id != TY_TIMESTAMP) {
                char tn[64];
                diag_error(b->diag, it->expr->span, "the expression given AS ROWTIME must be a TIMESTAMP, not %s",
                           type_name(e->type, tn, sizeof tn));
                continue;
            }
            if (rowtime) {
                diag_error(b->diag, it->alias.span, "ROWTIME is set twice in this select list");
                continue;
            }
            rowtime = e;
            continue;
        }
        if (e->type.id == TY_NULL) e = fn_cast(&(FnCtx){.arena = b->arena, .diag = b->diag, .span = e->span}, e, type_string(TY_VARCHAR, 0));
        exprs[n] = e;
        cols[n].name = item_name(b, it, i);
        if (!it->alias.name && e->kind == EX_COLUMN && named && e->col < named->ncols && named->cols[e->col].name[0] != '$')
            cols[n].name = named->cols[e->col].name;
        cols[n].type = e->type;
        n++;
    }
    /* ORDER BY key WITHIN slack: rows come back in the order of an event time
     * that is at most `slack` out of order; that time becomes the ROWTIME */
    int64_t slack = -1;
    if (q->order_within && b->diag->errors == errors) {
        const AstOrderItem *o = q->order_by ? q->order_by->items[0] : NULL;
        Expr *w = bind_expr(b, &sc, q->order_within);
        if (!o || q->order_by->n != 1) {
            diag_error(b->diag, q->order_within->span, "ORDER BY ... WITHIN takes exactly one key");
        } else if (!w || w->kind != EX_CONST || w->type.id != TY_INTERVAL_DT || w->k.null || w->k.u.i < 0) {
            diag_error(b->diag, q->order_within->span, "WITHIN needs a day-time interval literal such as INTERVAL '10' SECOND");
        } else if (o->desc) {
            diag_error(b->diag, o->span, "ORDER BY ... WITHIN sorts ascending only: time cannot run backwards");
        } else if (bind_is_rowtime_ref(o->expr) && o->expr->nnames == 1) {
            diag_error(b->diag, o->span, "the WITHIN key cannot be the ROWTIME being produced; sort by an event-time column, "
                                         "or qualify the input's time as s.ROWTIME");
        } else {
            Scope ks = sc;
            ks.in_select_list = false;
            Expr *key = bind_expr(b, &ks, o->expr);
            if (key && key->type.id != TY_TIMESTAMP) {
                char tn[64];
                diag_error(b->diag, o->expr->span, "the WITHIN key must be a TIMESTAMP, not %s", type_name(key->type, tn, sizeof tn));
            } else if (key && !(rowtime && expr_equal(rowtime, key))) {
                diag_error(b->diag, o->expr->span, "the WITHIN key must also be selected AS ROWTIME, since it becomes the rows' time");
            } else if (key) {
                slack = w->k.u.i;
            }
        }
    }
    /* ORDER BY: each key is a select-list column (by position, name or the
     * same expression) or an extra hidden column of the projection */
    int nvisible = n;
    int *sort_cols = NULL;
    bool *sort_desc = NULL;
    bool sort_by_rowtime = false, sort_by_window = false;
    if (nsort && b->diag->errors == errors) {
        sort_cols = arena_alloc(b->arena, sizeof(int) * (size_t)nsort);
        sort_desc = arena_alloc(b->arena, sizeof(bool) * (size_t)nsort);
        for (int i = 0; i < nsort; i++) {
            const AstOrderItem *o = q->order_by->items[i];
            const AstExpr *x = o->expr;
            int col = -1;
            Expr *e = NULL;
            sort_desc[i] = o->desc;
            if (x->kind == AE_LITERAL && x->lit == LIT_INTEGER) {
                long k = strtol(x->text, NULL, 10);
                if (k < 1 || k > nvisible) {
                    diag_error(b->diag, x->span, "ORDER BY position %ld is not in the select list (1 to %d)", k, nvisible);
                    continue;
                }
                col = (int)k - 1;
            } else if (x->kind == AE_NAME && x->nnames == 1 && !bind_is_word(&x->names[0], "ROWTIME")) {
                for (int j = 0; j < nvisible && col < 0; j++)
                    if (strcmp(cols[j].name, x->names[0].name) == 0 ||
                        (!x->names[0].quoted && strcasecmp(cols[j].name, x->names[0].name) == 0))
                        col = j;
            }
            if (col < 0) {
                e = bind_expr(b, &sc, x);
                if (!e) continue;
                for (int j = 0; j < n && col < 0; j++)
                    if (expr_equal(e, exprs[j])) col = j;
                if (col < 0) {
                    char nm[32];
                    snprintf(nm, sizeof nm, "$ORDER%d", i);
                    exprs[n] = e;
                    cols[n].name = arena_strndup(b->arena, nm, strlen(nm));
                    cols[n].type = e->type;
                    col = n++;
                }
            }
            sort_cols[i] = col;
            if (i == 0 && relation) {
                if (o->desc) sort_desc[i] = true;
            } else if (i == 0) {
                const Expr *k = exprs[col];
                const PlanNode *an = top;
                while (an && an->kind != PN_AGGREGATE && an->ninputs == 1 && an->kind != PN_SCAN) an = an->inputs[0];
                bool mono = k->kind == EX_OUT_ROWTIME || win_is_monotonic(k) ||
                            (an && an->kind == PN_AGGREGATE && !an->stagger && k->kind == EX_COLUMN && k->col == an->mono_key);
                if (k->kind == EX_CALL && k->nargs && k->args[0]->kind == EX_OUT_ROWTIME) mono = true;
                if (!mono) {
                    diag_error(b->diag, x->span,
                               "ORDER BY on a stream must start with a key that only grows with ROWTIME (such as ROWTIME or "
                               "FLOOR(ROWTIME TO MINUTE)): the rows are sorted in batches that share that key");
                    continue;
                }
                if (o->desc) {
                    diag_error(b->diag, o->span, "the leading ORDER BY key of a stream cannot be DESC: time only moves forward");
                    continue;
                }
                sort_by_rowtime = k->kind == EX_OUT_ROWTIME || k->kind == EX_ROWTIME;
                sort_by_window = !sort_by_rowtime && an && an->kind == PN_AGGREGATE && !an->stagger &&
                                 k->kind == EX_COLUMN && k->col == an->mono_key;
            }
        }
    }
    b->agg = NULL;
    b->win = NULL;
    if (b->diag->errors > errors) return NULL;
    unique_names(b, cols, nvisible);
    PlanNode *p = bind_new_node(b, PN_PROJECT, q->span, 1);
    p->inputs[0] = top;
    p->exprs = exprs;
    p->nexprs = n;
    p->rowtime = rowtime;
    p->out.ncols = n;
    p->out.cols = cols;
    for (int i = 0; i < n; i++)
        if (uses_out_rowtime(exprs[i])) p->uses_out_rowtime = true;
    if (rowtime && uses_out_rowtime(rowtime)) {
        diag_error(b->diag, rowtime->span, "the expression given AS ROWTIME cannot use the output ROWTIME; qualify it as stream.ROWTIME");
        return NULL;
    }
    if (q->distinct && !bind_distinct(b, p, nvisible, top, q->span, relation)) return NULL;
    if (slack >= 0) {
        PlanNode *t = bind_new_node(b, PN_SORT, q->span, 1);
        t->inputs[0] = p;
        t->within = slack;
        t->out = p->out;
        return t;
    }
    if (!nsort) return p;
    PlanNode *sort = bind_new_node(b, PN_SORT, q->span, 1);
    sort->inputs[0] = p;
    sort->sort_cols = sort_cols;
    sort->sort_desc = sort_desc;
    sort->nsort = nsort;
    sort->sort_by_rowtime = sort_by_rowtime;
    sort->sort_by_window = sort_by_window;
    sort->sort_whole = relation;
    sort->emit_cols = arena_alloc(b->arena, sizeof(int) * (size_t)(nvisible ? nvisible : 1));
    for (int i = 0; i < nvisible; i++) sort->emit_cols[i] = i;
    sort->nemit = nvisible;
    sort->out.ncols = nvisible;
    sort->out.cols = cols;
    return sort;
}
