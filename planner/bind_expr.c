/* Expressions to typed Exprs: literals, operators, calls of built-in and
 * CREATE FUNCTION functions, and IN / EXISTS subqueries over a reference
 * table. */
#include "bind_int.h"

#include <string.h>
#include <strings.h>

#include "functions/ops.h"
#include "src/runtime/convert.h"
#include "src/runtime/numtext.h"
#include "src/runtime/timeutil.h"

/* ---- literals ---- */

/* Out of line, like the other leaves and error paths below: bind_expr and
 * bind_call are on the stack once per level of nesting, so their frames stay
 * small (see AST_MAX_DEPTH). */
static __attribute__((noinline)) Expr *bind_literal(Binder *b, const AstExpr *a)
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
        SqlType t = bind_type(&a->lit_type);
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

/* Other engines' window functions (Flink, Calcite, Spark): what the same
 * window is in this dialect. */
static const char *window_fn_hint(const char *n)
{
    if (!strncasecmp(n, "TUMBLE", 6))
        return "a tumbling window is GROUP BY STEP(ROWTIME BY INTERVAL '1' MINUTE) or FLOOR(ROWTIME TO MINUTE), "
               "with that expression selected for the window's start";
    if (!strncasecmp(n, "HOP", 3))
        return "a sliding window is an OVER window, such as AVG(x) OVER (RANGE INTERVAL '1' MINUTE PRECEDING)";
    if (!strncasecmp(n, "SESSION", 7))
        return "a window that opens with each key's first row is WINDOWED BY STAGGER (PARTITION BY key RANGE "
               "INTERVAL '1' MINUTE)";
    return NULL;
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

/* Apart from bind_call: the list of names is large, and bind_call's frame
 * is on the stack once per level of nested calls. */
static __attribute__((noinline)) void report_unknown_fn(Binder *b, const AstName *n)
{
    NameList l = {.n = 0};
    fn_each(collect_fn, &l);
    const char *s = diag_suggest(n->name, l.names, l.n);
    if (s)
        diag_error(b->diag, n->span, "unknown function %s (did you mean %s?)", n->name, s);
    else
        diag_error(b->diag, n->span, "unknown function %s", n->name);
}

const UserFn *bind_find_user_fn(const PlanApp *app, const AstName *n)
{
    for (int i = 0; i < app->nfns; i++)
        if (strcmp(app->fns[i].name, n->name) == 0 || (!n->quoted && strcasecmp(app->fns[i].name, n->name) == 0))
            return &app->fns[i];
    return NULL;
}

/* A call of a CREATE FUNCTION function: its body bound with the arguments
 * in place of the parameters, converted to the declared result type, and
 * NULL whenever an argument is NULL (RETURNS NULL ON NULL INPUT). */
static __attribute__((noinline)) Expr *bind_user_call(Binder *b, const Scope *sc, const AstExpr *a, const UserFn *f)
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
    FnCtx cx = bind_fnctx(b, a->span);
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

static __attribute__((noinline)) Expr *bind_call(Binder *b, const Scope *sc, const AstExpr *a)
{
    const AstName *n = &a->names[0];
    const UserFn *uf = bind_find_user_fn(b->app, n);
    if (uf && !a->over && !a->distinct && !a->star_arg && a->call_form == CALL_PLAIN) return bind_user_call(b, sc, a, uf);
    const FnDef *def = fn_find(n->name);
    if (a->over && b->clause) {
        diag_error(b->diag, a->span, "%s ... OVER cannot be used in %s, which filters each row before a window sees it: "
                   "select the window's value in a subquery and filter that subquery's rows", n->name, b->clause);
        return NULL;
    }
    if (a->over) {
        diag_error(b->diag, a->span, "%s ... OVER may only appear in the select list of a query without GROUP BY", n->name);
        return NULL;
    }
    if (def && (def->flags & FN_ANALYTIC)) {
        diag_error(b->diag, a->span, "%s needs an OVER clause: it reads the rows of a sliding window", def->name);
        return NULL;
    }
    if (def && (def->flags & FN_AGGREGATE) && b->clause) {
        diag_error(b->diag, a->span, "aggregate function %s cannot be used in %s, which filters each row before it is "
                   "grouped: filter groups with HAVING", def->name, b->clause);
        return NULL;
    }
    if (def && (def->flags & FN_AGGREGATE)) {
        diag_error(b->diag, a->span,
                   "aggregate function %s needs a GROUP BY on a ROWTIME-based expression (a tumbling window) or an OVER "
                   "clause (a sliding window)", def->name);
        return NULL;
    }
    if (!def) {
        const char *hint = window_fn_hint(n->name);
        if (hint) {
            diag_error(b->diag, n->span, "unknown function %s: %s", n->name, hint);
            return NULL;
        }
        report_unknown_fn(b, n);
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
    if (nargs > 64) {
        diag_error(b->diag, a->span, "too many arguments");
        return NULL;
    }
    Expr **args = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(nargs ? nargs : 1));
    bool ok = true;
    for (int i = 0; i < nargs; i++) {
        AstExpr *x = list->items[i];
        args[i] = x ? bind_expr(b, sc, x) : NULL;
        if (x && !args[i]) ok = false;
    }
    if (!ok) return NULL;
    FnCtx cx = bind_fnctx(b, a->span);
    cx.form = form;
    cx.unit = a->unit;
    cx.trim_spec = a->trim_spec;
    cx.trim_given = a->trim_given;
    return fn_bind_call(&cx, def, args, nargs);
}

/* x [NOT] IN (SELECT item FROM table [WHERE ...]) and EXISTS (SELECT ...
 * FROM table [WHERE ...]): a subquery over a reference table, which may
 * name the outer row's columns (a correlated subquery). Its table is the
 * evaluation context's second row, as a joined table is. */
static __attribute__((noinline)) Expr *bind_table_subquery(Binder *b, const Scope *sc, const AstExpr *a)
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
    rel->schema = bind_rename_columns(b, f, &t->schema);
    if (!rel->schema) return NULL;
    rel->alias = bind_from_alias(f, t->name, &rel->alias_quoted);
    rel->input = 1;
    Expr *pred = NULL;
    if (q->where && !(pred = bind_condition(b, &inner, q->where, "WHERE"))) return NULL;
    FnCtx cx = bind_fnctx(b, a->span);
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

static __attribute__((noinline)) Expr *unary_plus(Binder *b, const AstExpr *a, Expr *x)
{
    if (!type_is_numeric(x->type.id) && !type_is_interval(x->type.id) && x->type.id != TY_NULL) {
        char tn[64];
        diag_error(b->diag, a->span, "cannot apply unary '+' to %s", type_name(x->type, tn, sizeof tn));
        return NULL;
    }
    return x;
}

static __attribute__((noinline)) Expr *bind_in_list(Binder *b, const Scope *sc, const AstExpr *a)
{
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
    FnCtx cx = bind_fnctx(b, a->span);
    return fn_in(&cx, a->negated, x, list, n);
}

static Expr *bind_node(Binder *b, const Scope *sc, const AstExpr *a)
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
    FnCtx cx = bind_fnctx(b, a->span);
    switch (a->kind) {
    case AE_LITERAL: return bind_literal(b, a);
    case AE_NAME: return bind_name(b, sc, a);
    case AE_STAR:
        diag_error(b->diag, a->span, "'*' is not valid here");
        return NULL;
    case AE_UNARY: {
        Expr *x = bind_expr(b, sc, a->a);
        if (!x) return NULL;
        if (a->op == AO_PLUS) return unary_plus(b, a, x);
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
    case AE_IN: return bind_in_list(b, sc, a);
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
        return fn_explicit_cast(&cx, x, bind_type(&a->type));
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

/* Binding is as deep as the syntax tree, which the parser bounds
 * (AST_MAX_DEPTH); only the bodies of CREATE FUNCTION functions, put in
 * place of their calls, make it deeper, and that is bounded here. */
Expr *bind_expr(Binder *b, const Scope *sc, const AstExpr *a)
{
    if (b->depth >= AST_MAX_DEPTH) {
        if (!b->depth_reported)
            diag_error(b->diag, span_make(a->span.off, 0), "expression is too deep once the CREATE FUNCTION functions "
                       "it calls are put in place: more than %d levels of operators and calls", AST_MAX_DEPTH);
        b->depth_reported = true;
        return NULL;
    }
    b->depth++;
    Expr *e = bind_node(b, sc, a);
    if (--b->depth == 0) b->depth_reported = false;
    return e;
}

Expr *bind_condition(Binder *b, const Scope *sc, const AstExpr *a, const char *clause)
{
    const char *outer = b->clause;
    b->clause = strcmp(clause, "HAVING") ? clause : NULL;
    Expr *e = bind_expr(b, sc, a);
    b->clause = outer;
    if (!e) return NULL;
    if (e->type.id != TY_BOOLEAN && e->type.id != TY_NULL) {
        char tn[64];
        diag_error(b->diag, a->span, "%s must be a BOOLEAN condition, not %s", clause, type_name(e->type, tn, sizeof tn));
        return NULL;
    }
    return e;
}
