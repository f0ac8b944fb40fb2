#include "plan.h"

#include <string.h>

#include "src/runtime/mem.h"

void plan_app_init(PlanApp *app)
{
    memset(app, 0, sizeof *app);
    arena_init(&app->arena, 65536);
    cat_init(&app->cat);
}

void plan_app_free(PlanApp *app)
{
    mem_free(app->pumps);
    mem_free(app->fns);
    cat_free(&app->cat);
    arena_free(&app->arena);
    memset(app, 0, sizeof *app);
}

static void dump_expr(const Expr *e, FILE *out)
{
    switch (e->kind) {
    case EX_CONST: fputs(e->k.null ? "NULL" : "const", out); return;
    case EX_COLUMN: fprintf(out, "$%d", e->col); return;
    case EX_ROWTIME: fputs("ROWTIME", out); return;
    case EX_ARRIVAL: fputs("APPROXIMATE_ARRIVAL_TIME", out); return;
    case EX_OUT_ROWTIME: fputs("ROWTIME()", out); return;
    default:
        fprintf(out, "%s(", e->name ? e->name : "?");
        for (int i = 0; i < e->nargs; i++) {
            if (i) fputs(", ", out);
            dump_expr(e->args[i], out);
        }
        fputc(')', out);
    }
}

static void dump_node(const PlanApp *app, const PlanNode *n, int depth, FILE *out)
{
    for (int i = 0; i < depth; i++) fputs("  ", out);
    switch (n->kind) {
    case PN_SCAN: fprintf(out, "Scan \"%s\"\n", app->cat.streams[n->stream]->name); break;
    case PN_FILTER:
        fputs("Filter ", out);
        dump_expr(n->pred, out);
        fputc('\n', out);
        break;
    case PN_PROJECT:
        fputs("Project", out);
        for (int i = 0; i < n->nexprs; i++) {
            fputs(i ? ", " : " ", out);
            dump_expr(n->exprs[i], out);
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
            dump_expr(n->keys[i], out);
        }
        fputs(" aggregates", out);
        for (int i = 0; i < n->naggs; i++) {
            fputs(i ? ", " : " ", out);
            dump_expr(n->aggs[i], out);
        }
        fputc('\n', out);
        break;
    case PN_INSERT: fprintf(out, "Insert \"%s\"\n", app->cat.streams[n->stream]->name); break;
    case PN_TABLEFN:
        if (n->tf_group_rank) {
            fprintf(out, "GroupRank on $%d %s, output %s, max %d, idle %lld ms\n", n->gr_col, n->gr_desc ? "desc" : "asc",
                    n->gr_output_desc ? "desc" : "asc", n->gr_max, (long long)n->gr_idle);
            break;
        }
        if (n->tf_hotspots) {
            fprintf(out, "Hotspots window %d, radius %g, at least %d points, on", n->hs_window, n->hs_radius, n->hs_min_points);
            for (int i = 0; i < n->nexprs; i++) fputs(i ? ", " : " ", out), dump_expr(n->exprs[i], out);
            fputc('\n', out);
            break;
        }
        if (n->tf_rcf) {
            fprintf(out, "RandomCutForest %d trees of %d, time decay %lld, shingle %d, on", n->rcf_trees, n->rcf_sample,
                    (long long)n->rcf_decay, n->rcf_shingle);
            for (int i = 0; i < n->nexprs; i++) fputs(i ? ", " : " ", out), dump_expr(n->exprs[i], out);
            fputc('\n', out);
            break;
        }
        fprintf(out, "%s column $%d window %lld ms\n", n->tf_topk ? "TopK" : "CountDistinct", n->tf_col, (long long)n->tf_window); break;
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
        for (int i = 0; i < n->nsort; i++) fprintf(out, "%s$%d%s", i ? ", " : " ", n->sort_cols[i], n->sort_desc[i] ? " DESC" : "");
        fputc('\n', out);
        break;
    case PN_WINDOW:
        fputs("Window", out);
        for (int w = 0; w < n->nwindows; w++) {
            const PlanWindow *pw = &n->windows[w];
            fprintf(out, " [%s %lld", pw->kind == WF_ROWS ? "ROWS" : "RANGE ms", (long long)pw->size);
            for (int i = 0; i < pw->npartition; i++) fputs(i ? ", " : " partition ", out), dump_expr(pw->partition[i], out);
            for (int i = 0; i < pw->ncalls; i++) fputs(i ? ", " : ": ", out), dump_expr(pw->calls[i], out);
            fputc(']', out);
        }
        fputc('\n', out);
        break;
    }
    for (int i = 0; i < n->ninputs; i++) dump_node(app, n->inputs[i], depth + 1, out);
}

void plan_dump(const PlanApp *app, const PlanPump *p, FILE *out)
{
    fprintf(out, "Pump \"%s\"\n", p->name);
    dump_node(app, p->root, 1, out);
}

static void dot_name(const char *prefix, const char *name, FILE *out)
{
    fputc('"', out);
    fputs(prefix, out);
    for (const char *c = name; *c; c++) {
        if (*c == '"' || *c == '\\') fputc('\\', out);
        fputc(*c, out);
    }
    fputc('"', out);
}

void plan_graph(const PlanApp *app, bool dot, FILE *out)
{
    if (dot) {
        fputs("digraph eddy {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n", out);
        for (int i = 0; i < app->cat.nstreams; i++) {
            const CatStream *s = app->cat.streams[i];
            fputs("  ", out);
            dot_name("", s->name, out);
            fputs(s->table ? " [shape=cylinder];\n" : s->input ? " [style=\"rounded,bold\"];\n" : ";\n", out);
        }
        for (int i = 0; i < app->npumps; i++) {
            const PlanPump *p = app->pumps[i];
            fputs("  ", out);
            dot_name("pump ", p->name, out);
            fputs(" [shape=ellipse, label=", out);
            dot_name("", p->name, out);
            fputs("];\n", out);
            for (int k = 0; k < p->nsources; k++) {
                fputs("  ", out);
                dot_name("", app->cat.streams[p->sources[k]]->name, out);
                fputs(" -> ", out);
                dot_name("pump ", p->name, out);
                fputs(";\n", out);
            }
            fputs("  ", out);
            dot_name("pump ", p->name, out);
            fputs(" -> ", out);
            dot_name("", app->cat.streams[p->target]->name, out);
            fputs(";\n", out);
        }
        fputs("}\n", out);
        return;
    }
    if (app->npumps == 0) fputs("no pumps: nothing flows\n", out);
    for (int i = 0; i < app->npumps; i++) {
        const PlanPump *p = app->pumps[i];
        for (int k = 0; k < p->nsources; k++) fprintf(out, "%s%s", k ? ", " : "", app->cat.streams[p->sources[k]]->name);
        const CatStream *t = app->cat.streams[p->target];
        fprintf(out, " -> [%s] -> %s\n", p->name, t->anonymous ? "(output)" : t->name);
    }
}
