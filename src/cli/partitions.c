/* --shared-state DIR: the application runs once per Kafka partition this
 * process reads (an Exec each, built from the same plan), so the state of
 * a partition (its open windows, joins, sorts) is its own and can move
 * with it. Each checkpoint writes every partition's state to DIR, beside
 * the offset it resumes from (src/io/partition_files.h: one file per
 * generation, named for good once the checkpoint is durable and its Kafka
 * transaction committed); a process that is given a partition takes it up
 * from its newest file, and one that gives a partition away first takes a
 * checkpoint, so nothing is lost or doubled when processes join or leave.
 * When a process dies, its partitions go on from its last checkpoint: the
 * records after it are read again (with a Kafka sink in a transaction,
 * its rows after the checkpoint were never committed). The rows of a
 * partition are the ones one process gives when every GROUP BY, window
 * and join keeps the rows of one partition key together (eddy check says
 * whether an application does). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "src/io/kafka_txn.h"
#include "src/io/partition_files.h"
#include "src/io/state_file.h"
#include "src/io/uri.h"
#include "src/runtime/clock.h"
#include "src/runtime/mem.h"

enum { FOLLOW_MS = 10 };

typedef struct PartExec {
    Exec *ex;          /* NULL: this process does not read the partition */
    int64_t next;      /* the offset after the last record pushed, or to start from; -1 none */
    uint64_t gen;      /* the generation of its state this process last read or wrote, 0 none */
    uint64_t writing;  /* the generation the checkpoint being written gives it, 0 none */
} PartExec;

struct Partitions {
    const char *dir;
    char topic[256];
    char owner[128];
    PartExec *p;       /* by partition id */
    int n;
    int64_t ticked;    /* the arrival time every partition's clock was last moved to */
};

static PartExec *slot(Partitions *ps, int32_t id)
{
    if (id >= ps->n) {
        int n = id + 1 > 2 * ps->n ? id + 1 : 2 * ps->n;
        ps->p = mem_realloc(ps->p, sizeof *ps->p * (size_t)n);
        for (int i = ps->n; i < n; i++) ps->p[i] = (PartExec){.next = -1};
        ps->n = n;
    }
    return &ps->p[id];
}

/* A partition's counts go to the run's (the first Exec's) before its state
 * is saved or dropped, so each process counts what it did. */
static void fold_counts(Run *r, PartExec *pe)
{
    r->ex->stats.errors += pe->ex->stats.errors;
    r->ex->stats.output_rows += pe->ex->stats.output_rows;
    pe->ex->stats.errors = pe->ex->stats.output_rows = 0;
}

static void drop(Run *r, PartExec *pe)
{
    fold_counts(r, pe);
    exec_free(pe->ex);
    *pe = (PartExec){.next = -1};
}

/* "0, 1, 2" */
static void list_ids(const int32_t *ids, int n, char *out, size_t size)
{
    out[0] = 0;
    for (int i = 0; i < n && i < 16; i++) snprintf(out + strlen(out), size - strlen(out), "%s%d", i ? ", " : "", (int)ids[i]);
    if (n > 16) snprintf(out + strlen(out), size - strlen(out), " (and %d more)", n - 16);
}

static void fail(Run *r)
{
    r->ckpt_failed = true;
    io_stop_requested = 1;
}

/* A new Exec for a partition: its relations' rows were given by the run's
 * own when the application started, so they start here unheard. */
static Exec *new_exec(Run *r, bool start)
{
    Exec *ex = exec_new(&r->app);
    ex->now = clock_now_ms();
    if (start) exec_start(ex);
    ex->stats.errors = ex->stats.output_rows = 0;
    exec_set_error_sink(ex, cli_write_error, r);
    for (int i = 0; i < r->nout; i++) exec_set_sink(ex, r->out_ids[i], r->ex->streams[r->out_ids[i]].sink,
                                                    r->ex->streams[r->out_ids[i]].sink_ctx);
    return ex;
}

/* A partition's file, as cli_partitions_write wrote it. */
typedef struct PartFile {
    uint64_t fp, gen, seq;
    const char *app, *topic, *owner;
    int64_t partition, next;
    const char *txn, *state;
    size_t txn_len, state_len;
} PartFile;

static bool parse_file(const char *payload, size_t len, PartFile *f, Arena *a, const char **bad)
{
    SerialIn in;
    de_init(&in, payload, len);
    f->fp = de_u64(&in);
    f->app = de_str(&in, a);
    f->topic = de_str(&in, a);
    f->partition = de_i64(&in);
    f->gen = de_u64(&in);
    f->owner = de_str(&in, a);
    de_i64(&in);   /* when it was written */
    f->seq = de_u64(&in);
    f->txn = de_bytes(&in, &f->txn_len);
    f->next = de_i64(&in);
    f->state = de_bytes(&in, &f->state_len);
    *bad = in.why;
    return de_ok(&in);
}

static bool same_partition(Run *r, const PartFile *f, int32_t id, uint64_t gen)
{
    return f->fp == cli_checkpoint_fingerprint(r) && f->topic && !strcmp(f->topic, r->parts->topic) && f->partition == id &&
           f->gen == gen;
}

/* A generation after the newest, written but never named by a process
 * that died in between (or was restarted): named here, and its payload
 * returned, when its checkpoint is known to be durable: this process's own
 * checkpoint that it resumed from, or another's whose Kafka transaction
 * committed (asking the cluster fences that process's producer, which is
 * dead or no longer owns the partition). NULL with why empty: none. */
static char *orphan(Run *r, int32_t id, uint64_t gen, size_t *len, char *why, size_t whysize)
{
    Partitions *ps = r->parts;
    char owners[4][128];
    int n = io_part_pending(ps->dir, ps->topic, id, gen, owners, 4);
    for (int k = 0; k < n; k++) {
        char w[300];
        char *payload = io_part_read_pending(ps->dir, ps->topic, id, gen, owners[k], len, w, sizeof w);
        if (!payload) continue;   /* cut short by its writer's death: never durable */
        Arena a;
        arena_init(&a, 512);
        PartFile f;
        const char *bad;
        int durable = 0;
        if (parse_file(payload, *len, &f, &a, &bad) && same_partition(r, &f, id, gen)) {
            if (!strcmp(owners[k], ps->owner)) durable = f.seq == r->resumed_seq && r->resumed_seq > 0;
            else if (f.txn_len) durable = io_kafka_txn_outcome(f.txn, f.txn_len, r->opt->verbose, why, whysize);
        }
        arena_free(&a);
        if (durable > 0) {
            int rc = io_part_promote(ps->dir, ps->topic, id, gen, owners[k], why, whysize);
            if (rc > 0 && io_state_sync_dir(ps->dir, why, whysize)) {
                if (r->opt->verbose)
                    fprintf(stderr, "eddy: --shared-state: partition %d: the state %s wrote at its last checkpoint is "
                                    "durable, though it could not name it: named now\n", (int)id, owners[k]);
                return payload;
            }
            if (rc == 0) why[0] = 0;   /* named meanwhile: the newest generation says it */
        }
        mem_free(payload);
        if (durable < 0 || why[0]) return NULL;
        /* never durable: gone, so that its writer, if it comes back, cannot name it over this process's */
        io_part_drop_pending(ps->dir, ps->topic, id, gen, owners[k]);
        if (r->opt->verbose)
            fprintf(stderr, "eddy: --shared-state: partition %d: the state %s wrote at a checkpoint that never became "
                            "durable is dropped\n", (int)id, owners[k]);
    }
    why[0] = 0;
    return NULL;
}

/* The partition's newest state from the shared directory, into a new Exec;
 * false with why (the run stops: taking the partition up without its state
 * would split its windows). */
static bool take_up(Run *r, int32_t id, PartExec *pe, char *why, size_t whysize)
{
    Partitions *ps = r->parts;
    char *payload = NULL;
    size_t len = 0;
    int64_t gen = 0;
    /* a generation read as it is replaced two checkpoints later: look again */
    for (int tries = 0; tries < 3 && !payload; tries++) {
        why[0] = 0;
        gen = io_part_newest(ps->dir, ps->topic, id, why, whysize);
        if (gen < 0) return false;
        payload = orphan(r, id, (uint64_t)gen + 1, &len, why, whysize);
        if (payload) {
            gen++;
            break;
        }
        if (why[0]) return false;
        io_part_tidy(ps->dir, ps->topic, id, (uint64_t)gen);
        if (gen == 0) break;
        payload = io_part_read(ps->dir, ps->topic, id, (uint64_t)gen, &len, why, whysize);
    }
    if (gen > 0 && !payload) return false;
    if (!payload) {
        pe->ex = new_exec(r, true);
        pe->next = -1;
        pe->gen = 0;
        return true;
    }
    Arena a;
    arena_init(&a, 512);
    PartFile f;
    const char *bad;
    bool ok = false;
    if (!parse_file(payload, len, &f, &a, &bad)) {
        snprintf(why, whysize, "%s/%s.%d.%lld is damaged (%s)", ps->dir, ps->topic, (int)id, (long long)gen, bad);
    } else if (!same_partition(r, &f, id, (uint64_t)gen)) {
        snprintf(why, whysize, "%s/%s.%d.%lld is the state of another application (%s, topic %s, or the same file with "
                 "other text or other inputs; give this one its own --shared-state directory, or remove %s/%s.%d.* "
                 "to start the partition over)", ps->dir, ps->topic, (int)id, (long long)gen, f.app ? f.app : "?",
                 f.topic ? f.topic : "?", ps->dir, ps->topic, (int)id);
    } else {
        pe->ex = new_exec(r, false);
        SerialIn ex;
        de_init(&ex, f.state, f.state_len);
        char w[400] = "";
        if (!exec_restore(pe->ex, &ex, w, sizeof w)) {
            snprintf(why, whysize, "%s/%s.%d.%lld does not fit the application: %s", ps->dir, ps->topic, (int)id,
                     (long long)gen, w);
            exec_free(pe->ex);
            pe->ex = NULL;
        } else {
            pe->ex->stats.errors = pe->ex->stats.output_rows = 0;   /* the process that wrote it counted them */
            pe->next = f.next;
            pe->gen = (uint64_t)gen;
            ok = true;
            if (r->opt->verbose)
                fprintf(stderr, "eddy: --shared-state: partition %d taken up from %s/%s.%d.%lld (written by %s), at offset %lld\n",
                        (int)id, ps->dir, ps->topic, (int)id, (long long)gen, f.owner ? f.owner : "?", (long long)f.next);
        }
    }
    arena_free(&a);
    mem_free(payload);
    return ok;
}

static void on_partitions(void *ctx, SourcePartitions what, const int32_t *ids, int n, int64_t *start)
{
    Run *r = ctx;
    Partitions *ps = r->parts;
    char list[200], why[900];
    list_ids(ids, n, list, sizeof list);
    if (what == PARTITIONS_TAKEN) {
        for (int i = 0; i < n; i++) {
            PartExec *pe = slot(ps, ids[i]);
            if (pe->ex) drop(r, pe);   /* an eager rebalance gives everything back first; never both */
            if (!take_up(r, ids[i], pe, why, sizeof why)) {
                fprintf(stderr, "eddy: --shared-state: cannot take up partition %d of %s: %s; the run stops\n", (int)ids[i],
                        ps->topic, why);
                fail(r);
                return;
            }
            start[i] = pe->next;
        }
        return;
    }
    if (what == PARTITIONS_GIVEN) {
        /* everything handed out has been processed: a checkpoint now is the
         * state the next owner takes up, and its rows are committed first */
        if (!r->ckpt_failed && !cli_checkpoint_now(r)) {
            fprintf(stderr, "eddy: --shared-state: partition%s %s of %s went to another process without the state of "
                            "this process's last records (no checkpoint could be written): it takes them up from the "
                            "checkpoint before, and reads again what came since\n", n == 1 ? "" : "s", list, ps->topic);
            fail(r);
        } else {
            fprintf(stderr, "eddy: --shared-state: partition%s %s of %s went to another process of the group, with %s "
                            "state (in %s)\n", n == 1 ? "" : "s", list, ps->topic, n == 1 ? "its" : "their", ps->dir);
        }
    } else {
        fprintf(stderr, "eddy: --shared-state: partition%s %s of %s were taken away (this process lost touch with the "
                        "group): the process that has %s now takes up the state of this process's last checkpoint and "
                        "reads again what came since\n", n == 1 ? "" : "s", list, ps->topic, n == 1 ? "it" : "them");
    }
    for (int i = 0; i < n; i++) {
        PartExec *pe = ids[i] < ps->n ? &ps->p[ids[i]] : NULL;
        if (pe && pe->ex) drop(r, pe);
    }
}

/* The topic of a kafka://BROKERS/TOPIC input, with its group; false with why. */
static bool kafka_input(const Input *in, char *topic, size_t n, char *why, size_t whysize)
{
    IoUri u;
    if (!io_uri_parse(in->path, &u, why, whysize)) return false;
    bool kafka = u.scheme && !strcmp(u.scheme, "kafka");
    const char *group = kafka ? io_uri_param(&u, "group") : NULL;
    if (!kafka) snprintf(why, whysize, "stream \"%s\" is read from %s, not from a Kafka topic", in->stream, in->path);
    else if (!group || !*group) snprintf(why, whysize, "kafka://.../TOPIC of stream \"%s\" has no group=G: without a "
                                         "group one process reads every partition, and nothing moves", in->stream);
    else snprintf(topic, n, "%s", u.path[0] == '/' ? u.path + 1 : u.path);
    bool ok = kafka && group && *group;
    io_uri_free(&u);
    return ok;
}

int cli_partitions_open(Run *r)
{
    Options *o = r->opt;
    if (!o->shared_state_dir) return EXIT_OK;
    char why[600], topic[256] = "";
    if (r->ninputs != 1) {
        fprintf(stderr, "eddy: --shared-state keeps the state of each partition of one Kafka topic, but %d inputs feed this "
                        "application: run it with one kafka:// input (and tables)\n", r->ninputs);
        return EXIT_USAGE;
    }
    Input *in = &r->inputs[0];
    if (!kafka_input(in, topic, sizeof topic, why, sizeof why)) {
        fprintf(stderr, "eddy: --shared-state: %s\n", why);
        return EXIT_USAGE;
    }
    if (in->discovered) {
        fprintf(stderr, "eddy: --shared-state: stream \"%s\" is not declared: every process must give it the same columns "
                        "(declare it with CREATE STREAM, or give --input-schema)\n", in->stream);
        return EXIT_USAGE;
    }
    for (int i = 0; i < r->app.cat.nstreams; i++) {
        const CatStream *s = r->app.cat.streams[i];
        if (s->limited) {
            fprintf(stderr, "eddy: --shared-state: a query's LIMIT counts the rows of one process, not of the group: "
                            "run it without LIMIT\n");
            return EXIT_USAGE;
        }
    }
    if (!io_state_make_dir(o->shared_state_dir, why, sizeof why)) {
        fprintf(stderr, "eddy: --shared-state: %s\n", why);
        return EXIT_USAGE;
    }
    Partitions *ps = r->parts = mem_calloc(1, sizeof *ps);
    ps->dir = o->shared_state_dir;
    snprintf(ps->topic, sizeof ps->topic, "%s", topic);
    /* the process's name in the shared directory, for good: its pending files are its own */
    char fresh[128], host[64] = "host";
    gethostname(host, sizeof host - 1);
    host[sizeof host - 1] = 0;
    for (char *c = host; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-')) *c = '-';
    snprintf(fresh, sizeof fresh, "%s-%ld-%lld", host, (long)getpid(), (long long)clock_now_ms());
    if (!io_state_id_file(o->state_dir, "owner", fresh, ps->owner, sizeof ps->owner, why, sizeof why)) {
        fprintf(stderr, "eddy: --state: %s\n", why);
        return EXIT_RUNTIME;
    }
    in->src->on_partitions = on_partitions;
    in->src->partitions_ctx = r;
    return EXIT_OK;
}

bool cli_partitioned(const Run *r) { return r->parts != NULL; }

Exec *cli_exec_for(Run *r, const Input *in)
{
    Partitions *ps = r->parts;
    if (!ps || !in->rec.has_partition) return r->ex;
    PartExec *pe = slot(ps, in->rec.partition);
    if (!pe->ex) pe->ex = new_exec(r, true);   /* a record before its partition's assignment: never, by librdkafka */
    pe->next = (int64_t)in->rec.offset + 1;
    return pe->ex;
}

void cli_partitions_follow(Run *r, const Input *in)
{
    Partitions *ps = r->parts;
    /* on one Exec any record's arrival closes every key's window that has
     * ended; here the other partitions' clocks follow, every few ms */
    if (!ps || in->event_time || in->row.arrival < ps->ticked + FOLLOW_MS) return;
    ps->ticked = in->row.arrival;
    cli_partitions_tick(r, in->stream_id, in->row.arrival);
}

void cli_partitions_tick(Run *r, int stream, int64_t now)
{
    for (int i = 0; r->parts && i < r->parts->n; i++)
        if (r->parts->p[i].ex) exec_tick(r->parts->p[i].ex, stream, now);
}

void cli_partitions_finish(Run *r)
{
    for (int i = 0; r->parts && i < r->parts->n; i++)
        if (r->parts->p[i].ex) exec_finish(r->parts->p[i].ex);
}

uint64_t cli_errors(const Run *r)
{
    uint64_t n = r->ex->stats.errors;
    for (int i = 0; r->parts && i < r->parts->n; i++)
        if (r->parts->p[i].ex) n += r->parts->p[i].ex->stats.errors;
    return n;
}

void cli_partitions_mark(Run *r)
{
    Partitions *ps = r->parts;
    for (int i = 0; ps && i < ps->n; i++) {
        PartExec *pe = &ps->p[i];
        if (pe->ex) fold_counts(r, pe);
        pe->writing = pe->ex && (pe->next >= 0 || pe->gen) ? pe->gen + 1 : 0;
    }
}

bool cli_partitions_write(Run *r, const Buf *txn)
{
    Partitions *ps = r->parts;
    char why[600];
    Buf b = {0}, state = {0};
    bool ok = true;
    for (int i = 0; ps && i < ps->n && ok; i++) {
        PartExec *pe = &ps->p[i];
        if (!pe->writing) continue;
        b.len = state.len = 0;
        exec_save(pe->ex, &state);
        ser_u64(&b, cli_checkpoint_fingerprint(r));
        ser_str(&b, r->shown);
        ser_str(&b, ps->topic);
        ser_i64(&b, i);
        ser_u64(&b, pe->writing);
        ser_str(&b, ps->owner);
        ser_i64(&b, clock_now_ms());
        ser_u64(&b, r->ckpt_seq);
        ser_bytes(&b, txn->p, txn->len);
        ser_i64(&b, pe->next);
        ser_bytes(&b, state.p, state.len);
        if (!(ok = io_part_write_pending(ps->dir, ps->topic, i, pe->writing, ps->owner, &b, why, sizeof why)))
            fprintf(stderr, "eddy: --shared-state: %s\n", why);
    }
    buf_free(&b);
    buf_free(&state);
    return ok;
}

bool cli_partitions_promote(Run *r, bool durable)
{
    Partitions *ps = r->parts;
    char why[600];
    bool ok = true, any = false;
    for (int i = 0; ps && i < ps->n; i++) {
        PartExec *pe = &ps->p[i];
        uint64_t gen = pe->writing;
        pe->writing = 0;
        if (!gen || !durable || !pe->ex) continue;
        int rc = io_part_promote(ps->dir, ps->topic, i, gen, ps->owner, why, sizeof why);
        any = true;
        if (rc > 0) {
            pe->gen = gen;
        } else if (rc == 0) {
            fprintf(stderr, "eddy: --shared-state: partition %d of %s: another process wrote its state meanwhile (it reads "
                            "the partition now): this process lets it go\n", i, ps->topic);
            drop(r, pe);
        } else {
            fprintf(stderr, "eddy: --shared-state: %s\n", why);
            ok = false;
        }
    }
    if (any && ok && !io_state_sync_dir(ps->dir, why, sizeof why)) {
        fprintf(stderr, "eddy: --shared-state: %s\n", why);
        ok = false;
    }
    return ok;
}

/* eddy state on a --shared-state directory: each partition's newest state. */
typedef struct Newest {
    char topic[256];
    int32_t partition;
    uint64_t gen;
} Newest;

typedef struct ShowCtx {
    Newest *v;
    int n, cap;
} ShowCtx;

static void note_gen(void *ctx, const char *topic, int32_t partition, uint64_t gen)
{
    ShowCtx *c = ctx;
    for (int i = 0; i < c->n; i++)
        if (c->v[i].partition == partition && !strcmp(c->v[i].topic, topic)) {
            if (gen > c->v[i].gen) c->v[i].gen = gen;
            return;
        }
    if (c->n == c->cap) c->v = mem_realloc(c->v, sizeof *c->v * (size_t)(c->cap = c->cap ? 2 * c->cap : 16));
    Newest *x = &c->v[c->n++];
    snprintf(x->topic, sizeof x->topic, "%s", topic);
    x->partition = partition;
    x->gen = gen;
}

static int by_partition(const void *a, const void *b)
{
    const Newest *x = a, *y = b;
    int c = strcmp(x->topic, y->topic);
    return c ? c : (x->partition > y->partition) - (x->partition < y->partition);
}

int cli_partitions_show(const char *dir)
{
    ShowCtx c = {0};
    io_part_each(dir, note_gen, &c);
    if (!c.n) {
        mem_free(c.v);
        return -1;
    }
    qsort(c.v, (size_t)c.n, sizeof *c.v, by_partition);
    int rc = EXIT_OK;
    for (int i = 0; i < c.n; i++) {
        char why[600];
        size_t len;
        char *payload = io_part_read(dir, c.v[i].topic, c.v[i].partition, c.v[i].gen, &len, why, sizeof why);
        Arena a;
        arena_init(&a, 512);
        PartFile f;
        const char *bad = why;
        if (payload && parse_file(payload, len, &f, &a, &bad)) {
            printf("partition %d of %s: generation %llu, of %s, written by %s; goes on at offset %lld; %zu bytes of state\n",
                   (int)c.v[i].partition, c.v[i].topic, (unsigned long long)c.v[i].gen, f.app ? f.app : "?",
                   f.owner ? f.owner : "?", (long long)f.next, f.state_len);
        } else {
            fprintf(stderr, "eddy: state: partition %d of %s, generation %llu: %s\n", (int)c.v[i].partition, c.v[i].topic,
                    (unsigned long long)c.v[i].gen, payload ? (bad ? bad : "damaged") : why);
            rc = EXIT_RUNTIME;
        }
        arena_free(&a);
        mem_free(payload);
    }
    mem_free(c.v);
    return rc;
}

void cli_partitions_free(Run *r)
{
    Partitions *ps = r->parts;
    if (!ps) return;
    for (int i = 0; i < ps->n; i++) exec_free(ps->p[i].ex);
    mem_free(ps->p);
    mem_free(ps);
    r->parts = NULL;
}
