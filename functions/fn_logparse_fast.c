/* FAST_REGEX_LOG_PARSE(str, fast-regex)
 *
 * As the reference's page explains it: the pattern is cut into a series of
 * expressions, one for each group and one for each run outside groups; the
 * fixed-length start of each expression is moved to the end of the one
 * before it, and an expression that is all fixed length is merged into the
 * one before it. The expressions are then matched one after the other,
 * lazily and without backtracking, and the whole input must be accounted
 * for (else every field is NULL). Each expression is compiled to PCRE2:
 * DFA matching finds where it ends, a match anchored at both ends of that
 * span gives its captures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fn_check.h"
#include "fn_logparse.h"
#include "fn_logparse_fast.h"

static void fr_out(FastRx *r, const char *s, size_t n) { fn_fastrx_append(r, r->out, sizeof r->out, &r->olen, s, n); }

static void fr_outs(FastRx *r, const char *s) { fr_out(r, s, strlen(s)); }

/* A capture of the expression being emitted: which column it gives, and
 * whether it is the whole of that column or only its start or end part. */
static void fr_capture(FastRx *r, int col, uint8_t kind)
{
    if (r->ncaps == (int)(sizeof r->capcol / sizeof r->capcol[0])) {
        r->overflow = true;
        return;
    }
    r->capcol[r->ncaps] = (int16_t)col;
    r->capkind[r->ncaps++] = kind;
    r->ex[r->nexpr - 1].ncap++;
}

/* Emits node x as PCRE2 text; groups inside become captures. Quantifiers
 * are lazy: where an expression ends is decided by DFA matching (below),
 * laziness only settles how groups nested inside one expression split it. */
static void fr_emit(FastRx *r, int x)
{
    const FNode *q = &r->node[x];
    char b[48];
    switch (q->kind) {
    case FN_RAW:
        fr_out(r, r->pool + q->text, q->tlen);
        break;
    case FN_GROUP:
        fr_outs(r, "(");
        fr_capture(r, r->colno[x], SEG_WHOLE);
        if (q->kid >= 0) fr_emit(r, q->kid);
        fr_outs(r, ")");
        break;
    case FN_CONCAT:
        for (int k = q->kid; k >= 0; k = r->node[k].next) fr_emit(r, k);
        break;
    case FN_UNION:
        fr_outs(r, "(?:");
        for (int k = q->kid; k >= 0; k = r->node[k].next) {
            if (k != q->kid) fr_outs(r, "|");
            fr_emit(r, k);
        }
        fr_outs(r, ")");
        break;
    case FN_REPEAT:
        fr_outs(r, "(?:");
        fr_emit(r, q->kid);
        fr_outs(r, ")");
        if (q->max < 0) snprintf(b, sizeof b, "{%d,}?", q->min);
        else if (q->min == q->max) snprintf(b, sizeof b, "{%d}", q->min);
        else snprintf(b, sizeof b, "{%d,%d}?", q->min, q->max);
        fr_outs(r, b);
        break;
    }
}

static bool fr_has_group(const FastRx *r, int x)
{
    const FNode *q = &r->node[x];
    if (q->kind == FN_GROUP) return true;
    for (int k = q->kid; k >= 0; k = r->node[k].next)
        if (fr_has_group(r, k)) return true;
    return false;
}

static void fr_push(FastRx *r, int node)
{
    if (r->nitems == (int)(sizeof r->item / sizeof r->item[0])) {
        r->overflow = true;
        return;
    }
    r->item[r->nitems++] = node;
}

/* Splits a piece's items into its fixed-length start, which the reference
 * moves to the end of the expression before, and the rest. "_+" counts as
 * "_" then "_*" (the reference's Example B). */
static void fr_split(FastRx *r, Items in, Items *pre, Items *rest)
{
    pre->first = r->nitems;
    pre->count = 0;
    int i = 0, tail = -1;
    for (; i < in.count && r->node[r->item[in.first + i]].flen >= 0; i++, pre->count++)
        fr_push(r, r->item[in.first + i]);
    if (i < in.count) {
        int x = r->item[in.first + i];
        FNode q = r->node[x];
        if (q.kind == FN_REPEAT && q.min > 0 && r->node[q.kid].flen >= 0 && !fr_has_group(r, q.kid)) {
            int a = fn_fastrx_node(r, FN_REPEAT), b = fn_fastrx_node(r, FN_REPEAT);
            /* with no room, a or b is node 0 (the root): linking it would
             * make a cycle, so the split is left out and the pattern fails
             * as too long */
            if (!r->overflow) {
                r->node[a].kid = r->node[b].kid = q.kid;
                r->node[a].min = r->node[a].max = q.min;
                r->node[a].flen = r->node[q.kid].flen * q.min;
                r->node[b].min = 0;
                r->node[b].max = q.max < 0 ? -1 : q.max - q.min;
                r->node[b].flen = -1;
                fr_push(r, a);
                pre->count++;
                tail = b;
                i++;
            }
        }
    }
    rest->first = r->nitems;
    rest->count = 0;
    if (tail >= 0) fr_push(r, tail), rest->count++;
    for (; i < in.count; i++, rest->count++) fr_push(r, r->item[in.first + i]);
}

/* Appends items to the expression being emitted: as a top-level group's
 * whole, start or end (kind), or as text outside groups (SEG_OUTSIDE). */
static void fr_segment(FastRx *r, Items it, int col, uint8_t kind)
{
    if (kind != SEG_OUTSIDE) {
        fr_outs(r, "(");
        fr_capture(r, col, kind);
    }
    FrBuild *x = &r->ex[r->nexpr - 1];
    for (int i = 0; i < it.count; i++) {
        int k = r->item[it.first + i];
        fr_emit(r, k);
        int32_t fl = r->node[k].flen;
        x->tail = fl < 0 ? 0 : x->tail + fl;
    }
    if (kind != SEG_OUTSIDE) fr_outs(r, ")");
}

static void fr_new_expr(FastRx *r)
{
    if (r->nexpr == (int)(sizeof r->ex / sizeof r->ex[0])) {
        r->overflow = true;
        return;
    }
    if (r->nexpr > 0) r->ex[r->nexpr - 1].len = r->olen - r->ex[r->nexpr - 1].off;
    FrBuild *x = &r->ex[r->nexpr++];
    memset(x, 0, sizeof *x);
    x->off = r->olen;
    x->cap0 = r->ncaps;
}

/* The reference's decomposition: one expression per group and one per run
 * outside groups; the fixed-length start of each is moved to the end of the
 * expression before it, and one that is all fixed length is merged into
 * the expression before it. */
static bool fr_decompose(FastRx *r, int *groups)
{
    int root = fn_fastrx_parse(r);
    if (root < 0) return false;
    if (r->p != r->n) return fn_fastrx_fail(r, "unbalanced )");
    /* past the node array's end, fn_fastrx_node gave node 0 again, so the
     * tree may have cycles: never walk it */
    if (r->overflow) return fn_fastrx_fail(r, "pattern too long");
    *groups = 0;
    for (int i = 0; i < r->nnodes; i++)
        if (r->node[i].kind == FN_GROUP) r->colno[i] = (*groups)++;

    struct { Items it; int col; } piece[512];
    int npiece = 0;
    if (r->node[root].kind == FN_CONCAT) {
        for (int k = r->node[root].kid; k >= 0; k = r->node[k].next) {
            const FNode *q = &r->node[k];
            bool g = q->kind == FN_GROUP;
            if (!g && npiece > 0 && piece[npiece - 1].col < 0) {
                fr_push(r, k);
                piece[npiece - 1].it.count++;
                continue;
            }
            if (npiece == (int)(sizeof piece / sizeof piece[0])) return fn_fastrx_fail(r, "pattern too long");
            Items it = {r->nitems, 0};
            if (!g) {
                fr_push(r, k), it.count = 1;
            } else if (q->kid >= 0 && r->node[q->kid].kind == FN_CONCAT) {
                for (int c = r->node[q->kid].kid; c >= 0; c = r->node[c].next) fr_push(r, c), it.count++;
            } else if (q->kid >= 0) {
                fr_push(r, q->kid), it.count = 1;
            }
            piece[npiece].it = it;
            piece[npiece++].col = g ? r->colno[k] : -1;
        }
    } else {
        piece[0].it = (Items){r->nitems, 1};
        piece[0].col = -1;
        fr_push(r, root);
        npiece = 1;
    }

    for (int i = 0; i < npiece; i++) {
        int col = piece[i].col;
        bool g = col >= 0;
        if (i == 0) {
            fr_new_expr(r);
            fr_segment(r, piece[i].it, col, g ? SEG_WHOLE : SEG_OUTSIDE);
            continue;
        }
        Items pre, rest;
        fr_split(r, piece[i].it, &pre, &rest);
        if (rest.count == 0) {
            fr_segment(r, pre, col, g ? SEG_WHOLE : SEG_OUTSIDE);
            continue;
        }
        if (pre.count > 0) fr_segment(r, pre, col, g ? SEG_START : SEG_OUTSIDE);
        fr_new_expr(r);
        fr_segment(r, rest, col, !g ? SEG_OUTSIDE : pre.count > 0 ? SEG_END : SEG_WHOLE);
    }
    if (r->nexpr > 0) r->ex[r->nexpr - 1].len = r->olen - r->ex[r->nexpr - 1].off;
    if (r->overflow) return fn_fastrx_fail(r, "pattern too long");
    return true;
}

/* ---- matching ---- */

typedef struct FrExpr {
    const Regex *span;     /* anchored at the start: where the expression ends */
    const Regex *cap;      /* anchored at both ends: its captures */
    bool lazy;
    int ncap;
    const int16_t *col;    /* per capture of `cap`: its column */
    const uint8_t *kind;   /* SEG_WHOLE, SEG_START or SEG_END */
} FrExpr;

typedef struct FrPlan {
    LogParser p;
    int nexpr;
    FrExpr *x;
} FrPlan;

/* Matches the expressions one after the other, each from where the one
 * before ended, never going back: an expression that ends with fixed-length
 * text ends at the first place it can (lazy); one that ends with a
 * variable-length part, so has no delimiter to stop at, takes all it can
 * (the reference's Example B: "_+" before "(.*)" takes every underscore);
 * the last must end where the input does. 1 on a match (beg/end hold the
 * columns), 0 if none, < 0 on a PCRE2 error. */
static int fr_run(const FrPlan *pl, const char *s, size_t n, PCRE2_SIZE *beg, PCRE2_SIZE *end)
{
    for (int c = 0; c < pl->p.n; c++) beg[c] = end[c] = PCRE2_UNSET;
    size_t pos = 0;
    for (int k = 0; k < pl->nexpr; k++) {
        const FrExpr *x = &pl->x[k];
        size_t stop = n;
        if (k + 1 < pl->nexpr) {
            long e = rx_match_end(x->span, s, n, pos, x->lazy);
            if (e < 0) return e == -1 ? 0 : (int)e;
            stop = (size_t)e;
            if (x->ncap == 0) {
                pos = stop;
                continue;
            }
        }
        int rc = rx_match(x->cap, s, stop, pos, 0);
        if (rc <= 0) return rc;
        const PCRE2_SIZE *ov = rx_ovector(x->cap);
        for (int i = 0; i < x->ncap && i + 1 < rc; i++) {
            PCRE2_SIZE a = ov[2 * (i + 1)], b = ov[2 * (i + 1) + 1];
            if (a == PCRE2_UNSET) continue;
            if (x->kind[i] != SEG_END) beg[x->col[i]] = a;
            if (x->kind[i] != SEG_START) end[x->col[i]] = b;
        }
        pos = stop;
    }
    return 1;
}

static void eval_fast_regex_log_parse(const Expr *e, EvalCtx *cx, Value *out)
{
    const FrPlan *pl = e->aux;
    Value s, *f = fn_log_start(e, cx, pl->p.n, &s, out);
    if (!f) return;
    PCRE2_SIZE beg[MAX_FIELDS], end[MAX_FIELDS];
    int rc = fr_run(pl, s.u.s, s.len, beg, end);
    if (rc > 0) {
        for (int c = 0; c < pl->p.n; c++)
            if (beg[c] != PCRE2_UNSET && end[c] != PCRE2_UNSET && beg[c] <= end[c])
                if (!fn_log_convert_field(cx, e->name, &pl->p.f[c], s.u.s + beg[c], end[c] - beg[c], &f[c])) break;
    } else if (rc < 0) {
        char msg[160];
        expr_fail(cx, "REGEX", "%s could not match: %s", e->name, rx_error_message(rc, msg, sizeof msg));
    }
    fn_log_set_row(out, f, pl->p.n);
}

bool fn_check_fast_regex_log_parse(FnCtx *cx, Expr *e)
{
    const char *fn = e->name;
    if (!fn_expect_string(cx, e->args[0], 1, fn)) return false;
    uint32_t len;
    const char *pat = fn_log_const_string(cx, e->args[1], fn, "pattern", &len);
    if (!pat) return false;
    FastRx *r = calloc(1, sizeof *r);
    if (!r) {
        fn_type_error(cx, e->args[1], "out of memory");
        return false;
    }
    r->s = pat;
    r->n = len;
    int groups = 0;
    bool ok = fr_decompose(r, &groups);
    if (!ok) {
        fn_type_error(cx, e->args[1], "invalid fast regex at offset %zu: %s", r->erroff, r->err);
    } else if (groups > MAX_FIELDS) {
        fn_type_error(cx, e->args[1], "%s supports at most %d groups", fn, MAX_FIELDS);
        ok = false;
    }
    FrPlan *pl = NULL;
    if (ok) {
        pl = arena_alloc(cx->arena, sizeof *pl);
        memset(pl, 0, sizeof *pl);
        pl->nexpr = r->nexpr;
        pl->x = arena_alloc(cx->arena, sizeof *pl->x * (size_t)r->nexpr);
        int16_t *col = arena_alloc(cx->arena, sizeof *col * (size_t)(r->ncaps + 1));
        uint8_t *kind = arena_alloc(cx->arena, (size_t)r->ncaps + 1);
        memcpy(col, r->capcol, sizeof *col * (size_t)r->ncaps);
        memcpy(kind, r->capkind, (size_t)r->ncaps);
        for (int k = 0; k < r->nexpr && ok; k++) {
            const FrBuild *b = &r->ex[k];
            FrExpr *x = &pl->x[k];
            const char *text = r->out + b->off;
            x->lazy = b->tail > 0;
            x->ncap = b->ncap;
            x->col = col + b->cap0;
            x->kind = kind + b->cap0;
            ok = fn_log_compile_pattern(cx, e->args[1], text, b->len, PCRE2_DOTALL | PCRE2_ANCHORED, &x->span) &&
                 fn_log_compile_pattern(cx, e->args[1], text, b->len,
                                        PCRE2_DOTALL | PCRE2_ANCHORED | PCRE2_ENDANCHORED, &x->cap);
        }
    }
    free(r);
    if (!ok) return false;
    pl->p.n = groups;
    pl->p.f = fn_log_column_fields(cx->arena, groups, type_string(TY_VARCHAR, 1024));
    e->aux = pl;
    e->type = fn_log_row_type(pl->p.f, groups);
    e->eval = eval_fast_regex_log_parse;
    return true;
}
