/* Feeding the running application: every input's records in ROWTIME order
 * (ties to the first input), waiting on the quiet ones without blocking
 * the others, closing windows on time while nothing arrives, and flushing
 * output whenever the inputs have nothing more ready. */
#include <poll.h>
#include <stdio.h>

#include "cli.h"
#include "src/runtime/clock.h"
#include "src/runtime/timeutil.h"

enum { MERGE_GRACE_MS = 1000, IDLE_TICK_MS = 200, WRITER_TICK_MS = 5, COMMIT_EVERY_MS = 1000 };

void cli_flush_outputs(Run *r)
{
    for (int k = 0; k < r->nsinks; k++) out_flush(r->sinks[k]);
    out_flush(r->err);
}

bool cli_commit_inputs(Run *r)
{
    bool any = false;
    for (int i = 0; i < r->ninputs; i++) {
        /* discovery's records are not all processed until they have been read again */
        if (cli_input_replaying(&r->inputs[i])) return true;
        any = any || (r->inputs[i].src && r->inputs[i].src->ops->commit);
    }
    r->next_commit = clock_now_ms() + COMMIT_EVERY_MS;
    if (!any) return true;
    cli_flush_outputs(r);
    for (int k = 0; k < r->nsinks; k++)
        if (!io_sink_sync(r->sinks[k])) return false;
    for (int i = 0; i < r->ninputs; i++) {
        Input *in = &r->inputs[i];
        if (in->src->ops->commit) in->src->ops->commit(in->src, in->pending ? &in->rec : NULL, in->pending);
    }
    return true;
}

/* Without --state, inputs that commit are told now and then; with it, after each checkpoint. */
static void maybe_commit(Run *r)
{
    if (!r->opt->state_dir && clock_now_ms() >= r->next_commit) cli_commit_inputs(r);
}

bool cli_outputs_ok(Run *r)
{
    bool any_open = r->nsinks == 0;
    for (int k = 0; k < r->nsinks; k++) {
        if (out_failed(r->sinks[k])) return false;
        any_open = any_open || !r->sinks[k]->broken;
    }
    /* a failed error stream would lose every bad record from now on without a word */
    return any_open && !out_failed(r->err);
}

uint64_t cli_rows_delivered(const Run *r)
{
    uint64_t n = 0;
    for (int k = 0; k < r->nsinks; k++) n += r->sinks[k]->delivered;
    return n;
}

/* Periodic reports on stderr: --stats-every as NDJSON, or a progress line
 * when reading a regular file with stderr on a terminal (never when piped). */
void cli_progress(Run *r, bool last)
{
    if (!r->ex || (!r->opt->stats_every && !r->show_progress)) return;
    if (last && r->opt->stats) {
        /* the --stats line says it all: end the progress line without repeating it */
        if (r->last_report) fputs("\r\033[K", stderr);
        return;
    }
    int64_t now = clock_is_fixed() ? 0 : clock_now_ms();
    if (!r->started) r->started = now, r->last_report = now;
    double interval = r->opt->stats_every ? r->opt->stats_every * 1000 : 500;
    if (!last && now - r->last_report < interval) return;
    double secs = (double)(now - r->started) / 1000.0;
    double rate = secs > 0 ? (double)r->records / secs : 0;
    if (r->opt->stats_every) {
        if (last) return;
        char ts[40];
        ts[time_format_timestamp(clock_now_ms(), ts)] = 0;
        fprintf(stderr, "{\"time\":\"%s\",\"records_in\":%llu,\"rows_out\":%llu,\"errors\":%llu,\"records_per_s\":%.0f}\n", ts,
                (unsigned long long)r->records, (unsigned long long)cli_rows_delivered(r),
                (unsigned long long)cli_errors(r), rate);
    } else {
        uint64_t bytes = 0;
        for (int i = 0; i < r->ninputs; i++) bytes += cli_input_bytes(&r->inputs[i]);
        char speed[48] = "";
        if (secs >= 0.2) snprintf(speed, sizeof speed, ", %.0f records/s", rate);   /* a rate needs some time to mean anything */
        fprintf(stderr, "\reddy: %.1f MB, %llu records%s, %llu errors%s", (double)bytes / 1e6, (unsigned long long)r->records,
                speed, (unsigned long long)cli_errors(r), last ? "\n" : "   ");
    }
    r->last_report = now;
}

/* Waiting for input: on an input whose ROWTIME is the arrival time, time
 * moves on without rows, and windows that have ended by now close. */
static void on_idle(Run *r)
{
    cli_progress(r, false);
    int64_t now = clock_now_ms();
    for (int i = 0; i < r->ninputs; i++) {
        Input *in = &r->inputs[i];
        if (in->dec && !in->event_time) {
            exec_tick(r->ex, in->stream_id, now);
            cli_partitions_tick(r, in->stream_id, now);
        }
    }
}

/* Whether `next` may go now, given the inputs with no record ready; if
 * not, waits (up to the idle tick) for one of them and reads what came.
 * With one input this is simply: wait for it, closing windows on time. */
static bool wait_for_quiet_inputs(Run *r, Input *next)
{
    int64_t now = clock_now_ms();
    struct pollfd fds[MAX_INPUTS];
    Input *quiet[MAX_INPUTS];
    int nq = 0;
    bool may = true;
    for (int i = 0; i < r->ninputs; i++) {
        Input *in = &r->inputs[i];
        if (in->pending || in->done) {
            in->quiet_since = 0;
            continue;
        }
        if (!in->quiet_since) in->quiet_since = now;
        bool behind_now = in->time_known && !in->event_time && next && next->row.rowtime <= now;
        if (!behind_now && now - in->quiet_since < MERGE_GRACE_MS) may = false;
        quiet[nq] = in;
        fds[nq++] = (struct pollfd){.fd = cli_input_fd(in), .events = POLLIN};
    }
    if (nq == 0) return true;
    if (may && next) {
        /* the busy inputs go on, but the quiet ones are looked at (once a
         * millisecond at most) so a record they send is read when it comes */
        if (now == r->quiet_polled || io_stop_requested) return true;
        r->quiet_polled = now;
        if (poll(fds, (nfds_t)nq, 0) <= 0) return true;
        bool got = false;
        for (int q = 0; q < nq; q++) {
            if (!fds[q].revents) continue;
            cli_input_fill(r, quiet[q]);
            got = got || quiet[q]->pending;
        }
        return !got;   /* a record that came may be the earlier one */
    }
    cli_flush_outputs(r);
    maybe_commit(r);
    cli_progress(r, false);
    if (!cli_checkpoint_poll(r) || (r->opt->state_dir && clock_now_ms() >= r->next_ckpt && !cli_checkpoint(r, false))) {
        r->ckpt_failed = true;
        io_stop_requested = 1;
    }
    if (cli_stats_requested) cli_stats_requested = 0, cli_say_stats(r);
    /* while a checkpoint is being written, looked at again soon: its Kafka transaction commits when it is done */
    int rc = io_stop_requested ? 0 : poll(fds, (nfds_t)nq, r->writer_pid ? WRITER_TICK_MS : IDLE_TICK_MS);
    /* while a record waits, the clock does not close windows: its ROWTIME
     * is earlier than now, and the windows it belongs to must stay open */
    if (rc == 0 && !next) on_idle(r);
    for (int q = 0; q < nq; q++) {
        if (!io_stop_requested && rc > 0 && fds[q].revents == 0) continue;
        cli_input_fill(r, quiet[q]);
        /* an input read on a thread ends by itself, once the thread has handed over what it read */
        if (io_stop_requested && !quiet[q]->thr) quiet[q]->done = true;
    }
    return false;
}

/* Records in ROWTIME order across inputs; ties go to the first input.
 * While one input is quiet, a record of another may go first when the
 * quiet one cannot have an earlier one (its records are stamped with their
 * arrival time, which will be later than now), or once it has been quiet
 * for MERGE_GRACE_MS, so a live pipe that pauses does not hold up the
 * others (a record it sends later with an earlier ROWTIME still enters its
 * own stream in order). */
void cli_feed(Run *r)
{
    for (;;) {
        if (exec_limits_reached(r->ex)) break;   /* each query's LIMIT has its rows */
        Input *next = NULL;
        bool quiet = false;
        if (r->ninputs == 1 && r->inputs[0].pending) {
            /* one input with a record ready: the common case, with no merge to do */
            next = &r->inputs[0];
            next->quiet_since = 0;
        } else {
            for (int i = 0; i < r->ninputs; i++) {
                Input *in = &r->inputs[i];
                if (in->pending) {
                    if (!next || in->row.rowtime < next->row.rowtime) next = in;
                    in->quiet_since = 0;
                } else {
                    quiet = quiet || !in->done;
                }
            }
        }
        if (quiet && !wait_for_quiet_inputs(r, next)) continue;
        if (!next) break;
        Exec *ex = r->parts ? cli_exec_for(r, next) : r->ex;
        ex->now = next->row.arrival;
        const ExStream *st = &ex->streams[next->stream_id];
        if (st->nreaders == 0 && !st->sink) r->unread++;
        exec_push_input(ex, next->stream_id, &next->row, &next->arena, next->rec.data, next->rec.len);
        if (r->parts) cli_partitions_follow(r, next);
        if (cli_stats_requested) cli_stats_requested = 0, cli_say_stats(r);
        /* outputs fail only when their buffer is written, every 64 KB at most:
         * a look now and then is enough; before the next record is read, so
         * that every record counted in is one whose rows were processed */
        if ((r->records & 1023) == 0 && !cli_outputs_ok(r)) break;
        cli_input_fill(r, next);
        if ((r->records & 1023) == 0) {
            cli_progress(r, false);
            maybe_commit(r);
            /* here every row pushed is processed and each input's next one waits: a consistent point */
            if (!cli_checkpoint_poll(r) || (r->opt->state_dir && clock_now_ms() >= r->next_ckpt && !cli_checkpoint(r, false))) {
                r->ckpt_failed = true;
                break;
            }
        }
    }
}
