/* --state DIR: checkpoints of the whole run (every operator's state, every
 * stream's clock, every input's position, every output file's committed
 * length, the counters), taken between records every --checkpoint-every
 * seconds and at a clean stop, and the restart that resumes from one: the
 * inputs seek back, the operators continue, the output files are cut back
 * to what was committed, so the rows after the checkpoint are neither lost
 * nor doubled. Kafka outputs commit a transaction with each checkpoint
 * (src/io/kafka_txn.c): a checkpoint whose transaction turns out not to
 * have committed is not resumed from; the one before it is. */
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "src/io/kafka_txn.h"
#include "src/io/state_file.h"
#include "src/runtime/clock.h"
#include "src/runtime/mem.h"
#include "src/runtime/timeutil.h"

enum { HOLD_MAX = 64 << 20 };

uint64_t cli_checkpoint_fingerprint(const Run *r)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < r->sql_len; i++) h = (h ^ (unsigned char)r->sql[i]) * 0x100000001b3ULL;
    for (int i = 0; i < r->opt->ninputs; i++) {
        for (const char *p = r->opt->inputs[i].stream; *p; p++) h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
        h = (h ^ (unsigned char)('0' + r->opt->format)) * 0x100000001b3ULL;
    }
    return h;
}

static const char *op_kind(const Op *op)
{
    const PlanNode *n = op->node;
    switch (n->kind) {
    case PN_AGGREGATE: return n->stagger ? "stagger window" : "tumbling window";
    case PN_WINDOW: return "sliding window";
    case PN_SORT: return n->within >= 0 ? "ORDER BY ... WITHIN" : "ORDER BY";
    case PN_JOIN: return n->ninputs == 2 ? "stream join" : "table join";
    case PN_TABLEFN:
        return n->tf_rcf ? "RANDOM_CUT_FOREST" : n->tf_hotspots ? "HOTSPOTS" : n->tf_group_rank ? "GROUP_RANK" : "TOP_K / COUNT_DISTINCT";
    case PN_PROJECT: return n->distinct ? "SELECT DISTINCT" : "projection";
    case PN_SETOP: return "INTERSECT / EXCEPT";
    case PN_FILTER: return "filter";
    case PN_UNION: return "UNION ALL";
    case PN_INSERT: return "insert";
    default: return "operator";
    }
}

static void ser_schema(Buf *b, const char *stream, const Schema *s)
{
    ser_str(b, stream);
    ser_u64(b, (uint64_t)s->ncols);
    for (int c = 0; c < s->ncols; c++) {
        SqlType t = s->cols[c].type;
        ser_str(b, s->cols[c].name);
        ser_u64(b, t.id);
        ser_i64(b, t.len);
        ser_u64(b, t.precision);
        ser_u64(b, t.scale);
        ser_u64(b, t.notnull);
    }
}

static bool de_schema(SerialIn *in, Schema *s, Arena *a)
{
    s->ncols = (int)de_count(in, 6);
    s->cols = arena_zalloc(a, sizeof(Column) * (size_t)(s->ncols ? s->ncols : 1));
    for (int c = 0; c < s->ncols && de_ok(in); c++) {
        s->cols[c].name = de_str(in, a);
        uint64_t id = de_u64(in);
        if (id == TY_ROW || id >= TY__COUNT) de_fail(in, "a discovered column has a type no input can have");
        SqlType t = type_make((TypeId)(id < TY__COUNT ? id : TY_NULL));
        t.len = (int32_t)de_i64(in);
        t.precision = (uint8_t)de_u64(in);
        t.scale = (uint8_t)de_u64(in);
        t.notnull = (uint8_t)de_u64(in);
        s->cols[c].type = t;
        if (!s->cols[c].name) de_fail(in, "a discovered column has no name");
    }
    return de_ok(in);
}

int cli_checkpoint_load(Run *r)
{
    Options *o = r->opt;
    char why[512];
    if (!io_state_dir(o->state_dir, why, sizeof why)) {
        fprintf(stderr, "eddy: --state: %s\n", why);
        return EXIT_USAGE;
    }
    if (o->state_reset && !io_state_remove(o->state_dir, why, sizeof why)) {
        fprintf(stderr, "eddy: --state-reset: %s\n", why);
        return EXIT_USAGE;
    }
    uint64_t undone = 0;   /* a checkpoint gone back from: the one resumed is older */
again:;
    size_t len;
    unsigned version;
    char *payload = io_state_read(o->state_dir, &len, &version, why, sizeof why);
    if (!payload) {
        if (!why[0]) return EXIT_OK;   /* the first run, or back before the first checkpoint: nothing to resume */
        fprintf(stderr, "eddy: --state: %s; nothing was run (--state-reset starts over, losing the saved state)\n", why);
        return EXIT_USAGE;
    }
    r->ckpt = payload;
    r->ckpt_len = len;
    SerialIn in;
    de_init(&in, payload, len);
    uint64_t fp = de_u64(&in);
    const char *app = de_str(&in, &r->app.arena);
    r->ckpt_written = de_i64(&in);
    r->ckpt_seq = de_u64(&in);
    size_t txn_len = 0;
    const char *txn = version >= 2 ? de_bytes(&in, &txn_len) : NULL;
    if (de_ok(&in) && fp != cli_checkpoint_fingerprint(r)) {
        fprintf(stderr, "eddy: --state: the checkpoint in %s is of another application (%s, or the same file with "
                        "other text or other inputs): nothing was run (--state-reset starts over, losing that state)\n",
                o->state_dir, app ? app : "?");
        return EXIT_USAGE;
    }
    if (de_ok(&in) && undone && r->ckpt_seq >= undone) {
        fprintf(stderr, "eddy: --state: checkpoint.prev in %s is not older than the checkpoint it was kept for; nothing "
                        "was run\n", o->state_dir);
        return EXIT_USAGE;
    }
    if (de_ok(&in) && txn_len && !undone) {
        int committed = io_kafka_txn_outcome(txn, txn_len, o->verbose, why, sizeof why);
        if (committed < 0) {
            fprintf(stderr, "eddy: --state: %s; nothing was run\n", why);
            return EXIT_RUNTIME;   /* the cluster's, not the command line's */
        }
        if (!committed) {
            /* its rows were aborted with it: resume from the checkpoint before, made the last one again first */
            undone = r->ckpt_seq;
            size_t plen;
            unsigned pversion;
            char *prev = io_state_read_prev(o->state_dir, &plen, &pversion, why, sizeof why);
            bool have_prev = prev != NULL;
            mem_free(prev);
            if (!have_prev && (why[0] || undone > 1)) {
                fprintf(stderr, "eddy: --state: the Kafka transaction of checkpoint %llu did not commit, and the checkpoint "
                                "before it (checkpoint.prev) %s; nothing was run\n", (unsigned long long)undone,
                        why[0] ? why : "is missing");
                return EXIT_USAGE;
            }
            if (!io_state_go_back(o->state_dir, why, sizeof why)) {
                fprintf(stderr, "eddy: --state: %s; nothing was run\n", why);
                return EXIT_RUNTIME;
            }
            fprintf(stderr, "eddy: --state: the Kafka transaction of checkpoint %llu did not commit: resuming from %s, "
                            "and its rows after that are written again\n", (unsigned long long)undone,
                    have_prev ? "the checkpoint before it" : "the start (it was the first)");
            mem_free(payload);
            r->ckpt = NULL;
            goto again;
        }
        if (o->verbose)
            fprintf(stderr, "eddy: --state: the Kafka transaction of checkpoint %llu committed\n", (unsigned long long)r->ckpt_seq);
    }
    /* the summary, for `eddy state`, is skipped here */
    for (int part = 0; part < 3 && de_ok(&in); part++) {
        uint64_t n = de_count(&in, 1);
        for (uint64_t i = 0; i < n && de_ok(&in); i++) {
            de_str(&in, &r->app.arena);
            de_str(&in, &r->app.arena);
            de_i64(&in);
        }
    }
    r->records = de_u64(&in);
    r->errors_in = de_u64(&in);
    r->unread = de_u64(&in);
    r->table_errors = de_u64(&in);
    uint64_t nd = de_count(&in, 2);
    for (uint64_t i = 0; i < nd && de_ok(&in); i++) {
        const char *stream = de_str(&in, &r->app.arena);
        Schema s;
        if (!de_schema(&in, &s, &r->app.arena)) break;
        for (int k = 0; k < r->ninputs; k++)
            if (stream && !strcmp(r->inputs[k].stream, stream)) {
                r->inputs[k].saved_schema = arena_alloc(&r->app.arena, sizeof(Schema));
                *r->inputs[k].saved_schema = s;
            }
    }
    if (!de_ok(&in)) {
        fprintf(stderr, "eddy: --state: the checkpoint in %s is damaged (%s); nothing was run\n", o->state_dir, in.why);
        return EXIT_USAGE;
    }
    r->ckpt_rest = (size_t)(in.p - payload);
    r->resumed_seq = r->ckpt_seq;
    return EXIT_OK;
}

/* After the application is built and its inputs and outputs opened: every
 * part back to where the checkpoint left it. */
bool cli_checkpoint_restore(Run *r)
{
    char why[512] = "";
    SerialIn in;
    de_init(&in, r->ckpt + r->ckpt_rest, r->ckpt_len - r->ckpt_rest);
    uint64_t ni = de_count(&in, 3);
    for (uint64_t i = 0; i < ni && de_ok(&in); i++) {
        const char *stream = de_str(&in, &r->app.arena);
        int64_t elem = de_i64(&in);
        size_t n;
        const char *pos = de_bytes(&in, &n);
        Input *inp = NULL;
        for (int k = 0; k < r->ninputs; k++)
            if (stream && !strcmp(r->inputs[k].stream, stream)) inp = &r->inputs[k];
        if (!inp || !de_ok(&in)) {
            fprintf(stderr, "eddy: --state: the checkpoint reads stream \"%s\", which no --input feeds now\n", stream ? stream : "?");
            return false;
        }
        inp->resume_elem = (int)elem;
        /* with --shared-state each partition's file says where it goes on */
        if (cli_partitioned(r)) continue;
        SerialIn p;
        de_init(&p, pos, n);
        why[0] = 0;
        if (!inp->src->ops->restore || !inp->src->ops->restore(inp->src, &p, why, sizeof why)) {
            fprintf(stderr, "eddy: --state: cannot go back to where the checkpoint read %s: %s\n", inp->src->name,
                    why[0] ? why : p.why ? p.why : "this kind of input cannot resume");
            return false;
        }
        if (why[0]) fprintf(stderr, "eddy: --state: %s\n", why);
        inp->resume_elem = (int)elem;
    }
    uint64_t ns = de_count(&in, 2);
    for (uint64_t i = 0; i < ns && de_ok(&in); i++) {
        const char *dest = de_str(&in, &r->app.arena);
        int64_t committed = de_i64(&in);
        for (int k = 0; k < r->nsinks; k++) {
            if (!dest || strcmp(r->sink_dest[k], dest) != 0) continue;
            if (!io_sink_commit_restore(r->sinks[k], committed, why, sizeof why)) {
                fprintf(stderr, "eddy: --state: cannot cut %s back to what the checkpoint committed: %s\n", dest, why);
                return false;
            }
        }
        if (r->opt->errors_path && dest && !strcmp(dest, r->opt->errors_path) &&
            !io_sink_commit_restore(r->err, committed, why, sizeof why)) {
            fprintf(stderr, "eddy: --state: cannot cut %s back to what the checkpoint committed: %s\n", dest, why);
            return false;
        }
    }
    uint64_t nw = de_count(&in, 1);
    for (uint64_t i = 0; i < nw && de_ok(&in); i++) {
        uint64_t rows = de_u64(&in);
        if (i < (uint64_t)r->nout) r->writers[i].rows = rows;
    }
    size_t n;
    const char *state = de_bytes(&in, &n);
    if (!de_ok(&in)) {
        fprintf(stderr, "eddy: --state: the checkpoint is damaged (%s)\n", in.why);
        return false;
    }
    SerialIn ex;
    de_init(&ex, state, n);
    if (!exec_restore(r->ex, &ex, why, sizeof why)) {
        fprintf(stderr, "eddy: --state: the checkpoint does not fit the application: %s\n", why);
        return false;
    }
    mem_free(r->ckpt);
    r->ckpt = NULL;
    return true;
}

/* Whether this run can be checkpointed; says why not. */
bool cli_checkpoint_possible(Run *r)
{
    for (int i = 0; i < r->ninputs; i++)
        if (!r->inputs[i].src->ops->save) {
            fprintf(stderr, "eddy: --state: input %s of stream \"%s\" cannot keep its position in a checkpoint yet (not "
                            "implemented); run it without --state\n", r->inputs[i].src->name, r->inputs[i].stream);
            return false;
        }
    const Op *op = exec_unsaved_op(r->ex);
    if (op) {
        fprintf(stderr, "eddy: --state: pump \"%s\" has a %s, whose state checkpoints cannot save yet (not "
                        "implemented); run it without --state\n", op->pump ? op->pump->name : "?", op_kind(op));
        return false;
    }
    return true;
}

static void describe_input(const Input *in, char *out, size_t size)
{
    if (in->done && !in->pending) snprintf(out, size, "read to its end (%llu records)", (unsigned long long)in->records);
    else if (in->pending && in->rec.origin) snprintf(out, size, "next: %s", in->rec.origin);   /* SHARD:SEQUENCE */
    else if (in->rec.origin) snprintf(out, size, "after %llu records", (unsigned long long)in->records);
    else if (in->pending) snprintf(out, size, "next: line %llu (byte %llu)", (unsigned long long)in->rec.recno,
                                   (unsigned long long)in->rec.offset);
    else snprintf(out, size, "after line %llu", (unsigned long long)in->rec.recno);
}

/* Makes the outputs durable up to the committed lengths, then writes the
 * checkpoint: in the process itself, or in a copy of it (fork) while the
 * stream goes on. */
static bool write_checkpoint(Run *r, const int64_t *committed, const Buf *positions, const Buf *txn)
{
    char why[512];
    for (int k = 0; k <= r->nsinks; k++) {
        OutBuf *o = k < r->nsinks ? r->sinks[k] : r->err;
        if (committed[k] >= 0 && !io_sink_fsync(o, why, sizeof why)) {
            fprintf(stderr, "eddy: --state: %s: %s; no checkpoint was written\n", k < r->nsinks ? r->sink_dest[k] : "the error stream", why);
            return false;
        }
    }
    /* the partitions' files first: the checkpoint that needs them is whole only once they are */
    if (!cli_partitions_write(r, txn)) return false;
    Buf ops = {0};
    exec_save(r->ex, &ops);
    Buf b = {0};
    ser_u64(&b, cli_checkpoint_fingerprint(r));
    ser_str(&b, r->shown);
    ser_i64(&b, clock_now_ms());
    ser_u64(&b, r->ckpt_seq);
    ser_bytes(&b, txn->p, txn->len);
    /* the summary `eddy state` prints: inputs, outputs, operators */
    ser_u64(&b, (uint64_t)r->ninputs);
    for (int i = 0; i < r->ninputs; i++) {
        char where[160];
        describe_input(&r->inputs[i], where, sizeof where);
        char both[600];
        snprintf(both, sizeof both, "%s, %s", r->inputs[i].src->name, where);
        ser_str(&b, r->inputs[i].stream);
        ser_str(&b, both);
        ser_i64(&b, 0);
    }
    ser_u64(&b, (uint64_t)r->nsinks + 1);
    for (int k = 0; k <= r->nsinks; k++) {
        ser_str(&b, k < r->nsinks ? r->sink_dest[k] : r->opt->errors_path ? r->opt->errors_path : "(standard error)");
        ser_str(&b, k < r->nsinks ? "rows" : "errors");
        ser_i64(&b, committed[k]);
    }
    ser_u64(&b, (uint64_t)r->ex->nops);
    SerialIn walk;
    de_init(&walk, ops.p, ops.len);
    de_i64(&walk), de_u64(&walk), de_u64(&walk);
    uint64_t nst = de_u64(&walk);
    for (uint64_t i = 0; i < nst; i++) de_u64(&walk), de_i64(&walk), de_u64(&walk);
    de_u64(&walk);
    for (int i = 0; i < r->ex->nops; i++) {
        size_t n;
        de_bytes(&walk, &n);
        ser_str(&b, r->ex->ops[i]->pump ? r->ex->ops[i]->pump->name : "");
        ser_str(&b, op_kind(r->ex->ops[i]));
        ser_i64(&b, (int64_t)n);
    }
    /* a record read but not yet processed is read again, and counted again, on restart */
    uint64_t pending = 0;
    for (int i = 0; i < r->ninputs; i++) pending += r->inputs[i].pending;
    ser_u64(&b, r->records - pending);
    ser_u64(&b, r->errors_in);
    ser_u64(&b, r->unread);
    ser_u64(&b, r->table_errors);
    int nd = 0;
    for (int i = 0; i < r->ninputs; i++) nd += r->inputs[i].discovered;
    ser_u64(&b, (uint64_t)nd);
    for (int i = 0; i < r->ninputs; i++)
        if (r->inputs[i].discovered) ser_schema(&b, r->inputs[i].stream, r->inputs[i].schema);
    /* what a restart needs: positions, committed lengths, row numbers, operators */
    ser_u64(&b, (uint64_t)r->ninputs);
    for (int i = 0; i < r->ninputs; i++) {
        Input *in = &r->inputs[i];
        ser_str(&b, in->stream);
        ser_i64(&b, in->pending ? in->elem : 0);
        ser_bytes(&b, positions[i].p, positions[i].len);
    }
    ser_u64(&b, (uint64_t)r->nsinks + (r->opt->errors_path ? 1 : 0));
    for (int k = 0; k < r->nsinks; k++) {
        ser_str(&b, r->sink_dest[k]);
        ser_i64(&b, committed[k]);
    }
    if (r->opt->errors_path) {
        ser_str(&b, r->opt->errors_path);
        ser_i64(&b, committed[r->nsinks]);
    }
    ser_u64(&b, (uint64_t)r->nout);
    for (int i = 0; i < r->nout; i++) ser_u64(&b, r->writers[i].rows);
    ser_bytes(&b, ops.p, ops.len);
    buf_free(&ops);
    /* with a transaction, the checkpoint before stays until this one's has committed */
    bool ok = io_state_write(r->opt->state_dir, &b, txn->len > 0, why, sizeof why);
    if (!ok) fprintf(stderr, "eddy: --state: %s\n", why);
    buf_free(&b);
    return ok;
}

/* The group's offsets follow the checkpoints (here, not in the copy, which
 * has no Kafka client): with a Kafka transaction, the positions of the
 * checkpoint it committed with, since the rows after them are in the next
 * transaction, not committed yet; else every record delivered so far. */
static void commit_inputs(Run *r, bool committed)
{
    if (!r->txn_positions) {
        if (committed) cli_commit_inputs(r);
        return;
    }
    for (int i = 0; i < r->ninputs; i++) {
        Source *s = r->inputs[i].src;
        SerialIn in;
        de_init(&in, r->txn_positions[i].p, r->txn_positions[i].len);
        if (committed && s->ops->commit_saved) s->ops->commit_saved(s, &in);
        buf_free(&r->txn_positions[i]);
    }
    mem_free(r->txn_positions);
    r->txn_positions = NULL;
}

/* The copy writing the last checkpoint: false when it failed (it said why). */
static bool reap_writer(Run *r, bool wait)
{
    if (!r->writer_pid) return true;
    int st;
    pid_t p = waitpid(r->writer_pid, &st, wait ? 0 : WNOHANG);
    if (p == 0) return true;   /* still writing */
    r->writer_pid = 0;
    if (p < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        fprintf(stderr, "eddy: --state: a checkpoint could not be written\n");
        io_kafka_txn_fail(r->txn);
        cli_partitions_promote(r, false);
        commit_inputs(r, false);
        return false;
    }
    /* the checkpoint is durable: its Kafka transaction commits, and the rows held meanwhile go;
     * the stream waits for the commit, and --stats counts it with the checkpoint's wait */
    int64_t began = clock_mono_us();
    bool ok = io_kafka_txn_commit(r->txn);
    int64_t took = clock_mono_us() - began;
    if (took > r->ckpt_longest_us) r->ckpt_longest_us = took;
    if (ok) cli_flush_outputs(r);
    ok = cli_partitions_promote(r, ok) && ok;
    commit_inputs(r, ok);
    return ok;
}

void cli_checkpoint_free(Run *r) { commit_inputs(r, false); }

bool cli_checkpoint_poll(Run *r)
{
    if (!r->writer_pid) return true;
    /* rows held for the transaction are bounded: past that the stream waits for the checkpoint */
    size_t held = 0;
    for (int k = 0; k < r->nsinks; k++) held += r->sinks[k]->b.len;
    return reap_writer(r, held > HOLD_MAX);
}

/* in_process: written here, not in a copy (at the stop, or when partitions go); at_stop: the last one */
static bool take(Run *r, bool in_process, bool at_stop)
{
    bool last = in_process;
    for (int i = 0; i < r->ninputs; i++)
        if (cli_input_replaying(&r->inputs[i])) return true;   /* after discovery's records are read again */
    if (!reap_writer(r, last)) return false;
    int64_t every_ms = (int64_t)(r->opt->checkpoint_every * 1000);
    if (r->writer_pid) {
        /* the last one is still being written: this one waits its turn */
        r->next_ckpt = clock_now_ms() + (every_ms < 100 ? every_ms : 100);
        return true;
    }
    int64_t began = clock_mono_us();
    cli_flush_outputs(r);
    /* a connector's rows before the checkpoint must have arrived: the
     * inputs' positions it records are never read again */
    for (int k = 0; k < r->nsinks; k++)
        if (!io_sink_sync(r->sinks[k])) {
            fprintf(stderr, "eddy: --state: %s: %s; no checkpoint was written\n", r->sink_dest[k],
                    r->sinks[k]->why ? r->sinks[k]->why : "rows could not be delivered");
            return false;
        }
    int64_t committed[MAX_OUTPUTS + 1];
    for (int k = 0; k <= r->nsinks; k++) committed[k] = io_sink_length(k < r->nsinks ? r->sinks[k] : r->err);
    /* positions are taken here, not in the copy: a connector's source has a
     * thread and a lock, which the copy does not have */
    Buf positions[MAX_INPUTS] = {{0}};
    for (int i = 0; i < r->ninputs; i++) cli_input_save(&r->inputs[i], &positions[i]);
    r->ckpt_seq++;
    /* the Kafka transaction of the rows so far commits once the checkpoint is durable */
    Buf txn = {0};
    io_kafka_txn_prepare(r->txn, r->ckpt_seq, &txn);
    cli_partitions_mark(r);
    bool ok = true;
    pid_t pid = last ? -1 : fork();
    if (pid == 0) {
        /* the copy: the whole state as it is now, written while the original
         * goes on; it dies with the original, so no stale copy outlives it.
         * It never calls librdkafka, whose threads it does not have. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != r->pid) _exit(1);
        mem_on_out_of_memory(NULL, NULL);   /* its failure is the checkpoint's, said by the original */
        _exit(write_checkpoint(r, committed, positions, &txn) ? 0 : 1);
    }
    if (pid < 0 && !(ok = write_checkpoint(r, committed, positions, &txn))) {
        io_kafka_txn_fail(r->txn);
        cli_partitions_promote(r, false);
    }
    if (txn.len) {
        /* kept until the transaction commits: then they are the group's offsets */
        r->txn_positions = mem_calloc((size_t)r->ninputs + 1, sizeof(Buf));
        memcpy(r->txn_positions, positions, sizeof(Buf) * (size_t)r->ninputs);
        memset(positions, 0, sizeof positions);
    }
    if (pid > 0) {
        r->writer_pid = pid;
    } else if (ok) {
        ok = io_kafka_txn_commit(r->txn);
        ok = cli_partitions_promote(r, ok) && ok;
        commit_inputs(r, ok);
    } else {
        commit_inputs(r, false);
    }
    buf_free(&txn);
    for (int i = 0; i < r->ninputs; i++) buf_free(&positions[i]);
    /* the stream waits while a checkpoint is taken (a fork, or the whole write at the end): --stats says how long */
    int64_t took = clock_mono_us() - began;
    r->ckpt_count++;
    if (at_stop) r->ckpt_last_us = took;
    else if (took > r->ckpt_longest_us) r->ckpt_longest_us = took;
    r->next_ckpt = clock_now_ms() + every_ms;
    return ok;
}

bool cli_checkpoint(Run *r, bool last) { return take(r, last, last); }

bool cli_checkpoint_now(Run *r) { return take(r, true, false); }

/* eddy state DIR: what the checkpoint there holds. */
int cli_state_show(const char *dir)
{
    char why[512];
    size_t len;
    unsigned version;
    char *payload = io_state_read(dir, &len, &version, why, sizeof why);
    if (!payload && !why[0]) {
        int rc = cli_partitions_show(dir);   /* a --shared-state directory */
        if (rc >= 0) return rc;
    }
    if (!payload) {
        fprintf(stderr, "eddy: state: %s\n", why[0] ? why : "no checkpoint in that directory");
        return EXIT_RUNTIME;
    }
    Arena a;
    arena_init(&a, 4096);
    SerialIn in;
    de_init(&in, payload, len);
    de_u64(&in);
    const char *app = de_str(&in, &a);
    int64_t written = de_i64(&in);
    uint64_t seq = de_u64(&in);
    char ts[40];
    ts[time_format_timestamp(written, ts)] = 0;
    size_t txn_len = 0;
    const char *txn = version >= 2 ? de_bytes(&in, &txn_len) : NULL;
    printf("checkpoint %llu of %s, written %s UTC (%zu bytes)\n", (unsigned long long)seq, app ? app : "?", ts, len);
    if (de_ok(&in) && txn_len) io_kafka_txn_describe(txn, txn_len, stdout);
    static const char *const titles[] = {"inputs", "outputs", "operators"};
    for (int part = 0; part < 3 && de_ok(&in); part++) {
        uint64_t n = de_count(&in, 1);
        printf("%s:\n", titles[part]);
        for (uint64_t i = 0; i < n && de_ok(&in); i++) {
            const char *x = de_str(&in, &a), *y = de_str(&in, &a);
            int64_t v = de_i64(&in);
            if (part == 0) printf("  %s from %s\n", x, y);
            else if (part == 1 && v >= 0) printf("  %s (%s): %lld bytes committed\n", x, y, (long long)v);
            else if (part == 1 && txn_len && !strncmp(x, "kafka://", 8) && !strstr(x, "transactional=false"))
                printf("  %s (%s): rows up to the checkpoint in its transaction\n", x, y);
            else if (part == 1) printf("  %s (%s): not a file, rows after the checkpoint may come again\n", x, y);
            else printf("  pump %s: %s, %lld bytes of state\n", x && x[0] ? x : "-", y, (long long)v);
        }
    }
    uint64_t records = de_u64(&in), errors = de_u64(&in);
    if (de_ok(&in)) printf("records read: %llu, input errors: %llu\n", (unsigned long long)records, (unsigned long long)errors);
    int rc = EXIT_OK;
    if (!de_ok(&in)) {
        fprintf(stderr, "eddy: state: the checkpoint is damaged (%s)\n", in.why);
        rc = EXIT_RUNTIME;
    }
    arena_free(&a);
    mem_free(payload);
    return rc;
}
