/* Joins: a stream with a reference table (a lookup on the ON condition's
 * equalities), and a stream with a stream or a relation (a window keeps a
 * side's recent rows). */
#include "bind_int.h"

#include <string.h>

/* Which input rows an expression reads (bit 0: the stream, bit 1: the table). */
static unsigned inputs_of(const Expr *e)
{
    if (!e) return 0;
    if (e->kind == EX_COLUMN || e->kind == EX_ROWTIME || e->kind == EX_ARRIVAL) return 1u << e->input;
    unsigned m = 0;
    for (int i = 0; i < e->nargs; i++) m |= inputs_of(e->args[i]);
    return m;
}

/* Equality conjuncts stream_expr = table_expr of the ON condition: the
 * keys of the table's hash index. */
static void join_keys(Binder *b, const Expr *on, PlanNode *j)
{
    if (!on || on->kind != EX_CALL || !on->name) return;
    if (strcmp(on->name, "AND") == 0) {
        join_keys(b, on->args[0], j);
        join_keys(b, on->args[1], j);
        return;
    }
    if (strcmp(on->name, "=") != 0 || on->nargs != 2) return;
    unsigned l = inputs_of(on->args[0]), r = inputs_of(on->args[1]);
    const Expr *probe, *build;
    if (l == 1 && r == 2) probe = on->args[0], build = on->args[1];
    else if (l == 2 && r == 1) probe = on->args[1], build = on->args[0];
    else return;
    int k = j->nkeys;
    Expr **pk = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(k + 1));
    Expr **bk = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(k + 1));
    if (k) memcpy(pk, j->keys, sizeof(Expr *) * (size_t)k), memcpy(bk, j->build_keys, sizeof(Expr *) * (size_t)k);
    pk[k] = (Expr *)probe;
    bk[k] = (Expr *)build;
    j->keys = pk;
    j->build_keys = bk;
    j->nkeys = k + 1;
}

static PlanNode *bind_stream_join(Binder *b, const AstFrom *f, Scope *sc, PlanNode *left, const AstWindowSpec *left_over);

/* JOIN s OVER w without AS: the window's name names the stream's rows, as
 * in the KDA guide, and the stream's own name still does, as a FROM item's
 * name does in SQL until an alias replaces it (unless another FROM item
 * goes by that name). */
static void name_stream_too(Binder *b, const Scope *sc, ScopeRel *rel, const AstFrom *f)
{
    if (f->kind != FROM_NAME || !f->over || !f->over->ref.name) return;
    const CatStream *s = cat_find_stream(&b->app->cat, f->name.name, f->name.quoted);
    if (!s) return;
    for (int i = 0; i < sc->n; i++)
        if (&sc->rels[i] != rel && strcmp(sc->rels[i].alias, s->name) == 0) return;
    rel->also = s->name;
}

/* stream JOIN table ON ...: each stream row meets the reference table's
 * rows that satisfy ON (LEFT keeps unmatched rows with NULLs). */
PlanNode *bind_join(Binder *b, const AstFrom *f, Scope *sc)
{
    /* table JOIN stream is stream JOIN table (and table RIGHT JOIN stream is
     * stream LEFT JOIN table): the stream drives the join either way */
    AstFrom swapped;
    if (f->left->kind == FROM_NAME && f->right->kind == FROM_NAME && f->join != JOIN_LEFT && f->join != JOIN_FULL) {
        CatStream *l = cat_find_stream(&b->app->cat, f->left->name.name, f->left->name.quoted);
        CatStream *rs = cat_find_stream(&b->app->cat, f->right->name.name, f->right->name.quoted);
        if (l && l->table && rs && !rs->table) {
            swapped = *f;
            swapped.left = f->right;
            swapped.right = f->left;
            if (f->join == JOIN_RIGHT) swapped.join = JOIN_LEFT;
            f = &swapped;
        }
    }
    /* a window on the left stream belongs to the join, not to the stream */
    const AstWindowSpec *left_over = NULL;
    AstFrom plain_left;
    const AstFrom *lf = f->left;
    if (lf->kind != FROM_JOIN && lf->over) {
        plain_left = *lf;
        left_over = lf->over;
        plain_left.over = NULL;
        if (!lf->alias.name && lf->over->ref.name) plain_left.alias = lf->over->ref;
        lf = &plain_left;
    }
    PlanNode *left = bind_from(b, lf, sc);
    if (!left) return NULL;
    if (lf == &plain_left && !f->left->alias.name) name_stream_too(b, sc, &sc->rels[sc->n - 1], f->left);
    const AstFrom *r = f->right;
    CatStream *t = r->kind == FROM_NAME ? cat_find_stream(&b->app->cat, r->name.name, r->name.quoted) : NULL;
    if (r->kind == FROM_SUBQUERY || (t && !t->table)) return bind_stream_join(b, f, sc, left, left_over);
    if (left_over) {
        diag_error(b->diag, left_over->span, "a window on the stream of a join with a reference table means nothing: every row meets the whole table");
        return NULL;
    }
    if (r->kind != FROM_NAME) {
        diag_error(b->diag, r->span, "this kind of FROM item cannot be joined");
        return NULL;
    }
    if (!t) {
        diag_error(b->diag, r->name.span, "unknown stream or table \"%s\" (reference tables come from --table %s=FILE)", r->name.name, r->name.name);
        return NULL;
    }
    if (r->over) {
        diag_error(b->diag, r->span, "a window on a reference table means nothing: the table is always whole");
        return NULL;
    }
    if (f->join == JOIN_RIGHT || f->join == JOIN_FULL) {
        diag_error(b->diag, f->span, "RIGHT and FULL joins of a stream with a table are not supported: a table row has no time to be emitted at");
        return NULL;
    }
    if (sc->n >= 4) {
        diag_error(b->diag, f->span, "too many joined tables (at most 3)");
        return NULL;
    }
    int nleft = left->out.ncols;
    ScopeRel *rel = &sc->rels[sc->n++];
    rel->schema = bind_rename_columns(b, r, &t->schema);
    if (!rel->schema) return NULL;
    rel->alias = bind_from_alias(r, t->name, &rel->alias_quoted);
    rel->input = 1;
    rel->offset = 0;
    rel->has_arrival = false;
    rel->schemaless = false;
    for (int i = 0; i < sc->n - 1; i++)
        if (strcmp(sc->rels[i].alias, rel->alias) == 0) {
            diag_error(b->diag, r->span, "\"%s\" appears twice in FROM: give one of them an alias", rel->alias);
            return NULL;
        }
    Expr *on = NULL;
    if (f->on) {
        on = bind_condition(b, sc, f->on, "ON");
        if (!on) return NULL;
    } else if (f->join != JOIN_CROSS && f->join != JOIN_COMMA) {
        diag_error(b->diag, f->span, "this join needs an ON condition");
        return NULL;
    }
    PlanNode *j = bind_new_node(b, PN_JOIN, f->span, 1);
    j->inputs[0] = left;
    j->stream = t->id;
    j->pred = on;
    j->join_left = f->join == JOIN_LEFT;
    join_keys(b, on, j);
    j->out.ncols = nleft + t->schema.ncols;
    j->out.cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(j->out.ncols ? j->out.ncols : 1));
    for (int i = 0; i < nleft; i++) j->out.cols[i] = left->out.cols[i];
    for (int i = 0; i < t->schema.ncols; i++) {
        j->out.cols[nleft + i] = rel->schema->cols[i];
        if (f->join == JOIN_LEFT) j->out.cols[nleft + i].type.notnull = 0;
    }
    /* from here on the table's columns are part of the joined row */
    rel->input = 0;
    rel->offset = nleft;
    return j;
}

static bool interval_const(Binder *b, const Scope *sc, const AstExpr *x, int64_t *ms)
{
    Expr *v = bind_expr(b, sc, x);
    if (!v) return false;
    if (v->kind != EX_CONST || v->k.null || v->type.id != TY_INTERVAL_DT || v->k.u.i < 0) {
        diag_error(b->diag, x->span, "a join window's bound is a day-time interval constant such as INTERVAL '1' MINUTE");
        return false;
    }
    *ms = v->k.u.i;
    return true;
}

/* The size of a join window: RANGE INTERVAL ... PRECEDING or ROWS n PRECEDING,
 * unpartitioned; or, reaching ahead, RANGE INTERVAL 'f' FOLLOWING or RANGE
 * BETWEEN {INTERVAL 'p' PRECEDING | CURRENT ROW} AND INTERVAL 'f' FOLLOWING
 * (*follow = f ms; DIALECT 12b #1). */
static bool join_window(Binder *b, const Scope *sc, const AstWindowSpec *w, int *kind, int64_t *size, int64_t *follow)
{
    *follow = 0;
    if (w->ref.name) {
        const AstWindowDef *d = b->select ? bind_find_window_def(b->select, &w->ref) : NULL;
        if (!d) {
            diag_error(b->diag, w->ref.span, "unknown window \"%s\": define it with WINDOW %s AS (...)", w->ref.name, w->ref.name);
            return false;
        }
        w = d->spec;
    }
    if (w->start_following || (w->has_end && w->end_following)) {
        if (w->frame != FRAME_RANGE || w->partition || w->start_unbounded || (w->has_end && w->start_following)) {
            diag_error(b->diag, w->span, "a join window reaching ahead is RANGE INTERVAL 'n' unit FOLLOWING or RANGE BETWEEN "
                                         "INTERVAL 'n' unit PRECEDING (or CURRENT ROW) AND INTERVAL 'n' unit FOLLOWING");
            return false;
        }
        *kind = WF_RANGE;
        *size = 0;
        if (!w->has_end) return interval_const(b, sc, w->start, follow);
        if (!w->start_current && !interval_const(b, sc, w->start, size)) return false;
        return interval_const(b, sc, w->end, follow);
    }
    PlanWindow pw;
    if (!bind_make_window(b, sc, w, &pw)) return false;
    if (pw.npartition) {
        diag_error(b->diag, w->span, "a join window cannot be partitioned");
        return false;
    }
    *kind = pw.kind;
    *size = pw.size;
    return true;
}

/* stream JOIN stream: the side with a window keeps its recent rows; a row
 * arriving on the other side meets those kept rows inside the window and
 * leaves with its own ROWTIME (both sides windowed: each side's arrivals
 * meet the other's kept rows). */
static PlanNode *bind_stream_join(Binder *b, const AstFrom *f, Scope *sc, PlanNode *left, const AstWindowSpec *left_over)
{
    const AstFrom *r = f->right;
    if (sc->n >= 4) {
        diag_error(b->diag, f->span, "too many joined streams (at most 3)");
        return NULL;
    }
    /* the right side is a FROM item of its own */
    Scope rs;
    memset(&rs, 0, sizeof rs);
    AstFrom plain_right = *r;
    plain_right.over = NULL;
    /* JOIN s OVER w ... ON x = w.c: as in the KDA guide, the window's name also names the stream's rows */
    if (!r->alias.name && r->over && r->over->ref.name) plain_right.alias = r->over->ref;
    PlanNode *right = bind_from(b, &plain_right, &rs);
    if (!right) return NULL;
    int nleft = left->out.ncols;
    ScopeRel *rel = &sc->rels[sc->n++];
    *rel = rs.rels[0];
    rel->input = 1;
    rel->offset = 0;
    for (int i = 0; i < sc->n - 1; i++)
        if (strcmp(sc->rels[i].alias, rel->alias) == 0) {
            diag_error(b->diag, r->span, "\"%s\" appears twice in FROM: give one of them an alias", rel->alias);
            return NULL;
        }
    if (plain_right.alias.name && !r->alias.name) name_stream_too(b, sc, rel, r);
    PlanNode *j = bind_new_node(b, PN_JOIN, f->span, 2);
    j->inputs[0] = left;
    j->inputs[1] = right;
    j->stream = -1;
    j->join_left = f->join == JOIN_LEFT || f->join == JOIN_FULL;
    j->join_right = f->join == JOIN_RIGHT || f->join == JOIN_FULL;
    int kind;
    if (left_over && !join_window(b, sc, left_over, &kind, &j->win_size[0], &j->win_follow[0])) return NULL;
    if (left_over) j->win_kind[0] = kind, j->windowed[0] = true;
    if (r->over && !join_window(b, sc, r->over, &kind, &j->win_size[1], &j->win_follow[1])) return NULL;
    if (r->over) j->win_kind[1] = kind, j->windowed[1] = true;
    bool rel_right = bind_is_relation(b, right), rel_left = bind_is_relation(b, left);
    if (rel_right != rel_left) {
        /* a subquery over reference tables is a relation, complete at
         * start: every stream row meets all its rows, as a table's, and
         * leaves with its own ROWTIME; a relation's row has no time of its
         * own, so it cannot be the side an outer join keeps */
        int w = rel_right ? 1 : 0;
        const AstWindowSpec *over = rel_right ? left_over : r->over, *rel_over = rel_right ? r->over : left_over;
        if (over || rel_over) {
            diag_error(b->diag, (over ? over : rel_over)->span,
                       "a window in a join of a stream with a relation means nothing: every row meets the whole relation");
            return NULL;
        }
        if (rel_right ? j->join_right : j->join_left) {
            diag_error(b->diag, f->span, "%s joins that keep a relation's rows are not supported: a relation's row has no time to "
                                         "be emitted at (keep the stream's rows instead)", f->join == JOIN_FULL ? "FULL" : rel_right ? "RIGHT" : "LEFT");
            return NULL;
        }
        j->win_kind[w] = WF_RANGE;
        j->win_size[w] = INT64_MAX / 4;   /* kept for good */
        j->windowed[w] = true;
    } else if (!left_over && !r->over) {
        /* neither side windowed: "only the current row of that side
         * participates" (the JOIN clause page), on both sides, so rows meet
         * when they share a ROWTIME, as the AWS clickstream application's
         * FROM a, b WHERE a.ROWTIME = b.ROWTIME relies on */
        j->win_kind[0] = j->win_kind[1] = WF_RANGE;
        j->win_size[0] = j->win_size[1] = 0;
        j->windowed[0] = j->windowed[1] = true;
    }
    if ((j->win_follow[0] || j->win_follow[1]) && j->windowed[0] && j->windowed[1]) {
        diag_error(b->diag, f->span, "a join window reaching ahead (FOLLOWING) needs the other stream unwindowed");
        return NULL;
    }
    if ((j->win_follow[0] || j->win_follow[1]) && (j->join_right || (j->join_left && j->win_follow[0]))) {
        diag_error(b->diag, f->span, "an outer join with a window reaching ahead (FOLLOWING) keeps only the unwindowed stream's "
                                     "rows: write it with that stream on the left and LEFT JOIN");
        return NULL;
    }
    if (f->on) {
        j->pred = bind_condition(b, sc, f->on, "ON");
        if (!j->pred) return NULL;
    } else if (f->join != JOIN_CROSS && f->join != JOIN_COMMA) {
        diag_error(b->diag, f->span, "this join needs an ON condition");
        return NULL;
    }
    /* the joined row ends with each side's own ROWTIME (s.ROWTIME of the
     * kept side is its row's time, not the output's), hidden from '*' */
    int nright = right->out.ncols;
    j->out.ncols = nleft + nright + 2;
    j->out.cols = arena_alloc(b->arena, sizeof(Column) * (size_t)j->out.ncols);
    for (int i = 0; i < nleft; i++) j->out.cols[i] = left->out.cols[i];
    /* a single FROM item on the left is named as its scope names it (AS t(k) over VALUES) */
    const Schema *ls = sc->n == 2 ? sc->rels[0].schema : NULL;
    for (int i = 0; ls && ls->ncols == nleft && i < nleft; i++) j->out.cols[i].name = ls->cols[i].name;
    for (int i = 0; i < nright; i++) {
        j->out.cols[nleft + i] = rel->schema->cols[i];
        if (f->join == JOIN_LEFT) j->out.cols[nleft + i].type.notnull = 0;
    }
    j->out.cols[nleft + nright] = (Column){.name = "$ROWTIME_LEFT", .type = type_make(TY_TIMESTAMP)};
    j->out.cols[nleft + nright + 1] = (Column){.name = "$ROWTIME_RIGHT", .type = type_make(TY_TIMESTAMP)};
    rel->input = 0;
    rel->offset = nleft;
    rel->rowtime_col = nleft + nright + 2;
    /* the left side's relations, unless an inner stream join placed theirs */
    for (int i = 0; i < sc->n - 1; i++)
        if (!sc->rels[i].rowtime_col) sc->rels[i].rowtime_col = nleft + nright + 1;
    return j;
}
