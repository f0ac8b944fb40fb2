#include "ast.h"

#include <string.h>

AstList *ast_list(Arena *a, void *first)
{
    AstList *l = arena_zalloc(a, sizeof *l);
    return ast_append(a, l, first);
}

AstList *ast_append(Arena *a, AstList *l, void *item)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        void **items = arena_alloc(a, sizeof(void *) * (size_t)cap);
        if (l->n) memcpy(items, l->items, sizeof(void *) * (size_t)l->n);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = item;
    return l;
}

AstExpr *ast_expr(Arena *a, AstExprKind kind, Span span)
{
    AstExpr *e = arena_zalloc(a, sizeof *e);
    e->kind = kind;
    e->span = span;
    e->ignore_nulls = -1;
    e->from_last = -1;
    return e;
}

AstExpr *ast_unary(Arena *a, AstOp op, AstExpr *x, Span opspan)
{
    AstExpr *e = ast_expr(a, AE_UNARY, span_join(opspan, x->span));
    e->op = op;
    e->a = x;
    return e;
}

AstExpr *ast_binary(Arena *a, AstOp op, AstExpr *l, AstExpr *r)
{
    AstExpr *e = ast_expr(a, AE_BINARY, span_join(l->span, r->span));
    e->op = op;
    e->a = l;
    e->b = r;
    return e;
}

AstExpr *ast_call(Arena *a, AstName name, AstList *args, Span span)
{
    AstExpr *e = ast_expr(a, AE_CALL, span);
    e->names[0] = name;
    e->nnames = 1;
    e->list = args;
    return e;
}

AstSelect *ast_select(Arena *a) { return arena_zalloc(a, sizeof(AstSelect)); }

AstFrom *ast_from(Arena *a, FromKind kind, Span span)
{
    AstFrom *f = arena_zalloc(a, sizeof *f);
    f->kind = kind;
    f->span = span;
    return f;
}

AstWindowSpec *ast_window(Arena *a, Span span)
{
    AstWindowSpec *w = arena_zalloc(a, sizeof *w);
    w->span = span;
    return w;
}

AstStmt *ast_stmt(Arena *a, AstStmtKind kind, Span span)
{
    AstStmt *s = arena_zalloc(a, sizeof *s);
    s->kind = kind;
    s->span = span;
    s->limit = -1;
    return s;
}

/* ---- depth: how far a statement nests ---- */

/* Every later pass (binder, planner, evaluator, EXPLAIN) walks the tree
 * recursively, so a statement deeper than AST_MAX_DEPTH is refused here,
 * once, before any of them runs. The walk itself stops descending at the
 * limit, so it needs little stack however deep the tree is. */
typedef struct DepthWalk {
    bool deep;
    bool in_expr;     /* that node is an expression, not a query or FROM item */
    Span at;          /* the first node found past the limit */
} DepthWalk;

static void depth_expr(DepthWalk *w, const AstExpr *e, int d);
static void depth_select(DepthWalk *w, const AstSelect *q, int d);

static bool past_limit(DepthWalk *w, Span at, int d, bool in_expr)
{
    if (w->deep) return true;
    if (d <= AST_MAX_DEPTH) return false;
    w->deep = true;
    w->in_expr = in_expr;
    w->at = at;
    return true;
}

static void depth_exprs(DepthWalk *w, const AstList *l, int d)
{
    for (int i = 0; l && i < l->n && !w->deep; i++)
        if (l->items[i]) depth_expr(w, l->items[i], d);
}

static void depth_orders(DepthWalk *w, const AstList *l, int d)
{
    for (int i = 0; l && i < l->n && !w->deep; i++) depth_expr(w, ((const AstOrderItem *)l->items[i])->expr, d);
}

static void depth_window(DepthWalk *w, const AstWindowSpec *s, int d)
{
    if (!s || past_limit(w, s->span, d, true)) return;
    depth_exprs(w, s->partition, d + 1);
    depth_orders(w, s->order, d + 1);
    if (s->start) depth_expr(w, s->start, d + 1);
    if (s->end) depth_expr(w, s->end, d + 1);
}

static void depth_expr(DepthWalk *w, const AstExpr *e, int d)
{
    if (past_limit(w, e->span, d, true)) return;
    if (e->a) depth_expr(w, e->a, d + 1);
    if (e->b) depth_expr(w, e->b, d + 1);
    if (e->c) depth_expr(w, e->c, d + 1);
    depth_exprs(w, e->list, d + 1);
    depth_window(w, e->over, d + 1);
    if (e->subquery) depth_select(w, e->subquery, d + 1);
}

static void depth_from(DepthWalk *w, const AstFrom *f, int d)
{
    if (!f || past_limit(w, f->span, d, false)) return;
    if (f->sub) depth_select(w, f->sub, d + 1);
    if (f->fn) depth_expr(w, f->fn, d + 1);
    depth_from(w, f->left, d + 1);
    depth_from(w, f->right, d + 1);
    if (f->on) depth_expr(w, f->on, d + 1);
    depth_window(w, f->over, d + 1);
}

static void depth_select(DepthWalk *w, const AstSelect *q, int d)
{
    /* the branches of a UNION ALL are a list, not a nesting */
    for (; q && !past_limit(w, q->span, d, false); q = q->union_all) {
        if (q->set_left) depth_select(w, q->set_left, d + 1);
        if (q->set_right) depth_select(w, q->set_right, d + 1);
        for (int i = 0; q->items && i < q->items->n && !w->deep; i++) {
            const AstSelectItem *it = q->items->items[i];
            if (it->expr) depth_expr(w, it->expr, d + 1);
        }
        depth_from(w, q->from, d + 1);
        if (q->where) depth_expr(w, q->where, d + 1);
        depth_exprs(w, q->group_by, d + 1);
        if (q->stagger) {
            depth_exprs(w, q->stagger->partition, d + 1);
            if (q->stagger->range) depth_expr(w, q->stagger->range, d + 1);
        }
        if (q->having) depth_expr(w, q->having, d + 1);
        for (int i = 0; q->windows && i < q->windows->n && !w->deep; i++)
            depth_window(w, ((const AstWindowDef *)q->windows->items[i])->spec, d + 1);
        depth_orders(w, q->order_by, d + 1);
        if (q->order_within) depth_expr(w, q->order_within, d + 1);
        for (int i = 0; q->values && i < q->values->n && !w->deep; i++) depth_exprs(w, q->values->items[i], d + 1);
    }
}

bool ast_too_deep(const AstStmt *s, Span *at, bool *in_expr)
{
    DepthWalk w = {false, false, {0, 0}};
    if (s->query) depth_select(&w, s->query, 1);
    if (s->body) depth_expr(&w, s->body, 1);
    *at = w.at;
    *in_expr = w.in_expr;
    return w.deep;
}

/* ---- dump: a compact s-expression, stable for tests ---- */

static const char *op_text(AstOp op)
{
    static const char *const t[] = {
        [AO_NONE] = "?", [AO_NEG] = "-", [AO_PLUS] = "+", [AO_NOT] = "NOT", [AO_ADD] = "+", [AO_SUB] = "-",
        [AO_MUL] = "*", [AO_DIV] = "/", [AO_CONCAT] = "||", [AO_EQ] = "=", [AO_NE] = "<>", [AO_LT] = "<",
        [AO_LE] = "<=", [AO_GT] = ">", [AO_GE] = ">=", [AO_AND] = "AND", [AO_OR] = "OR",
        [AO_IS_NULL] = "IS NULL", [AO_IS_TRUE] = "IS TRUE", [AO_IS_FALSE] = "IS FALSE",
        [AO_IS_UNKNOWN] = "IS UNKNOWN", [AO_IS_DISTINCT] = "IS DISTINCT FROM", [AO_LIKE] = "LIKE",
        [AO_SIMILAR] = "SIMILAR TO", [AO_P_CONTAINS] = "CONTAINS", [AO_P_OVERLAPS] = "OVERLAPS",
        [AO_P_EQUALS] = "EQUALS", [AO_P_PRECEDES] = "PRECEDES", [AO_P_SUCCEEDS] = "SUCCEEDS",
        [AO_P_IMMEDIATELY_PRECEDES] = "IMMEDIATELY PRECEDES", [AO_P_IMMEDIATELY_SUCCEEDS] = "IMMEDIATELY SUCCEEDS",
        [AO_P_EXTENSION] = "?",
    };
    return t[op];
}

static void dump_name(const AstName *n, FILE *out)
{
    if (n->quoted) fprintf(out, "\"%s\"", n->name);
    else fputs(n->name, out);
}

static void dump_list(const AstList *l, FILE *out)
{
    for (int i = 0; l && i < l->n; i++) {
        fputc(' ', out);
        if (l->items[i]) ast_dump_expr(l->items[i], out);
        else fputs("_", out);
    }
}

void ast_dump_expr(const AstExpr *e, FILE *out)
{
    switch (e->kind) {
    case AE_LITERAL:
        switch (e->lit) {
        case LIT_NULL: fputs("NULL", out); break;
        case LIT_UNKNOWN: fputs("UNKNOWN", out); break;
        case LIT_BOOL: fputs(e->bool_value ? "TRUE" : "FALSE", out); break;
        case LIT_STRING: fprintf(out, "'%s'", e->text); break;
        case LIT_BINARY: fprintf(out, "X'%s'", e->text); break;
        case LIT_DATE: fprintf(out, "DATE '%s'", e->text); break;
        case LIT_TIME: fprintf(out, "TIME '%s'", e->text); break;
        case LIT_TIMESTAMP: fprintf(out, "TIMESTAMP '%s'", e->text); break;
        case LIT_INTERVAL:
            fprintf(out, "INTERVAL %s'%s' %s", e->lit_negative ? "-" : "", e->text, time_unit_name(e->lit_type.unit_hi));
            if (e->lit_type.unit_lo != e->lit_type.unit_hi) fprintf(out, " TO %s", time_unit_name(e->lit_type.unit_lo));
            break;
        default: fputs(e->text, out);
        }
        break;
    case AE_NAME:
        for (int i = 0; i < e->nnames; i++) {
            if (i) fputc('.', out);
            dump_name(&e->names[i], out);
        }
        break;
    case AE_STAR:
        if (e->nnames) dump_name(&e->names[0], out), fputc('.', out);
        fputc('*', out);
        break;
    case AE_UNARY:
        fprintf(out, "(%s ", op_text(e->op));
        ast_dump_expr(e->a, out);
        fputc(')', out);
        break;
    case AE_BINARY:
        fprintf(out, "(%s ", op_text(e->op));
        ast_dump_expr(e->a, out);
        fputc(' ', out);
        ast_dump_expr(e->b, out);
        fputc(')', out);
        break;
    case AE_PERIOD:
        fprintf(out, "(%s ", e->op == AO_P_EXTENSION ? e->text : op_text(e->op));
        ast_dump_expr(e->a, out);
        fputc(' ', out);
        ast_dump_expr(e->b, out);
        fputc(')', out);
        break;
    case AE_IS:
        fprintf(out, "(%s%s ", e->negated ? "NOT " : "", op_text(e->op));
        ast_dump_expr(e->a, out);
        if (e->b) fputc(' ', out), ast_dump_expr(e->b, out);
        fputc(')', out);
        break;
    case AE_BETWEEN:
        fprintf(out, "(%sBETWEEN%s ", e->negated ? "NOT " : "", e->distinct ? " SYMMETRIC" : "");
        ast_dump_expr(e->a, out);
        fputc(' ', out);
        ast_dump_expr(e->b, out);
        fputc(' ', out);
        ast_dump_expr(e->c, out);
        fputc(')', out);
        break;
    case AE_IN:
        fprintf(out, "(%sIN ", e->negated ? "NOT " : "");
        ast_dump_expr(e->a, out);
        if (e->subquery) fputs(" (SUBQUERY)", out);
        dump_list(e->list, out);
        fputc(')', out);
        break;
    case AE_EXISTS:
        fputs("(EXISTS (SUBQUERY))", out);
        break;
    case AE_LIKE:
        fprintf(out, "(%s%s ", e->negated ? "NOT " : "", op_text(e->op));
        ast_dump_expr(e->a, out);
        fputc(' ', out);
        ast_dump_expr(e->b, out);
        if (e->c) fputs(" ESCAPE ", out), ast_dump_expr(e->c, out);
        fputc(')', out);
        break;
    case AE_CASE:
        fputs("(CASE", out);
        if (e->a) fputc(' ', out), ast_dump_expr(e->a, out);
        dump_list(e->list, out);
        if (e->c) fputs(" ELSE ", out), ast_dump_expr(e->c, out);
        fputc(')', out);
        break;
    case AE_CAST: {
        char buf[64];
        SqlType t = type_make(e->type.id);
        t.len = e->type.len > 0 ? e->type.len : 0;
        t.precision = (uint8_t)(e->type.precision > 0 ? e->type.precision : 0);
        t.scale = (uint8_t)(e->type.scale > 0 ? e->type.scale : 0);
        t.unit_hi = (uint8_t)e->type.unit_hi;
        t.unit_lo = (uint8_t)e->type.unit_lo;
        fputs("(CAST ", out);
        ast_dump_expr(e->a, out);
        fprintf(out, " %s)", type_name(t, buf, sizeof buf));
        break;
    }
    case AE_CALL:
        fputc('(', out);
        dump_name(&e->names[0], out);
        if (e->distinct) fputs(" DISTINCT", out);
        if (e->star_arg) fputs(" *", out);
        if (e->call_form == CALL_TO_UNIT || e->call_form == CALL_EXTRACT) fprintf(out, " %s", time_unit_name(e->unit));
        dump_list(e->list, out);
        if (e->over) fputs(" OVER", out);
        fputc(')', out);
        break;
    case AE_ROW:
        fputs("(ROW", out);
        dump_list(e->list, out);
        fputc(')', out);
        break;
    case AE_SUBQUERY:
        fputs("(SUBQUERY)", out);
        break;
    }
}

static void dump_query(const AstSelect *s, FILE *out);

static void dump_select(const AstSelect *s, FILE *out)
{
    if (s->setop == SETOP_GROUP) {
        fputc('(', out);
        dump_query(s->set_left, out);
        fputc(')', out);
    } else if (s->setop) {
        fputc('(', out);
        dump_query(s->set_left, out);
        fputs(s->setop == SETOP_EXCEPT ? " EXCEPT " : " INTERSECT ", out);
        dump_query(s->set_right, out);
        fputc(')', out);
    } else if (s->values) {
        fputs("(VALUES", out);
        for (int i = 0; i < s->values->n; i++) {
            fputs(" (", out);
            AstList *row = s->values->items[i];
            dump_list(row, out);
            fputc(')', out);
        }
        fputc(')', out);
    } else {
        fprintf(out, "(SELECT%s%s", s->stream ? " STREAM" : "", s->distinct ? " DISTINCT" : "");
        for (int i = 0; i < s->items->n; i++) {
            AstSelectItem *it = s->items->items[i];
            fputc(' ', out);
            ast_dump_expr(it->expr, out);
            if (it->alias.name) fputs(" AS ", out), dump_name(&it->alias, out);
        }
        if (s->from) fputs(" FROM ...", out);
        if (s->where) fputs(" WHERE ", out), ast_dump_expr(s->where, out);
        if (s->group_by) fputs(" GROUP BY", out), dump_list(s->group_by, out);
        if (s->having) fputs(" HAVING ", out), ast_dump_expr(s->having, out);
        fputc(')', out);
    }
}

static void dump_query(const AstSelect *s, FILE *out)
{
    dump_select(s, out);
    for (s = s->union_all; s; s = s->union_all) {
        fputs(s->union_distinct ? " UNION " : " UNION ALL ", out);
        dump_select(s, out);
    }
}

void ast_dump_stmt(const AstStmt *s, FILE *out)
{
    switch (s->kind) {
    case ST_CREATE_STREAM:
        fprintf(out, "CREATE STREAM ");
        dump_name(&s->name, out);
        fprintf(out, " (%d columns)", s->columns ? s->columns->n : 0);
        break;
    case ST_CREATE_PUMP:
        fputs("CREATE PUMP ", out);
        dump_name(&s->name, out);
        fputs(" INSERT INTO ", out);
        dump_name(&s->target, out);
        fputc(' ', out);
        dump_query(s->query, out);
        break;
    case ST_INSERT:
        fputs("INSERT INTO ", out);
        dump_name(&s->target, out);
        fputc(' ', out);
        dump_query(s->query, out);
        break;
    case ST_SELECT:
        dump_query(s->query, out);
        if (s->limit >= 0) fprintf(out, " LIMIT %lld", (long long)s->limit);
        break;
    case ST_CREATE_FUNCTION:
        fputs("CREATE FUNCTION ", out);
        dump_name(&s->name, out);
        break;
    }
    fputc('\n', out);
}
