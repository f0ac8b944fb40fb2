/* What the Kafka source and sink share: kafka://BROKERS/TOPIC?... read
 * into a librdkafka configuration. Every kafka.PROPERTY=VALUE parameter
 * (and every line of properties=FILE) is handed to librdkafka as it is,
 * so TLS, SASL and tuning need no code here. */
#ifndef EDDY_KAFKA_H
#define EDDY_KAFKA_H
#include <librdkafka/rdkafka.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uri.h"

typedef struct KafkaTarget {
    char topic[250];          /* Kafka allows 249 characters */
    char shown[400];          /* "kafka://BROKERS/TOPIC" for messages */
    bool verbose;
} KafkaTarget;

/* The configuration the URI asks for: bootstrap.servers, then the
 * properties file, then kafka.* parameters (later ones win). known lists
 * the connector's own parameters (NULL-terminated); any other parameter
 * is refused. NULL with why naming what is wrong. */
rd_kafka_conf_t *io_kafka_conf(const IoUri *u, const char *const *known, KafkaTarget *t, char *why, size_t whylen);
/* The client, its opaque t and its error callback set; NULL with why
 * (the configuration is destroyed then). */
rd_kafka_t *io_kafka_new(rd_kafka_type_t type, rd_kafka_conf_t *conf, KafkaTarget *t,
                         void (*on_error)(rd_kafka_t *, int, const char *, void *), char *why, size_t whylen);
/* Sets one property; false with why. */
bool io_kafka_set(rd_kafka_conf_t *conf, const KafkaTarget *t, const char *key, const char *value, char *why, size_t whylen);
/* Whether the property was set by the user (kafka.KEY or in the file). */
bool io_kafka_user_set(const IoUri *u, const char *key);
/* Asks the brokers for the topic's partition count: -1 with why when the
 * brokers do not answer within timeout_ms or the topic does not exist. */
int io_kafka_partitions(rd_kafka_t *rk, const KafkaTarget *t, int timeout_ms, char *why, size_t whylen);
/* librdkafka's own log lines, said as eddy's: errors and warnings; the
 * connection failures it retries by itself only when verbose. The
 * client's opaque must be its KafkaTarget. */
void io_kafka_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf);
/* The sink's own URI parameters (besides properties= and kafka.*). */
extern const char *const io_kafka_sink_params[];

/* The sink's part in a run's transaction (kafka_txn.c): one output in it,
 * and the messages' opaque. */
struct KafkaTxn;
typedef struct KafkaTxnMember KafkaTxnMember;
/* Joins the output opened from u (conf: its configuration, taken) to the
 * run's transaction: the first one starts the transactional producer, the
 * others must name the same cluster with the same settings. NULL with why. */
KafkaTxnMember *io_kafka_txn_join(struct KafkaTxn *x, const IoUri *u, const char *dest, rd_kafka_conf_t *conf, void *sink,
                                  const KafkaTarget *t, char *why, size_t whylen);
rd_kafka_t *io_kafka_txn_producer(const KafkaTxnMember *m);
/* A checkpoint is being written: rows wait for its transaction to commit. */
bool io_kafka_txn_holding(const KafkaTxnMember *m);
/* Why the transaction failed (nothing more can be written), or NULL. */
const char *io_kafka_txn_failure(const KafkaTxnMember *m);
/* A delivery report of one of a sink's messages (sink_kafka.c). */
void io_kafka_sink_report(void *sink, const rd_kafka_message_t *m);
/* n of a sink's delivered rows were in a transaction that did not commit. */
void io_kafka_sink_unwritten(void *sink, uint64_t n);

/* The struct holding the KafkaTarget a client's opaque points to. */
#define KAFKA_OWNER(type, opaque) ((type *)(void *)((char *)(opaque) - offsetof(type, t)))

#endif
