/* The Kafka sink: each row one message (its NDJSON, CSV or table line
 * without the newline), its key the text of a column's value (key=COLUMN;
 * none: librdkafka spreads the messages over the partitions). Rows are
 * encoded into the OutBuf as for a file; at each delivery they are handed
 * to librdkafka's producer, which batches, retries and, being idempotent
 * by default, neither doubles nor reorders them on a retry. A message the
 * producer finally cannot deliver comes back in a delivery report: it is
 * counted as lost, its reason said, and the run stops with a failure, so
 * nothing is ever lost without a word. sync (checkpoints, offset commits,
 * the end) waits until every message is acknowledged.
 *
 * With --state the sink is transactional unless transactional=false: it
 * joins the run's transaction (kafka_txn.c), whose producer every
 * transactional output shares, and its rows become visible to
 * read_committed consumers when the checkpoint after them commits:
 * exactly once. Otherwise at least once: rows delivered after the last
 * checkpoint or commit are produced again after a crash; --row-id gives
 * each row an id a consumer can drop repeats by. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "io.h"
#include "kafka.h"
#include "kafka_txn.h"
#include "sink.h"
#include "src/runtime/convert.h"
#include "src/runtime/mem.h"

/* One record of the buffer: its bytes, and its key in `keys`. */
typedef struct Msg {
    size_t start, len, key, key_len;
    bool has_key;
} Msg;

typedef struct KafkaSink {
    OutBuf out;               /* first: the sink is its OutBuf */
    KafkaTarget t;            /* the producer's opaque */
    rd_kafka_t *rk;           /* its own, or the transaction's */
    rd_kafka_topic_t *rkt;
    KafkaTxnMember *txn;      /* transactional: its part in the run's transaction */
    char *key_col;            /* key=COLUMN, or NULL */
    const Schema *key_schema; /* the schema key_idx was found in */
    int key_idx;
    Buf msgs;                 /* Msg[] */
    Buf keys;
    Arena scratch;            /* a key's text */
    char failure[700];
    bool outage;
} KafkaSink;

const char *const io_kafka_sink_params[] = {"key", "transactional", "txn_topic", NULL};

void io_kafka_sink_report(void *sink, const rd_kafka_message_t *m)
{
    if (!m->err) return;
    KafkaSink *k = sink;
    /* it was counted as delivered when it was handed to the producer */
    if (k->out.delivered) k->out.delivered--;
    k->out.lost++;
    if (!k->failure[0]) {
        snprintf(k->failure, sizeof k->failure, "a message to topic \"%s\" could not be delivered: %s", k->t.topic,
                 rd_kafka_err2str(m->err));
        k->out.why = k->failure;
    }
}

void io_kafka_sink_unwritten(void *sink, uint64_t n)
{
    KafkaSink *k = sink;
    n = n < k->out.delivered ? n : k->out.delivered;
    k->out.delivered -= n;
    k->out.lost += n;
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk;
    io_kafka_sink_report(KAFKA_OWNER(KafkaSink, opaque), m);
}

static void on_error(rd_kafka_t *rk, int e, const char *reason, void *opaque)
{
    KafkaSink *k = KAFKA_OWNER(KafkaSink, opaque);
    if (e == RD_KAFKA_RESP_ERR__FATAL) {
        char why[400];
        rd_kafka_fatal_error(rk, why, sizeof why);
        if (!k->failure[0]) snprintf(k->failure, sizeof k->failure, "the producer failed: %s", why);
        k->out.why = k->failure;
    } else if (e == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN && !k->outage) {
        k->outage = true;   /* said once: messages wait in the producer until a broker answers or message.timeout.ms */
        fprintf(stderr, "eddy: %s: no broker answers (%s); librdkafka keeps trying\n", k->t.shown, reason);
    }
}

/* The key column's index in the row's schema (outputs of several streams may share the sink). */
static int key_index(KafkaSink *k, const Schema *s)
{
    if (s != k->key_schema) {
        k->key_schema = s;
        k->key_idx = -1;
        for (int i = s->ncols - 1; i >= 0; i--)
            if (!strcasecmp(s->cols[i].name, k->key_col)) k->key_idx = i;
        for (int i = 0; i < s->ncols; i++)
            if (!strcmp(s->cols[i].name, k->key_col)) k->key_idx = i;   /* the exact name first */
    }
    return k->key_idx;
}

static void kafka_record_end(OutBuf *o, size_t start)
{
    KafkaSink *k = (KafkaSink *)o;
    size_t end = o->b.len;
    if (end > start && o->b.p[end - 1] == '\n') end--;
    Msg m = {.start = start, .len = end - start, .key = k->keys.len};
    int c = k->key_col && o->row && o->schema ? key_index(k, o->schema) : -1;
    if (c >= 0 && !o->row->v[c].null) {
        Value text;
        if (conv_to_text(o->schema->cols[c].type, &o->row->v[c], &k->scratch, &text)) {
            buf_put(&k->keys, text.u.s, text.len);
            m.key_len = text.len;
            m.has_key = true;
        }
        arena_reset(&k->scratch);
    }
    buf_put(&k->msgs, (const char *)&m, sizeof m);
}

static bool kafka_deliver(OutBuf *o)
{
    KafkaSink *k = (KafkaSink *)o;
    if (k->txn && !o->why) o->why = io_kafka_txn_failure(k->txn);
    if (o->why) return false;   /* a delivery failed: what is left is lost too, and said with it */
    if (k->txn && io_kafka_txn_holding(k->txn)) return true;   /* kept until the checkpoint's transaction commits */
    const Msg *msgs = (const Msg *)k->msgs.p;
    size_t n = k->msgs.len / sizeof(Msg);
    uint64_t refused = 0;
    for (size_t i = 0; i < n; i++) {
        const Msg *m = &msgs[i];
        for (;;) {
            rd_kafka_resp_err_t e = rd_kafka_producev(
                k->rk, RD_KAFKA_V_RKT(k->rkt), RD_KAFKA_V_VALUE(o->b.p + m->start, m->len),
                RD_KAFKA_V_KEY(m->has_key ? k->keys.p + m->key : NULL, m->key_len), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                RD_KAFKA_V_OPAQUE(k->txn), RD_KAFKA_V_END);
            if (e == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                /* the producer holds queue.buffering.max.messages: wait for acknowledgements, as a full pipe waits */
                rd_kafka_poll(k->rk, 100);
                continue;
            }
            if (e) {
                refused++;
                if (!k->failure[0]) {
                    snprintf(k->failure, sizeof k->failure, "a message to topic \"%s\" was refused: %s", k->t.topic,
                             rd_kafka_err2str(e));
                    o->why = k->failure;
                }
            }
            break;
        }
    }
    rd_kafka_poll(k->rk, 0);   /* delivery reports */
    o->records -= refused;
    o->lost += refused;
    k->msgs.len = k->keys.len = 0;
    o->b.len = 0;
    return true;
}

static bool kafka_sync(OutBuf *o)
{
    KafkaSink *k = (KafkaSink *)o;
    /* bounded by message.timeout.ms: after it every message is acknowledged or reported failed */
    while (rd_kafka_outq_len(k->rk) > 0) rd_kafka_flush(k->rk, 1000);
    if (k->txn && !o->why) o->why = io_kafka_txn_failure(k->txn);
    return !out_failed(o);
}

static void kafka_close(OutBuf *o)
{
    KafkaSink *k = (KafkaSink *)o;
    if (k->rk) {
        kafka_sync(o);
        if (k->rkt) rd_kafka_topic_destroy(k->rkt);
        if (!k->txn) rd_kafka_destroy(k->rk);   /* the transaction's producer ends with it */
    }
    buf_free(&k->msgs);
    buf_free(&k->keys);
    arena_free(&k->scratch);
    mem_free(k->key_col);
}

static const SinkOps kafka_ops = {.deliver = kafka_deliver, .record_end = kafka_record_end, .close = kafka_close, .sync = kafka_sync};

const char *io_sink_key_column(const OutBuf *o)
{
    return o->ops == &kafka_ops ? ((const KafkaSink *)o)->key_col : NULL;
}

/* transactional=true|false: with a transaction (--state), exactly once. */
static bool wants_txn(const IoUri *u, const KafkaTarget *t, bool have_txn, bool *txn, char *why, size_t whysize)
{
    if (!io_uri_word_param(u, "transactional", "true", "exactly once with --state", "false", txn, why, whysize)) return false;
    if (!io_uri_param(u, "transactional")) *txn = have_txn;   /* by default with --state */
    if (*txn && !have_txn) {
        snprintf(why, whysize, "%s: transactional=true needs --state DIR (each transaction commits with a checkpoint)", t->shown);
        return false;
    }
    if (!*txn && io_uri_param(u, "txn_topic")) {
        snprintf(why, whysize, "%s: txn_topic= names where transactions keep their commit records: it needs a transactional "
                               "output (--state, without transactional=false)", t->shown);
        return false;
    }
    return true;
}

OutBuf *io_sink_open_kafka(const IoUri *u, const char *dest, size_t flush_at, bool verbose, KafkaTxn *txn, char *why,
                           size_t whysize)
{
    KafkaSink *k = mem_calloc(1, sizeof *k);
    out_init(&k->out, -1, flush_at);
    k->out.ops = &kafka_ops;
    arena_init(&k->scratch, 256);
    k->t.verbose = verbose;
    rd_kafka_conf_t *conf = io_kafka_conf(u, io_kafka_sink_params, &k->t, why, whysize);
    const char *key = io_uri_param(u, "key");
    bool transactional = false;
    if (conf && key && !*key) snprintf(why, whysize, "%s: key= needs a column name", k->t.shown);
    if (!conf || (key && !*key) || !wants_txn(u, &k->t, txn != NULL, &transactional, why, whysize) ||
        (!io_kafka_user_set(u, "enable.idempotence") && !io_kafka_set(conf, &k->t, "enable.idempotence", "true", why, whysize))) {
        if (conf) rd_kafka_conf_destroy(conf);
        goto fail;
    }
    if (key) k->key_col = mem_strdup(key);
    if (transactional) {
        if (!(k->txn = io_kafka_txn_join(txn, u, dest, conf, k, &k->t, why, whysize))) goto fail;
        k->rk = io_kafka_txn_producer(k->txn);
    } else {
        rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
        if (!(k->rk = io_kafka_new(RD_KAFKA_PRODUCER, conf, &k->t, on_error, why, whysize))) goto fail;
    }
    k->rkt = rd_kafka_topic_new(k->rk, k->t.topic, NULL);
    /* a wrong broker list or topic is said now, not at the first row */
    int n = io_kafka_partitions(k->rk, &k->t, 10000, why, whysize);
    if (n < 0) goto fail;
    if (verbose) fprintf(stderr, "eddy: %s: writing to %d partitions%s%s\n", k->t.shown, n, key ? ", keys from column " : "", key ? key : "");
    return &k->out;
fail:
    if (k->txn && k->rkt) rd_kafka_topic_destroy(k->rkt);
    if (k->txn) k->rk = NULL;   /* the transaction's, ended with it */
    out_free(&k->out);
    mem_free(k);
    return NULL;
}
