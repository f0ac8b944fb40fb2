/* Exactly-once Kafka output with --state.
 *
 * Kafka transactions make a set of messages visible to read_committed
 * consumers all at once or never. The rows produced between checkpoint n-1
 * and checkpoint n form transaction T(n); it must commit exactly when
 * checkpoint n (the inputs' positions after those rows, the operators'
 * state) is the one a restart resumes from. The two cannot be made durable
 * in one step, and librdkafka cannot finish a transaction another process
 * began, so the protocol is two-phase, with the decision taken at restart
 * from what the broker holds:
 *
 *  1. prepare: every row of T(n) is acknowledged (io_sink_sync); from here
 *     rows are held in the sinks' buffers (the stream goes on), and
 *     checkpoint n records the transactional id, a random nonce for T(n)
 *     and where to look for its commit record. The checkpoint before it is
 *     kept as checkpoint.prev (state_file.c).
 *  2. once checkpoint n is durable (the copy writing it exited 0): a
 *     commit record {"nonce":...} keyed by the transactional id is
 *     produced in T(n) to partition 0 of the commit topic (txn_topic=,
 *     default eddy-transactions), then T(n) commits, T(n+1) begins and the
 *     held rows go.
 *  3. restart from checkpoint n: a producer with the same transactional
 *     id is initialized first, which fences the dead process and ends the
 *     transaction it left (aborted if its EndTxn never reached the
 *     coordinator, committed if it did); then the commit topic is read
 *     read_committed from where checkpoint n says. T(n)'s record there
 *     means T(n) committed: resume from checkpoint n. No record: T(n) was
 *     aborted, with every row in it; resume from checkpoint.prev (n-1),
 *     which is put back in place first, so that a crash now or later
 *     decides the same way, and its rows are produced again.
 *
 * Each crash point: before checkpoint n is durable, checkpoint n-1 is the
 * last one and T(n) is aborted at restart. Between checkpoint n's rename
 * and the commit, or during the commit: the record tells, since it is
 * visible exactly when T(n) committed. During the restart's own recovery:
 * nothing is written before the decision is made durable, so the next
 * restart takes it again. Checkpoint n is written only after T(n-1)
 * committed, so checkpoint.prev always belongs to a committed transaction.
 *
 * A read_uncommitted consumer sees every row as soon as it is produced,
 * aborted ones too: after a crash the rows since the last checkpoint come
 * twice there. A read_committed consumer sees each row once, when the
 * checkpoint after it commits (so --checkpoint-every is its delay).
 *
 * The commit records also name, per partition, the offsets of their
 * transaction's messages, for a person (or a test) to check against.
 * The copy of the process that writes a checkpoint never calls librdkafka:
 * everything here runs in the process itself. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "kafka.h"
#include "kafka_txn.h"
#include "state_file.h"
#include "src/runtime/clock.h"
#include "src/runtime/mem.h"
#include "src/runtime/serial.h"
#include "src/runtime/timeutil.h"

enum { MAX_MEMBERS = 64, SETTLE_MS = 30000, ABORT_MS = 10000, COMMIT_TRIES = 5 };
#define DEFAULT_COMMIT_TOPIC "eddy-transactions"
#define ID_FILE "kafka-transactional-id"

typedef struct TxnRange {
    int64_t first, last;
    uint64_t count;
} TxnRange;

struct KafkaTxnMember {
    struct KafkaTxn *x;
    void *sink;
    char topic[250];
    TxnRange *parts;            /* this transaction's messages, per partition */
    int nparts;
    uint64_t pending;           /* its messages acknowledged in the open transaction */
};

struct KafkaTxn {
    KafkaTarget t;              /* the producer's opaque; t.topic is the commit topic */
    char *state_dir, *app;
    double every;
    bool verbose;
    rd_kafka_t *rk;
    rd_kafka_topic_t *commit_rkt;
    char *dest;                 /* the first output's URI: how a restart reaches the cluster */
    char *settings;             /* what every output in the transaction must share */
    char tid[256];
    KafkaTxnMember *members[MAX_MEMBERS];
    int nmembers;
    bool prepared;              /* a checkpoint is being written: its transaction waits, rows are held */
    bool outage;
    uint64_t seq, nonce;
    int64_t from;               /* a restart reads commit records from here */
    int64_t record_offset;      /* where the last commit record went, -1 until acknowledged */
    char failure[900];
};

KafkaTxn *io_kafka_txn_new(const char *state_dir, const char *app, double checkpoint_every, bool verbose)
{
    KafkaTxn *x = mem_calloc(1, sizeof *x);
    x->state_dir = mem_strdup(state_dir);
    x->app = mem_strdup(app ? app : "eddy");
    x->every = checkpoint_every;
    x->verbose = verbose;
    x->from = -1;
    x->record_offset = -1;
    return x;
}

static void fail(KafkaTxn *x, const char *what, const char *reason)
{
    if (x->failure[0]) return;   /* the first reason is the one to say */
    snprintf(x->failure, sizeof x->failure, "%s: %s", what, reason);
}

/* ---- the producer's callbacks ---- */

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk;
    KafkaTxn *x = KAFKA_OWNER(KafkaTxn, opaque);
    if (m->_private == x) {   /* the commit record: a failure fails the commit itself */
        if (!m->err) x->record_offset = m->offset;
        return;
    }
    KafkaTxnMember *mb = m->_private;
    if (!m->err && m->partition >= 0 && m->offset >= 0) {
        if (m->partition >= mb->nparts) {
            int n = m->partition + 1;
            mb->parts = mem_realloc(mb->parts, sizeof *mb->parts * (size_t)n);
            memset(mb->parts + mb->nparts, 0, sizeof *mb->parts * (size_t)(n - mb->nparts));
            mb->nparts = n;
        }
        TxnRange *r = &mb->parts[m->partition];
        if (!r->count || m->offset < r->first) r->first = m->offset;
        if (!r->count || m->offset > r->last) r->last = m->offset;
        r->count++;
        mb->pending++;
    }
    io_kafka_sink_report(mb->sink, m);
}

static void on_error(rd_kafka_t *rk, int e, const char *reason, void *opaque)
{
    KafkaTxn *x = KAFKA_OWNER(KafkaTxn, opaque);
    if (e == RD_KAFKA_RESP_ERR__FATAL) {
        char why[500];
        rd_kafka_fatal_error(rk, why, sizeof why);
        fail(x, "the transactional producer failed", why);
    } else if (e == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN && !x->outage) {
        x->outage = true;
        fprintf(stderr, "eddy: %s: no broker answers (%s); librdkafka keeps trying\n", x->t.shown, reason);
    }
}

/* ---- joining ---- */

/* The cluster and the settings of an output: the ones sharing a producer must agree. */
static char *settings_of(const IoUri *u)
{
    Buf b = {0};
    buf_puts(&b, u->authority);
    for (int i = 0; i < u->nparams; i++) {
        const char *k = u->params[i].key;
        if (!strcmp(k, "key") || !strcmp(k, "transactional")) continue;
        buf_putc(&b, '&');
        buf_puts(&b, k);
        buf_putc(&b, '=');
        buf_puts(&b, u->params[i].value);
    }
    buf_putc(&b, 0);
    return b.p;
}

/* eddy-APP-RANDOM: the app's file name for a person reading the broker's
 * list, the random part so that two processes never share it. */
static void fresh_id(const KafkaTxn *x, char *out, size_t n)
{
    const char *base = strrchr(x->app, '/');
    base = base ? base + 1 : x->app;
    char name[48];
    size_t k = 0;
    for (const char *p = base; *p && *p != '.' && k < sizeof name - 1; p++)
        name[k++] = (strchr("-_", *p) || (*p >= '0' && *p <= '9') || ((*p | 32) >= 'a' && (*p | 32) <= 'z')) ? *p : '_';
    name[k] = 0;
    uint64_t r = 0;
    if (getrandom(&r, sizeof r, 0) != sizeof r) r = (uint64_t)time(NULL) ^ ((uint64_t)clock() << 32);
    snprintf(out, n, "eddy-%s-%016llx", k ? name : "app", (unsigned long long)r);
}

/* The transaction timeout must outlast a checkpoint's interval and its writing. */
static bool set_timeout(KafkaTxn *x, const IoUri *u, rd_kafka_conf_t *conf, char *why, size_t whylen)
{
    if (io_kafka_user_set(u, "transaction.timeout.ms")) return true;
    double ms = x->every * 3000 + 10000;
    if (ms < 60000) ms = 60000;
    if (ms > 900000) ms = 900000;   /* the brokers' default transaction.max.timeout.ms */
    char v[32];
    snprintf(v, sizeof v, "%.0f", ms);
    return io_kafka_set(conf, &x->t, "transaction.timeout.ms", v, why, whylen);
}

static bool start(KafkaTxn *x, const IoUri *u, const char *dest, rd_kafka_conf_t *conf, const KafkaTarget *t, char *why,
                  size_t whylen)
{
    const char *topic = io_uri_param(u, "txn_topic");
    snprintf(x->t.topic, sizeof x->t.topic, "%s", topic && *topic ? topic : DEFAULT_COMMIT_TOPIC);
    snprintf(x->t.shown, sizeof x->t.shown, "%s", t->shown);
    x->t.verbose = t->verbose;
    char given[256] = "";
    size_t glen = sizeof given;
    if (rd_kafka_conf_get(conf, "transactional.id", given, &glen) == RD_KAFKA_CONF_OK && given[0]) {
        snprintf(x->tid, sizeof x->tid, "%s", given);
    } else {
        char fresh[128], err[600];
        fresh_id(x, fresh, sizeof fresh);
        if (!io_state_id_file(x->state_dir, ID_FILE, fresh, x->tid, sizeof x->tid, err, sizeof err)) {
            snprintf(why, whylen, "%s: --state: %s", t->shown, err);
            rd_kafka_conf_destroy(conf);
            return false;
        }
    }
    if (!io_kafka_set(conf, &x->t, "transactional.id", x->tid, why, whylen) || !set_timeout(x, u, conf, why, whylen)) {
        rd_kafka_conf_destroy(conf);
        return false;
    }
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    if (!(x->rk = io_kafka_new(RD_KAFKA_PRODUCER, conf, &x->t, on_error, why, whylen))) return false;
    char err[600];
    if (io_kafka_partitions(x->rk, &x->t, 10000, err, sizeof err) < 0) {
        snprintf(why, whylen, "%s: exactly-once output (--state) keeps its commit records in topic \"%s\", which cannot be "
                              "used (%s): create it (one partition, cleanup.policy=compact), name another with "
                              "txn_topic=TOPIC, or write at least once with transactional=false", t->shown, x->t.topic, err);
        return false;
    }
    int64_t lo, hi;
    rd_kafka_resp_err_t e = rd_kafka_query_watermark_offsets(x->rk, x->t.topic, 0, &lo, &hi, 10000);
    if (e) {
        snprintf(why, whylen, "%s: topic \"%s\" (commit records): %s", t->shown, x->t.topic, rd_kafka_err2str(e));
        return false;
    }
    x->from = hi;   /* this process's records all come after it */
    rd_kafka_error_t *err2 = rd_kafka_init_transactions(x->rk, SETTLE_MS);
    if (!err2) err2 = rd_kafka_begin_transaction(x->rk);
    if (err2) {
        snprintf(why, whylen, "%s: cannot start a transaction with transactional id \"%s\": %s (exactly-once output needs a "
                              "broker with transactions and the right to use that id; transactional=false writes at least "
                              "once)", t->shown, x->tid, rd_kafka_error_string(err2));
        rd_kafka_error_destroy(err2);
        return false;
    }
    x->commit_rkt = rd_kafka_topic_new(x->rk, x->t.topic, NULL);
    x->dest = mem_strdup(dest);
    if (x->verbose)
        fprintf(stderr, "eddy: %s: exactly-once: transactional id \"%s\", commit records in topic \"%s\"\n", t->shown, x->tid,
                x->t.topic);
    return true;
}

KafkaTxnMember *io_kafka_txn_join(KafkaTxn *x, const IoUri *u, const char *dest, rd_kafka_conf_t *conf, void *sink,
                                  const KafkaTarget *t, char *why, size_t whylen)
{
    char *settings = settings_of(u);
    if (x->nmembers == MAX_MEMBERS) {
        snprintf(why, whylen, "%s: more than %d Kafka outputs in one transaction", t->shown, MAX_MEMBERS);
        rd_kafka_conf_destroy(conf);
        mem_free(settings);
        return NULL;
    }
    if (x->settings) {
        rd_kafka_conf_destroy(conf);
        if (strcmp(settings, x->settings) != 0) {
            snprintf(why, whylen, "%s: exactly-once Kafka outputs share one transaction, so they must name the same "
                                  "brokers with the same settings as %s (or write at least once with transactional=false)",
                     t->shown, x->t.shown);
            mem_free(settings);
            return NULL;
        }
        mem_free(settings);
    } else {
        x->settings = settings;
        if (!start(x, u, dest, conf, t, why, whylen)) return NULL;
    }
    KafkaTxnMember *m = mem_calloc(1, sizeof *m);
    m->x = x;
    m->sink = sink;
    snprintf(m->topic, sizeof m->topic, "%s", t->topic);
    x->members[x->nmembers++] = m;
    return m;
}

rd_kafka_t *io_kafka_txn_producer(const KafkaTxnMember *m) { return m->x->rk; }
bool io_kafka_txn_holding(const KafkaTxnMember *m) { return m->x->prepared; }
const char *io_kafka_txn_failure(const KafkaTxnMember *m) { return m->x->failure[0] ? m->x->failure : NULL; }

/* ---- checkpoints ---- */

void io_kafka_txn_prepare(KafkaTxn *x, uint64_t seq, Buf *out)
{
    if (!x || !x->rk) return;
    x->prepared = true;
    x->seq = seq;
    if (getrandom(&x->nonce, sizeof x->nonce, 0) != sizeof x->nonce) x->nonce ^= (uint64_t)time(NULL) * 0x9e3779b97f4a7c15ULL + seq;
    ser_str(out, x->dest);
    ser_str(out, x->tid);
    ser_str(out, x->t.topic);
    ser_i64(out, x->from);
    ser_u64(out, x->nonce);
    ser_u64(out, seq);
}

static void put_json_text(Buf *b, const char *s)
{
    buf_putc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') buf_putc(b, '\\'), buf_putc(b, (char)c);
        else if (c < 0x20) {
            char u[8];
            snprintf(u, sizeof u, "\\u%04x", c);
            buf_puts(b, u);
        } else buf_putc(b, (char)c);
    }
    buf_putc(b, '"');
}

/* {"eddy":"commit","id":...,"checkpoint":N,"nonce":"...","app":...,"time":...,
 *  "messages":[{"topic":T,"partition":P,"first":A,"last":B,"count":C},...]} */
static void commit_record(KafkaTxn *x, Buf *b)
{
    char n[200], ts[40];
    ts[time_format_timestamp(clock_now_ms(), ts)] = 0;
    buf_puts(b, "{\"eddy\":\"commit\",\"id\":");
    put_json_text(b, x->tid);
    snprintf(n, sizeof n, ",\"checkpoint\":%llu,\"nonce\":\"%016llx\",\"app\":", (unsigned long long)x->seq,
             (unsigned long long)x->nonce);
    buf_puts(b, n);
    put_json_text(b, x->app);
    buf_puts(b, ",\"time\":");
    put_json_text(b, ts);
    buf_puts(b, ",\"messages\":[");
    bool first = true;
    for (int i = 0; i < x->nmembers; i++) {
        KafkaTxnMember *m = x->members[i];
        for (int p = 0; p < m->nparts; p++) {
            TxnRange *r = &m->parts[p];
            if (!r->count) continue;
            buf_puts(b, first ? "{\"topic\":" : ",{\"topic\":");
            put_json_text(b, m->topic);
            snprintf(n, sizeof n, ",\"partition\":%d,\"first\":%lld,\"last\":%lld,\"count\":%llu}", p, (long long)r->first,
                     (long long)r->last, (unsigned long long)r->count);
            buf_puts(b, n);
            first = false;
        }
        if (m->nparts) memset(m->parts, 0, sizeof *m->parts * (size_t)m->nparts);
    }
    buf_puts(b, "]}");
}

/* The open transaction will not commit: its rows, and the rows held, are
 * not written after all. Each output says how many, with the reason, when
 * it ends; the transaction is aborted when the producer ends. */
static void give_up(KafkaTxn *x, const char *what, const char *reason)
{
    char full[700];
    snprintf(full, sizeof full, "%s (a restart with the same --state writes its rows again)", reason);
    fail(x, what, full);
    for (int i = 0; i < x->nmembers; i++) {
        io_kafka_sink_unwritten(x->members[i]->sink, x->members[i]->pending);
        x->members[i]->pending = 0;
    }
    x->prepared = false;
}

static bool commit_failed(KafkaTxn *x, rd_kafka_error_t *err, const char *reason)
{
    char what[120];
    snprintf(what, sizeof what, "the Kafka transaction of checkpoint %llu could not commit", (unsigned long long)x->seq);
    give_up(x, what, err ? rd_kafka_error_string(err) : reason);
    if (err) rd_kafka_error_destroy(err);
    return false;
}

void io_kafka_txn_fail(KafkaTxn *x)
{
    if (!x || !x->prepared) return;
    char what[120];
    snprintf(what, sizeof what, "checkpoint %llu was not written", (unsigned long long)x->seq);
    give_up(x, what, "so the Kafka transaction of the rows before it was not committed");
}

bool io_kafka_txn_commit(KafkaTxn *x)
{
    if (!x || !x->prepared) return true;
    if (x->failure[0]) return commit_failed(x, NULL, x->failure);
    Buf rec = {0};
    commit_record(x, &rec);
    x->record_offset = -1;
    rd_kafka_resp_err_t e;
    while ((e = rd_kafka_producev(x->rk, RD_KAFKA_V_RKT(x->commit_rkt), RD_KAFKA_V_PARTITION(0),
                                  RD_KAFKA_V_KEY(x->tid, strlen(x->tid)), RD_KAFKA_V_VALUE(rec.p, rec.len),
                                  RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_OPAQUE(x), RD_KAFKA_V_END)) ==
           RD_KAFKA_RESP_ERR__QUEUE_FULL)
        rd_kafka_poll(x->rk, 100);
    buf_free(&rec);
    if (e) return commit_failed(x, NULL, rd_kafka_err2str(e));
    /* a retriable error (a timeout, a coordinator moving) is tried again; the call resumes where it was */
    rd_kafka_error_t *err;
    for (int tries = 1; (err = rd_kafka_commit_transaction(x->rk, -1)) && rd_kafka_error_is_retriable(err) && tries < COMMIT_TRIES; tries++)
        rd_kafka_error_destroy(err);
    if (err) return commit_failed(x, err, NULL);
    if (x->record_offset >= 0) x->from = x->record_offset;
    x->prepared = false;
    for (int i = 0; i < x->nmembers; i++) x->members[i]->pending = 0;
    if ((err = rd_kafka_begin_transaction(x->rk))) return commit_failed(x, err, NULL);
    return true;
}

void io_kafka_txn_free(KafkaTxn *x)
{
    if (!x) return;
    if (x->rk) {
        /* after a failure too: a transaction left open would hold back read_committed consumers until it times out */
        {
            uint64_t open = 0;
            for (int i = 0; i < x->nmembers; i++) open += x->members[i]->pending;
            rd_kafka_error_t *err = rd_kafka_abort_transaction(x->rk, ABORT_MS);
            if (err) rd_kafka_error_destroy(err);
            else if (open && !x->failure[0])
                fprintf(stderr, "eddy: %s: %llu row%s written after the last checkpoint %s not committed (the transaction "
                                "was aborted); a restart with the same --state writes %s again\n", x->t.shown,
                        (unsigned long long)open, open == 1 ? "" : "s", open == 1 ? "was" : "were", open == 1 ? "it" : "them");
        }
        if (x->commit_rkt) rd_kafka_topic_destroy(x->commit_rkt);
        rd_kafka_destroy(x->rk);
    }
    for (int i = 0; i < x->nmembers; i++) {
        mem_free(x->members[i]->parts);
        mem_free(x->members[i]);
    }
    mem_free(x->settings);
    mem_free(x->dest);
    mem_free(x->state_dir);
    mem_free(x->app);
    mem_free(x);
}

/* ---- restart ---- */

typedef struct TxnInfo {
    const char *dest, *tid, *topic;
    int64_t from;
    uint64_t nonce, seq;
} TxnInfo;

static bool read_info(const char *info, size_t n, TxnInfo *ti, Arena *a)
{
    SerialIn in;
    de_init(&in, info, n);
    ti->dest = de_str(&in, a);
    ti->tid = de_str(&in, a);
    ti->topic = de_str(&in, a);
    ti->from = de_i64(&in);
    ti->nonce = de_u64(&in);
    ti->seq = de_u64(&in);
    return de_ok(&in) && ti->dest && ti->tid && ti->topic;
}

static void quiet_error(rd_kafka_t *rk, int e, const char *reason, void *opaque)
{
    (void)rk, (void)e, (void)reason, (void)opaque;   /* what fails is said by the calls that wait for it */
}

/* Ends the dead process's transaction: a producer with its id, initialized. */
static bool settle(const IoUri *u, const TxnInfo *ti, KafkaTarget *t, char *why, size_t whysize)
{
    rd_kafka_conf_t *conf = io_kafka_conf(u, io_kafka_sink_params, t, why, whysize);
    if (!conf) return false;
    if (!io_kafka_set(conf, t, "transactional.id", ti->tid, why, whysize)) {
        rd_kafka_conf_destroy(conf);
        return false;
    }
    rd_kafka_t *rk = io_kafka_new(RD_KAFKA_PRODUCER, conf, t, quiet_error, why, whysize);
    if (!rk) return false;
    rd_kafka_error_t *err = rd_kafka_init_transactions(rk, SETTLE_MS);
    if (err) {
        snprintf(why, whysize, "%s: cannot take over transactional id \"%s\" to end the transaction the last run left: %s",
                 t->shown, ti->tid, rd_kafka_error_string(err));
        rd_kafka_error_destroy(err);
    }
    rd_kafka_destroy(rk);
    return err == NULL;
}

/* Reads the commit topic read_committed from ti->from to its end: 1 when
 * the record of ti's transaction is there. */
static int find_record(const IoUri *u, const TxnInfo *ti, KafkaTarget *t, char *why, size_t whysize)
{
    rd_kafka_conf_t *conf = io_kafka_conf(u, io_kafka_sink_params, t, why, whysize);
    if (!conf) return -1;
    /* a group id only because librdkafka's consumer wants one: nothing joins it, nothing is committed;
     * warnings about the output's producer settings, which a consumer ignores, are not said */
    if (!io_kafka_set(conf, t, "group.id", ti->tid, why, whysize) || !io_kafka_set(conf, t, "log_level", "3", why, whysize) ||
        !io_kafka_set(conf, t, "isolation.level", "read_committed", why, whysize) ||
        !io_kafka_set(conf, t, "enable.partition.eof", "true", why, whysize) ||
        !io_kafka_set(conf, t, "auto.offset.reset", "error", why, whysize) ||
        !io_kafka_set(conf, t, "enable.auto.commit", "false", why, whysize)) {
        rd_kafka_conf_destroy(conf);
        return -1;
    }
    rd_kafka_t *rk = io_kafka_new(RD_KAFKA_CONSUMER, conf, t, quiet_error, why, whysize);
    if (!rk) return -1;
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(l, ti->topic, 0)->offset = ti->from >= 0 ? ti->from : RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(rk, l);
    rd_kafka_topic_partition_list_destroy(l);
    char nonce[64];
    snprintf(nonce, sizeof nonce, "\"nonce\":\"%016llx\"", (unsigned long long)ti->nonce);
    size_t tidlen = strlen(ti->tid), nlen = strlen(nonce);
    int found = -1;
    char last_err[300] = "no answer";
    for (int waited = 0; found < 0 && waited < SETTLE_MS; waited += 500) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 500);
        if (!m) continue;
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            found = 0;
        } else if (m->err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET || m->err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE) {
            snprintf(why, whysize, "%s: the commit records in topic \"%s\" from offset %lld are gone (retention?), so it "
                                   "cannot be told whether the transaction of checkpoint %llu committed", t->shown, ti->topic,
                     (long long)ti->from, (unsigned long long)ti->seq);
            rd_kafka_message_destroy(m);
            break;
        } else if (m->err) {
            snprintf(last_err, sizeof last_err, "%s", rd_kafka_message_errstr(m));
        } else if (m->key_len == tidlen && !memcmp(m->key, ti->tid, tidlen) && m->len >= nlen &&
                   memmem(m->payload, m->len, nonce, nlen)) {
            found = 1;
        }
        rd_kafka_message_destroy(m);
    }
    if (found < 0 && !why[0])
        snprintf(why, whysize, "%s: cannot read the commit records in topic \"%s\": %s", t->shown, ti->topic, last_err);
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    return found;
}

int io_kafka_txn_outcome(const char *info, size_t n, bool verbose, char *why, size_t whysize)
{
    Arena a;
    arena_init(&a, 1024);
    TxnInfo ti;
    IoUri u = {0};
    int got = -1;
    why[0] = 0;
    if (!read_info(info, n, &ti, &a)) {
        snprintf(why, whysize, "its Kafka transaction is damaged");
    } else if (io_uri_parse(ti.dest, &u, why, whysize)) {
        KafkaTarget t = {.verbose = verbose};
        if (settle(&u, &ti, &t, why, whysize)) got = find_record(&u, &ti, &t, why, whysize);
    }
    io_uri_free(&u);
    arena_free(&a);
    return got;
}

void io_kafka_txn_describe(const char *info, size_t n, FILE *out)
{
    Arena a;
    arena_init(&a, 1024);
    TxnInfo ti;
    if (!read_info(info, n, &ti, &a)) {
        fprintf(out, "kafka transaction: damaged\n");
    } else {
        const char *q = strchr(ti.dest, '?');
        fprintf(out, "kafka transaction: id %s; it commits the rows before this checkpoint to %.*s, with a record in topic "
                     "\"%s\" (after offset %lld); a restart that does not find it goes back to checkpoint.prev\n",
                ti.tid, q ? (int)(q - ti.dest) : (int)strlen(ti.dest), ti.dest, ti.topic, (long long)ti.from);
    }
    arena_free(&a);
}
