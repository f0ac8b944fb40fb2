#include "bind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "functions/ops.h"
#include "functions/registry.h"
#include "src/runtime/convert.h"
#include "src/runtime/mem.h"
#include "src/runtime/numtext.h"
#include "src/runtime/rowtype.h"
#include "src/runtime/timeutil.h"
#include "window.h"

/* ---- scopes ---- */

typedef struct ScopeRel {
    const char *alias;      /* qualifier: the alias, or the stream's name */
    bool alias_quoted;
    const Schema *schema;
    int input;              /* which input row of the evaluation context */
    int offset;             /* where its columns start in that row (joins concatenate rows) */
    bool has_arrival;       /* rows read from input carry APPROXIMATE_ARRIVAL_TIME */
    bool schemaless;        /* its columns are unknown (empty input): names bind to NULL */
    int rowtime_col;        /* > 0: its own ROWTIME is column rowtime_col - 1 of the row (a stream join carries both sides') */
} ScopeRel;

typedef struct Scope {
    ScopeRel rels[4];
    int n;
    int inner;              /* > 0 in a subquery: rels[inner..n) are its FROM, which unqualified names try first */
    bool in_select_list;    /* unqualified ROWTIME means the output row's time */
} Scope;

/* While binding the select list and HAVING of an aggregate query: what
 * the rows coming out of the aggregation hold. */
typedef struct AggScope {
    const Scope *input;     /* the scope the GROUP BY keys were bound in */
    Expr **keys;
    int nkeys;
    const AstExpr **agg_ast;/* the aggregate calls, by AST node */
    Expr **aggs;
    int naggs, cap;
    const Schema *out;      /* keys then aggregates */
} AggScope;

/* While binding the select list of a query with OVER: the analytic calls,
 * each a column after the input's own in the rows the windows emit. */
typedef struct WinScope {
    const AstExpr **call_ast;
    Expr **calls;
    int *window;            /* which PlanWindow each call belongs to */
    int ncalls, cap;
    int ninput;             /* columns of the input row */
    PlanWindow *windows;
    int nwindows, capw;
} WinScope;

typedef struct Binder {
    PlanApp *app;
    const struct AstSelect *select;  /* whose FROM is being bound: join windows may name its WINDOW clause */
    bool bare_query;        /* the next SELECT is a statement of its own, which must say STREAM */
    Arena *arena;           /* the plan arena */
    DiagList *diag;
    const BindOptions *opt;
    PlanPump *pump;         /* the pump being bound: collects its sources */
    AggScope *agg;          /* set while binding over aggregated rows */
    WinScope *win;          /* set while binding the select list of a query with OVER */
    const UserFn *ufn;      /* set while inlining a user function's body */
    Expr **ufn_args;        /* its arguments, bound at the call site */
    int ufn_depth;
} Binder;

static SqlType type_from_ast(const AstType *t)
{
    SqlType r;
    switch (t->id) {
    case TY_DECIMAL: r = type_decimal(t->precision > 0 ? t->precision : 18, t->scale > 0 ? t->scale : 0); break;
    case TY_CHAR: case TY_VARCHAR: case TY_BINARY: case TY_VARBINARY:
        r = type_string(t->id, t->len > 0 ? t->len : 0);
        break;
    case TY_INTERVAL_DT: case TY_INTERVAL_YM:
        r = type_make(t->id);
        r.unit_hi = (uint8_t)t->unit_hi;
        r.unit_lo = (uint8_t)t->unit_lo;
        break;
    default: r = type_make(t->id);
    }
    return r;
}

SqlType bind_type(const AstType *t) { return type_from_ast(t); }

static FnCtx fnctx(Binder *b, Span span)
{
    FnCtx cx;
    memset(&cx, 0, sizeof cx);
    cx.arena = b->arena;
    cx.diag = b->diag;
    cx.span = span;
    return cx;
}

static bool is_word(const AstName *n, const char *w)
{
    return n->quoted ? strcmp(n->name, w) == 0 : strcasecmp(n->name, w) == 0;
}

static void suggest_column(Binder *b, const Scope *sc, const AstName *n, const ScopeRel *only)
{
    const char *cands[256];
    int k = 0;
    for (int r = 0; r < sc->n; r++) {
        if (only && &sc->rels[r] != only) continue;
        for (int i = 0; i < sc->rels[r].schema->ncols && k < 256; i++) cands[k++] = sc->rels[r].schema->cols[i].name;
    }
    const char *s = diag_suggest(n->name, cands, k);
    char where[200] = "";
    if (only) snprintf(where, sizeof where, " in \"%s\"", only->alias);
    else if (sc->n == 1) snprintf(where, sizeof where, " in \"%s\"", sc->rels[0].alias);
    if (s)
        diag_error(b->diag, n->span, "unknown column \"%s\"%s (did you mean \"%s\"?)", n->name, where, s);
    else if (k == 0)
        diag_error(b->diag, n->span, "unknown column \"%s\"%s, which has no columns", n->name, where);
    else
        diag_error(b->diag, n->span, "unknown column \"%s\"%s", n->name, where);
}

static const ScopeRel *find_rel(const Scope *sc, const AstName *q)
{
    for (int r = 0; r < sc->n; r++)
        if (strcmp(sc->rels[r].alias, q->name) == 0) return &sc->rels[r];
    if (q->quoted) return NULL;
    for (int r = 0; r < sc->n; r++)
        if (strcasecmp(sc->rels[r].alias, q->name) == 0) return &sc->rels[r];
    return NULL;
}

static Expr *system_column(Binder *b, const Scope *sc, const ScopeRel *rel, const AstName *n, bool qualified)
{
    if (is_word(n, "ROWTIME")) {
        if (!qualified && sc->in_select_list) {
            Expr *e = expr_new(b->arena, EX_OUT_ROWTIME, 0);
            e->span = n->span;
            e->name = "ROWTIME";
            return e;
        }
        if (qualified && rel && rel->rowtime_col > 0) {
            Expr *e = expr_column(b->arena, rel->input, rel->rowtime_col - 1, type_make(TY_TIMESTAMP), n->span);
            e->name = "ROWTIME";
            return e;
        }
        Expr *e = expr_new(b->arena, EX_ROWTIME, 0);
        e->input = (uint8_t)(rel ? rel->input : 0);
        e->span = n->span;
        e->name = "ROWTIME";
        return e;
    }
    if (is_word(n, "APPROXIMATE_ARRIVAL_TIME") && rel && rel->has_arrival) {
        Expr *e = expr_new(b->arena, EX_ARRIVAL, 0);
        e->input = (uint8_t)rel->input;
        e->span = n->span;
        e->name = "APPROXIMATE_ARRIVAL_TIME";
        return e;
    }
    return NULL;
}

static void eval_field(const Expr *e, EvalCtx *cx, Value *out)
{
    Value r;
    expr_eval(e->args[0], cx, &r);
    if (r.null || e->flags >= r.len) {
        *out = val_null();
        return;
    }
    *out = r.u.r[e->flags];
}

/* row.FIELD: a field of a row value (the log-parsing functions return rows). */
static Expr *field_access(Binder *b, Expr *row, const AstName *field, Span span)
{
    const RowType *rt = rowtype_of(row->type);
    if (!rt) {
        char tn[64];
        diag_error(b->diag, field->span, "\"%s\" is not a field: the value before it is %s, not a row", field->name,
                   type_name(row->type, tn, sizeof tn));
        return NULL;
    }
    int k = rowtype_field(rt, field->name, field->quoted);
    if (k < 0) {
        const char *cands[256];
        int n = 0;
        for (int i = 0; i < rt->n && n < 256; i++) cands[n++] = rt->fields[i].name;
        const char *sug = diag_suggest(field->name, cands, n);
        if (sug) diag_error(b->diag, field->span, "the row has no field \"%s\" (did you mean \"%s\"?)", field->name, sug);
        else diag_error(b->diag, field->span, "the row has no field \"%s\" (it has %d: %s ...)", field->name, rt->n, rt->n ? rt->fields[0].name : "none");
        return NULL;
    }
    Expr *e = expr_new(b->arena, EX_CALL, 1);
    e->args[0] = row;
    e->eval = eval_field;
    e->flags = (uint32_t)k;
    e->type = rt->fields[k].type;
    e->type.notnull = 0;
    e->name = ".";
    e->span = span;
    return e;
}

static Expr *bind_name(Binder *b, const Scope *sc, const AstExpr *a)
{
    if (a->nnames == 3) {
        /* alias.row.FIELD */
        AstExpr two = *a;
        two.nnames = 2;
        two.span = span_join(a->names[0].span, a->names[1].span);
        Expr *row = bind_name(b, sc, &two);
        return row ? field_access(b, row, &a->names[2], a->span) : NULL;
    }
    if (a->nnames == 2) {
        const ScopeRel *rel = find_rel(sc, &a->names[0]);
        if (!rel) {
            /* row.FIELD, when the first name is a row-valued column rather than an alias */
            for (int r = 0; r < sc->n; r++) {
                int col = schema_lookup(sc->rels[r].schema, a->names[0].name, a->names[0].quoted);
                if (col >= 0 && sc->rels[r].schema->cols[col].type.id == TY_ROW) {
                    Expr *row = expr_column(b->arena, sc->rels[r].input, sc->rels[r].offset + col, sc->rels[r].schema->cols[col].type, a->names[0].span);
                    return field_access(b, row, &a->names[1], a->span);
                }
            }
            const char *cands[8];
            for (int r = 0; r < sc->n; r++) cands[r] = sc->rels[r].alias;
            const char *s = diag_suggest(a->names[0].name, cands, sc->n);
            if (s)
                diag_error(b->diag, a->names[0].span, "unknown stream or alias \"%s\" (did you mean \"%s\"?)", a->names[0].name, s);
            else
                diag_error(b->diag, a->names[0].span, "unknown stream or alias \"%s\"", a->names[0].name);
            return NULL;
        }
        int col = schema_lookup(rel->schema, a->names[1].name, a->names[1].quoted);
        if (col >= 0) return expr_column(b->arena, rel->input, rel->offset + col, rel->schema->cols[col].type, a->span);
        if (col == -2) {
            diag_error(b->diag, a->names[1].span, "column name \"%s\" is ambiguous in \"%s\": quote it to pick one", a->names[1].name, rel->alias);
            return NULL;
        }
        Expr *sys = system_column(b, sc, rel, &a->names[1], true);
        if (sys) return sys;
        if (rel->schemaless) return expr_const(b->arena, type_make(TY_NULL), val_null(), a->span);
        suggest_column(b, sc, &a->names[1], rel);
        return NULL;
    }
    const AstName *n = &a->names[0];
    if (b->ufn) {
        /* inside a function body, names are its parameters */
        for (int i = 0; i < b->ufn->nparams; i++)
            if (strcmp(b->ufn->params[i], n->name) == 0 ||
                (!n->quoted && !b->ufn->params_quoted[i] && strcasecmp(b->ufn->params[i], n->name) == 0))
                return b->ufn_args[i];
        diag_error(b->diag, n->span, "unknown name \"%s\" in the body of function %s: a function sees only its parameters",
                   n->name, b->ufn->name);
        return NULL;
    }
    int found_rel = -1, found_col = -1;
    /* a subquery's own FROM first (its rels from sc->inner on), then the outer query's */
    for (int pass = sc->inner ? 0 : 1; pass < 2 && found_rel < 0; pass++)
    for (int r = pass == 0 ? sc->inner : 0; r < (pass == 0 ? sc->n : sc->inner ? sc->inner : sc->n); r++) {
        int col = schema_lookup(sc->rels[r].schema, n->name, n->quoted);
        if (col == -2) {
            diag_error(b->diag, n->span, "column name \"%s\" is ambiguous: quote it to pick one", n->name);
            return NULL;
        }
        if (col >= 0) {
            if (found_rel >= 0) {
                diag_error(b->diag, n->span, "column \"%s\" is ambiguous: it is in \"%s\" and \"%s\"", n->name,
                           sc->rels[found_rel].alias, sc->rels[r].alias);
                return NULL;
            }
            found_rel = r;
            found_col = col;
        }
    }
    if (found_rel >= 0) {
        const ScopeRel *rel = &sc->rels[found_rel];
        return expr_column(b->arena, rel->input, rel->offset + found_col, rel->schema->cols[found_col].type, a->span);
    }
    Expr *sys = system_column(b, sc, sc->n ? &sc->rels[0] : NULL, n, false);
    if (sys) return sys;
    /* CURRENT_DATE and friends are written without parentheses */
    const FnDef *def = n->quoted ? NULL : fn_find(n->name);
    if (def && (def->flags & FN_NILADIC)) {
        FnCtx cx = fnctx(b, a->span);
        return fn_bind_call(&cx, def, NULL, 0);
    }
    if (sc->n == 0) {
        diag_error(b->diag, n->span, "unknown column \"%s\": this query has no FROM clause", n->name);
        return NULL;
    }
    for (int r = 0; r < sc->n; r++)
        if (sc->rels[r].schemaless) return expr_const(b->arena, type_make(TY_NULL), val_null(), a->span);
    suggest_column(b, sc, n, NULL);
    return NULL;
}

/* ---- literals ---- */

static Expr *bind_literal(Binder *b, const AstExpr *a)
{
    Arena *ar = b->arena;
    switch (a->lit) {
    case LIT_NULL: return expr_const(ar, type_make(TY_NULL), val_null(), a->span);
    case LIT_UNKNOWN: {
        Expr *e = expr_const(ar, type_make(TY_BOOLEAN), val_null(), a->span);
        return e;
    }
    case LIT_BOOL: return expr_const(ar, type_make(TY_BOOLEAN), val_int(a->bool_value), a->span);
    case LIT_INTEGER: {
        NumText nt;
        num_parse(a->text, a->text_len, false, &nt);
        int64_t v;
        if (!num_to_int64(&nt, &v)) {
            /* beyond BIGINT: an exact DECIMAL if it fits 18 digits, else an error */
            int64_t d;
            if (num_to_decimal(&nt, 18, 0, &d)) return expr_const(ar, type_decimal(18, 0), val_int(d), a->span);
            diag_error(b->diag, a->span, "integer literal %s is out of range (at most 9223372036854775807)", a->text);
            return NULL;
        }
        SqlType t = type_make(v >= INT32_MIN && v <= INT32_MAX ? TY_INTEGER : TY_BIGINT);
        return expr_const(ar, t, val_int(v), a->span);
    }
    case LIT_DECIMAL: {
        NumText nt;
        num_parse(a->text, a->text_len, false, &nt);
        const char *dot = strchr(a->text, '.');
        int scale = dot ? (int)strlen(dot + 1) : 0;
        int digits = 0;
        bool leading = true;
        for (const char *p = a->text; *p; p++) {
            if (*p < '0' || *p > '9') continue;
            if (leading && *p == '0' && p < dot) continue;
            leading = false;
            digits++;
        }
        if (digits < scale) digits = scale;
        if (digits == 0) digits = 1;
        int64_t v;
        if (digits <= 18 && num_to_decimal(&nt, digits, scale, &v))
            return expr_const(ar, type_decimal(digits, scale), val_int(v), a->span);
        return expr_const(ar, type_make(TY_DOUBLE), val_double(nt.dbl), a->span);
    }
    case LIT_APPROX: {
        NumText nt;
        num_parse(a->text, a->text_len, false, &nt);
        if (nt.dbl > 1.7976931348623157e308 || nt.dbl < -1.7976931348623157e308) {
            diag_error(b->diag, a->span, "number %s is out of range for DOUBLE", a->text);
            return NULL;
        }
        return expr_const(ar, type_make(TY_DOUBLE), val_double(nt.dbl), a->span);
    }
    case LIT_STRING: {
        size_t chars = utf8_length(a->text, a->text_len);
        SqlType t = chars ? type_string(TY_CHAR, (int32_t)chars) : type_string(TY_VARCHAR, 0);
        /* the plan outlives the statement's syntax tree: keep a copy */
        return expr_const(ar, t, val_str(arena_strndup(ar, a->text, a->text_len), a->text_len), a->span);
    }
    case LIT_BINARY: {
        Value v;
        const char *why;
        SqlType t = type_string(TY_BINARY, (int32_t)(a->text_len / 2 ? a->text_len / 2 : 1));
        if (!conv_from_text(t, a->text, a->text_len, &v, ar, &why)) {
            diag_error(b->diag, a->span, "invalid binary literal: %s", why);
            return NULL;
        }
        return expr_const(ar, t, v, a->span);
    }
    case LIT_DATE: case LIT_TIME: case LIT_TIMESTAMP: {
        TypeId id = a->lit == LIT_DATE ? TY_DATE : a->lit == LIT_TIME ? TY_TIME : TY_TIMESTAMP;
        Value v;
        const char *why;
        if (!conv_from_text(type_make(id), a->text, a->text_len, &v, ar, &why)) {
            diag_error(b->diag, a->span, "invalid %s literal '%s': %s", type_id_name(id), a->text, why);
            return NULL;
        }
        return expr_const(ar, type_make(id), v, a->span);
    }
    case LIT_INTERVAL: {
        SqlType t = type_from_ast(&a->lit_type);
        int64_t v;
        const char *why = "malformed interval";
        if (!time_parse_interval(a->text, a->text_len, (TimeUnit)t.unit_hi, (TimeUnit)t.unit_lo, &v, &why)) {
            char tn[64];
            diag_error(b->diag, a->span, "invalid interval literal '%s' for %s: %s", a->text, type_name(t, tn, sizeof tn), why);
            return NULL;
        }
        if (a->lit_negative) v = -v;
        return expr_const(ar, t, val_int(v), a->span);
    }
    }
    return NULL;
}

/* ---- expressions ---- */

static Expr *bind_expr(Binder *b, const Scope *sc, const AstExpr *a);

static const char *const aggregate_names[] = {
    "COUNT", "SUM", "AVG", "MIN", "MAX", "FIRST_VALUE", "LAST_VALUE", "EXP_AVG", "ANY", "EVERY", "SOME",
    "STDDEV_POP", "STDDEV_SAMP", "VAR_POP", "VAR_SAMP", "LAG", "NTH_VALUE", "MONOTONIC",
};

static bool is_aggregate_name(const char *n)
{
    for (size_t i = 0; i < sizeof aggregate_names / sizeof aggregate_names[0]; i++)
        if (strcasecmp(n, aggregate_names[i]) == 0) return true;
    return false;
}

typedef struct NameList {
    const char *names[512];
    int n;
} NameList;

static void collect_fn(const FnDef *d, void *arg)
{
    NameList *l = arg;
    if (l->n < 512) l->names[l->n++] = d->name;
}

static const UserFn *find_user_fn(const PlanApp *app, const AstName *n)
{
    for (int i = 0; i < app->nfns; i++)
        if (strcmp(app->fns[i].name, n->name) == 0 || (!n->quoted && strcasecmp(app->fns[i].name, n->name) == 0))
            return &app->fns[i];
    return NULL;
}

/* A call of a CREATE FUNCTION function: its body bound with the arguments
 * in place of the parameters, converted to the declared result type, and
 * NULL whenever an argument is NULL (RETURNS NULL ON NULL INPUT). */
static Expr *bind_user_call(Binder *b, const Scope *sc, const AstExpr *a, const UserFn *f)
{
    int nargs = a->list ? a->list->n : 0;
    if (nargs != f->nparams) {
        diag_error(b->diag, a->span, "%s takes %d argument%s, not %d", f->name, f->nparams, f->nparams == 1 ? "" : "s", nargs);
        return NULL;
    }
    if (b->ufn_depth > 16) {
        diag_error(b->diag, a->span, "function %s calls itself (directly or through others): functions cannot recurse", f->name);
        return NULL;
    }
    FnCtx cx = fnctx(b, a->span);
    Expr **args = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(nargs ? nargs : 1));
    for (int i = 0; i < nargs; i++) {
        Expr *x = bind_expr(b, sc, a->list->items[i]);
        if (!x) return NULL;
        if (!type_assignable(x->type, f->types[i]) && !conv_cast_allowed(x->type, f->types[i])) {
            char t1[64], t2[64];
            diag_error(b->diag, x->span, "argument %d of %s is %s, which does not convert to %s", i + 1, f->name,
                       type_name(x->type, t1, sizeof t1), type_name(f->types[i], t2, sizeof t2));
            return NULL;
        }
        args[i] = fn_cast(&cx, x, f->types[i]);
    }
    const UserFn *saved = b->ufn;
    Expr **saved_args = b->ufn_args;
    AggScope *saved_agg = b->agg;
    WinScope *saved_win = b->win;
    b->ufn = f;
    b->ufn_args = args;
    b->agg = NULL;
    b->win = NULL;
    b->ufn_depth++;
    Scope none;
    memset(&none, 0, sizeof none);
    Expr *body = bind_expr(b, &none, f->body);
    b->ufn_depth--;
    b->ufn = saved;
    b->ufn_args = saved_args;
    b->agg = saved_agg;
    b->win = saved_win;
    if (!body) {
        diag_note(b->diag, a->span, "in this call of %s", f->name);
        return NULL;
    }
    if (!type_assignable(body->type, f->ret) && !conv_cast_allowed(body->type, f->ret)) {
        char t1[64], t2[64];
        diag_error(b->diag, a->span, "the body of %s is %s, which does not convert to its RETURNS type %s", f->name,
                   type_name(body->type, t1, sizeof t1), type_name(f->ret, t2, sizeof t2));
        return NULL;
    }
    Expr *result = fn_cast(&cx, body, f->ret);
    /* CALLED ON NULL INPUT, the reference's default: the body sees the NULLs */
    if (nargs == 0 || !f->null_on_null) return result;
    /* RETURNS NULL ON NULL INPUT: CASE WHEN a1 IS NULL OR ... THEN NULL ELSE body END */
    Expr *anynull = NULL;
    for (int i = 0; i < nargs; i++) {
        Expr *isnull = fn_is(&cx, FIS_NULL, false, args[i]);
        anynull = anynull ? fn_binary(&cx, FOP_OR, anynull, isnull) : isnull;
    }
    Expr *whens[2] = {anynull, expr_const(b->arena, f->ret, val_null(), a->span)};
    whens[1]->type.notnull = 0;
    return fn_case(&cx, NULL, whens, 1, result);
}

static Expr *bind_call(Binder *b, const Scope *sc, const AstExpr *a)
{
    const AstName *n = &a->names[0];
    const UserFn *uf = find_user_fn(b->app, n);
    if (uf && !a->over && !a->distinct && !a->star_arg && a->call_form == CALL_PLAIN) return bind_user_call(b, sc, a, uf);
    const FnDef *def = fn_find(n->name);
    if (a->over) {
        diag_error(b->diag, a->span, "%s ... OVER may only appear in the select list of a query without GROUP BY", n->name);
        return NULL;
    }
    if (def && (def->flags & FN_ANALYTIC)) {
        diag_error(b->diag, a->span, "%s needs an OVER clause: it reads the rows of a sliding window", def->name);
        return NULL;
    }
    if (def && (def->flags & FN_AGGREGATE)) {
        diag_error(b->diag, a->span,
                   "aggregate function %s needs a GROUP BY on a ROWTIME-based expression (a tumbling window) or an OVER "
                   "clause (a sliding window)", def->name);
        return NULL;
    }
    if (!def) {
        if (is_aggregate_name(n->name)) {
            diag_error(b->diag, a->span, "aggregate function %s is not implemented yet (GROUP BY and OVER windows come with the windowing work)", n->name);
            return NULL;
        }
        NameList l = {.n = 0};
        fn_each(collect_fn, &l);
        const char *s = diag_suggest(n->name, l.names, l.n);
        if (s)
            diag_error(b->diag, n->span, "unknown function %s (did you mean %s?)", n->name, s);
        else
            diag_error(b->diag, n->span, "unknown function %s", n->name);
        return NULL;
    }
    if (a->star_arg) {
        diag_error(b->diag, a->span, "%s(*) is only valid for COUNT", def->name);
        return NULL;
    }
    if (a->distinct) {
        diag_error(b->diag, a->span, "DISTINCT is only valid in aggregate functions, and %s is not one", def->name);
        return NULL;
    }
    if (a->ignore_nulls >= 0) {
        diag_error(b->diag, a->span, "IGNORE NULLS / RESPECT NULLS apply to analytic functions, and %s is not one", def->name);
        return NULL;
    }
    static const FnForm forms[] = {FN_FORM_PLAIN, FN_FORM_TO_UNIT, FN_FORM_BY, FN_FORM_FROM, FN_FORM_EXTRACT,
                                   FN_FORM_PLACING, FN_FORM_SIMILAR};
    FnForm form = forms[a->call_form];
    const AstList *list = a->list;
    AstExpr *pair[2];
    AstList in_args = {0};
    /* POSITION(a IN b) parses as a call with one IN predicate: take it apart */
    if (form == FN_FORM_PLAIN && list && list->n == 1 && ((AstExpr *)list->items[0])->kind == AE_IN &&
        (def->forms & FORM(FN_FORM_IN))) {
        const AstExpr *in = list->items[0];
        if (!in->negated && in->list->n == 1) {
            pair[0] = in->a;
            pair[1] = in->list->items[0];
            in_args.n = in_args.cap = 2;
            in_args.items = (void **)pair;
            list = &in_args;
            form = FN_FORM_IN;
        }
    }
    unsigned accepted = def->forms ? def->forms : FORM(FN_FORM_PLAIN);
    if (!(accepted & FORM(form))) {
        diag_error(b->diag, a->span, "%s does not take this form of arguments", def->name);
        return NULL;
    }
    int nargs = list ? list->n : 0;
    Expr *args[64];
    if (nargs > 64) {
        diag_error(b->diag, a->span, "too many arguments");
        return NULL;
    }
    bool ok = true;
    for (int i = 0; i < nargs; i++) {
        AstExpr *x = list->items[i];
        args[i] = x ? bind_expr(b, sc, x) : NULL;
        if (x && !args[i]) ok = false;
    }
    if (!ok) return NULL;
    FnCtx cx = fnctx(b, a->span);
    cx.form = form;
    cx.unit = a->unit;
    cx.trim_spec = a->trim_spec;
    cx.trim_given = a->trim_given;
    return fn_bind_call(&cx, def, args, nargs);
}

static Expr *bind_aggregated(Binder *b, const Scope *sc, const AstExpr *a, bool *handled);

static const char *from_alias(const AstFrom *f, const char *dflt, bool *quoted);
static const Schema *rename_columns(Binder *b, const AstFrom *f, const Schema *in);
static Expr *bind_condition(Binder *b, const Scope *sc, const AstExpr *a, const char *clause);

/* Rows of a relation (reference tables and VALUES) rather than of a
 * stream: the query runs once, when the application starts, and may
 * aggregate, sort or drop duplicates over all its rows. */
static bool plan_is_relation(const Binder *b, const PlanNode *n)
{
    if (!n) return false;
    if (n->kind == PN_SCAN) {
        const CatStream *s = b->app->cat.streams[n->stream];
        return s->table || s->nvalues > 0;
    }
    if (n->kind == PN_TABLEFN || n->kind == PN_WINDOW) return false;
    if (n->ninputs == 0) return false;
    for (int i = 0; i < n->ninputs; i++)
        if (!plan_is_relation(b, n->inputs[i])) return false;
    return true;
}

/* x [NOT] IN (SELECT item FROM table [WHERE ...]) and EXISTS (SELECT ...
 * FROM table [WHERE ...]): a subquery over a reference table, which may
 * name the outer row's columns (a correlated subquery). Its table is the
 * evaluation context's second row, as a joined table is. */
static Expr *bind_table_subquery(Binder *b, const Scope *sc, const AstExpr *a)
{
    const AstSelect *q = a->subquery;
    bool exists = a->kind == AE_EXISTS;
    const char *what = exists ? "EXISTS (SELECT ...)" : "IN (SELECT ...)";
    if (b->agg || b->win) {
        diag_error(b->diag, a->span, "%s is supported in WHERE and in the select list of a query without GROUP BY or OVER", what);
        return NULL;
    }
    const AstFrom *f = q->from;
    CatStream *t = f && f->kind == FROM_NAME ? cat_find_stream(&b->app->cat, f->name.name, f->name.quoted) : NULL;
    if (!t || !t->table || q->group_by || q->having || q->stagger || q->windows || q->order_by || q->union_all || q->stream) {
        diag_error(b->diag, q->span, "%s reads one reference table (from --table NAME=FILE), with an optional WHERE: "
                                     "FROM table [AS alias] [WHERE ...]", what);
        return NULL;
    }
    if (sc->n >= 4) {
        diag_error(b->diag, q->span, "too many tables and streams in this query (at most 4)");
        return NULL;
    }
    Scope inner = *sc;
    inner.in_select_list = false;
    inner.inner = inner.n;
    ScopeRel *rel = &inner.rels[inner.n++];
    memset(rel, 0, sizeof *rel);
    rel->schema = rename_columns(b, f, &t->schema);
    if (!rel->schema) return NULL;
    rel->alias = from_alias(f, t->name, &rel->alias_quoted);
    rel->input = 1;
    Expr *pred = NULL;
    if (q->where && !(pred = bind_condition(b, &inner, q->where, "WHERE"))) return NULL;
    FnCtx cx = fnctx(b, a->span);
    if (exists) return fn_exists_rows(&cx, pred, &t->rows, &t->nrows);
    const AstSelectItem *it = q->items && q->items->n == 1 ? q->items->items[0] : NULL;
    if (!it || it->expr->kind == AE_STAR) {
        diag_error(b->diag, q->span, "IN (SELECT ...) selects exactly one value");
        return NULL;
    }
    Expr *x = bind_expr(b, sc, a->a);
    Expr *item = bind_expr(b, &inner, it->expr);
    if (!x || !item) return NULL;
    return fn_in_rows(&cx, a->negated, x, item, pred, &t->rows, &t->nrows);
}

/* NULL-propagating builders for the comparisons a temporal predicate stands for. */
static Expr *pred_cmp(FnCtx *cx, FnOp op, Expr *x, Expr *y) { return x && y ? fn_binary(cx, op, x, y) : NULL; }
static Expr *pred_and(FnCtx *cx, Expr *x, Expr *y) { return x && y ? fn_binary(cx, FOP_AND, x, y) : NULL; }
static Expr *pred_or(FnCtx *cx, Expr *x, Expr *y) { return x && y ? fn_binary(cx, FOP_OR, x, y) : NULL; }
static Expr *pred_not(FnCtx *cx, Expr *x) { return x ? fn_unary(cx, FOP_NOT, x) : NULL; }

/* (x1, x2, ...) [NOT] IN ((v1, v2, ...), ...): a row is in the list when
 * it equals one of its rows, field by field (SQL's row comparison, so a
 * NULL field makes the answer UNKNOWN unless another field differs). */
static Expr *bind_row_in(Binder *b, const Scope *sc, const AstExpr *a)
{
    FnCtx cx = fnctx(b, a->span);
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
    bool call = a->kind == AE_CALL && a->nnames == 1 && is_word(&a->names[0], "PERIOD") && a->list && a->list->n == 2 &&
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
static Expr *bind_period_pred(Binder *b, const Scope *sc, const AstExpr *a)
{
    FnCtx cx = fnctx(b, a->span);
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

static Expr *bind_expr(Binder *b, const Scope *sc, const AstExpr *a)
{
    if (b->agg) {
        bool handled = false;
        Expr *e = bind_aggregated(b, sc, a, &handled);
        if (handled) return e;
    }
    if (b->win && a->kind == AE_CALL && a->over) {
        for (int i = 0; i < b->win->ncalls; i++)
            if (b->win->call_ast[i] == a) return expr_column(b->arena, 0, b->win->ninput + i, b->win->calls[i]->type, a->span);
        return NULL;   /* already reported */
    }
    FnCtx cx = fnctx(b, a->span);
    switch (a->kind) {
    case AE_LITERAL: return bind_literal(b, a);
    case AE_NAME: return bind_name(b, sc, a);
    case AE_STAR:
        diag_error(b->diag, a->span, "'*' is not valid here");
        return NULL;
    case AE_UNARY: {
        Expr *x = bind_expr(b, sc, a->a);
        if (!x) return NULL;
        if (a->op == AO_PLUS) {
            if (!type_is_numeric(x->type.id) && !type_is_interval(x->type.id) && x->type.id != TY_NULL) {
                char tn[64];
                diag_error(b->diag, a->span, "cannot apply unary '+' to %s", type_name(x->type, tn, sizeof tn));
                return NULL;
            }
            return x;
        }
        return fn_unary(&cx, a->op == AO_NOT ? FOP_NOT : FOP_NEG, x);
    }
    case AE_BINARY: {
        Expr *l = bind_expr(b, sc, a->a);
        Expr *r = bind_expr(b, sc, a->b);
        if (!l || !r) return NULL;
        static const FnOp map[] = {
            [AO_ADD] = FOP_ADD, [AO_SUB] = FOP_SUB, [AO_MUL] = FOP_MUL, [AO_DIV] = FOP_DIV, [AO_CONCAT] = FOP_CONCAT,
            [AO_EQ] = FOP_EQ, [AO_NE] = FOP_NE, [AO_LT] = FOP_LT, [AO_LE] = FOP_LE, [AO_GT] = FOP_GT,
            [AO_GE] = FOP_GE, [AO_AND] = FOP_AND, [AO_OR] = FOP_OR,
        };
        return fn_binary(&cx, map[a->op], l, r);
    }
    case AE_IS: {
        Expr *x = bind_expr(b, sc, a->a);
        if (!x) return NULL;
        if (a->op == AO_IS_DISTINCT) {
            Expr *y = bind_expr(b, sc, a->b);
            if (!y) return NULL;
            return fn_is_distinct(&cx, a->negated, x, y);
        }
        FnIsKind k = a->op == AO_IS_NULL ? FIS_NULL : a->op == AO_IS_TRUE ? FIS_TRUE : a->op == AO_IS_FALSE ? FIS_FALSE : FIS_UNKNOWN;
        return fn_is(&cx, k, a->negated, x);
    }
    case AE_BETWEEN: {
        Expr *x = bind_expr(b, sc, a->a), *lo = bind_expr(b, sc, a->b), *hi = bind_expr(b, sc, a->c);
        if (!x || !lo || !hi) return NULL;
        return fn_between(&cx, a->negated, a->distinct, x, lo, hi);
    }
    case AE_IN: {
        if (a->subquery) return bind_table_subquery(b, sc, a);
        if (a->a->kind == AE_ROW) return bind_row_in(b, sc, a);
        Expr *x = bind_expr(b, sc, a->a);
        if (!x) return NULL;
        int n = a->list->n;
        Expr **list = arena_alloc(b->arena, sizeof(Expr *) * (size_t)n);
        bool ok = true;
        for (int i = 0; i < n; i++) {
            AstExpr *item = a->list->items[i];
            if (item->kind == AE_ROW) {
                diag_error(b->diag, item->span, "row values in IN lists are not supported");
                return NULL;
            }
            list[i] = bind_expr(b, sc, item);
            if (!list[i]) ok = false;
        }
        if (!ok) return NULL;
        return fn_in(&cx, a->negated, x, list, n);
    }
    case AE_LIKE: {
        Expr *x = bind_expr(b, sc, a->a), *p = bind_expr(b, sc, a->b);
        Expr *esc = a->c ? bind_expr(b, sc, a->c) : NULL;
        if (!x || !p || (a->c && !esc)) return NULL;
        if (a->op == AO_SIMILAR) return fn_similar(&cx, a->negated, x, p, esc);
        return fn_like(&cx, a->negated, x, p, esc);
    }
    case AE_CASE: {
        int npairs = a->list->n / 2;
        Expr **whens = arena_alloc(b->arena, sizeof(Expr *) * (size_t)a->list->n);
        Expr *operand = a->a ? bind_expr(b, sc, a->a) : NULL;
        if (a->a && !operand) return NULL;
        bool ok = true;
        for (int i = 0; i < a->list->n; i++) {
            whens[i] = bind_expr(b, sc, a->list->items[i]);
            if (!whens[i]) ok = false;
        }
        Expr *otherwise = a->c ? bind_expr(b, sc, a->c) : NULL;
        if (!ok || (a->c && !otherwise)) return NULL;
        return fn_case(&cx, operand, whens, npairs, otherwise);
    }
    case AE_CAST: {
        Expr *x = bind_expr(b, sc, a->a);
        if (!x) return NULL;
        return fn_explicit_cast(&cx, x, type_from_ast(&a->type));
    }
    case AE_CALL: return bind_call(b, sc, a);
    case AE_PERIOD: return bind_period_pred(b, sc, a);
    case AE_ROW:
        diag_error(b->diag, a->span, "a row value is not valid here");
        return NULL;
    case AE_SUBQUERY:
        diag_error(b->diag, a->span, "subqueries in expressions are not supported");
        return NULL;
    case AE_EXISTS:
        return bind_table_subquery(b, sc, a);
    }
    return NULL;
}

static Expr *bind_condition(Binder *b, const Scope *sc, const AstExpr *a, const char *clause)
{
    Expr *e = bind_expr(b, sc, a);
    if (!e) return NULL;
    if (e->type.id != TY_BOOLEAN && e->type.id != TY_NULL) {
        char tn[64];
        diag_error(b->diag, a->span, "%s must be a BOOLEAN condition, not %s", clause, type_name(e->type, tn, sizeof tn));
        return NULL;
    }
    return e;
}

/* ---- queries ---- */

static PlanNode *new_node(Binder *b, PlanKind kind, Span span, int ninputs)
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

static PlanNode *bind_query(Binder *b, const AstSelect *q);
static PlanNode *conform(Binder *b, PlanNode *in, const Schema *to, Span span, const char *what);

static const char *from_alias(const AstFrom *f, const char *dflt, bool *quoted)
{
    if (f->alias.name) {
        *quoted = f->alias.quoted;
        return f->alias.name;
    }
    *quoted = true;
    return dflt;
}

/* AS t(c1, c2, ...): the FROM item's columns under new names. */
static const Schema *rename_columns(Binder *b, const AstFrom *f, const Schema *in)
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

/* stream JOIN table ON ...: each stream row meets the reference table's
 * rows that satisfy ON (LEFT keeps unmatched rows with NULLs). */
static PlanNode *bind_from(Binder *b, const AstFrom *f, Scope *sc);
static bool make_window(Binder *b, const Scope *sc, const AstWindowSpec *w, PlanWindow *out);
static PlanNode *bind_stream_join(Binder *b, const AstFrom *f, Scope *sc, PlanNode *left, const AstWindowSpec *left_over);

static PlanNode *bind_join(Binder *b, const AstFrom *f, Scope *sc)
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
    rel->schema = rename_columns(b, r, &t->schema);
    if (!rel->schema) return NULL;
    rel->alias = from_alias(r, t->name, &rel->alias_quoted);
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
    PlanNode *j = new_node(b, PN_JOIN, f->span, 1);
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


static const AstWindowDef *find_window_def(const AstSelect *q, const AstName *n);

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
        const AstWindowDef *d = b->select ? find_window_def(b->select, &w->ref) : NULL;
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
    if (!make_window(b, sc, w, &pw)) return false;
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
    PlanNode *j = new_node(b, PN_JOIN, f->span, 2);
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
    bool rel_right = plan_is_relation(b, right), rel_left = plan_is_relation(b, left);
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
    FnCtx cx = fnctx(b, cur->span);
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
    PlanNode *t = new_node(b, PN_TABLEFN, f->span, 1);
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
    FnCtx cx = fnctx(b, ra->span);
    if (radius->kind == EX_CONST && type_is_numeric(radius->type.id)) radius = fn_cast(&cx, radius, type_make(TY_DOUBLE));
    if (!radius || radius->kind != EX_CONST || radius->type.id != TY_DOUBLE || radius->k.null || !(radius->k.u.d > 0)) {
        diag_error(b->diag, ra->span, "%s's scanRadius must be a positive number", name);
        return NULL;
    }
    if (!int_const_arg(b, &none, call->list->items[3], name, "minimumNumberOfPointsInAHotspot", 2, window, &min_points))
        return NULL;
    PlanNode *t = new_node(b, PN_TABLEFN, f->span, 1);
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
    PlanNode *t = new_node(b, PN_TABLEFN, f->span, 1);
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

static PlanNode *bind_table_fn(Binder *b, const AstFrom *f, Scope *sc)
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
    t = new_node(b, PN_TABLEFN, f->span, 1);
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
    rel->schema = rename_columns(b, f, &t->out);
    if (!rel->schema) return NULL;
    rel->alias = from_alias(f, "", &rel->alias_quoted);
    return t;
}

/* The FROM item of a single-input query: its plan and its scope entry. */
static PlanNode *bind_from(Binder *b, const AstFrom *f, Scope *sc)
{
    if (!f) {
        sc->n = 0;
        return NULL;
    }
    if (f->kind == FROM_JOIN) return bind_join(b, f, sc);
    if (f->kind == FROM_TABLE_FN) return bind_table_fn(b, f, sc);
    if (f->over) {
        diag_error(b->diag, f->span, "a window on a FROM item only makes sense in a join, which is not implemented yet");
        return NULL;
    }
    ScopeRel *rel = &sc->rels[0];
    sc->n = 1;
    rel->input = 0;
    rel->offset = 0;
    if (f->kind == FROM_SUBQUERY) {
        PlanNode *sub = bind_query(b, f->sub);
        if (!sub) return NULL;
        rel->schema = rename_columns(b, f, &sub->out);
        rel->alias = from_alias(f, "", &rel->alias_quoted);
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
    PlanNode *scan = new_node(b, PN_SCAN, f->span, 0);
    scan->stream = s->id;
    scan->out = s->schema;
    rel->schema = rename_columns(b, f, &s->schema);
    if (!rel->schema) return NULL;
    rel->alias = from_alias(f, s->name, &rel->alias_quoted);
    rel->has_arrival = s->input;
    rel->schemaless = s->schemaless;
    add_source(b, s->id);
    return scan;
}

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

static void unique_names(Binder *b, Column *cols, int n)
{
    for (int i = 1; i < n; i++) {
        for (int j = 0; j < i; j++) {
            if (strcmp(cols[i].name, cols[j].name) != 0) continue;
            /* a repeated name gets a numeric suffix, as Calcite names them */
            for (int k = 0;; k++) {
                char buf[300];
                snprintf(buf, sizeof buf, "%s%d", cols[i].name, k);
                bool taken = false;
                for (int m = 0; m < n; m++)
                    if (m != i && strcmp(cols[m].name, buf) == 0) taken = true;
                if (!taken) {
                    cols[i].name = arena_strndup(b->arena, buf, strlen(buf));
                    break;
                }
            }
            break;
        }
    }
}


/* ---- aggregation (tumbling windows) ---- */

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

static bool ast_has_aggregate(const AstExpr *a)
{
    if (!a) return false;
    if (is_aggregate_call(a)) return true;
    if (ast_has_aggregate(a->a) || ast_has_aggregate(a->b) || ast_has_aggregate(a->c)) return true;
    if (a->list)
        for (int i = 0; i < a->list->n; i++)
            if (ast_has_aggregate(a->list->items[i])) return true;
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
        if (ast_has_aggregate(x)) {
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
    FnCtx cx = fnctx(b, a->span);
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
static Expr *bind_aggregated(Binder *b, const Scope *sc, const AstExpr *a, bool *handled)
{
    AggScope *g = b->agg;
    *handled = true;
    if (is_aggregate_call(a)) {
        for (int i = 0; i < g->naggs; i++)
            if (g->agg_ast[i] == a) return expr_column(b->arena, 0, g->nkeys + i, g->aggs[i]->type, a->span);
        return NULL;   /* its arguments failed to bind, already reported */
    }
    if (a->kind == AE_NAME && a->nnames == 1 && is_word(&a->names[0], "ROWTIME")) {
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

static PlanNode *bind_grouping(Binder *b, const AstSelect *q, Scope *sc, PlanNode *input, AggScope *g)
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
    bool relation = !q->stagger && plan_is_relation(b, input);
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
        if (ast_has_aggregate(x)) {
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
    PlanNode *a = new_node(b, PN_AGGREGATE, keylist ? span_join(((AstExpr *)keylist->items[0])->span, q->span) : q->span, 1);
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

/* ---- sliding windows (OVER) ---- */

static bool ast_has_over(const AstExpr *a)
{
    if (!a) return false;
    if (a->kind == AE_CALL && a->over) return true;
    if (ast_has_over(a->a) || ast_has_over(a->b) || ast_has_over(a->c)) return true;
    if (a->list)
        for (int i = 0; i < a->list->n; i++)
            if (ast_has_over(a->list->items[i])) return true;
    return false;
}

static const AstWindowDef *find_window_def(const AstSelect *q, const AstName *n)
{
    for (int i = 0; q->windows && i < q->windows->n; i++) {
        const AstWindowDef *d = q->windows->items[i];
        if (strcmp(d->name.name, n->name) == 0 || (!n->quoted && !d->name.quoted && strcasecmp(d->name.name, n->name) == 0))
            return d;
    }
    return NULL;
}

static bool is_rowtime_ref(const AstExpr *e)
{
    return e->kind == AE_NAME && is_word(&e->names[e->nnames - 1], "ROWTIME");
}

/* Checks a window specification and turns it into a PlanWindow (without calls). */
static bool make_window(Binder *b, const Scope *sc, const AstWindowSpec *w, PlanWindow *out)
{
    memset(out, 0, sizeof *out);
    out->span = w->span;
    Span at = w->span.len ? w->span : span_make(0, 0);
    if (w->order)
        for (int i = 0; i < w->order->n; i++) {
            const AstOrderItem *o = w->order->items[i];
            if (!is_rowtime_ref(o->expr) || o->desc) {
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
        const AstWindowDef *d = find_window_def(q, &spec->ref);
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
    bool ok = make_window(b, sc, spec, &pw);
    int nargs = a->list ? a->list->n : 0;
    Expr *args[8];
    if (nargs > 8) nargs = 8;
    for (int i = 0; i < nargs && ok; i++) {
        const AstExpr *x = a->list->items[i];
        if (ast_has_over(x) || ast_has_aggregate(x)) {
            diag_error(b->diag, x->span, "the argument of a windowed function cannot contain another one");
            ok = false;
            break;
        }
        args[i] = bind_expr(b, sc, x);
        if (!args[i]) ok = false;
    }
    b->win = saved;
    if (!ok) return;
    if (a->distinct) {
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
    FnCtx cx = fnctx(b, a->span);
    cx.star = a->star_arg;
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
static PlanNode *bind_windows(Binder *b, const AstSelect *q, const Scope *sc, PlanNode *input, WinScope *w)
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
    PlanNode *node = new_node(b, PN_WINDOW, q->span, 1);
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

/* SELECT STREAM DISTINCT (KDA's SELECT ALL and SELECT DISTINCT page): rows
 * are duplicates when every selected column but the output ROWTIME is the
 * same; a row leaves at once, the first time it is seen. The select list
 * must hold an expression that only grows with ROWTIME: when it changes,
 * no earlier row can come again, so the rows seen are forgotten and the
 * state stays bounded. Without one, an unqualified ROWTIME selected plays
 * that part (rows are distinct among those sharing a ROWTIME). */
static bool bind_distinct(Binder *b, PlanNode *p, int nvisible, const PlanNode *below, Span span, bool relation)
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

/* VALUES (row), ...: a relation of rows given in SQL. It becomes a stream
 * of its own, whose rows enter once when the application starts, at the
 * clock's time; its columns are EXPR$0, EXPR$1, ... unless an alias names
 * them (FROM (VALUES ...) AS t(a, b)). */
static PlanNode *bind_values(Binder *b, const AstSelect *q)
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
        FnCtx cx = fnctx(b, q->span);
        for (int r = 0; r < nrows; r++)
            if (memcmp(&v[r * ncols + c]->type, &t, sizeof t) != 0) v[r * ncols + c] = fn_cast(&cx, v[r * ncols + c], t);
        char nm[32];
        snprintf(nm, sizeof nm, "EXPR$%d", c);
        cols[c].name = arena_strndup(b->arena, nm, strlen(nm));
        cols[c].type = t;
    }
    char label[64];
    int line = 0, col = 0;
    if (b->diag->src) diag_position(b->diag->src, b->diag->src_len, q->span.off, &line, &col);
    snprintf(label, sizeof label, "VALUES at line %d column %d", line, col);
    Schema sch = {.ncols = ncols, .cols = cols};
    CatStream *st = cat_add_stream(&b->app->cat, arena_strndup(b->arena, label, strlen(label)), &sch, q->span);
    st->values = v;
    st->nvalues = nrows;
    PlanNode *scan = new_node(b, PN_SCAN, q->span, 0);
    scan->stream = st->id;
    scan->out = st->schema;
    add_source(b, st->id);
    return scan;
}

/* q1 INTERSECT q2, q1 EXCEPT q2: set operations of relations (DIALECT
 * C11); a stream has no end, so neither side may be one. Columns pair by
 * position, with the common type of each pair, and the first query's
 * names. */
static PlanNode *bind_setop(Binder *b, const AstSelect *q)
{
    const char *what = q->setop == SETOP_EXCEPT ? "EXCEPT" : "INTERSECT";
    b->bare_query = false;
    PlanNode *l = bind_query(b, q->set_left), *r = bind_query(b, q->set_right);
    if (!l || !r) return NULL;
    if (!plan_is_relation(b, l) || !plan_is_relation(b, r)) {
        diag_error(b->diag, (plan_is_relation(b, l) ? r : l)->span,
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
    PlanNode *n = new_node(b, PN_SETOP, q->span, 2);
    n->except = q->setop == SETOP_EXCEPT;
    n->out.ncols = l->out.ncols;
    n->out.cols = cols;
    n->inputs[0] = conform(b, l, &n->out, l->span, what);
    n->inputs[1] = conform(b, r, &n->out, r->span, what);
    return n;
}

static PlanNode *bind_select(Binder *b, const AstSelect *q)
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
    bool relation = plan_is_relation(b, input);
    /* A query of its own, or a pump's, says STREAM (DIALECT S4); inside a
     * subquery or a CURSOR a SELECT over a stream streams whether or not it
     * says so, and so does one over a table function's rows, as in the KDA
     * guide's HOTSPOTS pump (INSERT INTO ... SELECT ... FROM TABLE(HOTSPOTS(...))).
     * KDA also ran pumps whose outer SELECT reads a subquery that says
     * STREAM (AWS's real-time web analytics solution: SELECT 'metric', ...
     * FROM (SELECT STREAM ...)): the subquery has said it. */
    bool sub_streams = q->from->kind == FROM_SUBQUERY && q->from->sub && q->from->sub->stream;
    if (!q->stream && must_say_stream && q->from->kind != FROM_TABLE_FN && !sub_streams && !relation) {
        diag_error(b->diag, q->span, "a query over a stream must be SELECT STREAM (a plain SELECT reads a table)");
        return NULL;
    }
    PlanNode *top = input;
    if (q->where) {
        Expr *pred = bind_condition(b, &sc, q->where, "WHERE");
        if (pred) {
            PlanNode *f = new_node(b, PN_FILTER, q->where->span, 1);
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
        if (ast_has_aggregate(((AstSelectItem *)q->items->items[i])->expr)) grouped = true;
    const Schema *named = sc.n ? (input->kind == PN_JOIN ? &input->out : sc.rels[0].schema) : NULL;
    bool windowed = false;
    for (int i = 0; i < q->items->n; i++)
        if (ast_has_over(((AstSelectItem *)q->items->items[i])->expr)) windowed = true;
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
                PlanNode *f = new_node(b, PN_FILTER, q->having->span, 1);
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
                const ScopeRel *rel = find_rel(&sc, &it->expr->names[0]);
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
                    const ScopeRel *want = find_rel(&sc, &it->expr->names[0]);
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
        if (it->alias.name && is_word(&it->alias, "ROWTIME")) {
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
        } else if (is_rowtime_ref(o->expr) && o->expr->nnames == 1) {
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
            } else if (x->kind == AE_NAME && x->nnames == 1 && !is_word(&x->names[0], "ROWTIME")) {
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
    PlanNode *p = new_node(b, PN_PROJECT, q->span, 1);
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
        PlanNode *t = new_node(b, PN_SORT, q->span, 1);
        t->inputs[0] = p;
        t->within = slack;
        t->out = p->out;
        return t;
    }
    if (!nsort) return p;
    PlanNode *sort = new_node(b, PN_SORT, q->span, 1);
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

static PlanNode *bind_union(Binder *b, const AstSelect *q);

/* q1 UNION ALL q2 ORDER BY ...: the grammar hangs the ORDER BY on the last
 * branch, but it sorts the union (the KDA ORDER BY page: "the UNION ...
 * collects records from two separate streams for ordering"); its names are
 * the union's columns, named by the first branch. */
static PlanNode *bind_query(Binder *b, const AstSelect *q)
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
    bool relation = plan_is_relation(b, u);
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
    PlanNode *sort = new_node(b, PN_SORT, last->span, 1);
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
    PlanNode *p = new_node(b, PN_PROJECT, u->span, 1);
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
    PlanNode *u = new_node(b, PN_UNION, q->span, n);
    int i = 0, last_distinct = -1;   /* the branch after the last UNION without ALL */
    bool ok = true, distinct = false;
    for (const AstSelect *s = q; s; s = s->union_all, i++) {
        if (s->union_distinct) distinct = true, last_distinct = i;
        u->inputs[i] = bind_select(b, s);
        if (!u->inputs[i]) ok = false;
    }
    if (!ok) return NULL;
    if (distinct && !plan_is_relation(b, u->inputs[0])) {
        diag_error(b->diag, q->span, "UNION without ALL is not allowed on streams: write UNION ALL");
        return NULL;
    }
    /* the reference: "it is an error if one side is a stream and the other is a relation" */
    for (i = 1; i < n; i++)
        if (plan_is_relation(b, u->inputs[i]) != plan_is_relation(b, u->inputs[0])) {
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
        d = new_node(b, PN_UNION, q->span, last_distinct + 1);
        for (i = 0; i <= last_distinct; i++) d->inputs[i] = u->inputs[i];
        d->out = u->out;
    }
    PlanNode *p = new_node(b, PN_PROJECT, q->span, 1);
    p->inputs[0] = d;
    p->nexprs = u->out.ncols;
    p->exprs = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(p->nexprs ? p->nexprs : 1));
    for (int c = 0; c < p->nexprs; c++) p->exprs[c] = expr_column(b->arena, 0, c, u->out.cols[c].type, q->span);
    p->out = u->out;
    if (!bind_distinct(b, p, p->nexprs, d, q->span, true)) return NULL;
    if (d == u) return p;
    PlanNode *all = new_node(b, PN_UNION, q->span, n - last_distinct);
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
    FnCtx cx = fnctx(b, span);
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
    PlanNode *p = new_node(b, PN_PROJECT, span, 1);
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

/* ---- statements ---- */

static void add_pump(PlanApp *app, PlanPump *p)
{
    if (app->npumps == app->cap) {
        app->cap = app->cap ? app->cap * 2 : 16;
        app->pumps = mem_realloc(app->pumps, sizeof *app->pumps * (size_t)app->cap);
    }
    app->pumps[app->npumps++] = p;
}

static bool is_input_name(const BindOptions *opt, const char *name)
{
    for (int i = 0; opt && i < opt->ninputs; i++)
        if (strcmp(opt->inputs[i], name) == 0) return true;
    return false;
}

static void bind_create_stream(Binder *b, const AstStmt *s)
{
    Catalog *cat = &b->app->cat;
    int n = s->columns ? s->columns->n : 0;
    Schema sch;
    sch.ncols = n;
    sch.cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(n ? n : 1));
    bool ok = true;
    for (int i = 0; i < n; i++) {
        AstColumnDef *c = s->columns->items[i];
        for (int j = 0; j < i; j++)
            if (strcmp(sch.cols[j].name, c->name.name) == 0) {
                diag_error(b->diag, c->name.span, "column \"%s\" is declared twice", c->name.name);
                ok = false;
            }
        if (is_word(&c->name, "ROWTIME")) {
            diag_error(b->diag, c->name.span, "ROWTIME is a system column of every stream and cannot be declared");
            ok = false;
        }
        if (type_is_interval(c->type.id)) {
            diag_error(b->diag, c->type.span, "INTERVAL is not a column type (intervals exist only in expressions)");
            ok = false;
        }
        sch.cols[i].name = c->name.name;
        sch.cols[i].type = type_from_ast(&c->type);
        sch.cols[i].type.notnull = c->notnull;
    }
    if (!ok) return;
    CatStream *old = cat_find_stream(cat, s->name.name, true);
    if (old) {
        if (!s->or_replace && old->declared) {
            diag_error(b->diag, s->name.span, "stream \"%s\" already exists (use CREATE OR REPLACE STREAM)", s->name.name);
            return;
        }
        cat_set_schema(cat, old, &sch);
        old->declared = true;
        old->discovered = false;
        old->span = s->span;
        return;
    }
    CatStream *st = cat_add_stream(cat, s->name.name, &sch, s->span);
    st->declared = true;
    st->input = is_input_name(b->opt, st->name);
}

static CatStream *find_target(Binder *b, const AstName *n)
{
    CatStream *t = cat_find_stream(&b->app->cat, n->name, n->quoted);
    if (!t) {
        const char *names[256];
        int k = cat_stream_names(&b->app->cat, names, 256);
        const char *sug = diag_suggest(n->name, names, k);
        if (sug)
            diag_error(b->diag, n->span, "unknown stream \"%s\" (did you mean \"%s\"?); create it with CREATE STREAM first", n->name, sug);
        else
            diag_error(b->diag, n->span, "unknown stream \"%s\": create it with CREATE STREAM before inserting into it", n->name);
        return NULL;
    }
    if (t->input) {
        diag_error(b->diag, n->span, "cannot insert into \"%s\": it is fed by the input", t->name);
        return NULL;
    }
    return t;
}

static void bind_insert(Binder *b, const AstStmt *s)
{
    CatStream *t = find_target(b, &s->target);
    PlanPump *p = arena_zalloc(b->arena, sizeof *p);
    p->name = s->kind == ST_CREATE_PUMP ? arena_strndup(b->arena, s->name.name, strlen(s->name.name)) : "INSERT";
    p->span = s->span;
    b->pump = p;
    b->bare_query = true;
    PlanNode *q = bind_query(b, s->query);
    b->bare_query = false;
    if (!t || !q) return;
    const Schema *ts = &t->schema;
    /* which target column each query column feeds */
    int nq = q->out.ncols;
    int *map = arena_alloc(b->arena, sizeof(int) * (size_t)(nq ? nq : 1));
    if (s->target_cols) {
        if (s->target_cols->n != nq) {
            diag_error(b->diag, s->query->span, "the query returns %d column%s but the column list names %d", nq,
                       nq == 1 ? "" : "s", s->target_cols->n);
            return;
        }
        for (int i = 0; i < nq; i++) {
            AstName *cn = s->target_cols->items[i];
            int c = schema_lookup(ts, cn->name, cn->quoted);
            if (c < 0) {
                const char *cands[256];
                int k = 0;
                for (int j = 0; j < ts->ncols && k < 256; j++) cands[k++] = ts->cols[j].name;
                const char *sug = diag_suggest(cn->name, cands, k);
                if (sug)
                    diag_error(b->diag, cn->span, "stream \"%s\" has no column \"%s\" (did you mean \"%s\"?)", t->name, cn->name, sug);
                else
                    diag_error(b->diag, cn->span, "stream \"%s\" has no column \"%s\"", t->name, cn->name);
                return;
            }
            for (int j = 0; j < i; j++)
                if (map[j] == c) {
                    diag_error(b->diag, cn->span, "column \"%s\" is listed twice", cn->name);
                    return;
                }
            map[i] = c;
        }
    } else {
        if (nq != ts->ncols) {
            diag_error(b->diag, s->query->span, "the query returns %d column%s but stream \"%s\" has %d", nq, nq == 1 ? "" : "s",
                       t->name, ts->ncols);
            return;
        }
        for (int i = 0; i < nq; i++) map[i] = i;
    }
    for (int i = 0; i < nq; i++) {
        SqlType from = q->out.cols[i].type, to = ts->cols[map[i]].type;
        if (!type_assignable(from, to)) {
            char a[64], bb[64];
            diag_error(b->diag, s->query->span, "column %d (%s) of the query is %s, which cannot go into column \"%s\" %s of \"%s\"",
                       i + 1, q->out.cols[i].name, type_name(from, a, sizeof a), ts->cols[map[i]].name,
                       type_name(to, bb, sizeof bb), t->name);
            return;
        }
    }
    /* Final projection: the target's columns in order, converted to its types. */
    FnCtx cx = fnctx(b, s->query->span);
    PlanNode *proj;
    Expr **src;
    if (q->kind == PN_PROJECT) {
        proj = q;
        src = q->exprs;
    } else {
        proj = new_node(b, PN_PROJECT, s->query->span, 1);
        proj->inputs[0] = q;
        src = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(nq ? nq : 1));
        for (int i = 0; i < nq; i++) src[i] = expr_column(b->arena, 0, i, q->out.cols[i].type, s->query->span);
    }
    Expr **exprs = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(ts->ncols ? ts->ncols : 1));
    for (int c = 0; c < ts->ncols; c++) exprs[c] = NULL;
    for (int i = 0; i < nq; i++) {
        SqlType to = ts->cols[map[i]].type;
        Expr *e = src[i];
        /* a number or time stored into a character column is its text, cut to the column like any string */
        if (type_is_string(to.id) && !type_is_string(e->type.id) && e->type.id != TY_NULL)
            e = fn_cast(&cx, e, type_string(TY_VARCHAR, 0));
        exprs[map[i]] = fn_cast(&cx, e, to);
    }
    for (int c = 0; c < ts->ncols; c++)
        if (!exprs[c]) exprs[c] = expr_const(b->arena, ts->cols[c].type, val_null(), s->query->span);
    proj->exprs = exprs;
    proj->nexprs = ts->ncols;
    proj->out = *ts;
    PlanNode *ins = new_node(b, PN_INSERT, s->span, 1);
    ins->inputs[0] = proj;
    ins->stream = t->id;
    ins->out = *ts;
    p->root = ins;
    p->target = t->id;
    add_pump(b->app, p);
}

static void bind_bare_select(Binder *b, const AstStmt *s)
{
    PlanPump *p = arena_zalloc(b->arena, sizeof *p);
    /* a bare query has no name of its own: the error stream names it by its line */
    char label[64];
    int line = 0, col = 0;
    if (b->diag->src) diag_position(b->diag->src, b->diag->src_len, s->span.off, &line, &col);
    if (line) snprintf(label, sizeof label, "SELECT STREAM at line %d", line);
    else snprintf(label, sizeof label, "SELECT STREAM #%d", b->app->npumps + 1);
    p->name = arena_strndup(b->arena, label, strlen(label));
    p->span = s->span;
    b->pump = p;
    b->bare_query = true;
    PlanNode *q = bind_query(b, s->query);
    b->bare_query = false;
    if (!q) return;
    /* The output already starts with the row's ROWTIME: a selected ROWTIME
     * column would repeat it under the same key, so it is left out. */
    PlanNode *pj = q->kind == PN_SORT && q->within >= 0 ? q->inputs[0] : q;
    if (pj->kind == PN_PROJECT) {
        int k = 0;
        for (int i = 0; i < pj->nexprs; i++) {
            bool same = strcmp(pj->out.cols[i].name, "ROWTIME") == 0 &&
                        (pj->exprs[i]->kind == EX_OUT_ROWTIME || (pj->exprs[i]->kind == EX_ROWTIME && !pj->rowtime));
            if (same) continue;
            if (strcmp(pj->out.cols[i].name, "ROWTIME") == 0) pj->out.cols[i].name = "ROWTIME0";
            pj->exprs[k] = pj->exprs[i];
            pj->out.cols[k] = pj->out.cols[i];
            k++;
        }
        pj->nexprs = pj->out.ncols = k;
        if (pj != q) q->out = pj->out;
    } else if (q->kind == PN_SORT) {
        /* the sort may still need the column as a key: only stop emitting it */
        const PlanNode *proj = q->inputs[0];
        int k = 0;
        Column *cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(q->nemit ? q->nemit : 1));
        for (int i = 0; i < q->nemit; i++) {
            int c = q->emit_cols[i];
            bool same = strcmp(proj->out.cols[c].name, "ROWTIME") == 0 &&
                        (proj->exprs[c]->kind == EX_OUT_ROWTIME || (proj->exprs[c]->kind == EX_ROWTIME && !proj->rowtime));
            if (same) continue;
            q->emit_cols[k] = c;
            cols[k] = proj->out.cols[c];
            if (strcmp(cols[k].name, "ROWTIME") == 0) cols[k].name = "ROWTIME0";
            k++;
        }
        q->nemit = k;
        q->out.ncols = k;
        q->out.cols = cols;
    }
    CatStream *out = cat_add_stream(&b->app->cat, p->name, &q->out, s->span);
    out->anonymous = true;
    out->output = true;
    PlanNode *ins = new_node(b, PN_INSERT, s->span, 1);
    ins->inputs[0] = q;
    ins->stream = out->id;
    ins->out = out->schema;
    p->root = ins;
    p->target = out->id;
    add_pump(b->app, p);
}

/* Pumps form a graph from the streams they read to the one they write; a
 * cycle would feed a stream its own rows forever. */
static bool find_cycle(PlanApp *app, int stream, int *state, int *path, int depth, int *cycle_len)
{
    state[stream] = 1;
    path[depth] = stream;
    for (int i = 0; i < app->npumps; i++) {
        PlanPump *p = app->pumps[i];
        bool reads = false;
        for (int k = 0; k < p->nsources; k++)
            if (p->sources[k] == stream) reads = true;
        if (!reads) continue;
        int t = p->target;
        if (state[t] == 1) {
            *cycle_len = depth + 1;
            path[depth + 1] = t;
            return true;
        }
        if (state[t] == 0 && find_cycle(app, t, state, path, depth + 1, cycle_len)) return true;
    }
    state[stream] = 2;
    return false;
}

static void check_cycles(Binder *b)
{
    PlanApp *app = b->app;
    int n = app->cat.nstreams;
    int *state = mem_calloc((size_t)n + 1, sizeof(int));
    int *path = mem_calloc((size_t)n + 2, sizeof(int));
    for (int s = 0; s < n; s++) {
        int len = 0;
        if (state[s] == 0 && find_cycle(app, s, state, path, 0, &len)) {
            char msg[1024];
            size_t used = 0;
            int start = 0;
            while (start < len && path[start] != path[len]) start++;
            for (int i = start; i <= len && used < sizeof msg - 140; i++)
                used += (size_t)snprintf(msg + used, sizeof msg - used, "%s\"%s\"", i > start ? " -> " : "", app->cat.streams[path[i]]->name);
            Span at = span_make(0, 0);
            for (int i = 0; i < app->npumps; i++)
                if (app->pumps[i]->target == path[len]) at = app->pumps[i]->span;
            diag_error(b->diag, at, "pumps form a cycle: %s", msg);
            break;
        }
    }
    mem_free(state);
    mem_free(path);
}

static void bind_create_function(Binder *b, const AstStmt *s)
{
    PlanApp *app = b->app;
    const UserFn *old = find_user_fn(app, &s->name);
    if (old && !s->or_replace) {
        diag_error(b->diag, s->name.span, "function %s already exists (use CREATE OR REPLACE FUNCTION)", s->name.name);
        return;
    }
    if (!old && fn_find(s->name.name) && !s->name.quoted) {
        diag_error(b->diag, s->name.span, "%s is a built-in function: choose another name", s->name.name);
        return;
    }
    int np = s->columns ? s->columns->n : 0;
    UserFn f;
    memset(&f, 0, sizeof f);
    f.name = arena_strndup(b->arena, s->name.name, strlen(s->name.name));
    f.nparams = np;
    f.params = arena_alloc(b->arena, sizeof(char *) * (size_t)(np ? np : 1));
    f.params_quoted = arena_alloc(b->arena, sizeof(bool) * (size_t)(np ? np : 1));
    f.types = arena_alloc(b->arena, sizeof(SqlType) * (size_t)(np ? np : 1));
    for (int i = 0; i < np; i++) {
        const AstColumnDef *c = s->columns->items[i];
        f.params[i] = arena_strndup(b->arena, c->name.name, strlen(c->name.name));
        f.params_quoted[i] = c->name.quoted;
        f.types[i] = type_from_ast(&c->type);
    }
    f.ret = type_from_ast(&s->returns);
    f.body = s->body;
    f.null_on_null = s->null_on_null;
    /* check the body once now, with placeholder arguments of the declared types */
    Expr **probe = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(np ? np : 1));
    for (int i = 0; i < np; i++) {
        probe[i] = expr_new(b->arena, EX_COLUMN, 0);
        probe[i]->type = f.types[i];
        probe[i]->col = i;
    }
    b->ufn = &f;
    b->ufn_args = probe;
    Scope none;
    memset(&none, 0, sizeof none);
    Expr *body = bind_expr(b, &none, s->body);
    b->ufn = NULL;
    b->ufn_args = NULL;
    if (!body) return;
    if (!type_assignable(body->type, f.ret) && !conv_cast_allowed(body->type, f.ret)) {
        char t1[64], t2[64];
        diag_error(b->diag, s->body->span, "the body is %s, which does not convert to the RETURNS type %s",
                   type_name(body->type, t1, sizeof t1), type_name(f.ret, t2, sizeof t2));
        return;
    }
    if (old) {
        *(UserFn *)old = f;
        return;
    }
    if (app->nfns == app->capfns) {
        app->capfns = app->capfns ? app->capfns * 2 : 8;
        app->fns = mem_realloc(app->fns, sizeof(UserFn) * (size_t)app->capfns);
    }
    app->fns[app->nfns++] = f;
}

/* INSERT INTO s [(columns)] VALUES (...), ... typed by hand (the REPL): each
 * value is a constant expression, converted to its column's type; columns
 * the list leaves out are NULL. The rows go to *rows (in arena a), as
 * *stream's rows. Returns how many, or -1 with the errors in diag. */
int bind_insert_values(PlanApp *app, const AstStmt *s, DiagList *diag, Arena *a, int *stream, Value ***rows)
{
    Binder b;
    memset(&b, 0, sizeof b);
    b.app = app;
    b.arena = a;
    b.diag = diag;
    const AstSelect *q = s->query;
    if (!q || !q->values) {
        diag_error(diag, s->span, "only INSERT ... VALUES runs by itself; an INSERT of a query runs inside a pump: "
                                  "CREATE PUMP name AS INSERT INTO ...");
        return -1;
    }
    CatStream *t = cat_find_stream(&app->cat, s->target.name, s->target.quoted);
    if (!t || t->table) {
        diag_error(diag, s->target.span, "unknown stream \"%s\": create it with CREATE STREAM first", s->target.name);
        return -1;
    }
    const Schema *ts = &t->schema;
    int ncols = s->target_cols ? s->target_cols->n : ts->ncols;
    int *map = arena_alloc(a, sizeof(int) * (size_t)(ncols ? ncols : 1));
    for (int i = 0; i < ncols; i++) {
        map[i] = i;
        if (!s->target_cols) continue;
        const AstName *cn = s->target_cols->items[i];
        map[i] = schema_lookup(ts, cn->name, cn->quoted);
        if (map[i] < 0) {
            diag_error(diag, cn->span, "stream \"%s\" has no column \"%s\"", t->name, cn->name);
            return -1;
        }
    }
    Scope none;
    memset(&none, 0, sizeof none);
    int nrows = q->values->n;
    Value **out = arena_alloc(a, sizeof(Value *) * (size_t)(nrows ? nrows : 1));
    for (int r = 0; r < nrows; r++) {
        const AstList *row = q->values->items[r];
        if (row->n != ncols) {
            diag_error(diag, q->span, "row %d of VALUES has %d value%s; \"%s\" takes %d", r + 1, row->n, row->n == 1 ? "" : "s",
                       t->name, ncols);
            return -1;
        }
        out[r] = arena_alloc(a, sizeof(Value) * (size_t)(ts->ncols ? ts->ncols : 1));
        for (int c = 0; c < ts->ncols; c++) out[r][c] = val_null();
        for (int i = 0; i < ncols; i++) {
            const AstExpr *x = row->items[i];
            Expr *e = bind_expr(&b, &none, x);
            if (!e) return -1;   /* with no FROM, a column name is already an error */
            FnCtx cx = fnctx(&b, x->span);
            e = fn_cast(&cx, e, ts->cols[map[i]].type);
            if (!e) return -1;
            EvalCtx ev;
            memset(&ev, 0, sizeof ev);
            ev.arena = a;
            Value v;
            expr_eval(e, &ev, &v);
            if (ev.err.set) {
                diag_error(diag, x->span, "%s", ev.err.msg);
                return -1;
            }
            if (v.null && ts->cols[map[i]].type.notnull) {
                diag_error(diag, x->span, "column \"%s\" is NOT NULL", ts->cols[map[i]].name);
                return -1;
            }
            out[r][map[i]] = val_copy(ts->cols[map[i]].type, &v, a);
        }
    }
    *stream = t->id;
    *rows = out;
    return nrows;
}

int bind_app(PlanApp *app, AstStmt **stmts, int n, const BindOptions *opt, DiagList *diag)
{
    Binder b;
    memset(&b, 0, sizeof b);
    b.app = app;
    b.arena = &app->arena;
    b.diag = diag;
    b.opt = opt;
    int before = diag->errors;
    for (int i = 0; i < n; i++) {
        AstStmt *s = stmts[i];
        switch (s->kind) {
        case ST_CREATE_STREAM: bind_create_stream(&b, s); break;
        case ST_CREATE_PUMP:
            for (int k = 0; k < app->npumps; k++)
                if (strcmp(app->pumps[k]->name, s->name.name) == 0 && !s->or_replace) {
                    diag_error(diag, s->name.span, "pump \"%s\" already exists (use CREATE OR REPLACE PUMP)", s->name.name);
                    goto next;
                }
            for (int k = 0; k < app->npumps; k++)
                if (strcmp(app->pumps[k]->name, s->name.name) == 0) {
                    /* OR REPLACE: the new definition takes the old one's place */
                    memmove(&app->pumps[k], &app->pumps[k + 1], sizeof(PlanPump *) * (size_t)(app->npumps - k - 1));
                    app->npumps--;
                    break;
                }
            bind_insert(&b, s);
            break;
        case ST_INSERT:
            bind_insert(&b, s);
            break;
        case ST_SELECT: bind_bare_select(&b, s); break;
        case ST_CREATE_FUNCTION: bind_create_function(&b, s); break;
        }
    next:;
    }
    if (diag->errors == before) check_cycles(&b);
    return diag->errors - before;
}
