/* Running a bound application: outputs and the error stream, reference
 * tables, the inputs, then records until every input ends or a signal
 * stops them; open windows close at the end and the stats are said. */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "src/runtime/clock.h"

static void on_stop_signal(int sig)
{
    (void)sig;
    io_stop_requested = 1;
}

static void write_row(void *ctx, const CatStream *s, const Row *row)
{
    (void)s;
    io_write_row(ctx, row);
}

/* An input nothing reads while a stream that is read gets no rows is most
 * often a wrong name: say so, since its records would go nowhere. */
static void warn_starved(Run *r)
{
    Options *o = r->opt;
    const char *starved = NULL;
    for (int p = 0; p < r->app.npumps && !starved; p++)
        for (int k = 0; k < r->app.pumps[p]->nsources && !starved; k++) {
            int sid = r->app.pumps[p]->sources[k];
            bool fed = r->app.cat.streams[sid]->table || r->app.cat.streams[sid]->values;
            for (int q = 0; q < r->app.npumps && !fed; q++) fed = r->app.pumps[q]->target == sid;
            for (int q = 0; q < o->ninputs && !fed; q++) fed = strcasecmp(o->inputs[q].stream, r->app.cat.streams[sid]->name) == 0;
            if (!fed) starved = r->app.cat.streams[sid]->name;
        }
    for (int i = 0; starved && i < o->ninputs; i++) {
        const CatStream *s = cat_find_stream(&r->app.cat, o->inputs[i].stream, false);
        if (s && r->ex->streams[s->id].nreaders == 0)
            fprintf(stderr, "%s: warning: no pump or query reads stream \"%s\", which %s feeds, and nothing feeds stream "
                            "\"%s\", which is read: feed it with --input %s=%s\n",
                    r->shown, s->name, strcmp(o->inputs[i].path, "-") ? o->inputs[i].path : "standard input", starved,
                    starved, o->inputs[i].path);
    }
}

/* Each input's stream, source and decoder; the first record of each read. */
static int start_inputs(Run *r)
{
    Options *o = r->opt;
    for (int i = 0; i < r->ninputs; i++) {
        Input *in = &r->inputs[i];
        CatStream *s = cat_find_stream(&r->app.cat, in->stream, false);
        if (!s) {
            fprintf(stderr, "eddy: --input: unknown stream \"%s\"\n", in->stream);
            return EXIT_USAGE;
        }
        in->stream_id = s->id;
        in->schema = &s->schema;
        if (!in->src && cli_input_open(r, in) < 0) return EXIT_RUNTIME;
        if (o->format == FMT_LINES && s->schema.ncols != 1) {
            fprintf(stderr, "eddy: --format lines feeds one column, but stream \"%s\" has %d; declare it with a single "
                            "VARCHAR column\n", s->name, s->schema.ncols);
            return EXIT_USAGE;
        }
        in->dec = io_decoder_new(&s->schema);
        if (in->kda && !in->kda->csv && !cli_apply_mappings(in, s)) return EXIT_USAGE;
        if (o->format == FMT_CSV && !o->header) in->csv = io_csv_new(&s->schema, o->delimiter, NULL, 0, &r->app.arena);
    }
    /* a progress line only for regular files with a person watching stderr */
    r->show_progress = isatty(2) && !o->stats_every;
    for (int i = 0; i < r->ninputs; i++) r->show_progress = r->show_progress && r->inputs[i].src->regular;
    for (int i = 0; i < r->ninputs; i++) cli_input_fill(r, &r->inputs[i]);
    return EXIT_OK;
}

int cli_run_app(Run *r)
{
    Options *o = r->opt;
    if (r->nout == 0)
        fprintf(stderr, "%s: warning: nothing is written to the output: the application has no %s and no SELECT STREAM "
                        "(name a stream with --output)\n", r->shown, DEFAULT_DEST);
    signal(SIGPIPE, SIG_IGN);
    /* Ctrl-C and SIGTERM end the input: windows close, output is flushed, exit 0.
     * No SA_RESTART, so a blocked call returns and sees the request. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    out_init(&r->out, 1, 1 << 16);
    int errfd = 2;
    if (o->errors_path) {
        errfd = open(o->errors_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (errfd < 0) {
            fprintf(stderr, "eddy: cannot write %s: %m\n", o->errors_path);
            return EXIT_USAGE;
        }
    }
    out_init(&r->err, errfd, 1 << 14);
    for (int i = 0; i < o->ntables; i++)
        if (!cli_table_load(r, &r->tables[i])) return EXIT_USAGE;
    r->ex = exec_new(&r->app);
    exec_set_error_sink(r->ex, cli_write_error, r);
    RowWriter *writers = arena_alloc(&r->app.arena, sizeof(RowWriter) * (size_t)(r->nout ? r->nout : 1));
    for (int i = 0; i < r->nout; i++) {
        io_writer_init(&writers[i], &r->out, &r->app.cat.streams[r->out_ids[i]]->schema, &r->app.arena);
        io_writer_set_format(&writers[i], o->output_format, &r->app.arena);
        exec_set_sink(r->ex, r->out_ids[i], write_row, &writers[i]);
    }
    warn_starved(r);
    int rc = start_inputs(r);
    if (rc != EXIT_OK) return rc;
    r->ex->now = clock_now_ms();
    exec_start(r->ex);
    cli_feed(r);
    exec_finish(r->ex);
    cli_progress(r, true);
    for (int i = 0; i < r->nout; i++) io_writer_free(&writers[i]);
    for (int i = 0; i < r->ninputs; i++)
        if (r->inputs[i].src->error) rc = EXIT_RUNTIME;
    if (o->stats)
        fprintf(stderr, "eddy: %llu records in, %llu rows out, %llu error%s\n", (unsigned long long)r->records,
                (unsigned long long)r->ex->stats.output_rows, (unsigned long long)r->ex->stats.errors,
                r->ex->stats.errors == 1 ? "" : "s");
    for (int i = 0; o->stats && i < r->ninputs; i++)
        if (r->inputs[i].src->ops->stats) r->inputs[i].src->ops->stats(r->inputs[i].src, stderr);
    return rc;
}
