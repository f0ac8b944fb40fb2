/* The Kafka checks' broker and tools: librdkafka's own mock cluster (it
 * speaks the Kafka protocol on loopback ports to the real client), a
 * producer of test records and a reader of a topic's messages. Built by
 * `make check`, used by src/io/kafka_test.sh and bench/kafka.sh.
 *
 *   kafka_mock serve BOOTFILE [TOPIC:PARTITIONS ...]
 *       starts a 3-broker cluster, creates the topics, writes its bootstrap
 *       servers to BOOTFILE, then reads commands from standard input, one a
 *       line, until its end:
 *         topic NAME PARTITIONS        create a topic
 *         errors APIKEY ERROR COUNT    the next COUNT requests of that API
 *                                      (0 Produce, 1 Fetch, 8 OffsetCommit...)
 *                                      fail with that error code
 *         topic_error NAME ERROR       metadata says the topic has that error
 *                                      (3: it does not exist)
 *         down BROKER / up BROKER      a broker stops / starts answering
 *         coordinator KIND KEY BROKER  the coordinator of a transactional id
 *                                      (KIND transaction) or a group is BROKER
 *         delay BROKER APIKEY MS       the broker answers its next request of
 *                                      that API (26 EndTxn...) MS late
 *         leader TOPIC PARTITION BROKER  the partition's leader is BROKER
 *   kafka_mock produce BOOTSTRAP TOPIC [KEYFIELD]
 *       each line of standard input is a message; its key is the value of
 *       the JSON field KEYFIELD (a string or a number), so records with the
 *       same key go to the same partition
 *   kafka_mock read BOOTSTRAP TOPIC
 *       prints every message the topic holds now, one a line:
 *       PARTITION<TAB>KEY<TAB>VALUE (partition order, then offset order)
 *   kafka_mock committed BOOTSTRAP TOPIC COMMIT_TOPIC
 *       the same, but only the messages a read_committed consumer would see
 *       of what eddy wrote with transactions: those whose offsets a commit
 *       record in COMMIT_TOPIC lists (every message, when there is no
 *       commit record: a producer without transactions). The mock cluster
 *       keeps no transaction markers (its read_committed consumers see
 *       aborted messages too, and its EndTxn changes nothing), so a
 *       transaction here counts as committed once its commit record is in
 *       the log; eddy's restart takes the same view of it, as it must take
 *       a real broker's, whose read_committed reads show the record exactly
 *       when the transaction committed.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static rd_kafka_t *new_client(rd_kafka_type_t type, const char *bootstrap)
{
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    if ((bootstrap && rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap, err, sizeof err) != RD_KAFKA_CONF_OK) ||
        rd_kafka_conf_set(conf, "log_level", "3", err, sizeof err) != RD_KAFKA_CONF_OK) {
        fprintf(stderr, "kafka_mock: %s\n", err);
        exit(1);
    }
    if (type == RD_KAFKA_PRODUCER) rd_kafka_conf_set(conf, "enable.idempotence", "true", err, sizeof err);
    rd_kafka_t *rk = rd_kafka_new(type, conf, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "kafka_mock: %s\n", err);
        exit(1);
    }
    return rk;
}

static int create_topic(rd_kafka_mock_cluster_t *mc, const char *spec)
{
    char name[256];
    int parts = 1;
    const char *colon = strrchr(spec, ':');
    snprintf(name, sizeof name, "%.*s", colon ? (int)(colon - spec) : (int)strlen(spec), spec);
    if (colon) parts = atoi(colon + 1);
    rd_kafka_resp_err_t e = rd_kafka_mock_topic_create(mc, name, parts > 0 ? parts : 1, 1);
    if (e) fprintf(stderr, "kafka_mock: topic %s: %s\n", name, rd_kafka_err2str(e));
    return e ? 1 : 0;
}

static int serve(int argc, char **argv)
{
    rd_kafka_t *rk = new_client(RD_KAFKA_PRODUCER, NULL);
    rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(rk, 3);
    if (!mc) {
        fprintf(stderr, "kafka_mock: cannot start the mock cluster\n");
        return 1;
    }
    for (int i = 1; i < argc; i++)
        if (create_topic(mc, argv[i])) return 1;
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[0]);
    FILE *f = fopen(tmp, "w");
    if (!f || fprintf(f, "%s\n", rd_kafka_mock_cluster_bootstraps(mc)) < 0 || fclose(f) != 0 || rename(tmp, argv[0]) != 0) {
        perror("kafka_mock: bootstrap file");
        return 1;
    }
    char line[512];
    while (fgets(line, sizeof line, stdin)) {
        char what[32], a[256];
        int x = 0, y = 0;
        int n = sscanf(line, "%31s %255s %d %d", what, a, &x, &y);
        if (n >= 3 && !strcmp(what, "topic")) {
            snprintf(tmp, sizeof tmp, "%s:%d", a, x);
            create_topic(mc, tmp);
        } else if (n == 4 && !strcmp(what, "errors")) {
            rd_kafka_resp_err_t errs[256];
            if (y > 256) y = 256;
            for (int i = 0; i < y; i++) errs[i] = (rd_kafka_resp_err_t)x;
            rd_kafka_mock_push_request_errors_array(mc, (int16_t)atoi(a), (size_t)y, errs);
        } else if (n >= 3 && !strcmp(what, "topic_error")) {
            rd_kafka_mock_topic_set_error(mc, a, (rd_kafka_resp_err_t)x);
        } else if (n >= 2 && !strcmp(what, "down")) {
            rd_kafka_mock_broker_set_down(mc, atoi(a));
        } else if (n >= 2 && !strcmp(what, "up")) {
            rd_kafka_mock_broker_set_up(mc, atoi(a));
        } else if (n == 4 && !strcmp(what, "delay")) {
            rd_kafka_mock_broker_push_request_error_rtts(mc, atoi(a), (int16_t)x, 1, RD_KAFKA_RESP_ERR_NO_ERROR, y);
        } else if (n == 4 && !strcmp(what, "leader")) {
            rd_kafka_mock_partition_set_leader(mc, a, x, y);
        } else if (!strcmp(what, "coordinator")) {
            char kind[32], key[256];
            int broker;
            if (sscanf(line, "%*s %31s %255s %d", kind, key, &broker) == 3) rd_kafka_mock_coordinator_set(mc, kind, key, broker);
        } else if (n >= 1) {
            fprintf(stderr, "kafka_mock: unknown command: %s", line);
        }
    }
    rd_kafka_mock_cluster_destroy(mc);
    rd_kafka_destroy(rk);
    return 0;
}

static int failures;

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk, (void)opaque;
    if (m->err) {
        if (!failures) fprintf(stderr, "kafka_mock: delivery failed: %s\n", rd_kafka_err2str(m->err));
        failures++;
    }
}

/* The value of "field": in a JSON line, as text (quotes dropped). */
static const char *json_field(const char *line, const char *field, size_t *len)
{
    char pat[300];
    snprintf(pat, sizeof pat, "\"%s\":", field);
    const char *p = strstr(line, pat);
    if (!p) return NULL;
    p += strlen(pat);
    while (*p == ' ') p++;
    if (*p == '"') {
        const char *e = strchr(++p, '"');
        *len = e ? (size_t)(e - p) : 0;
        return p;
    }
    size_t n = strcspn(p, ",} \n");
    *len = n;
    return p;
}

static int produce(const char *bootstrap, const char *topic, const char *keyfield)
{
    char err[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap, err, sizeof err);
    rd_kafka_conf_set(conf, "enable.idempotence", "true", err, sizeof err);
    rd_kafka_conf_set(conf, "linger.ms", "5", err, sizeof err);
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk) {
        fprintf(stderr, "kafka_mock: %s\n", err);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long count = 0;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        if (line[n - 1] == '\n') line[--n] = 0;
        size_t klen = 0;
        const char *key = keyfield ? json_field(line, keyfield, &klen) : NULL;
        for (;;) {
            rd_kafka_resp_err_t e = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_VALUE(line, (size_t)n),
                                                      RD_KAFKA_V_KEY(key, key ? klen : 0), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                                      RD_KAFKA_V_END);
            if (e == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                rd_kafka_poll(rk, 100);
                continue;
            }
            if (e) {
                fprintf(stderr, "kafka_mock: produce: %s\n", rd_kafka_err2str(e));
                return 1;
            }
            break;
        }
        rd_kafka_poll(rk, 0);
        count++;
    }
    free(line);
    rd_kafka_flush(rk, 30000);
    int left = rd_kafka_outq_len(rk);
    rd_kafka_destroy(rk);
    if (failures || left) {
        fprintf(stderr, "kafka_mock: %d of %ld messages not delivered\n", failures + left, count);
        return 1;
    }
    return 0;
}

/* Offsets of one topic's partitions listed by commit records. */
typedef struct Committed {
    struct Range {
        int partition;
        long long first, last;
    } *r;
    int n, cap;
    int records;
} Committed;

/* A commit record's messages of topic: ...,"messages":[{"topic":T,"partition":P,"first":A,"last":B,...},...] */
static void add_ranges(Committed *c, const char *rec, size_t len, const char *topic)
{
    char *v = strndup(rec, len), pat[300];
    if (!v) exit(1);
    if (strstr(v, "\"eddy\":\"commit\"")) c->records++;
    int plen = snprintf(pat, sizeof pat, "{\"topic\":\"%s\",", topic);
    for (char *p = strstr(v, pat); p; p = strstr(p + 1, pat)) {
        struct Range g;
        if (sscanf(p + plen, "\"partition\":%d,\"first\":%lld,\"last\":%lld", &g.partition, &g.first, &g.last) != 3) continue;
        if (c->n == c->cap && !(c->r = realloc(c->r, sizeof *c->r * (size_t)(c->cap = c->cap ? 2 * c->cap : 64)))) exit(1);
        c->r[c->n++] = g;
    }
    free(v);
}

static bool listed(const Committed *c, int partition, long long offset)
{
    for (int i = 0; i < c->n; i++)
        if (c->r[i].partition == partition && offset >= c->r[i].first && offset <= c->r[i].last) return true;
    return false;
}

/* Every partition from its low to its high watermark: printed, or (with
 * into) the commit records' ranges of messages of into_topic gathered; with
 * only, just the messages it lists are printed. */
static int read_topic_as(const char *bootstrap, const char *topic, const Committed *only, Committed *into, const char *into_topic)
{
    rd_kafka_t *rk = new_client(RD_KAFKA_CONSUMER, bootstrap);
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
    const rd_kafka_metadata_t *md;
    rd_kafka_resp_err_t e = rd_kafka_metadata(rk, 0, rkt, &md, 10000);
    if (e || md->topic_cnt != 1 || md->topics[0].err) {
        fprintf(stderr, "kafka_mock: topic %s: %s\n", topic, rd_kafka_err2str(e ? e : md->topics[0].err));
        return 1;
    }
    int nparts = md->topics[0].partition_cnt;
    rd_kafka_metadata_destroy(md);
    for (int p = 0; p < nparts; p++) {
        int64_t lo, hi;
        if ((e = rd_kafka_query_watermark_offsets(rk, topic, p, &lo, &hi, 10000))) {
            fprintf(stderr, "kafka_mock: watermarks of %s [%d]: %s\n", topic, p, rd_kafka_err2str(e));
            return 1;
        }
        if (lo >= hi) continue;
        rd_kafka_consume_start(rkt, p, lo);
        for (int64_t next = lo; next < hi;) {
            rd_kafka_message_t *m = rd_kafka_consume(rkt, p, 10000);
            if (!m) {
                fprintf(stderr, "kafka_mock: %s [%d]: nothing at offset %lld\n", topic, p, (long long)next);
                return 1;
            }
            if (!m->err) {
                if (into)
                    add_ranges(into, m->payload ? m->payload : "", m->len, into_topic);
                else if (!only || !only->records || listed(only, p, (long long)m->offset))
                    printf("%d\t%.*s\t%.*s\n", p, (int)m->key_len, m->key ? (const char *)m->key : "", (int)m->len,
                           (const char *)m->payload);
                next = m->offset + 1;
            } else if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                fprintf(stderr, "kafka_mock: %s [%d]: %s\n", topic, p, rd_kafka_message_errstr(m));
                return 1;
            }
            rd_kafka_message_destroy(m);
        }
        rd_kafka_consume_stop(rkt, p);
    }
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(rk);
    return 0;
}

static int read_topic(const char *bootstrap, const char *topic) { return read_topic_as(bootstrap, topic, NULL, NULL, NULL); }

static int read_committed(const char *bootstrap, const char *topic, const char *commit_topic)
{
    Committed c = {0};
    int rc = read_topic_as(bootstrap, commit_topic, NULL, &c, topic);
    if (!rc) rc = read_topic_as(bootstrap, topic, &c, NULL, NULL);
    free(c.r);
    return rc;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    if (argc >= 3 && !strcmp(argv[1], "serve")) return serve(argc - 2, argv + 2);
    if ((argc == 4 || argc == 5) && !strcmp(argv[1], "produce")) return produce(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
    if (argc == 4 && !strcmp(argv[1], "read")) return read_topic(argv[2], argv[3]);
    if (argc == 5 && !strcmp(argv[1], "committed")) return read_committed(argv[2], argv[3], argv[4]);
    fprintf(stderr, "usage: kafka_mock serve BOOTFILE [TOPIC:PARTITIONS ...] | produce BOOTSTRAP TOPIC [KEYFIELD] | "
                    "read BOOTSTRAP TOPIC | committed BOOTSTRAP TOPIC COMMIT_TOPIC\n");
    return 2;
}
