/* Running a bound application: outputs and the error stream, reference
 * tables, the inputs, then records until every input ends or a signal
 * stops them; open windows close at the end and the stats are said. */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "src/io/uri.h"
#include "src/runtime/clock.h"
#include "src/runtime/mem.h"

static void on_stop_signal(int sig)
{
    (void)sig;
    io_stop_requested = 1;
}

/* Out of memory: what was done and what is lost, whether or not --stats
 * asked (the process is about to exit 1). */
static pthread_t main_thread;

static void say_out_of_memory(void *ctx)
{
    Run *r = ctx;
    /* the counts are the main thread's: a reader thread that ran out says only what is lost */
    if (pthread_equal(pthread_self(), main_thread)) cli_say_stats(r);
    else fputs("eddy: out of memory on the thread that reads an input (the counts of records and rows are the main thread's, not said)\n", stderr);
    fprintf(stderr, "eddy: lost: the rows of the windows still open, the rows not yet flushed to the outputs and the "
                    "records not yet read (set --max-memory below the memory eddy may have, as a budget it keeps to)\n");
}

volatile sig_atomic_t cli_stats_requested;

static void on_stats_signal(int sig)
{
    (void)sig;
    cli_stats_requested = 1;
}

void cli_say_stats(Run *r)
{
    uint64_t errors = cli_errors(r), lost = r->err->lost;
    fprintf(stderr, "eddy: %llu records in, %llu rows out, %llu error%s", (unsigned long long)r->records,
            (unsigned long long)cli_rows_delivered(r), (unsigned long long)(errors - lost), errors - lost == 1 ? "" : "s");
    if (lost) fprintf(stderr, " (and %llu error row%s not written)", (unsigned long long)lost, lost == 1 ? "" : "s");
    if (r->unread) fprintf(stderr, "; %llu record%s went into streams nothing reads", (unsigned long long)r->unread,
                           r->unread == 1 ? "" : "s");
    fputc('\n', stderr);
    if (r->ckpt_count) {
        /* while running, a copy of the process writes it and the stream waits only for the copy to start */
        uint64_t running = r->ckpt_count - (r->ckpt_last_us ? 1 : 0);
        fprintf(stderr, "eddy: %llu checkpoint%s", (unsigned long long)r->ckpt_count, r->ckpt_count == 1 ? "" : "s");
        if (running)
            fprintf(stderr, "; the stream waited %.1f ms at most for one while running", (double)r->ckpt_longest_us / 1000.0);
        if (r->ckpt_last_us) fprintf(stderr, "; the last, at the stop, took %.1f ms", (double)r->ckpt_last_us / 1000.0);
        fputc('\n', stderr);
    }
}

static void write_row(void *ctx, const CatStream *s, const Row *row)
{
    (void)s;
    io_write_row(ctx, row);
}

/* A row whose record the sink cannot take (longer than a Kinesis record
 * may be) goes to the error stream instead. */
static void reject_row(void *ctx, const RowWriter *w, const Row *row, size_t len)
{
    Run *r = ctx;
    int i = (int)(w - r->writers);
    const CatStream *cs = r->app.cat.streams[r->out_ids[i]];
    char msg[300];
    snprintf(msg, sizeof msg, "the record of %zu bytes (with its partition key) is longer than %s takes (%zu bytes): it was "
                              "not written", len, r->out_dest[i], w->out->max_record);
    ErrorRow e = {.name = "RECORD_TOO_LONG", .message = msg, .stream = cs->name, .has_rowtime = true,
                  .data_rowtime = row->rowtime, .schema = &cs->schema, .row = row};
    r->ex->stats.errors++;
    cli_write_error(r, &e);
}

/* A sink that takes KDA's destination format (a Kinesis stream): its
 * records as KDA wrote them, keyed by the partition key's column. */
static bool set_destination(Run *r, RowWriter *w, const CatStream *cs, const char *dest)
{
    const SinkFormat *f = io_sink_format(w->out);
    if (!f) return true;
    int key = -1;
    for (int c = 0; f->key_column && c < cs->schema.ncols && key < 0; c++)
        if (!strcmp(cs->schema.cols[c].name, f->key_column)) key = c;
    for (int c = 0; f->key_column && c < cs->schema.ncols && key < 0; c++)
        if (!strcasecmp(cs->schema.cols[c].name, f->key_column)) key = c;
    if (f->key_column && key < 0) {
        fprintf(stderr, "eddy: --output %s=%s: partition_key=%s is not a column of stream \"%s\" (its columns:", cs->name, dest,
                f->key_column, cs->name);
        for (int c = 0; c < cs->schema.ncols; c++) fprintf(stderr, "%s %s", c ? "," : "", cs->schema.cols[c].name);
        fprintf(stderr, ")\n");
        return false;
    }
    io_writer_set_destination(w, f->csv, key);
    io_writer_on_reject(w, reject_row, r);
    return true;
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

/* A destination as messages show it: a URI without its parameters (they may hold secrets). */
static const char *shown_dest(const char *dest, char *buf, size_t n)
{
    const char *q = strstr(dest, "://") ? strchr(dest, '?') : NULL;
    if (!q) return dest;
    snprintf(buf, n, "%.*s", (int)(q - dest), dest);
    return buf;
}

/* The file a destination names, or NULL for standard output and connectors. */
static const char *dest_path(const char *dest)
{
    if (!strncmp(dest, "file://", 7)) return dest + 7;
    return strstr(dest, "://") || !strcmp(dest, "-") ? NULL : dest;
}

/* Whether two destinations are one regular file by different names (x and
 * ./x, or two links): the same file now, or, for one not there yet, the
 * same name in the same directory. */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (!(a = dest_path(a)) || !(b = dest_path(b))) return false;
    bool ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;
    if (ha || hb) return ha && hb && S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    const char *sla = strrchr(a, '/'), *slb = strrchr(b, '/');
    if (strcmp(sla ? sla + 1 : a, slb ? slb + 1 : b) != 0) return false;
    char da[4096], db[4096];
    snprintf(da, sizeof da, "%.*s", sla ? (int)(sla - a + 1) : 1, sla ? a : ".");
    snprintf(db, sizeof db, "%.*s", slb ? (int)(slb - b + 1) : 1, slb ? b : ".");
    return stat(da, &sa) == 0 && stat(db, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The error stream and one sink per distinct destination of the outputs. */
static int open_outputs(Run *r)
{
    char why[256];
    /* outputs that name one file by different names share its sink, as
     * outputs of the same name do: two descriptors would each write at an
     * offset of their own, over each other's rows */
    for (int i = 0; i < r->nout; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(r->out_dest[i], r->out_dest[j]) && same_file(r->out_dest[i], r->out_dest[j])) {
                r->out_dest[i] = r->out_dest[j];
                break;
            }
    const char *errdest = r->opt->errors_path;
    if (errdest && strstr(errdest, "://") && strncmp(errdest, "file://", 7)) {
        fprintf(stderr, "eddy: the error stream goes to %s: error rows go to a file or standard error only (not "
                        "implemented for Kinesis or Kafka); write them to a file with --errors FILE\n", errdest);
        return EXIT_USAGE;
    }
    if (errdest && !strncmp(errdest, "file://", 7)) errdest += 7;
    r->err = !errdest ? io_sink_open_fd(2, 1 << 14)
             : r->ckpt ? io_sink_open_keep(errdest, 1 << 14, why, sizeof why) : io_sink_open(errdest, 1 << 14, why, sizeof why);
    if (!r->err) {
        fprintf(stderr, "eddy: cannot write the error stream to %s: %s\n", errdest, why);
        return EXIT_USAGE;
    }
    for (int i = 0; i < r->nout; i++) {
        bool have = false;
        for (int k = 0; k < r->nsinks && !have; k++) have = !strcmp(r->sink_dest[k], r->out_dest[i]);
        if (have) continue;
        const CatStream *cs = r->app.cat.streams[r->out_ids[i]];
        if (!strcmp(r->out_dest[i], "-") && r->opt->stdout_closed) {
            if (cs->anonymous)
                fprintf(stderr, "eddy: standard output is closed: nowhere to write the rows of the %s\n", cs->name);
            else
                fprintf(stderr, "eddy: standard output is closed: nowhere to write stream \"%s\" (give it a file with "
                                "--output %s=FILE)\n", cs->name, cs->name);
            return EXIT_RUNTIME;
        }
        /* resuming: an output file keeps what the checkpoint committed */
        bool connector;
        char cwhy[1024], shown[300];
        if (r->opt->state_dir && !r->txn)
            r->txn = io_kafka_txn_new(r->opt->state_dir, r->shown, r->opt->checkpoint_every, r->opt->verbose);
        OutBuf *o = io_sink_open_uri(r->out_dest[i], 1 << 16, r->ckpt != NULL, r->opt->verbose, r->txn, &connector, cwhy,
                                     sizeof cwhy);
        if (!o && connector) {
            fprintf(stderr, "eddy: --output %s: %s\n", cs->name, cwhy);
            return EXIT_RUNTIME;
        }
        if (!o) {
            fprintf(stderr, "eddy: cannot write stream \"%s\" to %s: %s\n", cs->name, shown_dest(r->out_dest[i], shown, sizeof shown), cwhy);
            return EXIT_USAGE;
        }
        r->sink_dest[r->nsinks] = r->out_dest[i];
        r->sinks[r->nsinks++] = o;
        const char *key = io_sink_key_column(o);
        for (int k = 0; key && k < r->nout; k++) {
            const Schema *sch = &r->app.cat.streams[r->out_ids[k]]->schema;
            if (!strcmp(r->out_dest[k], r->out_dest[i]) && schema_lookup(sch, key, false) < 0) {
                fprintf(stderr, "eddy: --output %s: key=%s: stream \"%s\" has no column %s\n", shown_dest(r->out_dest[i], shown, sizeof shown),
                        key, r->app.cat.streams[r->out_ids[k]]->name, key);
                return EXIT_USAGE;
            }
        }
    }
    return EXIT_OK;
}

/* What could not be delivered, said once per output; false if anything. */
static bool report_output(const OutBuf *o, const char *what, const char *dest)
{
    if (!out_failed(o)) return true;
    char shown[300];
    const char *name = !strcmp(dest, "-") ? "standard output" : shown_dest(dest, shown, sizeof shown);
    fprintf(stderr, "eddy: writing %s to %s: %s (%llu row%s not written)\n", what, name, o->why ? o->why : strerror(o->error),
            (unsigned long long)o->lost, o->lost == 1 ? "" : "s");
    return false;
}

static bool close_outputs(Run *r)
{
    bool ok = true;
    char shown[300];
    for (int k = 0; k < r->nsinks; k++) {
        io_sink_ending(r->sinks[k], shown_dest(r->sink_dest[k], shown, sizeof shown));
        io_sink_sync(r->sinks[k]);   /* a Kinesis stream: until it has acknowledged every row */
        ok = report_output(r->sinks[k], "rows", r->sink_dest[k]) && ok;
    }
    if (r->opt->errors_path) io_sink_ending(r->err, shown_dest(r->opt->errors_path, shown, sizeof shown));
    out_flush(r->err);
    ok = report_output(r->err, "the error stream", r->opt->errors_path ? r->opt->errors_path : "standard error") && ok;
    return ok;
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
        io_source_columns_find(&s->schema, &in->srccols);
        if (in->kda && !in->kda->csv && !cli_apply_mappings(in, s)) return EXIT_USAGE;
        if (o->format == FMT_CSV && !o->header) in->csv = io_csv_new(&s->schema, o->delimiter, NULL, 0, &r->app.arena);
    }
    /* a progress line only for regular files with a person watching stderr */
    r->show_progress = isatty(2) && !o->stats_every;
    for (int i = 0; i < r->ninputs; i++) r->show_progress = r->show_progress && r->inputs[i].src->regular;
    return EXIT_OK;
}

int cli_run_app(Run *r)
{
    Options *o = r->opt;
    int rc;
    if (r->nout == 0)
        fprintf(stderr, "%s: warning: nothing is written to the output: the application has no %s and no SELECT STREAM "
                        "(name a stream with --output)\n", r->shown, DEFAULT_DEST);
    signal(SIGPIPE, SIG_IGN);
    /* a file grown to the size limit (ulimit -f) fails its write with EFBIG,
     * said like any failed write, instead of killing eddy without a word */
    signal(SIGXFSZ, SIG_IGN);
    /* Ctrl-C, SIGTERM and SIGHUP (the terminal went away) end the input:
     * windows close, output is flushed, exit 0. SIGUSR1 says the counts
     * without stopping. No SA_RESTART, so a blocked call returns and sees
     * the request. SIGQUIT keeps its default: quit at once, with a core. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_stats_signal;
    sigaction(SIGUSR1, &sa, NULL);
    if ((rc = open_outputs(r)) != EXIT_OK) return rc;
    mem_set_budget(o->max_memory);
    /* state that grows must not make the stream wait for its page faults */
    mem_ahead_start();
    for (int i = 0; i < o->ntables; i++)
        if (!cli_table_load(r, &r->tables[i])) return EXIT_USAGE;
    r->ex = exec_new(&r->app);
    r->ex->stats.errors += r->table_errors;
    exec_set_error_sink(r->ex, cli_write_error, r);
    main_thread = pthread_self();
    mem_on_out_of_memory(say_out_of_memory, r);
    RowWriter *writers = r->writers = arena_alloc(&r->app.arena, sizeof(RowWriter) * (size_t)(r->nout ? r->nout : 1));
    for (int i = 0; i < r->nout; i++) {
        OutBuf *sink = NULL;
        int sharing = 0;
        for (int k = 0; k < r->nsinks; k++)
            if (!strcmp(r->sink_dest[k], r->out_dest[i])) sink = r->sinks[k];
        for (int k = 0; k < r->nout; k++) sharing += !strcmp(r->out_dest[k], r->out_dest[i]);
        const CatStream *cs = r->app.cat.streams[r->out_ids[i]];
        /* one CSV file has one header: streams of other columns cannot share it */
        bool file = !strstr(r->out_dest[i], "://") || !strncmp(r->out_dest[i], "file://", 7);
        if (o->output_format == OUT_CSV && file && sharing > 1) {
            int other = 0;
            while (other < r->nout && (other == i || strcmp(r->out_dest[other], r->out_dest[i]))) other++;
            char shown[300];
            fprintf(stderr, "eddy: streams \"%s\" and \"%s\" would both go to %s as CSV, whose one header cannot name the "
                            "columns of both: give each created stream its own file (--output NAME=FILE), or write NDJSON "
                            "(--stream-field names each row's stream)\n", cs->name,
                    r->app.cat.streams[r->out_ids[other]]->name,
                    !strcmp(r->out_dest[i], "-") ? "standard output" : shown_dest(r->out_dest[i], shown, sizeof shown));
            return EXIT_USAGE;
        }
        if (o->stream_field && o->output_format != OUT_NDJSON) {
            fprintf(stderr, "eddy: --stream-field names the stream in each NDJSON row; %s\n",
                    o->output_format == OUT_TABLE ? "tables show the stream's name already when streams share an output"
                                                  : "a CSV row has no place for it: give each stream its own file "
                                                    "(--output NAME=FILE)");
            return EXIT_USAGE;
        }
        io_writer_init(&writers[i], sink, &cs->schema, &r->app.arena);
        io_writer_set_format(&writers[i], o->output_format, &r->app.arena);
        if ((sharing > 1 && o->output_format == OUT_TABLE) || (o->stream_field && o->output_format == OUT_NDJSON))
            io_writer_name_stream(&writers[i], cs->name, &r->app.arena);
        if (o->row_id && (o->output_format == OUT_NDJSON || io_sink_format(sink)))
            io_writer_row_ids(&writers[i], cs->name, &r->app.arena);
        if (!set_destination(r, &writers[i], cs, r->out_dest[i])) return EXIT_USAGE;
        /* a table on a terminal fits its width, as the REPL's does */
        struct winsize ws;
        if (o->output_format == OUT_TABLE && !strcmp(r->out_dest[i], "-") && isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 &&
            ws.ws_col > 0)
            io_writer_fit(&writers[i], ws.ws_col);
        exec_set_sink(r->ex, r->out_ids[i], write_row, &writers[i]);
    }
    warn_starved(r);
    if ((rc = start_inputs(r)) != EXIT_OK) return rc;
    if ((rc = cli_partitions_open(r)) != EXIT_OK) return rc;
    if (o->state_dir && !cli_checkpoint_possible(r)) return EXIT_USAGE;
    bool resumed = r->ckpt != NULL;
    if (resumed && !cli_checkpoint_restore(r)) return EXIT_RUNTIME;
    cli_inputs_start_threads(r);
    /* and each output that is a regular file is written by a thread of its
     * own: the kernel's copy of a large output runs beside the application */
    if (cli_threads(r) >= 2)
        for (int k = 0; k < r->nsinks; k++) io_sink_start_writer(r->sinks[k]);
    r->pid = (int)getpid();   /* a partition given away in the first read takes a checkpoint */
    for (int i = 0; i < r->ninputs; i++) cli_input_fill(r, &r->inputs[i]);
    r->ex->now = clock_now_ms();
    /* VALUES relations entered when the application first started; a resumed run has their rows already */
    if (!resumed) exec_start(r->ex);
    if (o->state_dir) r->next_ckpt = clock_now_ms() + (int64_t)(o->checkpoint_every * 1000);
    cli_feed(r);
    /* the reader threads end here (they may be reading ahead after a LIMIT): the inputs are as one thread leaves them */
    cli_inputs_stop_threads(r);
    if (r->ckpt_failed) {
        rc = EXIT_RUNTIME;   /* said; what is not checkpointed is not flushed either, so a restart redoes it */
    } else if (o->state_dir && io_stop_requested) {
        /* a stop with a state directory keeps the open windows for the restart */
        if (!cli_checkpoint(r, true)) rc = EXIT_RUNTIME;
    } else {
        exec_finish(r->ex);
        cli_partitions_finish(r);
        if (o->state_dir && !cli_checkpoint(r, true)) rc = EXIT_RUNTIME;
    }
    cli_progress(r, true);
    for (int i = 0; i < r->nout; i++) io_writer_free(&writers[i]);
    for (int i = 0; i < r->ninputs; i++) {
        if (cli_input_failed(&r->inputs[i])) rc = EXIT_RUNTIME;
        if (r->inputs[i].discovered) cli_input_report_unknown(r, &r->inputs[i], true);
    }
    if (!close_outputs(r)) rc = EXIT_RUNTIME;
    else if (!o->state_dir && !r->ckpt_failed) cli_commit_inputs(r);   /* everything delivered: Kafka offsets committed */
    if (o->stats) cli_say_stats(r);
    for (int i = 0; o->stats && i < r->ninputs; i++)
        if (r->inputs[i].src->ops->stats) r->inputs[i].src->ops->stats(r->inputs[i].src, stderr);
    for (int k = 0; o->stats && k < r->nsinks; k++) io_sink_stats(r->sinks[k], stderr);
    return rc;
}
