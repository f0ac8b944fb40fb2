/* Statements typed or read by \i: CREATE STREAM / PUMP / FUNCTION are
 * kept (and dropped) while the whole application still binds, a SELECT
 * STREAM runs live, INSERT ... VALUES enters rows now. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "parser/parse.h"
#include "planner/bind.h"
#include "src/runtime/clock.h"
#include "src/runtime/diag.h"
#include "src/runtime/mem.h"
#include "repl_int.h"

static const char *kind_word(AstStmtKind k)
{
    switch (k) {
    case ST_CREATE_STREAM: return "stream";
    case ST_CREATE_PUMP: return "pump";
    case ST_CREATE_FUNCTION: return "function";
    default: return "statement";
    }
}

bool repl_name_is(const char *stored, const char *typed, bool quoted)
{
    return quoted ? strcmp(stored, typed) == 0 : strcasecmp(stored, typed) == 0;
}

int repl_find_kept(Engine *e, AstStmtKind kind, const char *name, bool quoted)
{
    for (int i = 0; i < e->nkept; i++)
        if (e->kept[i].kind == kind && e->kept[i].name && repl_name_is(e->kept[i].name, name, quoted)) return i;
    return -1;
}

void repl_kept_free(Kept *k)
{
    mem_free(k->text);
    mem_free(k->name);
}

/* CREATE STREAM / PUMP / FUNCTION: kept when the whole application still binds. */
bool repl_add_statement(Engine *e, Kept k, bool or_replace, const Origin *org, FILE *out)
{
    int old = or_replace ? repl_find_kept(e, k.kind, k.name, true) : -1;
    Build *b = NULL;
    if (old >= 0) {
        /* in its predecessor's place first, so statements after it still see it */
        Kept *tmp = mem_alloc(sizeof(Kept) * (size_t)e->nkept);
        memcpy(tmp, e->kept, sizeof(Kept) * (size_t)e->nkept);
        tmp[old] = k;
        b = repl_try_build(e, tmp, e->nkept, NULL, old, org, NULL);
        mem_free(tmp);
        if (b) {
            repl_kept_free(&e->kept[old]);
            e->kept[old] = k;
        }
    }
    if (!b) {
        b = repl_try_build(e, e->kept, e->nkept, k.text, e->nkept, org, out);
        if (!b) return false;
        if (e->nkept == e->capkept) e->kept = mem_realloc(e->kept, sizeof(Kept) * (size_t)(e->capkept = e->capkept ? e->capkept * 2 : 16));
        e->kept[e->nkept++] = k;
    }
    repl_install(e, b);
    repl_start_values(e);
    fprintf(out, "%s %s \"%s\"\n", old >= 0 ? "replaced" : "created", kind_word(k.kind), k.name);
    return true;
}

bool repl_drop(Engine *e, AstStmtKind kind, const char *name, bool quoted, FILE *out)
{
    int k = repl_find_kept(e, kind, name, quoted);
    if (k < 0) {
        fprintf(out, "error: no %s named \"%s\"\n", kind_word(kind), name);
        return false;
    }
    Kept *tmp = mem_alloc(sizeof(Kept) * (size_t)(e->nkept ? e->nkept : 1));
    int n = 0;
    for (int i = 0; i < e->nkept; i++)
        if (i != k) tmp[n++] = e->kept[i];
    Build *b = repl_try_build(e, tmp, n, NULL, -1, NULL, out);
    if (!b) {
        fprintf(out, "error: cannot drop %s \"%s\": the statements above need it (drop them first)\n", kind_word(kind), e->kept[k].name);
        mem_free(tmp);
        return false;
    }
    fprintf(out, "dropped %s \"%s\"\n", kind_word(kind), e->kept[k].name);
    repl_kept_free(&e->kept[k]);
    mem_free(e->kept);
    e->kept = tmp;
    e->capkept = e->nkept ? e->nkept : 1;
    e->nkept = n;
    repl_install(e, b);
    repl_start_values(e);
    return true;
}

/* INSERT INTO s VALUES (...), ... typed at the prompt: the rows enter the
 * running application now, as if they had arrived on s. */
static bool insert_values(Engine *e, const AstStmt *st, const char *stmt, const Origin *org, FILE *out)
{
    if (!e->cur) {
        fprintf(out, "%s: error: there is no stream to insert into yet: CREATE STREAM first\n", org->file);
        return false;
    }
    DiagList d;
    diag_init(&d, org->file, stmt, (uint32_t)strlen(stmt));
    Arena a;
    arena_init(&a, 4096);
    int stream = -1;
    Value **rows = NULL;
    int n = bind_insert_values(&e->cur->app, st, &d, &a, &stream, &rows);
    if (n < 0) {
        diag_render(&d, out);
    } else {
        Exec *ex = e->cur->ex;
        int64_t now = clock_now_ms();
        for (int i = 0; i < n; i++) {
            Row row = {.rowtime = now, .arrival = now, .v = rows[i], .n = e->cur->app.cat.streams[stream]->schema.ncols};
            ex->now = now;
            e->records_in++;
            exec_push_input(ex, stream, &row, &a, NULL, 0);
        }
        out_flush(&e->out);
        fprintf(out, "inserted %d row%s into \"%s\"\n", n, n == 1 ? "" : "s", e->cur->app.cat.streams[stream]->name);
    }
    diag_free(&d);
    arena_free(&a);
    return n >= 0;
}

/* One statement typed (or read by \i). False on error. */
static bool run_statement(Engine *e, const char *stmt, const Origin *org, Req *r, FILE *out)
{
    int c = repl_command(e, stmt, org, out);
    if (c) return c > 0;
    Arena a;
    arena_init(&a, 16384);
    DiagList d;
    diag_init(&d, org->file, stmt, (uint32_t)strlen(stmt));
    ParsedScript ps;
    parse_script(stmt, (uint32_t)strlen(stmt), &a, &d, &ps);
    bool ok = true;
    if (d.errors) {
        repl_render_alone(&d, org, out);
        ok = false;
    } else if (ps.n > 0) {
        AstStmt *st = ps.stmts[0];
        switch (st->kind) {
        case ST_CREATE_STREAM:
        case ST_CREATE_PUMP:
        case ST_CREATE_FUNCTION: {
            Kept k = {mem_strdup(stmt), st->kind, mem_strdup(st->name.name), st->name.quoted};
            ok = repl_add_statement(e, k, st->or_replace, org, out);
            if (!ok) repl_kept_free(&k);
            break;
        }
        case ST_SELECT: {
            Build *b = repl_try_build(e, e->kept, e->nkept, stmt, e->nkept, org, out);
            if (!b) {
                ok = false;
                break;
            }
            repl_install(e, b);
            const PlanPump *q = b->app.pumps[b->app.npumps - 1];
            repl_live_start(e, q->target, r);
            repl_start_values(e);
            /* a query over VALUES alone has all its rows now: no need to wait for Ctrl-C */
            bool finite = q->nsources > 0;
            for (int i = 0; i < q->nsources; i++)
                if (!b->app.cat.streams[q->sources[i]]->nvalues) finite = false;
            if (finite) {
                repl_stop_live(e, out);
                break;
            }
            r->live = true;
            break;
        }
        case ST_INSERT:
            ok = insert_values(e, st, stmt, org, out);
            break;
        }
    }
    diag_free(&d);
    arena_free(&a);
    return ok;
}

void repl_do_input(Engine *e, Req *r, FILE *out)
{
    Piece *pc;
    int np = repl_split_sql(r->text, r->len, &pc, NULL);
    r->ok = true;
    for (int i = 0; i < np; i++) {
        char *stmt = mem_strndup(r->text + pc[i].off, pc[i].len);
        Origin org = {r->file, r->text, r->len, pc[i].off};
        bool ok = run_statement(e, stmt, &org, r, out);
        mem_free(stmt);
        if (!ok) {
            r->ok = false;
            if (i + 1 < np) fprintf(out, "(%d statement%s after the error not run)\n", np - i - 1, np - i - 1 == 1 ? "" : "s");
            break;
        }
        if (r->live) {
            if (i + 1 < np) fprintf(out, "(%d statement%s after the SELECT STREAM not run)\n", np - i - 1, np - i - 1 == 1 ? "" : "s");
            break;
        }
    }
    mem_free(pc);
}
