#include "expr.h"

#include <stdio.h>
#include <string.h>

void expr_fail(EvalCtx *cx, const char *name, const char *fmt, ...)
{
    if (cx->err.set) return;   /* keep the first reason */
    cx->err.name = name;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cx->err.msg, sizeof cx->err.msg, fmt, ap);
    va_end(ap);
    cx->err.set = true;
}

void expr_eval_const(const Expr *e, EvalCtx *cx, Value *out)
{
    (void)cx;
    *out = e->k;
}

void expr_eval_column(const Expr *e, EvalCtx *cx, Value *out)
{
    *out = cx->in[e->input]->v[e->col];
}

static void eval_rowtime(const Expr *e, EvalCtx *cx, Value *out)
{
    *out = val_int(cx->in[e->input]->rowtime);
}

static void eval_arrival(const Expr *e, EvalCtx *cx, Value *out)
{
    *out = val_int(cx->in[e->input]->arrival);
}

static void eval_out_rowtime(const Expr *e, EvalCtx *cx, Value *out)
{
    (void)e;
    *out = val_int(cx->out_rowtime);
}

Expr *expr_new(Arena *a, ExprKind kind, int nargs)
{
    Expr *e = arena_zalloc(a, sizeof *e);
    e->kind = (uint8_t)kind;
    e->nargs = (uint16_t)nargs;
    if (nargs) e->args = arena_zalloc(a, sizeof(Expr *) * (size_t)nargs);
    switch (kind) {
    case EX_CONST: e->eval = expr_eval_const; break;
    case EX_COLUMN: e->eval = expr_eval_column; break;
    case EX_ROWTIME: e->eval = eval_rowtime; e->type = type_make(TY_TIMESTAMP); e->type.notnull = 1; break;
    case EX_ARRIVAL: e->eval = eval_arrival; e->type = type_make(TY_TIMESTAMP); break;
    case EX_OUT_ROWTIME: e->eval = eval_out_rowtime; e->type = type_make(TY_TIMESTAMP); e->type.notnull = 1; e->volatile_ = true; break;
    default: break;
    }
    return e;
}

Expr *expr_const(Arena *a, SqlType t, Value v, Span span)
{
    Expr *e = expr_new(a, EX_CONST, 0);
    e->type = t;
    e->k = v;
    e->span = span;
    if (!v.null) e->type.notnull = 1;
    return e;
}

Expr *expr_column(Arena *a, int input, int col, SqlType t, Span span)
{
    Expr *e = expr_new(a, EX_COLUMN, 0);
    e->input = (uint8_t)input;
    e->col = col;
    e->type = t;
    e->span = span;
    return e;
}

bool expr_is_const(const Expr *e) { return e->kind == EX_CONST; }
bool expr_is_null_const(const Expr *e) { return e->kind == EX_CONST && e->k.null; }

bool expr_equal(const Expr *a, const Expr *b)
{
    if (a == b) return true;
    if (!a || !b) return false;
    if (a->kind != b->kind || a->eval != b->eval || a->type.id != b->type.id || a->nargs != b->nargs ||
        a->flags != b->flags)
        return false;
    /* a function's aux (a compiled format or pattern) follows from its
     * arguments, compared below; only a volatile call's (a subquery's rows)
     * can differ between calls with equal arguments */
    if (a->aux != b->aux && a->volatile_) return false;
    switch (a->kind) {
    case EX_CONST:
        if (a->k.null || b->k.null) return a->k.null == b->k.null;
        if (memcmp(&a->type, &b->type, sizeof a->type) != 0) return false;
        return val_compare(a->type, &a->k, &b->k) == 0 && a->k.len == b->k.len;
    case EX_COLUMN: return a->input == b->input && a->col == b->col;
    case EX_ROWTIME: case EX_ARRIVAL: return a->input == b->input;
    case EX_OUT_ROWTIME: return true;
    default: break;
    }
    if (a->name != b->name && (!a->name || !b->name || strcmp(a->name, b->name) != 0)) return false;
    for (int i = 0; i < a->nargs; i++)
        if (!expr_equal(a->args[i], b->args[i])) return false;
    return true;
}
