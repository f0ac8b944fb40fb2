/* Statements: CREATE STREAM, CREATE FUNCTION, pumps and INSERT, bare
 * SELECT STREAM queries, and the check that pumps form no cycle; with the
 * entry points of bind.h. */
#include "bind_int.h"

#include <stdio.h>
#include <string.h>

#include "src/runtime/convert.h"
#include "src/runtime/mem.h"
#include "src/runtime/namemap.h"

SqlType bind_type(const AstType *t)
{
    SqlType r;
    switch (t->id) {
    case TY_DECIMAL: r = type_decimal(t->precision > 0 ? t->precision : 18, t->scale > 0 ? t->scale : 0); break;
    case TY_CHAR: case TY_VARCHAR: case TY_BINARY: case TY_VARBINARY:
        r = type_string(t->id, t->len > 0 ? t->len : 0);
        break;
    case TY_INTERVAL_DT: case TY_INTERVAL_YM:
        r = type_make(t->id);
        r.unit_hi = (uint8_t)t->unit_hi;
        r.unit_lo = (uint8_t)t->unit_lo;
        break;
    default: r = type_make(t->id);
    }
    return r;
}

static void add_pump(PlanApp *app, PlanPump *p)
{
    if (app->npumps == app->cap) {
        app->cap = app->cap ? app->cap * 2 : 16;
        app->pumps = mem_realloc(app->pumps, sizeof *app->pumps * (size_t)app->cap);
    }
    app->pumps[app->npumps++] = p;
}

static bool is_input_name(const BindOptions *opt, const char *name)
{
    for (int i = 0; opt && i < opt->ninputs; i++)
        if (strcmp(opt->inputs[i], name) == 0) return true;
    return false;
}

static void bind_create_stream(Binder *b, const AstStmt *s)
{
    Catalog *cat = &b->app->cat;
    int n = s->columns ? s->columns->n : 0;
    Schema sch;
    sch.ncols = n;
    sch.cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(n ? n : 1));
    bool ok = true;
    NameMap seen;
    namemap_init(&seen, false);
    for (int i = 0; i < n; i++) {
        AstColumnDef *c = s->columns->items[i];
        if (namemap_add(&seen, c->name.name, i) >= 0) {
            diag_error(b->diag, c->name.span, "column \"%s\" is declared twice", c->name.name);
            ok = false;
        }
        if (bind_is_word(&c->name, "ROWTIME")) {
            diag_error(b->diag, c->name.span, "ROWTIME is a system column of every stream and cannot be declared");
            ok = false;
        }
        if (type_is_interval(c->type.id)) {
            diag_error(b->diag, c->type.span, "INTERVAL is not a column type (intervals exist only in expressions)");
            ok = false;
        }
        sch.cols[i].name = c->name.name;
        sch.cols[i].type = bind_type(&c->type);
        sch.cols[i].type.notnull = c->notnull;
    }
    namemap_free(&seen);
    if (!ok) return;
    CatStream *old = cat_find_stream(cat, s->name.name, true);
    if (old) {
        if (!s->or_replace && old->declared) {
            diag_error(b->diag, s->name.span, "stream \"%s\" already exists (use CREATE OR REPLACE STREAM)", s->name.name);
            return;
        }
        cat_set_schema(cat, old, &sch);
        old->declared = true;
        old->discovered = false;
        old->span = s->span;
        return;
    }
    CatStream *st = cat_add_stream(cat, s->name.name, &sch, s->span);
    st->declared = true;
    st->input = is_input_name(b->opt, st->name);
}

static CatStream *find_target(Binder *b, const AstName *n)
{
    CatStream *t = cat_find_stream(&b->app->cat, n->name, n->quoted);
    if (!t) {
        const char *names[256];
        int k = cat_stream_names(&b->app->cat, names, 256);
        const char *sug = diag_suggest(n->name, names, k);
        if (sug)
            diag_error(b->diag, n->span, "unknown stream \"%s\" (did you mean \"%s\"?); create it with CREATE STREAM first", n->name, sug);
        else
            diag_error(b->diag, n->span, "unknown stream \"%s\": create it with CREATE STREAM before inserting into it", n->name);
        return NULL;
    }
    if (t->input) {
        diag_error(b->diag, n->span, "cannot insert into \"%s\": it is fed by the input", t->name);
        return NULL;
    }
    return t;
}

static void bind_insert(Binder *b, const AstStmt *s)
{
    CatStream *t = find_target(b, &s->target);
    PlanPump *p = arena_zalloc(b->arena, sizeof *p);
    p->name = s->kind == ST_CREATE_PUMP ? arena_strndup(b->arena, s->name.name, strlen(s->name.name)) : "INSERT";
    p->span = s->span;
    b->pump = p;
    /* A pump's query over a stream streams by construction, with or without
     * STREAM: an AWS Solutions template deployed INSERT INTO x SELECT * FROM
     * stream (DIALECT S4 as revised). Only a query of its own must say it. */
    b->bare_query = false;
    PlanNode *q = bind_query(b, s->query);
    if (!t || !q) return;
    const Schema *ts = &t->schema;
    /* which target column each query column feeds */
    int nq = q->out.ncols;
    int *map = arena_alloc(b->arena, sizeof(int) * (size_t)(nq ? nq : 1));
    if (s->target_cols) {
        if (s->target_cols->n != nq) {
            diag_error(b->diag, s->query->span, "the query returns %d column%s but the column list names %d", nq,
                       nq == 1 ? "" : "s", s->target_cols->n);
            return;
        }
        for (int i = 0; i < nq; i++) {
            AstName *cn = s->target_cols->items[i];
            int c = bind_column(b, ts, cn->name, cn->quoted);
            if (c < 0) {
                const char *cands[256];
                int k = 0;
                for (int j = 0; j < ts->ncols && k < 256; j++) cands[k++] = ts->cols[j].name;
                const char *sug = diag_suggest(cn->name, cands, k);
                if (sug)
                    diag_error(b->diag, cn->span, "stream \"%s\" has no column \"%s\" (did you mean \"%s\"?)", t->name, cn->name, sug);
                else
                    diag_error(b->diag, cn->span, "stream \"%s\" has no column \"%s\"", t->name, cn->name);
                return;
            }
            for (int j = 0; j < i; j++)
                if (map[j] == c) {
                    diag_error(b->diag, cn->span, "column \"%s\" is listed twice", cn->name);
                    return;
                }
            map[i] = c;
        }
    } else {
        if (nq != ts->ncols) {
            diag_error(b->diag, s->query->span, "the query returns %d column%s but stream \"%s\" has %d", nq, nq == 1 ? "" : "s",
                       t->name, ts->ncols);
            return;
        }
        for (int i = 0; i < nq; i++) map[i] = i;
    }
    for (int i = 0; i < nq; i++) {
        SqlType from = q->out.cols[i].type, to = ts->cols[map[i]].type;
        /* a NULL goes into a column of any type (the select list made it
         * VARCHAR only to give it a type; a column of a stream whose
         * columns are not known yet binds to one too) */
        const Expr *e = q->kind == PN_PROJECT && i < q->nexprs ? q->exprs[i] : NULL;
        if (e && e->kind == EX_CONST && e->k.null) continue;
        if (!type_assignable(from, to)) {
            char a[64], bb[64];
            diag_error(b->diag, s->query->span, "column %d (%s) of the query is %s, which cannot go into column \"%s\" %s of \"%s\"",
                       i + 1, q->out.cols[i].name, type_name(from, a, sizeof a), ts->cols[map[i]].name,
                       type_name(to, bb, sizeof bb), t->name);
            return;
        }
    }
    /* Final projection: the target's columns in order, converted to its types. */
    FnCtx cx = bind_fnctx(b, s->query->span);
    PlanNode *proj;
    Expr **src;
    if (q->kind == PN_PROJECT) {
        proj = q;
        src = q->exprs;
    } else {
        proj = bind_new_node(b, PN_PROJECT, s->query->span, 1);
        proj->inputs[0] = q;
        src = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(nq ? nq : 1));
        for (int i = 0; i < nq; i++) src[i] = expr_column(b->arena, 0, i, q->out.cols[i].type, s->query->span);
    }
    Expr **exprs = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(ts->ncols ? ts->ncols : 1));
    for (int c = 0; c < ts->ncols; c++) exprs[c] = NULL;
    for (int i = 0; i < nq; i++) {
        SqlType to = ts->cols[map[i]].type;
        Expr *e = src[i];
        /* a number or time stored into a character column is its text, cut to the column like any string */
        if (type_is_string(to.id) && !type_is_string(e->type.id) && e->type.id != TY_NULL)
            e = fn_cast(&cx, e, type_string(TY_VARCHAR, 0));
        exprs[map[i]] = fn_store_cast(&cx, e, to);
    }
    for (int c = 0; c < ts->ncols; c++)
        if (!exprs[c]) exprs[c] = expr_const(b->arena, ts->cols[c].type, val_null(), s->query->span);
    proj->exprs = exprs;
    proj->nexprs = ts->ncols;
    proj->out = *ts;
    PlanNode *ins = bind_new_node(b, PN_INSERT, s->span, 1);
    ins->inputs[0] = proj;
    ins->stream = t->id;
    ins->out = *ts;
    p->root = ins;
    p->target = t->id;
    add_pump(b->app, p);
}

static void bind_bare_select(Binder *b, const AstStmt *s)
{
    PlanPump *p = arena_zalloc(b->arena, sizeof *p);
    /* a bare query has no name of its own: the error stream names it by its line */
    char label[64];
    int line = 0, col = 0;
    bind_position(b, s->span.off, &line, &col);
    if (line) snprintf(label, sizeof label, "SELECT STREAM at line %d", line);
    else snprintf(label, sizeof label, "SELECT STREAM #%d", b->app->npumps + 1);
    p->name = arena_strndup(b->arena, label, strlen(label));
    p->span = s->span;
    b->pump = p;
    b->bare_query = true;
    PlanNode *q = bind_query(b, s->query);
    b->bare_query = false;
    if (!q) return;
    /* The output already starts with the row's ROWTIME: a selected ROWTIME
     * column would repeat it under the same key, so it is left out. */
    PlanNode *pj = q->kind == PN_SORT && q->within >= 0 ? q->inputs[0] : q;
    if (pj->kind == PN_PROJECT) {
        int k = 0;
        for (int i = 0; i < pj->nexprs; i++) {
            bool same = strcmp(pj->out.cols[i].name, "ROWTIME") == 0 &&
                        (pj->exprs[i]->kind == EX_OUT_ROWTIME || (pj->exprs[i]->kind == EX_ROWTIME && !pj->rowtime));
            if (same) continue;
            if (strcmp(pj->out.cols[i].name, "ROWTIME") == 0) pj->out.cols[i].name = "ROWTIME0";
            pj->exprs[k] = pj->exprs[i];
            pj->out.cols[k] = pj->out.cols[i];
            k++;
        }
        pj->nexprs = pj->out.ncols = k;
        if (pj != q) q->out = pj->out;
    } else if (q->kind == PN_SORT) {
        /* the sort may still need the column as a key: only stop emitting it */
        const PlanNode *proj = q->inputs[0];
        int k = 0;
        Column *cols = arena_alloc(b->arena, sizeof(Column) * (size_t)(q->nemit ? q->nemit : 1));
        for (int i = 0; i < q->nemit; i++) {
            int c = q->emit_cols[i];
            bool same = strcmp(proj->out.cols[c].name, "ROWTIME") == 0 &&
                        (proj->exprs[c]->kind == EX_OUT_ROWTIME || (proj->exprs[c]->kind == EX_ROWTIME && !proj->rowtime));
            if (same) continue;
            q->emit_cols[k] = c;
            cols[k] = proj->out.cols[c];
            if (strcmp(cols[k].name, "ROWTIME") == 0) cols[k].name = "ROWTIME0";
            k++;
        }
        q->nemit = k;
        q->out.ncols = k;
        q->out.cols = cols;
    }
    CatStream *out = cat_add_stream(&b->app->cat, p->name, &q->out, s->span);
    out->anonymous = true;
    out->output = true;
    if (s->limit >= 0) out->limited = true, out->limit = (uint64_t)s->limit;
    PlanNode *ins = bind_new_node(b, PN_INSERT, s->span, 1);
    ins->inputs[0] = q;
    ins->stream = out->id;
    ins->out = out->schema;
    p->root = ins;
    p->target = out->id;
    add_pump(b->app, p);
}

/* Pumps form a graph from the streams they read to the one they write; a
 * cycle would feed a stream its own rows forever. A depth-first search,
 * with its own stack: a chain of pumps may be as long as the application.
 * Returns the length of a cycle found from `from`, its streams in path[],
 * the first one again at the end; 0 if none. */
static int find_cycle(const PlanApp *app, int from, const int *first, const int *edge, int *state, int *path, int *next)
{
    int depth = 0;
    path[0] = from;
    next[0] = first[from];
    state[from] = 1;
    while (depth >= 0) {
        int s = path[depth];
        if (next[depth] == first[s + 1]) {
            state[s] = 2;
            depth--;
            continue;
        }
        int t = app->pumps[edge[next[depth]++]]->target;
        if (state[t] == 1) {
            path[depth + 1] = t;
            return depth + 1;
        }
        if (state[t] == 0) {
            state[t] = 1;
            depth++;
            path[depth] = t;
            next[depth] = first[t];
        }
    }
    return 0;
}

static void check_cycles(Binder *b)
{
    PlanApp *app = b->app;
    int n = app->cat.nstreams;
    /* the pumps reading each stream: edge[first[s] .. first[s + 1]) */
    int *first = mem_calloc((size_t)n + 2, sizeof(int));
    int nedges = 0;
    for (int i = 0; i < app->npumps; i++)
        for (int k = 0; k < app->pumps[i]->nsources; k++) first[app->pumps[i]->sources[k] + 1]++, nedges++;
    for (int s = 0; s < n; s++) first[s + 1] += first[s];
    int *edge = mem_alloc(sizeof(int) * (size_t)(nedges + 1));
    int *fill = mem_calloc((size_t)n + 1, sizeof(int));
    for (int i = 0; i < app->npumps; i++)
        for (int k = 0; k < app->pumps[i]->nsources; k++) {
            int s = app->pumps[i]->sources[k];
            edge[first[s] + fill[s]++] = i;
        }
    int *state = mem_calloc((size_t)n + 1, sizeof(int));
    int *path = mem_calloc((size_t)n + 2, sizeof(int));
    int *next = mem_calloc((size_t)n + 2, sizeof(int));
    for (int s = 0; s < n; s++) {
        int len = state[s] == 0 ? find_cycle(app, s, first, edge, state, path, next) : 0;
        if (len) {
            char msg[1024];
            size_t used = 0;
            int start = 0;
            while (start < len && path[start] != path[len]) start++;
            for (int i = start; i <= len && used < sizeof msg - 140; i++)
                used += (size_t)snprintf(msg + used, sizeof msg - used, "%s\"%s\"", i > start ? " -> " : "", app->cat.streams[path[i]]->name);
            Span at = span_make(0, 0);
            for (int i = 0; i < app->npumps; i++)
                if (app->pumps[i]->target == path[len]) at = app->pumps[i]->span;
            diag_error(b->diag, at, "pumps form a cycle: %s", msg);
            break;
        }
    }
    mem_free(first);
    mem_free(edge);
    mem_free(fill);
    mem_free(state);
    mem_free(path);
    mem_free(next);
}

static void bind_create_function(Binder *b, const AstStmt *s)
{
    PlanApp *app = b->app;
    const UserFn *old = bind_find_user_fn(app, &s->name);
    if (old && !s->or_replace) {
        diag_error(b->diag, s->name.span, "function %s already exists (use CREATE OR REPLACE FUNCTION)", s->name.name);
        return;
    }
    if (!old && fn_find(s->name.name) && !s->name.quoted) {
        diag_error(b->diag, s->name.span, "%s is a built-in function: choose another name", s->name.name);
        return;
    }
    int np = s->columns ? s->columns->n : 0;
    UserFn f;
    memset(&f, 0, sizeof f);
    f.name = arena_strndup(b->arena, s->name.name, strlen(s->name.name));
    f.nparams = np;
    f.params = arena_alloc(b->arena, sizeof(char *) * (size_t)(np ? np : 1));
    f.params_quoted = arena_alloc(b->arena, sizeof(bool) * (size_t)(np ? np : 1));
    f.types = arena_alloc(b->arena, sizeof(SqlType) * (size_t)(np ? np : 1));
    for (int i = 0; i < np; i++) {
        const AstColumnDef *c = s->columns->items[i];
        f.params[i] = arena_strndup(b->arena, c->name.name, strlen(c->name.name));
        f.params_quoted[i] = c->name.quoted;
        f.types[i] = bind_type(&c->type);
    }
    f.ret = bind_type(&s->returns);
    f.body = s->body;
    f.null_on_null = s->null_on_null;
    /* check the body once now, with placeholder arguments of the declared types */
    Expr **probe = arena_alloc(b->arena, sizeof(Expr *) * (size_t)(np ? np : 1));
    for (int i = 0; i < np; i++) {
        probe[i] = expr_new(b->arena, EX_COLUMN, 0);
        probe[i]->type = f.types[i];
        probe[i]->col = i;
    }
    b->ufn = &f;
    b->ufn_args = probe;
    Scope none;
    memset(&none, 0, sizeof none);
    Expr *body = bind_expr(b, &none, s->body);
    b->ufn = NULL;
    b->ufn_args = NULL;
    if (!body) return;
    if (!type_assignable(body->type, f.ret) && !conv_cast_allowed(body->type, f.ret)) {
        char t1[64], t2[64];
        diag_error(b->diag, s->body->span, "the body is %s, which does not convert to the RETURNS type %s",
                   type_name(body->type, t1, sizeof t1), type_name(f.ret, t2, sizeof t2));
        return;
    }
    if (old) {
        *(UserFn *)old = f;
        return;
    }
    if (app->nfns == app->capfns) {
        app->capfns = app->capfns ? app->capfns * 2 : 8;
        app->fns = mem_realloc(app->fns, sizeof(UserFn) * (size_t)app->capfns);
    }
    app->fns[app->nfns++] = f;
}

/* INSERT INTO s [(columns)] VALUES (...), ... typed by hand (the REPL): each
 * value is a constant expression, converted to its column's type; columns
 * the list leaves out are NULL. The rows go to *rows (in arena a), as
 * *stream's rows. Returns how many, or -1 with the errors in diag. */
int bind_insert_values(PlanApp *app, const AstStmt *s, DiagList *diag, Arena *a, int *stream, Value ***rows)
{
    Binder b;
    memset(&b, 0, sizeof b);
    b.app = app;
    b.arena = a;
    b.diag = diag;
    const AstSelect *q = s->query;
    if (!q || !q->values) {
        diag_error(diag, s->span, "only INSERT ... VALUES runs by itself; an INSERT of a query runs inside a pump: "
                                  "CREATE PUMP name AS INSERT INTO ...");
        return -1;
    }
    CatStream *t = cat_find_stream(&app->cat, s->target.name, s->target.quoted);
    if (!t || t->table) {
        diag_error(diag, s->target.span, "unknown stream \"%s\": create it with CREATE STREAM first", s->target.name);
        return -1;
    }
    const Schema *ts = &t->schema;
    int ncols = s->target_cols ? s->target_cols->n : ts->ncols;
    int *map = arena_alloc(a, sizeof(int) * (size_t)(ncols ? ncols : 1));
    for (int i = 0; i < ncols; i++) {
        map[i] = i;
        if (!s->target_cols) continue;
        const AstName *cn = s->target_cols->items[i];
        map[i] = schema_lookup(ts, cn->name, cn->quoted);
        if (map[i] < 0) {
            diag_error(diag, cn->span, "stream \"%s\" has no column \"%s\"", t->name, cn->name);
            return -1;
        }
    }
    Scope none;
    memset(&none, 0, sizeof none);
    int nrows = q->values->n;
    Value **out = arena_alloc(a, sizeof(Value *) * (size_t)(nrows ? nrows : 1));
    for (int r = 0; r < nrows; r++) {
        const AstList *row = q->values->items[r];
        if (row->n != ncols) {
            diag_error(diag, q->span, "row %d of VALUES has %d value%s; \"%s\" takes %d", r + 1, row->n, row->n == 1 ? "" : "s",
                       t->name, ncols);
            return -1;
        }
        out[r] = arena_alloc(a, sizeof(Value) * (size_t)(ts->ncols ? ts->ncols : 1));
        for (int c = 0; c < ts->ncols; c++) out[r][c] = val_null();
        for (int i = 0; i < ncols; i++) {
            const AstExpr *x = row->items[i];
            Expr *e = bind_expr(&b, &none, x);
            if (!e) return -1;   /* with no FROM, a column name is already an error */
            FnCtx cx = bind_fnctx(&b, x->span);
            e = fn_cast(&cx, e, ts->cols[map[i]].type);
            if (!e) return -1;
            EvalCtx ev;
            memset(&ev, 0, sizeof ev);
            ev.arena = a;
            Value v;
            expr_eval(e, &ev, &v);
            if (ev.err.set) {
                diag_error(diag, x->span, "%s", ev.err.msg);
                return -1;
            }
            if (v.null && ts->cols[map[i]].type.notnull) {
                diag_error(diag, x->span, "column \"%s\" is NOT NULL", ts->cols[map[i]].name);
                return -1;
            }
            out[r][map[i]] = val_copy(ts->cols[map[i]].type, &v, a);
        }
    }
    *stream = t->id;
    *rows = out;
    return nrows;
}

int bind_app(PlanApp *app, AstStmt **stmts, int n, const BindOptions *opt, DiagList *diag)
{
    Binder b;
    memset(&b, 0, sizeof b);
    b.app = app;
    b.arena = &app->arena;
    b.diag = diag;
    b.opt = opt;
    int before = diag->errors;
    /* the names of the pumps so far, for the check of each new one */
    NameMap pumps;
    namemap_init(&pumps, false);
    int named = 0;
    for (int i = 0; i < n; i++) {
        AstStmt *s = stmts[i];
        for (; named < app->npumps; named++) namemap_add(&pumps, app->pumps[named]->name, named);
        switch (s->kind) {
        case ST_CREATE_STREAM: bind_create_stream(&b, s); break;
        case ST_CREATE_PUMP: {
            int k = namemap_get(&pumps, s->name.name);
            if (k >= 0 && !s->or_replace) {
                diag_error(diag, s->name.span, "pump \"%s\" already exists (use CREATE OR REPLACE PUMP)", s->name.name);
                break;
            }
            if (k >= 0) {
                /* OR REPLACE: the new definition takes the old one's place;
                 * the pumps after it move, so their names are indexed again */
                memmove(&app->pumps[k], &app->pumps[k + 1], sizeof(PlanPump *) * (size_t)(app->npumps - k - 1));
                app->npumps--;
                namemap_free(&pumps);
                named = 0;
            }
            bind_insert(&b, s);
            break;
        }
        case ST_INSERT:
            bind_insert(&b, s);
            break;
        case ST_SELECT: bind_bare_select(&b, s); break;
        case ST_CREATE_FUNCTION: bind_create_function(&b, s); break;
        }
    }
    namemap_free(&pumps);
    if (diag->errors == before) check_cycles(&b);
    bind_free_column_indexes(&b);
    return diag->errors - before;
}
