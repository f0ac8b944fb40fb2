/* Queries: where their rows come from (FROM items, VALUES) and how queries
 * combine (UNION, INTERSECT, EXCEPT, an ORDER BY over a union). */
#include "bind_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "window.h"

PlanNode *bind_new_node(Binder *b, PlanKind kind, Span span, int ninputs)
{
    PlanNode *n = arena_zalloc(b->arena, sizeof *n);
    n->kind = kind;
    n->span = span;
    n->ninputs = ninputs;
    n->within = -1;
    if (ninputs) n->inputs = arena_zalloc(b->arena, sizeof(PlanNode *) * (size_t)ninputs);
    n->stream = -1;
    return n;
}

static void add_source(Binder *b, int stream)
{
    PlanPump *p = b->pump;
    for (int i = 0; i < p->nsources; i++)
        if (p->sources[i] == stream) return;
    int *s = arena_alloc(b->arena, sizeof(int) * (size_t)(p->nsources + 1));
    if (p->nsources) memcpy(s, p->sources, sizeof(int) * (size_t)p->nsources);
    s[p->nsources++] = stream;
    p->sources = s;
}

static PlanNode *conform(Binder *b, PlanNode *in, const Schema *to, Span span, const char *what);

const char *bind_from_alias(const AstFrom *f, const char *dflt, bool *quoted)
{
    if (f->alias.name) {
        *quoted = f->alias.quoted;
        return f->alias.name;
    }
    *quoted = true;
    return dflt;
}

/* AS t(c1, c2, ...): the FROM item's columns under new names. */
const Schema *bind_rename_columns(Binder *b, const AstFrom *f, const Schema *in)
{
    if (!f->col_aliases) return in;
    if (f->col_aliases->n != in->ncols) {
        diag_error(b->diag, f->span, "the column list names %d column%s, but this FROM item has %d", f->col_aliases->n,
                   f->col_aliases->n == 1 ? "" : "s", in->ncols);
        return NULL;
    }
    Schema *out = arena_alloc(b->arena, sizeof *out);
    out->ncols = in->ncols;
    out->cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(in->ncols ? in->ncols : 1));
    for (int i = 0; i < in->ncols; i++) {
        const AstName *n = f->col_aliases->items[i];
        out->cols[i].name = arena_strndup(b->arena, n->name, strlen(n->name));
        out->cols[i].type = in->cols[i].type;
    }
    return out;
}

/* Rows of a relation (reference tables and VALUES) rather than of a
 * stream: the query runs once, when the application starts, and may
 * aggregate, sort or drop duplicates over all its rows. */
bool bind_is_relation(const Binder *b, const PlanNode *n)
{
    if (!n) return false;
    if (n->kind == PN_SCAN) {
        const CatStream *s = b->app->cat.streams[n->stream];
        return s->table || s->nvalues > 0;
    }
    if (n->kind == PN_TABLEFN || n->kind == PN_WINDOW) return false;
    if (n->ninputs == 0) return false;
    for (int i = 0; i < n->ninputs; i++)
        if (!bind_is_relation(b, n->inputs[i])) return false;
    return true;
}

/* The FROM item of a single-input query: its plan and its scope entry. */
PlanNode *bind_from(Binder *b, const AstFrom *f, Scope *sc)
{
    if (!f) {
        sc->n = 0;
        return NULL;
    }
    if (f->kind == FROM_JOIN) return bind_join(b, f, sc);
    if (f->kind == FROM_TABLE_FN) return bind_table_fn(b, f, sc);
    if (f->over) {
        diag_error(b->diag, f->span, "a window on a FROM item belongs to a join (FROM a OVER w JOIN b OVER w ON ...); for one stream, put the window on "
                   "the aggregate: AVG(x) OVER (RANGE INTERVAL '1' MINUTE PRECEDING)");
        return NULL;
    }
    ScopeRel *rel = &sc->rels[0];
    sc->n = 1;
    rel->input = 0;
    rel->offset = 0;
    if (f->kind == FROM_SUBQUERY) {
        PlanNode *sub = bind_query(b, f->sub);
        if (!sub) return NULL;
        rel->schema = bind_rename_columns(b, f, &sub->out);
        rel->alias = bind_from_alias(f, "", &rel->alias_quoted);
        rel->has_arrival = false;
        return rel->schema ? sub : NULL;
    }
    CatStream *s = cat_find_stream(&b->app->cat, f->name.name, f->name.quoted);
    if (!s) {
        const char *names[256];
        int n = cat_stream_names(&b->app->cat, names, 256);
        const char *sug = diag_suggest(f->name.name, names, n);
        if (sug)
            diag_error(b->diag, f->name.span, "unknown stream \"%s\" (did you mean \"%s\"?)", f->name.name, sug);
        else if (strcasecmp(f->name.name, "SOURCE_SQL_STREAM_001") == 0)
            diag_error(b->diag, f->name.span, "unknown stream \"%s\": no input feeds it", f->name.name);
        else
            diag_error(b->diag, f->name.span, "unknown stream \"%s\"", f->name.name);
        return NULL;
    }
    if (s->table && (!b->select || b->select->stream)) {
        diag_error(b->diag, f->name.span, "\"%s\" is a reference table, not a stream: join it to a stream "
                                          "(FROM stream JOIN \"%s\" ON ...), or read it with a plain SELECT", s->name, s->name);
        return NULL;
    }
    PlanNode *scan = bind_new_node(b, PN_SCAN, f->span, 0);
    scan->stream = s->id;
    scan->out = s->schema;
    rel->schema = bind_rename_columns(b, f, &s->schema);
    if (!rel->schema) return NULL;
    rel->alias = bind_from_alias(f, s->name, &rel->alias_quoted);
    rel->has_arrival = s->input;
    rel->schemaless = s->schemaless;
    rel->discovered = s->discovered;
    add_source(b, s->id);
    return scan;
}

/* VALUES (row), ...: a relation of rows given in SQL. It becomes a stream
 * of its own, whose rows enter once when the application starts, at the
 * clock's time; its columns are EXPR$0, EXPR$1, ... unless an alias names
 * them (FROM (VALUES ...) AS t(a, b)), and a bare name in the first row
 * names its column, as in the reference's "VALUES localtime" whose column
 * is LOCALTIME. */
PlanNode *bind_values(Binder *b, const AstSelect *q)
{
    const AstList *rows = q->values;
    int nrows = rows->n, ncols = ((const AstList *)rows->items[0])->n, cells = nrows * ncols;
    Scope none;
    memset(&none, 0, sizeof none);
    Expr **v = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(cells ? cells : 1));
    bool ok = true;
    for (int r = 0; r < nrows; r++) {
        const AstList *row = rows->items[r];
        if (row->n != ncols) {
            const AstExpr *first = row->items[0];
            diag_error(b->diag, first->span, "every row of VALUES needs %d value%s, as the first one has; this one has %d",
                       ncols, ncols == 1 ? "" : "s", row->n);
            return NULL;
        }
        for (int c = 0; c < ncols; c++)
            if (!(v[r * ncols + c] = bind_expr(b, &none, row->items[c]))) ok = false;
    }
    if (!ok) return NULL;
    Column *cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(ncols ? ncols : 1));
    for (int c = 0; c < ncols; c++) {
        SqlType t = v[c]->type;
        for (int r = 1; r < nrows; r++)
            if (!type_common(t, v[r * ncols + c]->type, &t)) {
                char x[64], y[64];
                diag_error(b->diag, v[r * ncols + c]->span, "VALUES column %d has incompatible types %s and %s", c + 1,
                           type_name(t, x, sizeof x), type_name(v[r * ncols + c]->type, y, sizeof y));
                return NULL;
            }
        if (t.id == TY_NULL) t = type_string(TY_VARCHAR, 1);
        FnCtx cx = bind_fnctx(b, q->span);
        for (int r = 0; r < nrows; r++)
            if (memcmp(&v[r * ncols + c]->type, &t, sizeof t) != 0) v[r * ncols + c] = fn_cast(&cx, v[r * ncols + c], t);
        const AstExpr *first = ((const AstList *)rows->items[0])->items[c];
        const char *bare = first->kind == AE_NAME ? first->names[first->nnames - 1].name : NULL;
        for (int k = 0; bare && k < c; k++)
            if (strcmp(cols[k].name, bare) == 0) bare = NULL;   /* a repeated name: EXPR$c */
        if (bare) {
            cols[c].name = arena_strndup(b->arena, bare, strlen(bare));
        } else {
            char nm[32];
            snprintf(nm, sizeof nm, "EXPR$%d", c);
            cols[c].name = arena_strndup(b->arena, nm, strlen(nm));
        }
        cols[c].type = t;
    }
    char label[64];
    int line = 0, col = 0;
    bind_position(b, q->span.off, &line, &col);
    snprintf(label, sizeof label, "VALUES at line %d column %d", line, col);
    Schema sch = {.ncols = ncols, .cols = cols};
    CatStream *st = cat_add_stream(&b->app->cat, arena_strndup(b->arena, label, strlen(label)), &sch, q->span);
    st->values = v;
    st->nvalues = nrows;
    PlanNode *scan = bind_new_node(b, PN_SCAN, q->span, 0);
    scan->stream = st->id;
    scan->out = st->schema;
    add_source(b, st->id);
    return scan;
}

/* q1 INTERSECT q2, q1 EXCEPT q2: set operations of relations (DIALECT
 * C11); a stream has no end, so neither side may be one. Columns pair by
 * position, with the common type of each pair, and the first query's
 * names. */
PlanNode *bind_setop(Binder *b, const AstSelect *q)
{
    const char *what = q->setop == SETOP_EXCEPT ? "EXCEPT" : "INTERSECT";
    b->bare_query = false;
    PlanNode *l = bind_query(b, q->set_left), *r = bind_query(b, q->set_right);
    if (!l || !r) return NULL;
    if (!bind_is_relation(b, l) || !bind_is_relation(b, r)) {
        diag_error(b->diag, (bind_is_relation(b, l) ? r : l)->span,
                   "%s is for relations (tables and VALUES): on streams, only UNION ALL is allowed", what);
        return NULL;
    }
    if (l->out.ncols != r->out.ncols) {
        diag_error(b->diag, r->span, "the queries of %s must have the same number of columns: %d here, %d in the first", what,
                   r->out.ncols, l->out.ncols);
        return NULL;
    }
    Column *cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(l->out.ncols ? l->out.ncols : 1));
    for (int c = 0; c < l->out.ncols; c++) {
        cols[c] = l->out.cols[c];
        if (!type_common(l->out.cols[c].type, r->out.cols[c].type, &cols[c].type)) {
            char ta[64], tb[64];
            diag_error(b->diag, r->span, "%s column %d has incompatible types %s and %s", what, c + 1,
                       type_name(l->out.cols[c].type, ta, sizeof ta), type_name(r->out.cols[c].type, tb, sizeof tb));
            return NULL;
        }
    }
    PlanNode *n = bind_new_node(b, PN_SETOP, q->span, 2);
    n->except = q->setop == SETOP_EXCEPT;
    n->out.ncols = l->out.ncols;
    n->out.cols = cols;
    n->inputs[0] = conform(b, l, &n->out, l->span, what);
    n->inputs[1] = conform(b, r, &n->out, r->span, what);
    return n;
}

static PlanNode *bind_union(Binder *b, const AstSelect *q);

/* q1 UNION ALL q2 ORDER BY ...: the grammar hangs the ORDER BY on the last
 * branch, but it sorts the union (the KDA ORDER BY page: "the UNION ...
 * collects records from two separate streams for ordering"); its names are
 * the union's columns, named by the first branch. */
PlanNode *bind_query(Binder *b, const AstSelect *q)
{
    if (!q->union_all && !q->setop) return bind_select(b, q);
    AstSelect *last = (AstSelect *)q;
    while (last->union_all) last = last->union_all;
    AstList *order = last->order_within ? NULL : last->order_by;
    if (!order) return q->union_all ? bind_union(b, q) : bind_select(b, q);
    last->order_by = NULL;
    PlanNode *u = q->union_all ? bind_union(b, q) : bind_select(b, q);
    last->order_by = order;
    if (!u) return NULL;
    bool relation = bind_is_relation(b, u);
    Scope sc;
    memset(&sc, 0, sizeof sc);
    sc.n = 1;
    sc.rels[0].schema = &u->out;
    sc.rels[0].alias = "";
    int nvisible = u->out.ncols, n = nvisible;
    Expr **exprs = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(nvisible + order->n + 1));
    Column *cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(nvisible + order->n + 1));
    for (int c = 0; c < nvisible; c++) {
        exprs[c] = expr_column(b->arena, 0, c, u->out.cols[c].type, u->span);
        cols[c] = u->out.cols[c];
    }
    PlanNode *sort = bind_new_node(b, PN_SORT, last->span, 1);
    sort->nsort = order->n;
    sort->sort_cols = arena_alloc(b->arena, sizeof(int) * (size_t)order->n);
    sort->sort_desc = arena_alloc(b->arena, sizeof(bool) * (size_t)order->n);
    int errors = b->diag->errors;
    for (int i = 0; i < order->n; i++) {
        const AstOrderItem *o = order->items[i];
        const AstExpr *x = o->expr;
        int col = -1;
        sort->sort_desc[i] = o->desc;
        if (x->kind == AE_LITERAL && x->lit == LIT_INTEGER) {
            long k = strtol(x->text, NULL, 10);
            if (k < 1 || k > nvisible) {
                diag_error(b->diag, x->span, "ORDER BY position %ld is not in the select list (1 to %d)", k, nvisible);
                continue;
            }
            col = (int)k - 1;
        } else {
            Expr *e = bind_expr(b, &sc, x);
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
        sort->sort_cols[i] = col;
        if (i == 0 && !relation) {
            const Expr *k = exprs[col];
            if (!(k->kind == EX_ROWTIME || win_is_monotonic(k))) {
                diag_error(b->diag, x->span,
                           "ORDER BY on a stream must start with a key that only grows with ROWTIME (such as ROWTIME or "
                           "FLOOR(ROWTIME TO MINUTE)): the rows are sorted in batches that share that key");
                continue;
            }
            if (o->desc) {
                diag_error(b->diag, o->span, "the leading ORDER BY key of a stream cannot be DESC: time only moves forward");
                continue;
            }
            sort->sort_by_rowtime = k->kind == EX_ROWTIME;
        }
    }
    if (b->diag->errors > errors) return NULL;
    sort->sort_whole = relation;
    PlanNode *p = bind_new_node(b, PN_PROJECT, u->span, 1);
    p->inputs[0] = u;
    p->exprs = exprs;
    p->nexprs = n;
    p->out.ncols = n;
    p->out.cols = cols;
    sort->inputs[0] = p;
    sort->emit_cols = arena_alloc(b->arena, sizeof(int) * (size_t)(nvisible ? nvisible : 1));
    for (int i = 0; i < nvisible; i++) sort->emit_cols[i] = i;
    sort->nemit = nvisible;
    sort->out.ncols = nvisible;
    sort->out.cols = cols;
    return sort;
}

static PlanNode *bind_union(Binder *b, const AstSelect *q)
{
    int n = 0;
    for (const AstSelect *s = q; s; s = s->union_all) n++;
    PlanNode *u = bind_new_node(b, PN_UNION, q->span, n);
    int i = 0, last_distinct = -1;   /* the branch after the last UNION without ALL */
    bool ok = true, distinct = false;
    for (const AstSelect *s = q; s; s = s->union_all, i++) {
        if (s->union_distinct) distinct = true, last_distinct = i;
        u->inputs[i] = bind_select(b, s);
        if (!u->inputs[i]) ok = false;
    }
    if (!ok) return NULL;
    if (distinct && !bind_is_relation(b, u->inputs[0])) {
        diag_error(b->diag, q->span, "UNION without ALL is not allowed on streams: write UNION ALL");
        return NULL;
    }
    /* the reference: "it is an error if one side is a stream and the other is a relation" */
    for (i = 1; i < n; i++)
        if (bind_is_relation(b, u->inputs[i]) != bind_is_relation(b, u->inputs[0])) {
            diag_error(b->diag, u->inputs[i]->span, "UNION ALL of a stream and a relation (a table or VALUES) is not allowed: "
                                                    "both sides must be streams, or both relations");
            return NULL;
        }
    /* Column count and types: names from the first branch, types the common type. */
    Schema *first = &u->inputs[0]->out;
    Column *cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(first->ncols ? first->ncols : 1));
    for (int c = 0; c < first->ncols; c++) cols[c] = first->cols[c];
    for (i = 1; i < n; i++) {
        Schema *o = &u->inputs[i]->out;
        if (o->ncols != first->ncols) {
            diag_error(b->diag, u->inputs[i]->span, "UNION ALL branches must have the same number of columns: %d here, %d in the first",
                       o->ncols, first->ncols);
            return NULL;
        }
        for (int c = 0; c < o->ncols; c++) {
            SqlType t;
            if (!type_common(cols[c].type, o->cols[c].type, &t)) {
                char a[64], bb[64];
                diag_error(b->diag, u->inputs[i]->span, "UNION ALL column %d has incompatible types %s and %s", c + 1,
                           type_name(cols[c].type, a, sizeof a), type_name(o->cols[c].type, bb, sizeof bb));
                return NULL;
            }
            cols[c].type = t;
        }
    }
    u->out.ncols = first->ncols;
    u->out.cols = cols;
    for (i = 0; i < n; i++) u->inputs[i] = conform(b, u->inputs[i], &u->out, u->inputs[i]->span, "UNION ALL");
    if (!distinct) return u;
    /* UNION of relations: their rows without duplicates. The operators go
     * left to right, so a UNION ALL after the last UNION adds its branches
     * to the distinct rows as they are: (a UNION b) UNION ALL c. */
    PlanNode *d = u;
    if (last_distinct < n - 1) {
        d = bind_new_node(b, PN_UNION, q->span, last_distinct + 1);
        for (i = 0; i <= last_distinct; i++) d->inputs[i] = u->inputs[i];
        d->out = u->out;
    }
    PlanNode *p = bind_new_node(b, PN_PROJECT, q->span, 1);
    p->inputs[0] = d;
    p->nexprs = u->out.ncols;
    p->exprs = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(p->nexprs ? p->nexprs : 1));
    for (int c = 0; c < p->nexprs; c++) p->exprs[c] = expr_column(b->arena, 0, c, u->out.cols[c].type, q->span);
    p->out = u->out;
    if (!bind_distinct(b, p, p->nexprs, d, q->span, true)) return NULL;
    if (d == u) return p;
    PlanNode *all = bind_new_node(b, PN_UNION, q->span, n - last_distinct);
    all->inputs[0] = p;
    for (i = last_distinct + 1; i < n; i++) all->inputs[i - last_distinct] = u->inputs[i];
    all->out = u->out;
    return all;
}

/* A projection that turns `in`'s rows into rows of schema `to` (same
 * column count), converting each column. Folds into `in` when it is a
 * projection already. */
static PlanNode *conform(Binder *b, PlanNode *in, const Schema *to, Span span, const char *what)
{
    (void)what;
    FnCtx cx = bind_fnctx(b, span);
    bool same = true;
    for (int c = 0; c < to->ncols; c++)
        if (memcmp(&in->out.cols[c].type, &to->cols[c].type, sizeof(SqlType)) != 0) same = false;
    if (same) return in;
    if (in->kind == PN_PROJECT && !in->distinct) {   /* DISTINCT compares the values before the conversion */
        Expr **exprs = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(to->ncols ? to->ncols : 1));
        for (int c = 0; c < to->ncols; c++) exprs[c] = fn_cast(&cx, in->exprs[c], to->cols[c].type);
        in->exprs = exprs;
        Column *cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(to->ncols ? to->ncols : 1));
        for (int c = 0; c < to->ncols; c++) cols[c].name = in->out.cols[c].name, cols[c].type = to->cols[c].type;
        in->out.cols = cols;
        return in;
    }
    PlanNode *p = bind_new_node(b, PN_PROJECT, span, 1);
    p->inputs[0] = in;
    p->nexprs = to->ncols;
    p->exprs = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(to->ncols ? to->ncols : 1));
    for (int c = 0; c < to->ncols; c++)
        p->exprs[c] = fn_cast(&cx, expr_column(b->arena, 0, c, in->out.cols[c].type, span), to->cols[c].type);
    p->out.ncols = to->ncols;
    p->out.cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(to->ncols ? to->ncols : 1));
    for (int c = 0; c < to->ncols; c++) p->out.cols[c].name = in->out.cols[c].name, p->out.cols[c].type = to->cols[c].type;
    return p;
}
