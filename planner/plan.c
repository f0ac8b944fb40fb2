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
