/* Table functions, FROM TABLE(f(CURSOR(SELECT STREAM ...), ...)): their
 * arguments checked and their rows' columns named. */
#include "bind_int.h"

#include <string.h>
#include <strings.h>

static bool int_const_arg(Binder *b, const Scope *sc, const AstExpr *a, const char *fn, const char *what, int64_t lo, int64_t hi, int64_t *out)
{
    Expr *e = bind_expr(b, sc, a);
    if (!e) return false;
    if (e->kind != EX_CONST || !type_is_integer(e->type.id) || e->k.null || e->k.u.i < lo || e->k.u.i > hi) {
        diag_error(b->diag, a->span, "%s's %s must be an integer from %lld to %lld", fn, what, (long long)lo, (long long)hi);
        return false;
    }
    *out = e->k.u.i;
    return true;
}

/* TABLE(TOP_K_ITEMS_TUMBLING(CURSOR(SELECT STREAM ...), 'column', K, seconds))
 * and TABLE(COUNT_DISTINCT_ITEMS_TUMBLING(CURSOR(...), 'column', seconds)):
 * tumbling windows of whole seconds over the cursor's rows. */

/* The cursor's numeric columns (DECIMAL refused, as KDA does), as DOUBLE
 * expressions in t->exprs with their positions in t->tf_cols. */
static bool numeric_columns(Binder *b, PlanNode *t, const PlanNode *in, const AstExpr *cur, const char *name)
{
    int nin = in->out.ncols;
    t->exprs = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(nin ? nin : 1));
    t->tf_cols = arena_alloc(b->arena, sizeof(int) * (size_t)(nin ? nin : 1));
    FnCtx cx = bind_fnctx(b, cur->span);
    for (int i = 0; i < nin; i++) {
        SqlType ty = in->out.cols[i].type;
        if (ty.id == TY_DECIMAL) {
            diag_error(b->diag, cur->span, "%s does not take DECIMAL columns (\"%s\"), as in KDA: cast it to DOUBLE in the cursor",
                       name, in->out.cols[i].name);
            return false;
        }
        if (!type_is_numeric(ty.id)) continue;
        t->tf_cols[t->nexprs] = i;
        t->exprs[t->nexprs++] = fn_cast(&cx, expr_column(b->arena, 0, i, ty, cur->span), type_make(TY_DOUBLE));
    }
    if (t->nexprs == 0) {
        diag_error(b->diag, cur->span, "%s reads the cursor's numeric columns, and this cursor has none", name);
        return false;
    }
    return true;
}

/* A table function's first argument, CURSOR(SELECT STREAM ...): its plan. */
static PlanNode *cursor_arg(Binder *b, const AstExpr *cur, const char *fn)
{
    if (cur->kind != AE_SUBQUERY) {
        diag_error(b->diag, cur->span, "the first argument of %s is CURSOR(SELECT STREAM ...)", fn);
        return NULL;
    }
    return bind_query(b, cur->subquery);
}

/* A table function's rows: the cursor's columns, then its own. */
static void cursor_columns_plus(Binder *b, PlanNode *t, const PlanNode *in, const Column *extra, int nextra)
{
    int nin = in->out.ncols;
    t->out.ncols = nin + nextra;
    t->out.cols = arena_alloc(b->arena, sizeof(Column) * (size_t)t->out.ncols);
    memcpy(t->out.cols, in->out.cols, sizeof(Column) * (size_t)nin);
    memcpy(t->out.cols + nin, extra, sizeof(Column) * (size_t)nextra);
}

static bool string_arg(Binder *b, const AstExpr *a, const char *fn, const char *what, const char **out)
{
    if (a->kind != AE_LITERAL || a->lit != LIT_STRING) {
        diag_error(b->diag, a->span, "%s's %s is a string in single quotes", fn, what);
        return false;
    }
    *out = a->text;
    return true;
}

static bool order_arg(Binder *b, const AstExpr *a, const char *fn, const char *what, bool *desc)
{
    const char *s;
    if (!string_arg(b, a, fn, what, &s)) return false;
    if (strcasecmp(s, "asc") && strcasecmp(s, "desc")) {
        diag_error(b->diag, a->span, "%s's %s is 'asc' or 'desc'", fn, what);
        return false;
    }
    *desc = strcasecmp(s, "desc") == 0;
    return true;
}

/* GROUP_RANK(CURSOR(SELECT STREAM ...), rankByColumnName, rankOutColumnName,
 * sortOrder, outputOrder, maxIdle, outputMax): the cursor's rows with their
 * rank among the rows of the same ROWTIME. */
static PlanNode *bind_group_rank(Binder *b, const AstFrom *f, const AstExpr *call)
{
    const char *name = "GROUP_RANK";
    int n = call->list ? call->list->n : 0;
    if (n != 7) {
        diag_error(b->diag, call->span, "%s takes CURSOR(SELECT STREAM ...), rankByColumnName, rankOutColumnName, sortOrder, "
                                        "outputOrder, maxIdle and outputMax", name);
        return NULL;
    }
    const AstExpr *cur = call->list->items[0];
    PlanNode *in = cursor_arg(b, cur, name);
    if (!in) return NULL;
    const char *by, *out_name;
    bool desc, out_desc;
    if (!string_arg(b, call->list->items[1], name, "rankByColumnName", &by) ||
        !string_arg(b, call->list->items[2], name, "rankOutColumnName", &out_name) ||
        !order_arg(b, call->list->items[3], name, "sortOrder", &desc) ||
        !order_arg(b, call->list->items[4], name, "outputOrder", &out_desc))
        return NULL;
    int col = schema_lookup(&in->out, by, 1);
    if (col < 0) col = schema_lookup(&in->out, by, 0);
    if (col < 0) {
        diag_error(b->diag, ((const AstExpr *)call->list->items[1])->span, "the cursor has no column '%s'", by);
        return NULL;
    }
    SqlType ct = in->out.cols[col].type;
    if (!type_is_integer(ct.id) && !type_is_string(ct.id)) {
        char tn[64];
        diag_error(b->diag, ((const AstExpr *)call->list->items[1])->span, "%s ranks an INTEGER, CHAR or VARCHAR column; '%s' is %s", name, by,
                   type_name(ct, tn, sizeof tn));
        return NULL;
    }
    if (strcasecmp(out_name, "groupRank") != 0) {
        diag_error(b->diag, ((const AstExpr *)call->list->items[2])->span, "%s's rankOutColumnName names the column it returns, 'groupRank'", name);
        return NULL;
    }
    Scope none;
    memset(&none, 0, sizeof none);
    int64_t idle = 0, max = 0;
    if (!int_const_arg(b, &none, call->list->items[5], name, "maxIdle (ms)", 0, INT32_MAX, &idle) ||
        !int_const_arg(b, &none, call->list->items[6], name, "outputMax", 0, INT32_MAX, &max))
        return NULL;
    PlanNode *t = bind_new_node(b, PN_TABLEFN, f->span, 1);
    t->inputs[0] = in;
    t->tf_group_rank = true;
    t->gr_col = col;
    t->gr_desc = desc;
    t->gr_output_desc = out_desc;
    t->gr_idle = idle;
    t->gr_max = (int)max;
    Column rank = {"groupRank", type_make(TY_INTEGER)};
    cursor_columns_plus(b, t, in, &rank, 1);
    return t;
}

/* HOTSPOTS(CURSOR(SELECT STREAM ...), windowSize, scanRadius,
 * minimumNumberOfPointsInAHotspot): the cursor's rows with HOTSPOTS_RESULT. */
static PlanNode *bind_hotspots(Binder *b, const AstFrom *f, const AstExpr *call)
{
    const char *name = "HOTSPOTS";
    int n = call->list ? call->list->n : 0;
    if (n != 4) {
        diag_error(b->diag, call->span, "%s takes CURSOR(SELECT STREAM ...), windowSize, scanRadius and "
                                        "minimumNumberOfPointsInAHotspot", name);
        return NULL;
    }
    const AstExpr *cur = call->list->items[0];
    PlanNode *in = cursor_arg(b, cur, name);
    if (!in) return NULL;
    Scope none;
    memset(&none, 0, sizeof none);
    int64_t window = 0, min_points = 0;
    if (!int_const_arg(b, &none, call->list->items[1], name, "windowSize", 100, 1000, &window)) return NULL;
    const AstExpr *ra = call->list->items[2];
    Expr *radius = bind_expr(b, &none, ra);
    if (!radius) return NULL;
    FnCtx cx = bind_fnctx(b, ra->span);
    if (radius->kind == EX_CONST && type_is_numeric(radius->type.id)) radius = fn_cast(&cx, radius, type_make(TY_DOUBLE));
    if (!radius || radius->kind != EX_CONST || radius->type.id != TY_DOUBLE || radius->k.null || !(radius->k.u.d > 0)) {
        diag_error(b->diag, ra->span, "%s's scanRadius must be a positive number", name);
        return NULL;
    }
    if (!int_const_arg(b, &none, call->list->items[3], name, "minimumNumberOfPointsInAHotspot", 2, window, &min_points))
        return NULL;
    PlanNode *t = bind_new_node(b, PN_TABLEFN, f->span, 1);
    t->inputs[0] = in;
    t->tf_hotspots = true;
    t->hs_window = (int)window;
    t->hs_radius = radius->k.u.d;
    t->hs_min_points = (int)min_points;
    if (!numeric_columns(b, t, in, cur, name)) return NULL;
    Column result = {"HOTSPOTS_RESULT", type_string(TY_VARCHAR, 0)};
    cursor_columns_plus(b, t, in, &result, 1);
    return t;
}

/* RANDOM_CUT_FOREST(CURSOR(SELECT STREAM ...)[, numberOfTrees, subSampleSize,
 * timeDecay, shingleSize[, seed]]) and RANDOM_CUT_FOREST_WITH_EXPLANATION(
 * CURSOR(...), numberOfTrees, subSampleSize, timeDecay, shingleSize,
 * withDirectionality[, seed]): the cursor's rows with an ANOMALY_SCORE (and
 * ANOMALY_EXPLANATION), computed from the cursor's numeric columns. The seed
 * is eddy's: the same seed and input give the same scores. */
static PlanNode *bind_rcf(Binder *b, const AstFrom *f, const AstExpr *call, bool explain)
{
    const char *name = explain ? "RANDOM_CUT_FOREST_WITH_EXPLANATION" : "RANDOM_CUT_FOREST";
    int n = call->list ? call->list->n : 0;
    if (explain ? n != 6 && n != 7 : n != 1 && n != 5 && n != 6) {
        if (explain)
            diag_error(b->diag, call->span, "%s takes CURSOR(SELECT STREAM ...), numberOfTrees, subSampleSize, timeDecay, "
                                            "shingleSize and withDirectionality (and optionally a seed)", name);
        else
            diag_error(b->diag, call->span, "%s takes CURSOR(SELECT STREAM ...) alone or followed by all four of numberOfTrees, "
                                            "subSampleSize, timeDecay and shingleSize (and optionally a seed)", name);
        return NULL;
    }
    const AstExpr *cur = call->list->items[0];
    PlanNode *in = cursor_arg(b, cur, name);
    if (!in) return NULL;
    Scope none;
    memset(&none, 0, sizeof none);
    int64_t trees = 100, sample = 256, decay = 100000, shingle = 1, seed = 0;
    bool direction = false;
    if (n >= 5 && (!int_const_arg(b, &none, call->list->items[1], name, "numberOfTrees", 1, 1000, &trees) ||
                   !int_const_arg(b, &none, call->list->items[2], name, "subSampleSize", 10, 1000, &sample) ||
                   !int_const_arg(b, &none, call->list->items[3], name, "timeDecay", 1, 2147483647, &decay) ||
                   !int_const_arg(b, &none, call->list->items[4], name, "shingleSize", 1, 30, &shingle)))
        return NULL;
    if (explain) {
        const AstExpr *d = call->list->items[5];
        if (d->kind != AE_LITERAL || d->lit != LIT_BOOL) {
            diag_error(b->diag, d->span, "%s's withDirectionality is TRUE or FALSE", name);
            return NULL;
        }
        direction = d->bool_value;
    }
    int seed_at = explain ? 6 : 5;
    if (n > seed_at && !int_const_arg(b, &none, call->list->items[seed_at], name, "seed", 0, INT64_MAX, &seed)) return NULL;
    PlanNode *t = bind_new_node(b, PN_TABLEFN, f->span, 1);
    t->inputs[0] = in;
    t->tf_rcf = true;
    t->rcf_explain = explain;
    t->rcf_direction = direction;
    t->rcf_trees = (int)trees;
    t->rcf_sample = (int)sample;
    t->rcf_decay = decay;
    t->rcf_shingle = (int)shingle;
    t->rcf_seed = seed;
    if (!numeric_columns(b, t, in, cur, name)) return NULL;
    /* each tree holds up to 2 * subSampleSize nodes, each with a bounding box */
    double bytes = (double)trees * 2.0 * (double)sample * (16.0 * (double)t->nexprs * (double)shingle + 32.0);
    if (bytes > 2e9) {
        diag_error(b->diag, call->span, "%s with %lld trees of %lld points over %d dimensions would hold %.0f MB: "
                                        "use fewer trees, a smaller sample or fewer columns", name, (long long)trees,
                   (long long)sample, t->nexprs * (int)shingle, bytes / 1e6);
        return NULL;
    }
    Column added[2] = {{"ANOMALY_SCORE", type_make(TY_DOUBLE)}, {"ANOMALY_EXPLANATION", type_string(TY_VARCHAR, 0)}};
    cursor_columns_plus(b, t, in, added, 1 + explain);
    return t;
}

PlanNode *bind_table_fn(Binder *b, const AstFrom *f, Scope *sc)
{
    const AstExpr *call = f->fn;
    if (call->kind != AE_CALL) {
        diag_error(b->diag, call->span, "TABLE(...) takes a table function call");
        return NULL;
    }
    const char *name = call->names[0].name;
    PlanNode *t;
    if (strcasecmp(name, "GROUP_RANK") == 0) {
        t = bind_group_rank(b, f, call);
        if (!t) return NULL;
        goto scope;
    }
    if (strcasecmp(name, "HOTSPOTS") == 0) {
        t = bind_hotspots(b, f, call);
        if (!t) return NULL;
        goto scope;
    }
    bool rcf_explain = strcasecmp(name, "RANDOM_CUT_FOREST_WITH_EXPLANATION") == 0;
    if (rcf_explain || strcasecmp(name, "RANDOM_CUT_FOREST") == 0) {
        t = bind_rcf(b, f, call, rcf_explain);
        if (!t) return NULL;
        goto scope;
    }
    bool topk = strcasecmp(name, "TOP_K_ITEMS_TUMBLING") == 0;
    bool distinct = strcasecmp(name, "COUNT_DISTINCT_ITEMS_TUMBLING") == 0;
    if (!topk && !distinct) {
        diag_error(b->diag, call->names[0].span, "table function %s is not implemented (eddy has TOP_K_ITEMS_TUMBLING, "
                                                 "COUNT_DISTINCT_ITEMS_TUMBLING, RANDOM_CUT_FOREST, "
                                                 "RANDOM_CUT_FOREST_WITH_EXPLANATION, HOTSPOTS and GROUP_RANK)", name);
        return NULL;
    }
    int want = topk ? 4 : 3;
    int n = call->list ? call->list->n : 0;
    if (n != want) {
        diag_error(b->diag, call->span, "%s takes %d arguments: CURSOR(SELECT STREAM ...), 'column'%s, window seconds", name, want,
                   topk ? ", K" : "");
        return NULL;
    }
    const AstExpr *cur = call->list->items[0];
    PlanNode *in = cursor_arg(b, cur, name);
    if (!in) return NULL;
    const AstExpr *colx = call->list->items[1];
    if (colx->kind != AE_LITERAL || colx->lit != LIT_STRING) {
        diag_error(b->diag, colx->span, "%s names its column as a string in single quotes, e.g. 'TICKER'", name);
        return NULL;
    }
    int col = schema_lookup(&in->out, colx->text, 1);
    if (col < 0) col = schema_lookup(&in->out, colx->text, 0);
    if (col < 0) {
        diag_error(b->diag, colx->span, "the cursor has no column '%s'", colx->text);
        return NULL;
    }
    Scope none;
    memset(&none, 0, sizeof none);
    int64_t k = 0, secs = 0;
    if (topk && !int_const_arg(b, &none, call->list->items[2], name, "K", 1, 100000, &k)) return NULL;
    if (!int_const_arg(b, &none, call->list->items[topk ? 3 : 2], name, "window size in seconds", 1, 3600, &secs)) return NULL;
    t = bind_new_node(b, PN_TABLEFN, f->span, 1);
    t->inputs[0] = in;
    t->tf_topk = topk;
    t->tf_col = col;
    t->tf_k = (int)k;
    t->tf_window = secs * 1000;
    if (topk) {
        t->out.ncols = 2;
        t->out.cols = arena_alloc(b->arena, sizeof(Column) * 2);
        t->out.cols[0] = in->out.cols[col];
        t->out.cols[1].name = "MOST_FREQUENT_VALUES";
        t->out.cols[1].type = type_make(TY_BIGINT);
    } else {
        t->out.ncols = 1;
        t->out.cols = arena_alloc(b->arena, sizeof(Column));
        t->out.cols[0].name = "NUMBER_OF_DISTINCT_ITEMS";
        t->out.cols[0].type = type_make(TY_BIGINT);
    }
scope:;
    ScopeRel *rel = &sc->rels[0];
    sc->n = 1;
    memset(rel, 0, sizeof *rel);
    rel->schema = bind_rename_columns(b, f, &t->out);
    if (!rel->schema) return NULL;
    rel->alias = bind_from_alias(f, "", &rel->alias_quoted);
    return t;
}
