/* EXPLAIN: a pump's plan as text, one operator a line, with its
 * expressions written back as SQL that names the columns they read. */
#include "plan.h"

#include <ctype.h>
#include <string.h>

#include "functions/ops.h"
#include "src/runtime/convert.h"

/* What an operator's expressions read: the columns of its input row(s). */
typedef struct Reading {
    const Schema *in[2];
    const PlanNode *below;   /* the operator that makes input row 0 */
    Arena *scratch;          /* text forms of constants */
} Reading;

/* A name as it would be written: quoted unless it reads the same unquoted. */
static void put_name(const char *n, FILE *out)
{
    bool plain = n[0] && !isdigit((unsigned char)n[0]);
    for (const char *c = n; *c && plain; c++) plain = isupper((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '_';
    if (plain) {
        fputs(n, out);
        return;
    }
    fputc('"', out);
    for (const char *c = n; *c; c++) {
        if (*c == '"') fputc('"', out);
        fputc(*c, out);
    }
    fputc('"', out);
}

static void put_quoted(const char *s, size_t n, FILE *out)
{
    fputc('\'', out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\'') fputc('\'', out);
        fputc(s[i], out);
    }
    fputc('\'', out);
}

static void put_interval(const Expr *e, FILE *out)
{
    int64_t v = e->k.u.i;
    static const struct { const char *unit; int64_t ms; } dt[] = {
        {"DAY", 86400000}, {"HOUR", 3600000}, {"MINUTE", 60000}, {"SECOND", 1000}};
    if (e->type.id == TY_INTERVAL_YM) {
        if (v % 12 == 0) fprintf(out, "INTERVAL '%lld' YEAR", (long long)(v / 12));
        else fprintf(out, "INTERVAL '%lld' MONTH", (long long)v);
        return;
    }
    for (size_t i = 0; i < sizeof dt / sizeof dt[0]; i++)
        if (v != 0 && v % dt[i].ms == 0) {
            fprintf(out, "INTERVAL '%lld' %s", (long long)(v / dt[i].ms), dt[i].unit);
            return;
        }
    fprintf(out, "INTERVAL '%lld.%03lld' SECOND", (long long)(v / 1000), (long long)(v % 1000 < 0 ? -(v % 1000) : v % 1000));
}

static void put_const(const Expr *e, const Reading *rd, FILE *out)
{
    TypeId t = (TypeId)e->type.id;
    if (e->name) {
        fputs(e->name, out);   /* a column whose stream's columns are not known */
        return;
    }
    if (e->k.null || t == TY_NULL) {
        fputs("NULL", out);
        return;
    }
    if (type_is_interval(t)) {
        put_interval(e, out);
        return;
    }
    Value txt;
    if (t == TY_ROW || !conv_to_text(e->type, &e->k, rd->scratch, &txt)) {
        fputs("const", out);
        return;
    }
    if (t == TY_BOOLEAN || type_is_numeric(t)) {
        fwrite(txt.u.s, 1, txt.len, out);
        return;
    }
    if (t == TY_DATE) fputs("DATE ", out);
    else if (t == TY_TIME) fputs("TIME ", out);
    else if (t == TY_TIMESTAMP) fputs("TIMESTAMP ", out);
    put_quoted(txt.u.s, txt.len, out);
}

static bool is_infix(const Expr *e)
{
    static const char *const ops[] = {"+", "-", "*", "/", "||", "=", "<>", "<", "<=", ">", ">=", "AND", "OR", "LIKE", "SIMILAR TO"};
    if (e->kind != EX_CALL || !e->name || e->nargs != 2) return false;
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
        if (!strcmp(e->name, ops[i])) return true;
    return false;
}

static void put_expr(const Expr *e, const Reading *rd, FILE *out);

/* An operand of an operator: in parentheses when it is an operation itself. */
static void put_operand(const Expr *e, const Reading *rd, FILE *out)
{
    bool wrap = e->kind == EX_CALL && e->name &&
                (is_infix(e) || !strcmp(e->name, "NOT") || !strcmp(e->name, "IS") || !strcmp(e->name, "BETWEEN") ||
                 !strcmp(e->name, "IN") || !strcmp(e->name, "NOT IN") || (!strcmp(e->name, "-") && e->nargs == 1));
    if (wrap) fputc('(', out);
    put_expr(e, rd, out);
    if (wrap) fputc(')', out);
}

static void put_args(const Expr *e, int from, const Reading *rd, FILE *out)
{
    for (int i = from; i < e->nargs; i++) {
        if (i > from) fputs(", ", out);
        if (e->args[i]) put_expr(e->args[i], rd, out);
    }
}

static void put_call(const Expr *e, const Reading *rd, FILE *out)
{
    const char *n = e->name ? e->name : "?";
    char tn[64];
    if (is_infix(e) && e->args[0] && e->args[1]) {
        put_operand(e->args[0], rd, out);
        fprintf(out, " %s ", n);
        put_operand(e->args[1], rd, out);
    } else if ((!strcmp(n, "NOT") || !strcmp(n, "-")) && e->nargs == 1 && e->args[0]) {
        fputs(!strcmp(n, "NOT") ? "NOT " : "-", out);
        put_operand(e->args[0], rd, out);
    } else if (!strcmp(n, "CAST") && e->nargs == 1 && e->args[0]) {
        fputs("CAST(", out);
        put_expr(e->args[0], rd, out);
        fprintf(out, " AS %s)", type_name(e->type, tn, sizeof tn));
    } else if (!strcmp(n, "IS") && e->nargs == 1 && e->args[0]) {
        static const char *const what[] = {"NULL", "TRUE", "FALSE", "UNKNOWN"};
        put_operand(e->args[0], rd, out);
        fprintf(out, " IS %s%s", e->flags & 4u ? "NOT " : "", what[e->flags & 3u]);
    } else if (!strcmp(n, "BETWEEN") && e->nargs == 3 && e->args[0] && e->args[1] && e->args[2]) {
        put_operand(e->args[0], rd, out);
        fprintf(out, " %sBETWEEN %s", e->flags & 1u ? "NOT " : "", e->flags & 2u ? "SYMMETRIC " : "");
        put_operand(e->args[1], rd, out);
        fputs(" AND ", out);
        put_operand(e->args[2], rd, out);
    } else if (!strcmp(n, "IN") && e->nargs >= 2 && e->args[0]) {
        put_operand(e->args[0], rd, out);
        fputs(e->flags ? " NOT IN (" : " IN (", out);
        put_args(e, 1, rd, out);
        fputc(')', out);
    } else if ((!strcmp(n, "FLOOR") || !strcmp(n, "CEIL") || !strcmp(n, "CEILING")) && e->nargs == 1 && e->args[0] &&
               (type_is_datetime(e->args[0]->type.id) || type_is_interval(e->args[0]->type.id))) {
        static const char *const unit[] = {"", "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND"};
        unsigned u = e->flags >> 8;
        fprintf(out, "%s(", n);
        put_expr(e->args[0], rd, out);
        if (u > 0 && u < sizeof unit / sizeof unit[0]) fprintf(out, " TO %s", unit[u]);
        fputc(')', out);
    } else if (!strcmp(n, "STEP") && e->nargs == 2 && e->args[0] && e->args[1]) {
        fputs("STEP(", out);
        put_expr(e->args[0], rd, out);
        fputs(" BY ", out);
        put_expr(e->args[1], rd, out);
        fputc(')', out);
    } else if (!strcmp(n, "CASE")) {
        fputs("CASE", out);
        int i = 0;
        for (; i + 1 < e->nargs; i += 2) {
            fputs(" WHEN ", out);
            if (e->args[i]) put_expr(e->args[i], rd, out);
            fputs(" THEN ", out);
            if (e->args[i + 1]) put_expr(e->args[i + 1], rd, out);
        }
        if (i < e->nargs && e->args[i]) fputs(" ELSE ", out), put_expr(e->args[i], rd, out);
        fputs(" END", out);
    } else if (!strcmp(n, "COUNT") && e->nargs == 0) {
        fputs("COUNT(*)", out);
    } else {
        fprintf(out, "%s(", n);
        put_args(e, 0, rd, out);
        fputc(')', out);
    }
}

/* A column the operator below made for itself (a key, an aggregate, a
 * window's call) is shown as what computes it. */
static bool put_made_column(const Expr *e, const Reading *rd, FILE *out)
{
    const PlanNode *n = rd->below;
    if (!n || e->input != 0 || n->ninputs < 1) return false;
    Reading in = {{&n->inputs[0]->out, NULL}, n->inputs[0], rd->scratch};
    if (n->kind == PN_AGGREGATE && e->col < n->nkeys + n->naggs) {
        put_expr(e->col < n->nkeys ? n->keys[e->col] : n->aggs[e->col - n->nkeys], &in, out);
        return true;
    }
    if (n->kind != PN_WINDOW) return false;
    for (int w = 0; w < n->nwindows; w++)
        for (int i = 0; i < n->windows[w].ncalls; i++)
            if (n->windows[w].slots[i] == e->col) {
                put_expr(n->windows[w].calls[i], &in, out);
                fputs(" OVER w", out);
                fprintf(out, "%d", w);
                return true;
            }
    return false;
}

static void put_expr(const Expr *e, const Reading *rd, FILE *out)
{
    const Schema *s = e->input < 2 ? rd->in[e->input] : NULL;
    switch (e->kind) {
    case EX_CONST: put_const(e, rd, out); return;
    case EX_COLUMN:
        if (s && e->col >= 0 && e->col < s->ncols && s->cols[e->col].name) {
            if (s->cols[e->col].name[0] == '$' && put_made_column(e, rd, out)) return;
            put_name(s->cols[e->col].name, out);
        } else {
            fprintf(out, "$%d", e->col);
        }
        return;
    case EX_ROWTIME: fputs("ROWTIME", out); return;
    case EX_ARRIVAL: fputs("APPROXIMATE_ARRIVAL_TIME", out); return;
    case EX_OUT_ROWTIME: fputs("ROWTIME()", out); return;
    default: put_call(e, rd, out);
    }
}

static void put_list(const char *lead, Expr *const *v, int n, const Reading *rd, FILE *out)
{
    for (int i = 0; i < n; i++) {
        fputs(i ? ", " : lead, out);
        put_expr(v[i], rd, out);
    }
}

static void put_input_col(const Reading *rd, int c, FILE *out)
{
    if (rd->in[0] && c >= 0 && c < rd->in[0]->ncols && rd->in[0]->cols[c].name) put_name(rd->in[0]->cols[c].name, out);
    else fprintf(out, "$%d", c);
}

/* A select item: its expression, and the column it makes when the name differs. */
static void put_item(const Expr *e, const char *name, const Reading *rd, FILE *out)
{
    put_expr(e, rd, out);
    const Schema *s = rd->in[0];
    bool same = e->kind == EX_COLUMN && e->input == 0 && s && e->col < s->ncols && s->cols[e->col].name &&
                !strcmp(s->cols[e->col].name, name);
    if (same || (e->kind == EX_ROWTIME && !strcmp(name, "ROWTIME"))) return;
    fputs(" AS ", out);
    put_name(name, out);
}

static void dump_node(const PlanApp *app, const PlanNode *n, int depth, Arena *scratch, FILE *out)
{
    Reading rd = {{n->ninputs > 0 ? &n->inputs[0]->out : NULL, NULL}, n->ninputs > 0 ? n->inputs[0] : NULL, scratch};
    if (n->kind == PN_JOIN && n->ninputs == 1) rd.in[1] = &app->cat.streams[n->stream]->schema;
    for (int i = 0; i < depth; i++) fputs("  ", out);
    switch (n->kind) {
    case PN_SCAN: fprintf(out, "Scan \"%s\"\n", app->cat.streams[n->stream]->name); break;
    case PN_FILTER:
        fputs("Filter ", out);
        put_expr(n->pred, &rd, out);
        fputc('\n', out);
        break;
    case PN_PROJECT:
        fputs(n->distinct ? "Project DISTINCT" : "Project", out);
        for (int i = 0; i < n->nexprs; i++) {
            fputs(i ? ", " : " ", out);
            put_item(n->exprs[i], n->out.cols[i].name ? n->out.cols[i].name : "?", &rd, out);
        }
        if (n->rowtime) {
            fputs(n->nexprs ? ", " : " ", out);
            put_expr(n->rowtime, &rd, out);
            fputs(" AS ROWTIME", out);
        }
        fputc('\n', out);
        break;
    case PN_UNION: fputs("UnionAll\n", out); break;
    case PN_SETOP: fputs(n->except ? "Except\n" : "Intersect\n", out); break;
    case PN_AGGREGATE:
        fputs("Aggregate keys", out);
        for (int i = 0; i < n->nkeys; i++) {
            fputs(i ? ", " : " ", out);
            if (i == n->mono_key) fputs("window:", out);
            put_expr(n->keys[i], &rd, out);
        }
        if (n->stagger) fprintf(out, " stagger %lld ms", (long long)n->stagger);
        put_list(" aggregates ", n->aggs, n->naggs, &rd, out);
        fputc('\n', out);
        break;
    case PN_INSERT:
        fprintf(out, "Insert \"%s\"", app->cat.streams[n->stream]->name);
        if (app->cat.streams[n->stream]->limited) fprintf(out, " LIMIT %llu", (unsigned long long)app->cat.streams[n->stream]->limit);
        fputc('\n', out);
        break;
    case PN_TABLEFN:
        if (n->tf_group_rank) {
            fputs("GroupRank on ", out);
            put_input_col(&rd, n->gr_col, out);
            fprintf(out, " %s, output %s, max %d, idle %lld ms\n", n->gr_desc ? "desc" : "asc", n->gr_output_desc ? "desc" : "asc",
                    n->gr_max, (long long)n->gr_idle);
        } else if (n->tf_hotspots) {
            fprintf(out, "Hotspots window %d, radius %g, at least %d points, on", n->hs_window, n->hs_radius, n->hs_min_points);
            put_list(" ", n->exprs, n->nexprs, &rd, out);
            fputc('\n', out);
        } else if (n->tf_rcf) {
            fprintf(out, "RandomCutForest %d trees of %d, time decay %lld, shingle %d, on", n->rcf_trees, n->rcf_sample,
                    (long long)n->rcf_decay, n->rcf_shingle);
            put_list(" ", n->exprs, n->nexprs, &rd, out);
            fputc('\n', out);
        } else {
            fprintf(out, "%s column ", n->tf_topk ? "TopK" : "CountDistinct");
            put_input_col(&rd, n->tf_col, out);
            fprintf(out, " window %lld ms\n", (long long)n->tf_window);
        }
        break;
    case PN_JOIN:
        if (n->ninputs == 2) {
            fprintf(out, "Join%s streams", n->join_left && n->join_right ? " FULL" : n->join_left ? " LEFT" : n->join_right ? " RIGHT" : "");
            for (int side = 0; side < 2; side++)
                if (n->windowed[side])
                    fprintf(out, n->win_follow[side] ? " [%s %s %lld following %lld]" : " [%s %s %lld]", side ? "right" : "left",
                            n->win_kind[side] == WF_ROWS ? "ROWS" : "RANGE ms", (long long)n->win_size[side],
                            (long long)n->win_follow[side]);
            fputc('\n', out);
        } else {
            fprintf(out, "Join%s table \"%s\" on %d key%s\n", n->join_left ? " LEFT" : "", app->cat.streams[n->stream]->name, n->nkeys, n->nkeys == 1 ? "" : "s");
        }
        break;
    case PN_SORT:
        fputs("Sort", out);
        for (int i = 0; i < n->nsort; i++) {
            fputs(i ? ", " : " ", out);
            put_input_col(&rd, n->sort_cols[i], out);
            if (n->sort_desc[i]) fputs(" DESC", out);
        }
        fputc('\n', out);
        break;
    case PN_WINDOW:
        fputs("Window", out);
        for (int w = 0; w < n->nwindows; w++) {
            const PlanWindow *pw = &n->windows[w];
            fprintf(out, " w%d [%s %lld", w, pw->kind == WF_ROWS ? "ROWS" : "RANGE ms", (long long)pw->size);
            put_list(" partition ", pw->partition, pw->npartition, &rd, out);
            put_list(": ", pw->calls, pw->ncalls, &rd, out);
            fputc(']', out);
        }
        fputc('\n', out);
        break;
    }
    for (int i = 0; i < n->ninputs; i++) dump_node(app, n->inputs[i], depth + 1, scratch, out);
}

void plan_dump(const PlanApp *app, const PlanPump *p, FILE *out)
{
    Arena scratch;
    arena_init(&scratch, 1024);
    fprintf(out, "Pump \"%s\"\n", p->name);
    dump_node(app, p->root, 1, &scratch, out);
    arena_free(&scratch);
}
