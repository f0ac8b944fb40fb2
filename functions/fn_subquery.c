/* IN (SELECT ...) and EXISTS (SELECT ...) over a reference table: the
 * reference's IN operator ("membership in ... the rows returned by the
 * subquery") and EXISTS ("whether a relational expression returns any
 * rows"). A subquery that reads the outer row is run over the table's rows
 * for each row; one that does not (IN (SELECT code FROM codes)) is turned
 * into a hash set the first time it is needed, since the table does not
 * change while the application runs. The set lives in the plan's arena, as
 * the expression does, and goes with it. */
#include <string.h>

#include "fn_check.h"
#include "ops.h"

typedef struct Member {
    uint64_t hash;
    Value v;
    bool used;
} Member;

typedef struct Subquery {
    Row *const *rows;
    const int *nrows;
    Expr *pred;                /* NULL: every row */
    Expr *item;                /* IN: the selected value, in the type x compares in */
    bool outer;                /* pred or item reads the outer row */
    /* IN without outer references: the values, built once (open addressing) */
    Arena *arena;              /* the plan's */
    bool built;
    Member *set;
    uint32_t mask;
    bool has_null;             /* some value is NULL: a miss is UNKNOWN, not FALSE */
    int count;                 /* values in the subquery's result */
} Subquery;

static bool reads_outer(const Expr *e)
{
    if (!e) return false;
    if ((e->kind == EX_COLUMN || e->kind == EX_ROWTIME || e->kind == EX_ARRIVAL) && e->input == 0) return true;
    if (e->kind == EX_OUT_ROWTIME) return true;
    for (int i = 0; i < e->nargs; i++)
        if (reads_outer(e->args[i])) return true;
    return false;
}

/* The table row r passes the subquery's WHERE; false with cx->err set on an error. */
static bool row_passes(const Subquery *q, EvalCtx *cx, const Row *r)
{
    if (!q->pred) return true;
    const Row *saved = cx->in[1];
    cx->in[1] = r;
    bool ok = expr_true(q->pred, cx);
    cx->in[1] = saved;
    return ok;
}

static void item_of(const Subquery *q, EvalCtx *cx, const Row *r, Value *out)
{
    const Row *saved = cx->in[1];
    cx->in[1] = r;
    expr_eval(q->item, cx, out);
    cx->in[1] = saved;
}

static bool set_has(const Subquery *q, SqlType t, const Value *v, uint64_t h)
{
    for (uint32_t i = (uint32_t)h & q->mask;; i = (i + 1) & q->mask) {
        const Member *m = &q->set[i];
        if (!m->used) return false;
        if (m->hash == h && fn_compare_values(t, &m->v, v) == 0) return true;
    }
}

static void build_set(Subquery *q, SqlType t, EvalCtx *cx)
{
    uint32_t size = 16;
    while (size < (uint32_t)*q->nrows * 2 + 2) size *= 2;
    q->set = arena_zalloc(q->arena, sizeof(Member) * size);
    q->mask = size - 1;
    for (int i = 0; i < *q->nrows; i++) {
        const Row *r = &(*q->rows)[i];
        if (!row_passes(q, cx, r)) continue;
        Value v;
        item_of(q, cx, r, &v);
        if (cx->err.set) return;
        q->count++;
        if (v.null) {
            q->has_null = true;
            continue;
        }
        uint64_t h = val_hash(t, &v);
        if (set_has(q, t, &v, h)) continue;
        uint32_t j = (uint32_t)h & q->mask;
        while (q->set[j].used) j = (j + 1) & q->mask;
        q->set[j] = (Member){h, val_copy(t, &v, q->arena), true};
    }
    q->built = true;
}

/* flags bit 0: NOT IN */
static void eval_in_rows(const Expr *e, EvalCtx *cx, Value *out)
{
    Subquery *q = e->aux;
    SqlType t = q->item->type;
    Value x;
    expr_eval(e->args[0], cx, &x);
    bool neg = e->flags & 1;
    int found = 0;                /* 1 TRUE, 0 FALSE, -1 UNKNOWN */
    if (!q->outer) {
        if (!q->built) build_set(q, t, cx);
        if (cx->err.set) return;
        if (q->count == 0) found = 0;
        else if (x.null) found = -1;
        else if (set_has(q, t, &x, val_hash(t, &x))) found = 1;
        else if (q->has_null) found = -1;
    } else {
        bool any = false, null_seen = false;
        for (int i = 0; i < *q->nrows && found != 1; i++) {
            const Row *r = &(*q->rows)[i];
            if (!row_passes(q, cx, r)) continue;
            Value v;
            item_of(q, cx, r, &v);
            if (cx->err.set) return;
            any = true;
            if (v.null || x.null) null_seen = true;
            else if (fn_compare_values(t, &v, &x) == 0) found = 1;
        }
        if (found != 1) found = any && null_seen ? -1 : 0;
    }
    if (found < 0) *out = val_null();
    else *out = val_int(neg ? !found : found);
}

static void eval_exists_rows(const Expr *e, EvalCtx *cx, Value *out)
{
    const Subquery *q = e->aux;
    bool any = false;
    for (int i = 0; i < *q->nrows && !any; i++) {
        any = row_passes(q, cx, &(*q->rows)[i]);
        if (cx->err.set) return;
    }
    *out = val_int(any);
}

static Subquery *subquery(FnCtx *cx, Expr *pred, Expr *item, Row *const *rows, const int *nrows)
{
    Subquery *q = arena_alloc(cx->arena, sizeof *q);
    memset(q, 0, sizeof *q);
    q->rows = rows;
    q->nrows = nrows;
    q->pred = pred;
    q->item = item;
    q->outer = reads_outer(pred) || reads_outer(item);
    q->arena = cx->arena;
    return q;
}

Expr *fn_in_rows(FnCtx *cx, bool negated, Expr *x, Expr *item, Expr *pred, Row *const *rows, const int *nrows)
{
    SqlType c;
    if (!type_common(x->type, item->type, &c) || c.id == TY_ROW) {
        char a[64], b[64];
        diag_error(cx->diag, cx->span, "IN cannot compare %s with the subquery's %s", type_name(x->type, a, sizeof a),
                   type_name(item->type, b, sizeof b));
        return NULL;
    }
    if (c.id == TY_NULL) c = type_make(TY_BOOLEAN);
    if (c.id == TY_DECIMAL) c = type_decimal(18, c.scale);
    if (type_is_string(c.id)) c = type_string(TY_VARCHAR, 0);
    Expr *e = expr_new(cx->arena, EX_CALL, 1);
    e->name = negated ? "NOT IN" : "IN";
    e->span = cx->span;
    e->type = type_make(TY_BOOLEAN);
    e->args[0] = type_is_string(c.id) ? x : fn_cast(cx, x, c);
    e->flags = negated;
    e->aux = subquery(cx, pred, type_is_string(c.id) ? item : fn_cast(cx, item, c), rows, nrows);
    e->eval = eval_in_rows;
    e->volatile_ = true;   /* never folded: the table's rows come later */
    return e;
}

Expr *fn_exists_rows(FnCtx *cx, Expr *pred, Row *const *rows, const int *nrows)
{
    Expr *e = expr_new(cx->arena, EX_CALL, 0);
    e->name = "EXISTS";
    e->span = cx->span;
    e->type = type_make(TY_BOOLEAN);
    e->type.notnull = 1;
    e->aux = subquery(cx, pred, NULL, rows, nrows);
    e->eval = eval_exists_rows;
    e->volatile_ = true;
    return e;
}
