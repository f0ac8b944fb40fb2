/* The eddy command line: run an application or a query over NDJSON input,
 * check it, explain it, draw it, or open the REPL. */
#include <errno.h>
#include <fcntl.h>
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
    char scale[700];
    int unsafe = !strcmp(o->mode, "check") ? cli_scaleout_check(r, scale, sizeof scale) : -1;
    if (r->diag.n) diag_render(&r->diag, stderr);
    if (unsafe >= 0) fprintf(stderr, "%s\n", scale);
    if (!strcmp(o->mode, "graph"))
        plan_graph(&r->app, o->dot, stdout);
    else if (!strcmp(o->mode, "explain"))
        for (int i = 0; i < r->app.npumps; i++) plan_dump(&r->app, r->app.pumps[i], stdout);
}

static int run(Options *o)
{
    if (!strcmp(o->mode, "state")) return cli_state_show(o->sql_file);
    Run *r = mem_calloc(1, sizeof *r);
    r->opt = o;
    if (!strcmp(o->mode, "schema")) {
        plan_app_init(&r->app);
        int rc = cli_schema(r);
        for (int i = 0; i < r->ninputs; i++) cli_input_close(&r->inputs[i]);
        plan_app_free(&r->app);
        mem_free(r);
        return rc;
    }
    int rc = cli_app_load(r);
    bool check = strcmp(o->mode, "run") != 0 && strcmp(o->mode, "expr") != 0;
    if (rc == EXIT_OK && check) {
        report_check(r);
        if (r->diag.errors) rc = EXIT_USAGE;   /* a kafka:// input's partition_key that is no column */
        /* columns of an undeclared input were not checked: not a pass, not an error */
        if (r->unchecked && strcmp(o->mode, "graph") != 0) rc = EXIT_UNCHECKED;
    } else if (rc == EXIT_OK) {
        rc = cli_run_app(r);
        mem_on_out_of_memory(NULL, NULL);
    }
    for (int k = 0; k < r->nsinks; k++) io_sink_close(r->sinks[k]);
    io_kafka_txn_free(r->txn);   /* after its outputs: their producer */
    cli_checkpoint_free(r);
    io_sink_close(r->err);
    cli_app_free(r);
    mem_free(r);
    rowtype_free_all();
    rx_free_all();
    return rc;
}

int main(int argc, char **argv)
{
    /* A standard descriptor that is closed must not become a file eddy opens
     * (the error stream's file would receive the rows meant for stdout):
     * hold it with /dev/null, and remember that stdout has nowhere to go. */
    bool std_closed[3];
    for (int fd = 0; fd < 3; fd++) {
        std_closed[fd] = fcntl(fd, F_GETFD) < 0 && errno == EBADF;
        if (std_closed[fd] && open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd) return EXIT_RUNTIME;
    }
    if ((argc >= 2 && strcmp(argv[1], "repl") == 0) || (argc == 1 && isatty(0))) return repl_main(argc, argv);
    Options o;
    int rc = cli_parse_args(argc, argv, &o);
    if (rc >= 0) return rc;
    o.stdout_closed = std_closed[1];
    return run(&o);
}
