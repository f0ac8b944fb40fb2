/* SHOW, DESCRIBE, DROP and EXPLAIN: REPL commands that look like SQL but
 * are answered before the parser, from the running application. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "src/runtime/mem.h"
#include "repl_int.h"

static void show_streams(Engine *e, FILE *out)
{
    const PlanApp *app = e->cur ? &e->cur->app : NULL;
    int shown = 0;
    for (int i = 0; app && i < app->cat.nstreams; i++) {
        const CatStream *s = app->cat.streams[i];
        if (s->anonymous) continue;
        if (!shown++) fprintf(out, "%-32s %7s  %s\n", "STREAM", "COLUMNS", "FED BY");
        char src[256] = "";
        size_t n = 0;
        for (int k = 0; k < e->nfeeds; k++) {
            const Feed *f = e->feeds[k];
            if (f->id != i) continue;
            if (f->demo) n += (size_t)snprintf(src + n, sizeof src - n, "%s\\demo (%g rows/s)", n ? ", " : "", f->rate);
            else n += (size_t)snprintf(src + n, sizeof src - n, "%s\\input %s", n ? ", " : "", f->path);
            if (n >= sizeof src) n = sizeof src - 1;
        }
        for (int k = 0; k < app->npumps; k++) {
            if (app->pumps[k]->target != i) continue;
            n += (size_t)snprintf(src + n, sizeof src - n, "%spump %s", n ? ", " : "", app->pumps[k]->name);
            if (n >= sizeof src) n = sizeof src - 1;
        }
        fprintf(out, "%-32s %7d  %s\n", s->name, s->schema.ncols, n ? src : "-");
    }
    if (!shown) fprintf(out, "no streams yet: CREATE STREAM, or \\demo for a stock ticker\n");
}

static void show_pumps(Engine *e, FILE *out)
{
    const PlanApp *app = e->cur ? &e->cur->app : NULL;
    int shown = 0;
    for (int i = 0; app && i < app->npumps; i++) {
        const PlanPump *p = app->pumps[i];
        if (app->cat.streams[p->target]->anonymous) continue;
        if (!shown++) fprintf(out, "%-24s %-32s %s\n", "PUMP", "INTO", "FROM");
        fprintf(out, "%-24s %-32s ", p->name, app->cat.streams[p->target]->name);
        for (int k = 0; k < p->nsources; k++) fprintf(out, "%s%s", k ? ", " : "", app->cat.streams[p->sources[k]]->name);
        fputc('\n', out);
    }
    if (!shown) fprintf(out, "no pumps yet: CREATE PUMP name AS INSERT INTO stream SELECT STREAM ...\n");
}

typedef struct FnList {
    FILE *out;
    unsigned want, skip;
    int col;
} FnList;

static void list_fn(const FnDef *def, void *arg)
{
    FnList *l = arg;
    if ((def->flags & l->want) != l->want || (def->flags & l->skip)) return;
    int n = (int)strlen(def->name);
    if (l->col + n + 2 > 78) fputs("\n ", l->out), l->col = 1;
    fprintf(l->out, " %s", def->name);
    l->col += n + 1;
}

static void show_functions(Engine *e, FILE *out)
{
    static const struct { const char *title; unsigned want, skip; } groups[] = {
        {"scalar", 0, FN_AGGREGATE | FN_ANALYTIC},
        {"aggregate (GROUP BY, OVER)", FN_AGGREGATE, FN_ANALYTIC},
        {"analytic (OVER)", FN_ANALYTIC, 0},
    };
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        fprintf(out, "%s functions:\n", groups[g].title);
        FnList l = {out, groups[g].want, groups[g].skip, 0};
        fputc(' ', out);
        l.col = 1;
        fn_each(list_fn, &l);
        fputc('\n', out);
    }
    const PlanApp *app = e->cur ? &e->cur->app : NULL;
    if (app && app->nfns) {
        fprintf(out, "functions of this session:\n");
        for (int i = 0; i < app->nfns; i++) {
            const UserFn *f = &app->fns[i];
            char tn[64];
            fprintf(out, "  %s(", f->name);
            for (int k = 0; k < f->nparams; k++) fprintf(out, "%s%s %s", k ? ", " : "", f->params[k], type_name(f->types[k], tn, sizeof tn));
            fprintf(out, ") RETURNS %s\n", type_name(f->ret, tn, sizeof tn));
        }
    }
}

static void describe(Engine *e, const char *name, bool quoted, FILE *out)
{
    const PlanApp *app = e->cur ? &e->cur->app : NULL;
    const CatStream *s = app ? cat_find_stream(&app->cat, name, quoted) : NULL;
    if (s && !s->anonymous) {
        fprintf(out, "stream \"%s\"%s\n", s->name, s->input ? " (fed from outside)" : "");
        int w = 7;
        for (int i = 0; i < s->schema.ncols; i++)
            if ((int)strlen(s->schema.cols[i].name) > w) w = (int)strlen(s->schema.cols[i].name);
        fprintf(out, "  %-*s  %s\n", w, "ROWTIME", "TIMESTAMP");
        for (int i = 0; i < s->schema.ncols; i++) {
            char tn[64];
            const Column *c = &s->schema.cols[i];
            fprintf(out, "  %-*s  %s%s\n", w, c->name, type_name(c->type, tn, sizeof tn), c->type.notnull ? " NOT NULL" : "");
        }
        return;
    }
    int k = repl_find_kept(e, ST_CREATE_PUMP, name, quoted);
    if (k < 0) k = repl_find_kept(e, ST_CREATE_FUNCTION, name, quoted);
    if (k >= 0) {
        fprintf(out, "%s;\n", e->kept[k].text);
        return;
    }
    const FnDef *def = fn_find(name);
    if (def) {
        fprintf(out, "built-in %s function %s: ", def->flags & FN_ANALYTIC ? "analytic" : def->flags & FN_AGGREGATE ? "aggregate" : "scalar",
                def->name);
        if (def->max_args < 0) fprintf(out, "%d or more arguments\n", def->min_args);
        else if (def->min_args == def->max_args) fprintf(out, "%d argument%s\n", def->min_args, def->min_args == 1 ? "" : "s");
        else fprintf(out, "%d to %d arguments\n", def->min_args, def->max_args);
        return;
    }
    fprintf(out, "no stream, pump or function named \"%s\" (SHOW STREAMS lists them)\n", name);
}

static void explain(Engine *e, const char *rest, const Origin *org, FILE *out)
{
    char w[256];
    bool q;
    const char *p = rest;
    if (repl_next_word(&p, w, sizeof w, &q) && e->cur) {
        const char *after = p;
        bool single = !repl_next_word(&after, w + 128, 128, &q) || strcmp(w + 128, ";") == 0;
        if (single) {
            p = rest;
            repl_next_word(&p, w, sizeof w, &q);
            for (int i = 0; i < e->cur->app.npumps; i++)
                if (repl_name_is(e->cur->app.pumps[i]->name, w, q)) {
                    plan_dump(&e->cur->app, e->cur->app.pumps[i], out);
                    return;
                }
        }
    }
    /* a query or a CREATE PUMP: planned beside the session, not kept */
    Origin o = *org;
    o.off += (uint32_t)(rest - (org->text + org->off));
    Build *b = repl_try_build(e, e->kept, e->nkept, rest, e->nkept, &o, out);
    if (!b) return;
    if (b->app.npumps) plan_dump(&b->app, b->app.pumps[b->app.npumps - 1], out);
    else fprintf(out, "nothing to explain: give a pump name, a SELECT STREAM or a CREATE PUMP\n");
    repl_build_free(b);
}

/* The application as SHOW GRAPH draws it: without the queries that were
 * watched and stopped (they stay in the plan, silent, until the next change). */
static void show_graph(Engine *e, FILE *out)
{
    const PlanApp *app = &e->cur->app;
    PlanApp view = *app;
    view.pumps = mem_alloc(sizeof *view.pumps * (size_t)(app->npumps ? app->npumps : 1));
    view.npumps = 0;
    for (int i = 0; i < app->npumps; i++) {
        const PlanPump *p = app->pumps[i];
        if (app->cat.streams[p->target]->anonymous && !(e->live.on && e->live.stream == p->target)) continue;
        view.pumps[view.npumps++] = app->pumps[i];
    }
    plan_graph(&view, false, out);
    mem_free(view.pumps);
}

#define SHOW_USAGE "SHOW STREAMS | SHOW PUMPS | SHOW FUNCTIONS | SHOW GRAPH"

/* SHOW / DESCRIBE / DROP / EXPLAIN: REPL commands, before the parser.
 * Returns 0 when text is none of them, 1 done, -1 failed. */
int repl_command(Engine *e, const char *text, const Origin *org, FILE *out)
{
    const char *p = text;
    char w1[128], w2[256], w3[8];
    bool q1, q2, q3;
    if (!repl_next_word(&p, w1, sizeof w1, &q1) || q1) return 0;
    if (!strcmp(w1, "SHOW")) {
        const char *r = p;
        if (!repl_next_word(&r, w2, sizeof w2, &q2) || !strcmp(w2, ";")) {
            fprintf(out, "SHOW what? " SHOW_USAGE "\n");
            return -1;
        }
        bool more = repl_next_word(&r, w3, sizeof w3, &q3) && strcmp(w3, ";");
        if (!strcmp(w2, "STREAMS") && !more) show_streams(e, out);
        else if (!strcmp(w2, "PUMPS") && !more) show_pumps(e, out);
        else if (!strcmp(w2, "FUNCTIONS") && !more) show_functions(e, out);
        else if (!strcmp(w2, "GRAPH") && !more && e->cur) show_graph(e, out);
        else if (!strcmp(w2, "GRAPH") && !more) fputs("no pumps: nothing flows\n", out);
        else if ((!strcmp(w2, "TABLES") || !strcmp(w2, "VIEWS")) && !more) {
            /* duckdb's and MySQL's habit: what there is to query here is streams */
            fprintf(out, "eddy's SQL has streams, not tables (reference tables come from eddy run --table):\n");
            show_streams(e, out);
        } else {
            fprintf(out, "unknown SHOW %s: " SHOW_USAGE "\n", w2);
            return -1;
        }
        return 1;
    }
    if (!strcmp(w1, "DESCRIBE") || !strcmp(w1, "DESC")) {
        const char *r = p;
        if (!repl_next_word(&r, w2, sizeof w2, &q2) || repl_next_word(&r, w3, sizeof w3, &q3)) {
            fprintf(out, "usage: DESCRIBE name\n");
            return -1;
        }
        if (!q2) {
            /* the name as typed; unquoted names match case-insensitively */
        }
        describe(e, w2, q2, out);
        return 1;
    }
    if (!strcmp(w1, "DROP")) {
        const char *r = p;
        AstStmtKind kind;
        if (!repl_next_word(&r, w2, sizeof w2, &q2) || q2) return 0;
        if (!strcmp(w2, "STREAM")) kind = ST_CREATE_STREAM;
        else if (!strcmp(w2, "PUMP")) kind = ST_CREATE_PUMP;
        else if (!strcmp(w2, "FUNCTION")) kind = ST_CREATE_FUNCTION;
        else return 0;
        char name[256];
        bool qn;
        if (!repl_next_word(&r, name, sizeof name, &qn) || repl_next_word(&r, w3, sizeof w3, &q3)) {
            fprintf(out, "usage: DROP %s name\n", w2);
            return -1;
        }
        return repl_drop(e, kind, name, qn, out) ? 1 : -1;
    }
    if (!strcmp(w1, "EXPLAIN")) {
        while (isspace((unsigned char)*p)) p++;
        explain(e, p, org, out);
        return 1;
    }
    return 0;
}
