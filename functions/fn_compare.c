/* Comparison and logic operators, IS, IS DISTINCT FROM, BETWEEN and IN,
 * and the entry points fn_binary and fn_unary, which hand arithmetic to
 * fn_arith.c. */
#include "fn_arith.h"
#include "fn_check.h"
#include "fn_opnode.h"

/* ---- comparison ---- */

int fn_compare_values(SqlType t, const Value *a, const Value *b) { return val_compare(t, a, b); }

static bool cmp_result(uint32_t op, int c) { return fn_compare_holds((FnOp)op, c); }

static void eval_cmp_int(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    int c = a.u.i < b.u.i ? -1 : a.u.i > b.u.i;
    *out = val_int(cmp_result(e->flags, c));
}

static void eval_cmp_dbl(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    /* NaN compares unequal to everything, as in IEEE arithmetic */
    if (a.u.d != a.u.d || b.u.d != b.u.d) {
        *out = val_int(e->flags == FOP_NE);
        return;
    }
    int c = a.u.d < b.u.d ? -1 : a.u.d > b.u.d;
    *out = val_int(cmp_result(e->flags, c));
}

static void eval_cmp_generic(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    *out = val_int(cmp_result(e->flags, val_compare(e->args[0]->type, &a, &b)));
}

bool fn_compare_parts(const Expr *e, FnOp *op, bool *dbl)
{
    if (e->kind != EX_CALL || e->nargs != 2 || (e->eval != eval_cmp_dbl && e->eval != eval_cmp_int)) return false;
    *op = (FnOp)e->flags;
    *dbl = e->eval == eval_cmp_dbl;
    return true;
}

static EvalFn comparator(SqlType t)
{
    if (type_is_approx(t.id)) return eval_cmp_dbl;
    if (type_is_string(t.id) || type_is_binary(t.id)) return eval_cmp_generic;
    return eval_cmp_int;
}

/* Cast both operands to their common type; NULL when they cannot meet. */
static bool unify(FnCtx *cx, Expr **l, Expr **r, SqlType *common)
{
    SqlType c;
    if ((*l)->type.id == TY_NULL && (*r)->type.id == TY_NULL) {
        *common = type_make(TY_BOOLEAN);
        *l = fn_cast(cx, *l, *common);
        *r = fn_cast(cx, *r, *common);
        return true;
    }
    if (!type_common((*l)->type, (*r)->type, &c)) return false;
    /* strings compare as they are; only numbers and datetimes need converting */
    if (type_is_string(c.id)) c.len = 0, c.id = TY_VARCHAR;
    if (type_is_string(c.id) || type_is_binary(c.id)) {
        if ((*l)->type.id == TY_NULL) *l = fn_cast(cx, *l, (*r)->type);
        if ((*r)->type.id == TY_NULL) *r = fn_cast(cx, *r, (*l)->type);
        *common = (*l)->type;
        if (type_is_string(c.id) && ((*l)->type.id == TY_CHAR || (*r)->type.id == TY_CHAR)) common->id = TY_CHAR;
        return true;
    }
    if (c.id == TY_DECIMAL) c = type_decimal(18, c.scale);
    *l = fn_cast(cx, *l, c);
    *r = fn_cast(cx, *r, c);
    *common = c;
    return true;
}

/* Exact numbers of different scales (or an integer and a decimal) compare
 * by their values, raised to one scale in 128 bits: converting both to one
 * DECIMAL(18, s) could overflow for values each side holds well
 * (1234567.89 against 1.0 / 3). flags: op, and each side's scale in bits
 * 8.. and 16.. */
static void eval_cmp_exact(const Expr *e, EvalCtx *cx, Value *out)
{
    BIN_PROLOGUE
    int s1 = (int)(e->flags >> 8 & 255), s2 = (int)(e->flags >> 16 & 255);
    __int128 x = a.u.i, y = b.u.i;
    for (int i = s1; i < s2; i++) x *= 10;
    for (int i = s2; i < s1; i++) y *= 10;
    *out = val_int(cmp_result(e->flags & 255, x < y ? -1 : x > y));
}

static int exact_scale(SqlType t) { return t.id == TY_DECIMAL ? t.scale : 0; }

static Expr *build_compare(FnCtx *cx, FnOp op, Expr *l, Expr *r)
{
    SqlType lt = l->type, rt = r->type;
    if (type_is_exact(lt.id) && type_is_exact(rt.id) && (lt.id == TY_DECIMAL || rt.id == TY_DECIMAL)) {
        Expr *e = fn_op_node(cx, fn_op_symbol(op), eval_cmp_exact, type_make(TY_BOOLEAN), 2);
        e->type.notnull = 1;
        e->flags = (uint32_t)op | (uint32_t)exact_scale(lt) << 8 | (uint32_t)exact_scale(rt) << 16;
        e->args[0] = l;
        e->args[1] = r;
        return fn_op_finish(cx, e);
    }
    SqlType c;
    if (!unify(cx, &l, &r, &c)) {
        fn_op_operand_error(cx, op, l, r);
        return NULL;
    }
    if (c.id == TY_ROW) {
        fn_op_operand_error(cx, op, l, r);
        return NULL;
    }
    Expr *e = fn_op_node(cx, fn_op_symbol(op), comparator(c), type_make(TY_BOOLEAN), 2);
    e->type.notnull = 1;
    e->flags = op;
    e->args[0] = l;
    e->args[1] = r;
    return fn_op_finish(cx, e);
}

/* ---- logic ---- */

static void eval_and(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a, b;
    expr_eval(e->args[0], cx, &a);
    if (!a.null && !a.u.i) {
        *out = val_int(0);
        return;
    }
    expr_eval(e->args[1], cx, &b);
    if (!b.null && !b.u.i) *out = val_int(0);
    else if (a.null || b.null) *out = val_null();
    else *out = val_int(1);
}

static void eval_or(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a, b;
    expr_eval(e->args[0], cx, &a);
    if (!a.null && a.u.i) {
        *out = val_int(1);
        return;
    }
    expr_eval(e->args[1], cx, &b);
    if (!b.null && b.u.i) *out = val_int(1);
    else if (a.null || b.null) *out = val_null();
    else *out = val_int(0);
}

static void eval_not(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a;
    expr_eval(e->args[0], cx, &a);
    *out = a.null ? a : val_int(!a.u.i);
}

Expr *fn_binary(FnCtx *cx, FnOp op, Expr *l, Expr *r)
{
    if (!l || !r) return NULL;
    switch (op) {
    case FOP_ADD: case FOP_SUB: case FOP_MUL: case FOP_DIV:
        return fn_arith_build(cx, op, l, r);
    case FOP_EQ: case FOP_NE: case FOP_LT: case FOP_LE: case FOP_GT: case FOP_GE:
        return build_compare(cx, op, l, r);
    case FOP_AND: case FOP_OR: {
        if (!fn_op_want_boolean(cx, &l, fn_op_symbol(op)) || !fn_op_want_boolean(cx, &r, fn_op_symbol(op))) return NULL;
        Expr *e = fn_op_node(cx, fn_op_symbol(op), op == FOP_AND ? eval_and : eval_or, type_make(TY_BOOLEAN), 2);
        e->args[0] = l;
        e->args[1] = r;
        e->type.notnull = 1;
        return fn_op_finish(cx, e);
    }
    case FOP_CONCAT:
        return fn_arith_concat(cx, l, r);
    default:
        return NULL;
    }
}

Expr *fn_unary(FnCtx *cx, FnOp op, Expr *x)
{
    if (!x) return NULL;
    if (op == FOP_NOT) {
        if (!fn_op_want_boolean(cx, &x, "NOT")) return NULL;
        Expr *e = fn_op_node(cx, "NOT", eval_not, type_make(TY_BOOLEAN), 1);
        e->type.notnull = 1;
        e->args[0] = x;
        return fn_op_finish(cx, e);
    }
    return fn_arith_negate(cx, op, x);
}

/* ---- IS ---- */

static void eval_is(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a;
    expr_eval(e->args[0], cx, &a);
    bool r;
    switch (e->flags & 3) {
    case FIS_NULL: case FIS_UNKNOWN: r = a.null; break;
    case FIS_TRUE: r = !a.null && a.u.i; break;
    default: r = !a.null && !a.u.i; break;
    }
    if (e->flags & 4) r = !r;
    *out = val_int(r);
}

Expr *fn_is(FnCtx *cx, FnIsKind kind, bool negated, Expr *x)
{
    if (!x) return NULL;
    if (kind != FIS_NULL && !fn_op_want_boolean(cx, &x, "IS TRUE/FALSE/UNKNOWN")) return NULL;
    Expr *e = fn_op_node(cx, "IS", eval_is, type_make(TY_BOOLEAN), 1);
    e->type.notnull = 1;
    e->flags = (uint32_t)kind | (negated ? 4u : 0u);
    e->args[0] = x;
    Expr *f = fn_fold(cx->arena, e);
    return f;
}

static void eval_is_distinct(const Expr *e, EvalCtx *cx, Value *out)
{
    Value a, b;
    expr_eval(e->args[0], cx, &a);
    expr_eval(e->args[1], cx, &b);
    bool distinct;
    if (a.null || b.null) distinct = a.null != b.null;
    else distinct = val_compare(e->args[0]->type, &a, &b) != 0;
    *out = val_int(e->flags ? !distinct : distinct);
}

Expr *fn_is_distinct(FnCtx *cx, bool negated, Expr *l, Expr *r)
{
    if (!l || !r) return NULL;
    SqlType c;
    if (!unify(cx, &l, &r, &c)) {
        char a[64], b[64];
        diag_error(cx->diag, cx->span, "cannot compare %s with %s", type_name(l->type, a, sizeof a),
                   type_name(r->type, b, sizeof b));
        return NULL;
    }
    Expr *e = fn_op_node(cx, "IS DISTINCT FROM", eval_is_distinct, type_make(TY_BOOLEAN), 2);
    e->type.notnull = 1;
    e->flags = negated;
    e->args[0] = l;
    e->args[1] = r;
    return fn_fold(cx->arena, e);
}

/* ---- BETWEEN ---- */

static void eval_between(const Expr *e, EvalCtx *cx, Value *out)
{
    Value x, lo, hi;
    expr_eval(e->args[0], cx, &x);
    expr_eval(e->args[1], cx, &lo);
    expr_eval(e->args[2], cx, &hi);
    SqlType t = e->args[0]->type;
    if ((e->flags & 2) && !lo.null && !hi.null && val_compare(t, &lo, &hi) > 0) {
        Value tmp = lo;
        lo = hi;
        hi = tmp;
    }
    /* x >= lo AND x <= hi, in three-valued logic */
    int ge = (x.null || lo.null) ? -1 : val_compare(t, &x, &lo) >= 0;
    int le = (x.null || hi.null) ? -1 : val_compare(t, &x, &hi) <= 0;
    int r = (ge == 0 || le == 0) ? 0 : (ge < 0 || le < 0) ? -1 : 1;
    if (r < 0) *out = val_null();
    else *out = val_int((e->flags & 1) ? !r : r);
}

Expr *fn_between(FnCtx *cx, bool negated, bool symmetric, Expr *x, Expr *lo, Expr *hi)
{
    if (!x || !lo || !hi) return NULL;
    SqlType c1, c;
    if (!type_common(x->type, lo->type, &c1) || !type_common(c1, hi->type, &c)) {
        char a[64], b[64], d[64];
        diag_error(cx->diag, cx->span, "BETWEEN cannot compare %s with %s and %s", type_name(x->type, a, sizeof a),
                   type_name(lo->type, b, sizeof b), type_name(hi->type, d, sizeof d));
        return NULL;
    }
    if (c.id == TY_DECIMAL) c = type_decimal(18, c.scale);
    if (type_is_string(c.id)) c = type_string(TY_VARCHAR, 0);
    if (c.id == TY_NULL) c = type_make(TY_INTEGER);
    Expr *e = fn_op_node(cx, "BETWEEN", eval_between, type_make(TY_BOOLEAN), 3);
    e->args[0] = fn_cast(cx, x, c);
    e->args[1] = fn_cast(cx, lo, c);
    e->args[2] = fn_cast(cx, hi, c);
    e->flags = (negated ? 1u : 0u) | (symmetric ? 2u : 0u);
    return fn_op_finish(cx, e);
}

/* ---- IN ---- */

static void eval_in(const Expr *e, EvalCtx *cx, Value *out)
{
    Value x;
    expr_eval(e->args[0], cx, &x);
    if (x.null) { *out = val_null(); return; }
    bool saw_null = false;
    SqlType t = e->args[0]->type;
    for (int i = 1; i < e->nargs; i++) {
        Value v;
        expr_eval(e->args[i], cx, &v);
        if (v.null) { saw_null = true; continue; }
        if (val_compare(t, &x, &v) == 0) {
            *out = val_int(!e->flags);
            return;
        }
    }
    *out = saw_null ? val_null() : val_int(e->flags != 0);
}

Expr *fn_in(FnCtx *cx, bool negated, Expr *x, Expr **list, int n)
{
    if (!x) return NULL;
    SqlType c = x->type;
    for (int i = 0; i < n; i++) {
        if (!list[i]) return NULL;
        SqlType t;
        if (!type_common(c, list[i]->type, &t)) {
            char a[64], b[64];
            diag_error(cx->diag, list[i]->span, "IN list value of type %s cannot be compared with %s",
                       type_name(list[i]->type, b, sizeof b), type_name(x->type, a, sizeof a));
            return NULL;
        }
        c = t;
    }
    if (c.id == TY_DECIMAL) c = type_decimal(18, c.scale);
    if (type_is_string(c.id)) c = type_string(x->type.id == TY_CHAR ? TY_CHAR : TY_VARCHAR, 0);
    if (c.id == TY_NULL) c = type_make(TY_INTEGER);
    Expr *e = fn_op_node(cx, "IN", eval_in, type_make(TY_BOOLEAN), n + 1);
    e->args[0] = type_is_string(c.id) ? x : fn_cast(cx, x, c);
    for (int i = 0; i < n; i++) e->args[i + 1] = type_is_string(c.id) ? list[i] : fn_cast(cx, list[i], c);
    e->flags = negated;
    return fn_op_finish(cx, e);
}
