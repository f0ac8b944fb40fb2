/* The eddy command line: run an application or a query over NDJSON input,
 * check it, explain it, draw it, or open the REPL. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "functions/regex.h"
#include "src/repl/repl.h"
#include "src/runtime/mem.h"
#include "src/runtime/rowtype.h"

/* check, explain and graph: what binding found, and the plan or graph. */
static void report_check(Run *r)
{
    Options *o = r->opt;
    if (r->diag.n) diag_render(&r->diag, stderr);
    if (!strcmp(o->mode, "graph"))
        plan_graph(&r->app, o->dot, stdout);
    else if (!strcmp(o->mode, "explain"))
        for (int i = 0; i < r->app.npumps; i++) plan_dump(&r->app, r->app.pumps[i], stdout);
}

static int run(Options *o)
{
    Run *r = mem_calloc(1, sizeof *r);
    r->opt = o;
    int rc = cli_app_load(r);
    bool check = strcmp(o->mode, "run") != 0 && strcmp(o->mode, "expr") != 0;
    if (rc == EXIT_OK && check && !r->unchecked) report_check(r);
    else if (rc == EXIT_OK && !check) rc = cli_run_app(r);
    if (r->out.b.p) out_free(&r->out);
    if (r->err.b.p) {
        out_free(&r->err);
        if (r->err.fd > 2) close(r->err.fd);
    }
    cli_app_free(r);
    mem_free(r);
    rowtype_free_all();
    rx_free_all();
    return rc;
}

int main(int argc, char **argv)
{
    if ((argc >= 2 && strcmp(argv[1], "repl") == 0) || (argc == 1 && isatty(0))) return repl_main(argc, argv);
    Options o;
    int rc = cli_parse_args(argc, argv, &o);
    if (rc >= 0) return rc;
    return run(&o);
}
