/* Names: the streams and tables a query's FROM brings into scope, and what
 * a name in an expression resolves to there (a column, a field of a row,
 * ROWTIME or APPROXIMATE_ARRIVAL_TIME, a function's parameter). */
#include "bind_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "src/runtime/rowtype.h"

FnCtx bind_fnctx(Binder *b, Span span)
{
    FnCtx cx;
    memset(&cx, 0, sizeof cx);
    cx.arena = b->arena;
    cx.diag = b->diag;
    cx.span = span;
    return cx;
}

enum { WIDE_SCHEMA = 64 };

static const ColumnIndex *column_index(Binder *b, const Schema *s)
{
    int n = (int)(sizeof b->colidx / sizeof b->colidx[0]);
    for (int i = 0; i < n; i++)
        if (b->colidx[i].cols == s->cols && b->colidx[i].ncols == s->ncols) return &b->colidx[i];
    ColumnIndex *x = &b->colidx[b->next_colidx];
    b->next_colidx = (b->next_colidx + 1) % n;
    if (x->cols) {
        namemap_free(&x->exact);
        namemap_free(&x->folded);
    }
    x->cols = s->cols;
    x->ncols = s->ncols;
    namemap_init(&x->exact, false);
    namemap_init(&x->folded, true);
    for (int i = 0; i < s->ncols; i++) {
        namemap_add(&x->exact, s->cols[i].name, i);
        if (namemap_add(&x->folded, s->cols[i].name, i) >= 0) namemap_set(&x->folded, s->cols[i].name, -2);
    }
    return x;
}

int bind_column(Binder *b, const Schema *s, const char *name, bool quoted)
{
    if (s->ncols < WIDE_SCHEMA) return schema_lookup(s, name, quoted);
    const ColumnIndex *x = column_index(b, s);
    int col = namemap_get(&x->exact, name);
    if (col < 0 && !quoted) col = namemap_get(&x->folded, name);
    /* a schema renamed in place since it was indexed: the slow way */
    if (col >= 0 && strcasecmp(s->cols[col].name, name) != 0) return schema_lookup(s, name, quoted);
    return col;
}

void bind_free_column_indexes(Binder *b)
{
    for (size_t i = 0; i < sizeof b->colidx / sizeof b->colidx[0]; i++)
        if (b->colidx[i].cols) {
            namemap_free(&b->colidx[i].exact);
            namemap_free(&b->colidx[i].folded);
            b->colidx[i].cols = NULL;
        }
}

void bind_position(Binder *b, uint32_t off, int *line, int *col)
{
    const char *src = b->diag->src;
    *line = *col = 0;
    if (!src) return;
    if (off > b->diag->src_len) off = b->diag->src_len;
    if (b->pos_line == 0 || off < b->pos_off) b->pos_off = b->pos_bol = 0, b->pos_line = 1;
    for (uint32_t i = b->pos_off; i < off; i++)
        if (src[i] == '\n') b->pos_line++, b->pos_bol = i + 1;
    b->pos_off = off;
    int one;
    diag_position(src + b->pos_bol, off - b->pos_bol, off - b->pos_bol, &one, col);
    *line = b->pos_line;
}

bool bind_is_word(const AstName *n, const char *w)
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

/* Each relation's qualifier, then the stream's own name behind a join
 * window's name; exact matches first, then (for an unquoted name, which
 * may meet a name created outside SQL) case-insensitive ones. */
const ScopeRel *bind_find_rel(const Scope *sc, const AstName *q)
{
    for (int loose = 0; loose < (q->quoted ? 1 : 2); loose++)
        for (int second = 0; second < 2; second++)
            for (int r = 0; r < sc->n; r++) {
                const char *name = second ? sc->rels[r].also : sc->rels[r].alias;
                if (name && (loose ? strcasecmp(name, q->name) : strcmp(name, q->name)) == 0) return &sc->rels[r];
            }
    return NULL;
}

/* Where an unqualified column name is found among rels[from..to). */
typedef struct NameHit {
    int rel, col;
    int other;              /* -1: nowhere else; >= 0: also in that relation; -2: twice in rel, by case only */
} NameHit;

static void note_hit(NameHit *h, int r, int col)
{
    if (h->rel < 0) {
        h->rel = r;
        h->col = col;
        if (col == -2) h->other = -2;
    } else if (h->other == -1) {
        h->other = col == -2 ? -2 : r;
    }
}

/* A column of a relation. A discovered integer column is marked: it holds
 * JSON numbers, which AVG averages as numbers, not as integers. */
static Expr *column_ref(Binder *b, const ScopeRel *rel, int col, Span span)
{
    Expr *e = expr_column(b->arena, rel->input, rel->offset + col, rel->schema->cols[col].type, span);
    if (rel->discovered && type_is_integer(e->type.id)) e->flags |= EXPR_JSON_NUMBER;
    return e;
}

/* An unquoted name is upper-cased and then matches exactly (DIALECT 4):
 * only when no relation has it so does a match by case alone count, so a
 * stream's QTY is not ambiguous with a table's "Qty". */
static Expr *find_column(Binder *b, const Scope *sc, const AstName *n, int from, int to, Span span, bool *found)
{
    NameHit exact = {-1, -1, -1}, loose = {-1, -1, -1};
    for (int r = from; r < to; r++) {
        const Schema *s = sc->rels[r].schema;
        int col = bind_column(b, s, n->name, n->quoted);
        if (col == -1) continue;
        note_hit(col >= 0 && strcmp(s->cols[col].name, n->name) == 0 ? &exact : &loose, r, col);
    }
    const NameHit *h = exact.rel >= 0 ? &exact : &loose;
    *found = h->rel >= 0;
    if (!*found) return NULL;
    if (h->other == -2) {
        diag_error(b->diag, n->span, "column name \"%s\" is ambiguous: quote it to pick one", n->name);
        return NULL;
    }
    if (h->other >= 0) {
        diag_error(b->diag, n->span, "column \"%s\" is ambiguous: it is in \"%s\" and \"%s\"", n->name,
                   sc->rels[h->rel].alias, sc->rels[h->other].alias);
        return NULL;
    }
    const ScopeRel *rel = &sc->rels[h->rel];
    return column_ref(b, rel, h->col, span);
}

/* A column of a stream whose columns are not known (eddy check or explain
 * without a sample): NULL, named and never folded, so that EXPLAIN shows
 * the expressions as written. */
static Expr *unchecked_column(Binder *b, const AstName *n, Span span)
{
    Expr *e = expr_const(b->arena, type_make(TY_NULL), val_null(), span);
    e->name = arena_strndup(b->arena, n->name, strlen(n->name));
    e->volatile_ = true;
    return e;
}

static Expr *system_column(Binder *b, const Scope *sc, const ScopeRel *rel, const AstName *n, bool qualified)
{
    if (bind_is_word(n, "ROWTIME")) {
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
    if (bind_is_word(n, "APPROXIMATE_ARRIVAL_TIME") && rel && rel->has_arrival) {
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

Expr *bind_name(Binder *b, const Scope *sc, const AstExpr *a)
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
        const ScopeRel *rel = bind_find_rel(sc, &a->names[0]);
        if (!rel) {
            /* row.FIELD, when the first name is a row-valued column rather than an alias */
            for (int r = 0; r < sc->n; r++) {
                int col = bind_column(b, sc->rels[r].schema, a->names[0].name, a->names[0].quoted);
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
        int col = bind_column(b, rel->schema, a->names[1].name, a->names[1].quoted);
        if (col >= 0) return column_ref(b, rel, col, a->span);
        if (col == -2) {
            diag_error(b->diag, a->names[1].span, "column name \"%s\" is ambiguous in \"%s\": quote it to pick one", a->names[1].name, rel->alias);
            return NULL;
        }
        Expr *sys = system_column(b, sc, rel, &a->names[1], true);
        if (sys) return sys;
        if (rel->schemaless) return unchecked_column(b, &a->names[1], a->span);
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
    /* a subquery's own FROM first (its rels from sc->inner on), then the outer query's */
    bool found = false;
    if (sc->inner) {
        Expr *e = find_column(b, sc, n, sc->inner, sc->n, a->span, &found);
        if (found) return e;
    }
    Expr *e = find_column(b, sc, n, 0, sc->inner ? sc->inner : sc->n, a->span, &found);
    if (found) return e;
    Expr *sys = system_column(b, sc, sc->n ? &sc->rels[0] : NULL, n, false);
    if (sys) return sys;
    /* CURRENT_DATE and friends are written without parentheses */
    const FnDef *def = n->quoted ? NULL : fn_find(n->name);
    if (def && (def->flags & FN_NILADIC)) {
        FnCtx cx = bind_fnctx(b, a->span);
        return fn_bind_call(&cx, def, NULL, 0);
    }
    if (sc->n == 0) {
        diag_error(b->diag, n->span, "unknown column \"%s\": this query has no FROM clause", n->name);
        return NULL;
    }
    for (int r = 0; r < sc->n; r++)
        if (sc->rels[r].schemaless) return unchecked_column(b, n, a->span);
    suggest_column(b, sc, n, NULL);
    return NULL;
}
