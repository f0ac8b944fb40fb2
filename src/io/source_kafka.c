/* The Kafka source, on librdkafka's high-level consumer. librdkafka's own
 * threads fetch, into its queue, bounded by queued.max.messages.kbytes;
 * that queue writes to a pipe when it stops being empty, and the pipe is
 * the source's descriptor, so the run loop waits on it as on any input and
 * everything else (rebalances, errors, commit results) happens on the
 * run loop's thread, inside next(). Messages are taken in batches and
 * handed out one by one; a message lives until the next call.
 *
 * With group=G the processes of group G share the topic's partitions
 * (cooperative-sticky: a rebalance moves only the partitions that change
 * hands). Offsets are committed only through commit(), which the caller
 * calls once the output of the records is delivered; never automatically,
 * so a crash reads again what it had not delivered (at-least-once). With
 * --state the checkpoint's offsets win over the group's: each partition
 * the checkpoint read starts where the checkpoint was taken. Without a
 * group, every partition is read here and nothing is committed. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "kafka.h"
#include "source.h"
#include "src/runtime/clock.h"
#include "src/runtime/mem.h"

enum { BATCH = 1000, LIST_SHOWN = 12 };

typedef struct Part {
    int64_t next;             /* the offset after the last record handed out, -1 none */
    int64_t committed;        /* the last offset committed (sent), -1 none */
    int64_t saved;            /* from the checkpoint: where to start when assigned, -1 none */
    bool assigned;
    bool eof;                 /* read to its end (stop=caught_up) */
} Part;

typedef struct KafkaSource {
    Source base;
    KafkaTarget t;            /* the clients' opaque */
    char name[450];
    char group[256];          /* "" without a group */
    rd_kafka_t *rk;
    rd_kafka_queue_t *q;
    int pipe[2];
    bool started;             /* subscribed (group) or assigned (no group) */
    bool cooperative;
    bool stop_caught_up, closing, outage, ended;
    int64_t start;            /* RD_KAFKA_OFFSET_BEGINNING or _END: where a partition without an offset starts */
    char failure[1200];
    Part *parts;
    int nparts;
    rd_kafka_message_t *batch[BATCH];
    int nbatch, at;
    rd_kafka_message_t *cur;  /* handed out last: freed at the next call */
    uint64_t recno, revoked;
    char origin[48];
} KafkaSource;

static Part *part(KafkaSource *k, int32_t id)
{
    if (id < 0) return NULL;
    if (id >= k->nparts) {
        int n = id + 1;
        k->parts = mem_realloc(k->parts, sizeof *k->parts * (size_t)n);
        for (int i = k->nparts; i < n; i++) k->parts[i] = (Part){.next = -1, .committed = -1, .saved = -1};
        k->nparts = n;
    }
    return &k->parts[id];
}

/* "0, 1, 2 (and 9 more)" */
static void list_partitions(const rd_kafka_topic_partition_list_t *l, char *out, size_t n)
{
    out[0] = 0;
    for (int i = 0; i < l->cnt && i < LIST_SHOWN; i++)
        snprintf(out + strlen(out), n - strlen(out), "%s%d", i ? ", " : "", (int)l->elems[i].partition);
    if (l->cnt > LIST_SHOWN) snprintf(out + strlen(out), n - strlen(out), " (and %d more)", l->cnt - LIST_SHOWN);
}

/* ---- rebalances: on the run loop's thread, inside next() ---- */

/* The caller's partition hook (Source.on_partitions), over the list's partitions. */
static void tell_caller(KafkaSource *k, SourcePartitions what, rd_kafka_topic_partition_list_t *l)
{
    if (!k->base.on_partitions || !l->cnt) return;
    int32_t *ids = mem_alloc(sizeof *ids * (size_t)l->cnt);
    int64_t *start = mem_alloc(sizeof *start * (size_t)l->cnt);
    for (int i = 0; i < l->cnt; i++) ids[i] = l->elems[i].partition, start[i] = -1;
    k->base.on_partitions(k->base.partitions_ctx, what, ids, l->cnt, start);
    for (int i = 0; what == PARTITIONS_TAKEN && i < l->cnt; i++) {
        Part *p = part(k, ids[i]);
        if (p && start[i] >= 0) p->saved = start[i];
    }
    mem_free(ids);
    mem_free(start);
}

static void assign(KafkaSource *k, rd_kafka_topic_partition_list_t *l)
{
    int from_ckpt = 0;
    tell_caller(k, PARTITIONS_TAKEN, l);
    for (int i = 0; i < l->cnt; i++) {
        Part *p = part(k, l->elems[i].partition);
        if (!p) continue;
        p->assigned = true;
        p->eof = false;
        p->next = p->committed = -1;
        if (p->saved >= 0) {
            l->elems[i].offset = p->saved;   /* the checkpoint's position, not the group's */
            from_ckpt++;
        }
    }
    rd_kafka_error_t *err = NULL;
    rd_kafka_resp_err_t e = 0;
    if (k->cooperative) err = rd_kafka_incremental_assign(k->rk, l);
    else e = rd_kafka_assign(k->rk, l);
    if (err || e) {
        snprintf(k->failure, sizeof k->failure, "%s: cannot take the partitions assigned to it: %s", k->name,
                 err ? rd_kafka_error_string(err) : rd_kafka_err2str(e));
        k->ended = true;
    }
    if (err) rd_kafka_error_destroy(err);
    if (k->t.verbose && l->cnt) {
        char list[200];
        list_partitions(l, list, sizeof list);
        fprintf(stderr, "eddy: %s: reading partition%s %s%s\n", k->name, l->cnt == 1 ? "" : "s", list,
                from_ckpt == l->cnt ? " from the checkpoint's offsets"
                : from_ckpt ? " (some from the checkpoint's offsets, the others from the group's)"
                : *k->group ? " from the group's committed offsets" : "");
    }
}

/* What leaving these partitions costs, said when it happens: the records
 * read here since the last commit are read again by their new owner, and
 * the state of open windows over their rows stays here. */
static void say_revoked(KafkaSource *k, const rd_kafka_topic_partition_list_t *l, bool lost)
{
    char list[200], reread[300] = "";
    list_partitions(l, list, sizeof list);
    int64_t again = 0;
    bool any_read = false;
    for (int i = 0; i < l->cnt; i++) {
        Part *p = part(k, l->elems[i].partition);
        if (!p || p->next < 0) continue;
        any_read = true;
        if (p->committed >= 0 && p->next > p->committed) again += p->next - p->committed;
        size_t at = strlen(reread);
        if (at < sizeof reread - 40)
            snprintf(reread + at, sizeof reread - at, "%s%d up to offset %lld", at ? ", " : "", (int)l->elems[i].partition,
                     (long long)p->next);
    }
    if (!any_read) {
        if (k->t.verbose) fprintf(stderr, "eddy: %s: partition%s %s went to another process of group \"%s\" before any "
                                          "record of %s was read here\n", k->name, l->cnt == 1 ? "" : "s", list, k->group,
                                  l->cnt == 1 ? "it" : "them");
        return;
    }
    fprintf(stderr,
            "eddy: %s: partition%s %s %s (read here: %s); records after the last commit (about %lld) are read again "
            "by the process that takes %s over (at-least-once), and windows, joins and other state holding rows of %s "
            "stay in this process and are finished here without the rows that come later, while the other process "
            "starts them without the rows read here (state moves between processes only with --shared-state)\n",
            k->name, l->cnt == 1 ? "" : "s", list,
            lost ? "were taken away (this process lost touch with the group)" : "went to another process of the group",
            reread, (long long)again, l->cnt == 1 ? "it" : "them", l->cnt == 1 ? "it" : "them");
}

static void give_back(KafkaSource *k, rd_kafka_topic_partition_list_t *l)
{
    bool lost = rd_kafka_assignment_lost(k->rk);
    if (!k->closing && k->base.on_partitions) tell_caller(k, lost ? PARTITIONS_LOST : PARTITIONS_GIVEN, l);
    else if (!k->closing) say_revoked(k, l, lost);
    for (int i = 0; i < l->cnt; i++) {
        Part *p = part(k, l->elems[i].partition);
        if (!p) continue;
        /* its records still queued here are dropped in next(): the new owner reads them */
        p->assigned = false;
        p->saved = -1;   /* the checkpoint's position is this process's only until it gives the partition away */
        p->next = -1;
        k->revoked++;
    }
    rd_kafka_error_t *err = NULL;
    if (k->cooperative) err = rd_kafka_incremental_unassign(k->rk, l);
    else rd_kafka_assign(k->rk, NULL);
    if (err) rd_kafka_error_destroy(err);
}

static void on_rebalance(rd_kafka_t *rk, rd_kafka_resp_err_t e, rd_kafka_topic_partition_list_t *l, void *opaque)
{
    KafkaSource *k = KAFKA_OWNER(KafkaSource, opaque);
    k->cooperative = !strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE");
    if (e == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) assign(k, l);
    else give_back(k, l);
}

static void on_commit(rd_kafka_t *rk, rd_kafka_resp_err_t e, rd_kafka_topic_partition_list_t *l, void *opaque)
{
    (void)rk, (void)l;
    KafkaSource *k = KAFKA_OWNER(KafkaSource, opaque);
    /* nothing to commit, or the partitions moved on meanwhile: the next commit says it again */
    if (!e || e == RD_KAFKA_RESP_ERR__NO_OFFSET || k->closing) return;
    fprintf(stderr, "eddy: %s: committing offsets to group \"%s\": %s (tried again with the next commit)\n", k->name, k->group,
            rd_kafka_err2str(e));
}

/* Errors librdkafka reports while it retries by itself: all brokers
 * down is said once, until records come again; a fatal one ends the
 * source. */
static void on_error(rd_kafka_t *rk, int e, const char *reason, void *opaque)
{
    KafkaSource *k = KAFKA_OWNER(KafkaSource, opaque);
    if (e == RD_KAFKA_RESP_ERR__FATAL) {
        char why[400];
        rd_kafka_fatal_error(rk, why, sizeof why);
        snprintf(k->failure, sizeof k->failure, "%s: %s", k->name, why);
        k->ended = true;
    } else if (e == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN && !k->outage) {
        k->outage = true;
        fprintf(stderr, "eddy: %s: no broker answers (%s); librdkafka keeps trying\n", k->name, reason);
    } else if (k->t.verbose) {
        fprintf(stderr, "eddy: %s: %s\n", k->name, reason);
    }
}

/* ---- reading ---- */

static bool begin(KafkaSource *k)
{
    k->started = true;
    rd_kafka_topic_partition_list_t *l;
    if (*k->group) {
        l = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(l, k->t.topic, RD_KAFKA_PARTITION_UA);
        rd_kafka_resp_err_t e = rd_kafka_subscribe(k->rk, l);
        rd_kafka_topic_partition_list_destroy(l);
        if (e) snprintf(k->failure, sizeof k->failure, "%s: cannot join group \"%s\": %s", k->name, k->group, rd_kafka_err2str(e));
        return !e;
    }
    char why[512];
    int n = io_kafka_partitions(k->rk, &k->t, 10000, why, sizeof why);
    if (n < 0) {
        snprintf(k->failure, sizeof k->failure, "%s", why);
        return false;
    }
    l = rd_kafka_topic_partition_list_new(n);
    for (int i = 0; i < n; i++) rd_kafka_topic_partition_list_add(l, k->t.topic, i)->offset = k->start;
    k->cooperative = false;
    assign(k, l);
    rd_kafka_topic_partition_list_destroy(l);
    return !k->ended;
}

static bool caught_up(KafkaSource *k)
{
    int assigned = 0;
    for (int i = 0; i < k->nparts; i++) {
        if (!k->parts[i].assigned) continue;
        if (!k->parts[i].eof) return false;
        assigned++;
    }
    return assigned > 0;
}

/* A message that is no record: the end of a partition, or an error. */
static void on_event(KafkaSource *k, const rd_kafka_message_t *m)
{
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        Part *p = part(k, m->partition);
        if (p && p->assigned) p->eof = true;
        return;
    }
    if (m->err == RD_KAFKA_RESP_ERR__FATAL || m->err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ||
        m->err == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED || m->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC ||
        m->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
        snprintf(k->failure, sizeof k->failure, "%s: %s", k->name, rd_kafka_message_errstr(m));
        k->ended = true;
        return;
    }
    fprintf(stderr, "eddy: %s: %s (librdkafka retries)\n", k->name, rd_kafka_message_errstr(m));
}

static SourceStatus kafka_next(Source *s, SourceRecord *rec)
{
    KafkaSource *k = (KafkaSource *)s;
    if (k->cur) {
        rd_kafka_message_destroy(k->cur);
        k->cur = NULL;
    }
    if (!k->started && !begin(k)) k->ended = true;
    for (;;) {
        while (k->at < k->nbatch && !k->ended) {
            rd_kafka_message_t *m = k->batch[k->at++];
            Part *p = part(k, m->partition);
            if (m->err) {
                on_event(k, m);
            } else if (p && p->assigned) {
                p->next = m->offset + 1;
                p->eof = false;
                rd_kafka_timestamp_type_t tt;
                int64_t ts = rd_kafka_message_timestamp(m, &tt);
                snprintf(k->origin, sizeof k->origin, "%d:%lld", (int)m->partition, (long long)m->offset);
                *rec = (SourceRecord){.data = m->payload ? m->payload : "",
                                      .len = m->len,
                                      .arrival = clock_now_ms(),
                                      .recno = ++k->recno,
                                      .has_approx_arrival = tt != RD_KAFKA_TIMESTAMP_NOT_AVAILABLE,
                                      .approx_arrival = ts,
                                      .origin = k->origin,
                                      .offset = (uint64_t)m->offset,
                                      .has_partition = true,
                                      .partition = m->partition,
                                      .key = m->key,
                                      .key_len = m->key_len};
                s->bytes += m->len;
                if (k->outage) {
                    k->outage = false;
                    fprintf(stderr, "eddy: %s: reading again\n", k->name);
                }
                k->cur = m;
                return SOURCE_RECORD;
            }
            rd_kafka_message_destroy(m);   /* an event, or a record of a partition given away meanwhile */
        }
        if (k->ended) {
            if (k->failure[0]) s->error = EIO, s->message = k->failure;
            return SOURCE_END;
        }
        if (k->stop_caught_up && caught_up(k)) {
            k->ended = true;
            continue;
        }
        /* the pipe first: a message queued after the batch below wakes the caller again */
        char drain[64];
        while (read(k->pipe[0], drain, sizeof drain) > 0) {}
        ssize_t n = rd_kafka_consume_batch_queue(k->q, 0, k->batch, BATCH);
        k->at = 0;
        k->nbatch = n > 0 ? (int)n : 0;
        if (n <= 0 && !k->ended) return SOURCE_WAIT;
    }
}

static int kafka_fd(const Source *s) { return ((const KafkaSource *)s)->pipe[0]; }

static void kafka_commit(Source *s, const SourceRecord *last, bool unprocessed)
{
    KafkaSource *k = (KafkaSource *)s;
    if (!*k->group || !k->rk) return;
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(4);
    for (int i = 0; i < k->nparts; i++) {
        Part *p = &k->parts[i];
        int64_t at = p->next;
        if (unprocessed && last && last->has_partition && last->partition == i) at = (int64_t)last->offset;
        if (!p->assigned || at < 0 || at <= p->committed) continue;
        rd_kafka_topic_partition_list_add(l, k->t.topic, i)->offset = at;
        p->committed = at;
    }
    if (l->cnt) rd_kafka_commit(k->rk, l, 1);
    rd_kafka_topic_partition_list_destroy(l);
}

/* Checkpoints: the topic, then (partition, offset to go on from) for each
 * partition read here, or restored and not yet read. */
static void kafka_save(const Source *s, const SourceRecord *last, bool unprocessed, Buf *out)
{
    const KafkaSource *k = (const KafkaSource *)s;
    ser_str(out, k->t.topic);
    uint64_t n = 0;
    for (int i = 0; i < k->nparts; i++) n += k->parts[i].next >= 0 || k->parts[i].saved >= 0;
    ser_u64(out, n);
    for (int i = 0; i < k->nparts; i++) {
        const Part *p = &k->parts[i];
        int64_t at = p->next >= 0 ? p->next : p->saved;
        if (at < 0) continue;
        if (unprocessed && last && last->has_partition && last->partition == i) at = (int64_t)last->offset;
        ser_i64(out, i);
        ser_i64(out, at);
    }
}

/* The topic and the (partition, offset) pairs a save wrote, checked; NULL when they are not this topic's. */
static bool saved_topic(const KafkaSource *k, SerialIn *in, char *why, size_t whysize)
{
    Arena a;
    arena_init(&a, 512);
    const char *topic = de_str(in, &a);
    bool same = de_ok(in) && topic && !strcmp(topic, k->t.topic);
    if (de_ok(in) && !same) snprintf(why, whysize, "the checkpoint read topic \"%s\", not \"%s\"", topic ? topic : "", k->t.topic);
    arena_free(&a);
    return same;
}

/* With transactions, the group's offsets are the checkpoint's: the records
 * after it have their rows in a transaction that may still be aborted, so
 * the process that takes a partition over must read them again. */
static void kafka_commit_saved(Source *s, SerialIn *in)
{
    KafkaSource *k = (KafkaSource *)s;
    char why[300];
    if (!*k->group || !k->rk || !saved_topic(k, in, why, sizeof why)) return;
    uint64_t n = de_count(in, 2);
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(4);
    for (uint64_t i = 0; i < n && de_ok(in); i++) {
        int64_t id = de_i64(in), at = de_i64(in);
        Part *p = id >= 0 && id < k->nparts ? &k->parts[id] : NULL;
        if (!de_ok(in) || !p || !p->assigned || at <= p->committed) continue;
        rd_kafka_topic_partition_list_add(l, k->t.topic, (int32_t)id)->offset = at;
        p->committed = at;
    }
    if (l->cnt) rd_kafka_commit(k->rk, l, 1);
    rd_kafka_topic_partition_list_destroy(l);
}

static bool kafka_restore(Source *s, SerialIn *in, char *why, size_t whysize)
{
    KafkaSource *k = (KafkaSource *)s;
    if (!saved_topic(k, in, why, whysize)) return false;
    uint64_t n = de_count(in, 2);
    for (uint64_t i = 0; i < n && de_ok(in); i++) {
        int64_t id = de_i64(in), at = de_i64(in);
        if (id < 0 || id > 1000000 || at < 0) de_fail(in, "a Kafka position out of range");
        else part(k, (int32_t)id)->saved = at;
    }
    if (!de_ok(in)) return false;
    if (k->t.verbose) snprintf(why, whysize, "%s: %llu partition offset%s from the checkpoint", k->name, (unsigned long long)n, n == 1 ? "" : "s");
    else why[0] = 0;
    return true;
}

static void kafka_stats(const Source *s, FILE *out)
{
    KafkaSource *k = (KafkaSource *)s;
    fprintf(out, "eddy: %s:", k->name);
    const char *sep = " partition";
    for (int i = 0; i < k->nparts; i++) {
        Part *p = &k->parts[i];
        if (!p->assigned) continue;
        int64_t lo, hi;
        bool known = rd_kafka_get_watermark_offsets(k->rk, k->t.topic, i, &lo, &hi) == 0 && hi >= 0 && p->next >= 0;
        if (known) fprintf(out, "%s %d at %lld (lag %lld)", sep, i, (long long)p->next, (long long)(hi - p->next));
        else if (p->next >= 0) fprintf(out, "%s %d at %lld", sep, i, (long long)p->next);
        else fprintf(out, "%s %d (nothing read)", sep, i);
        sep = ",";
    }
    if (!strcmp(sep, " partition")) fprintf(out, " no partition assigned");
    if (k->revoked) fprintf(out, "; %llu partition%s given to other processes", (unsigned long long)k->revoked, k->revoked == 1 ? "" : "s");
    fputc('\n', out);
}

static void kafka_close(Source *s)
{
    KafkaSource *k = (KafkaSource *)s;
    k->closing = true;
    if (k->cur) rd_kafka_message_destroy(k->cur);
    for (int i = k->at; i < k->nbatch; i++) rd_kafka_message_destroy(k->batch[i]);
    if (k->rk) {
        /* leaves the group at once (its partitions go to the others now,
         * not after a session timeout) and waits for the last commit */
        if (k->started) rd_kafka_consumer_close(k->rk);
        if (k->q) rd_kafka_queue_destroy(k->q);
        rd_kafka_destroy(k->rk);
    }
    if (k->pipe[0] >= 0) close(k->pipe[0]);
    if (k->pipe[1] >= 0) close(k->pipe[1]);
    mem_free(k->parts);
    mem_free(k);
}

static const SourceOps kafka_ops = {.next = kafka_next,
                                    .fd = kafka_fd,
                                    .close = kafka_close,
                                    .stats = kafka_stats,
                                    .save = kafka_save,
                                    .restore = kafka_restore,
                                    .commit = kafka_commit,
                                    .commit_saved = kafka_commit_saved};

/* ---- opening ---- */

static bool set_default(rd_kafka_conf_t *conf, const IoUri *u, const KafkaTarget *t, const char *key, const char *value,
                        char *why, size_t whylen)
{
    return io_kafka_user_set(u, key) || io_kafka_set(conf, t, key, value, why, whylen);
}

static bool configure(KafkaSource *k, const IoUri *u, rd_kafka_conf_t *conf, char *why, size_t whylen)
{
    const char *group = io_uri_param(u, "group"), *st = io_uri_param(u, "start"), *stop = io_uri_param(u, "stop");
    if (group && !*group) {
        snprintf(why, whylen, "%s: group= needs a group id", k->t.shown);
        return false;
    }
    snprintf(k->group, sizeof k->group, "%s", group ? group : "");
    k->start = RD_KAFKA_OFFSET_END;   /* as the Kinesis source: KDA's default starting position is NOW */
    if (st && !strcasecmp(st, "earliest")) k->start = RD_KAFKA_OFFSET_BEGINNING;
    else if (st && strcasecmp(st, "latest")) {
        snprintf(why, whylen, "%s: start=%s: expected earliest or latest (where a partition without a committed offset "
                              "starts)", k->t.shown, st);
        return false;
    }
    if (stop && strcmp(stop, "caught_up") && strcmp(stop, "never")) {
        snprintf(why, whylen, "%s: stop=%s: expected caught_up (end once every partition is read to its end) or never",
                 k->t.shown, stop);
        return false;
    }
    k->stop_caught_up = stop && !strcmp(stop, "caught_up");
    /* without a group the consumer still needs an id; it never joins nor commits */
    return io_kafka_set(conf, &k->t, "group.id", group ? group : "eddy", why, whylen) &&
           io_kafka_set(conf, &k->t, "enable.auto.commit", "false", why, whylen) &&
           io_kafka_set(conf, &k->t, "enable.auto.offset.store", "false", why, whylen) &&
           io_kafka_set(conf, &k->t, "enable.partition.eof", k->stop_caught_up ? "true" : "false", why, whylen) &&
           set_default(conf, u, &k->t, "auto.offset.reset", k->start == RD_KAFKA_OFFSET_BEGINNING ? "earliest" : "latest",
                       why, whylen) &&
           set_default(conf, u, &k->t, "partition.assignment.strategy", "cooperative-sticky", why, whylen);
}

Source *io_source_open_kafka(const IoUri *u, bool verbose, char *why, size_t whylen)
{
    static const char *const known[] = {"group", "start", "stop", "partition_key", NULL};
    KafkaSource *k = mem_calloc(1, sizeof *k);
    k->pipe[0] = k->pipe[1] = -1;
    k->base.ops = &kafka_ops;
    k->base.name = k->name;
    k->base.max_record = SIZE_MAX;
    k->t.verbose = verbose;
    rd_kafka_conf_t *conf = io_kafka_conf(u, known, &k->t, why, whylen);
    if (!conf) goto fail;
    snprintf(k->name, sizeof k->name, "%s", k->t.shown);
    if (!configure(k, u, conf, why, whylen)) {
        rd_kafka_conf_destroy(conf);
        goto fail;
    }
    if (*k->group) snprintf(k->name + strlen(k->name), sizeof k->name - strlen(k->name), " (group \"%s\")", k->group);
    rd_kafka_conf_set_rebalance_cb(conf, on_rebalance);
    rd_kafka_conf_set_offset_commit_cb(conf, on_commit);
    if (!(k->rk = io_kafka_new(RD_KAFKA_CONSUMER, conf, &k->t, on_error, why, whylen))) goto fail;
    /* a wrong broker list or topic is said now, not at run time */
    int n = io_kafka_partitions(k->rk, &k->t, 10000, why, whylen);
    if (n < 0) goto fail;
    /* rebalances, errors and commit results come with the messages, on this thread */
    rd_kafka_poll_set_consumer(k->rk);
    k->q = rd_kafka_queue_get_consumer(k->rk);
    if (pipe2(k->pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
        snprintf(why, whylen, "%s: %s", k->t.shown, strerror(errno));
        goto fail;
    }
    rd_kafka_queue_io_event_enable(k->q, k->pipe[1], "!", 1);
    if (verbose)
        fprintf(stderr, "eddy: %s: %d partitions; %s, new partitions from the %s\n", k->name, n,
                *k->group ? "the group's processes share them" : "reading all of them (no group: nothing is committed)",
                k->start == RD_KAFKA_OFFSET_BEGINNING ? "earliest offset" : "latest offset");
    return &k->base;
fail:
    kafka_close(&k->base);
    return NULL;
}
