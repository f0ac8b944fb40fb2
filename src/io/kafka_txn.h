/* Exactly-once output to Kafka with --state: the rows between two
 * checkpoints are produced in one Kafka transaction, which commits only
 * together with the checkpoint that records the inputs' positions up to
 * those rows (kafka_txn.c says how, and what each crash leaves). Every
 * Kafka output of a run shares one transactional producer, so one
 * transaction covers them all. No librdkafka type here: the command line
 * sees only this. */
#ifndef EDDY_KAFKA_TXN_H
#define EDDY_KAFKA_TXN_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "src/runtime/buf.h"

typedef struct KafkaTxn KafkaTxn;

/* The run's transaction, before any output is opened; Kafka outputs join
 * it as they open (io_sink_open_uri). The transactional id is kept in the
 * state directory, made on first use. */
KafkaTxn *io_kafka_txn_new(const char *state_dir, const char *app, double checkpoint_every, bool verbose);
/* A checkpoint (number seq) is being taken and every row before it has
 * been acknowledged (io_sink_sync): until io_kafka_txn_commit, the rows
 * that come are held, and what a restart needs to settle the transaction
 * is appended to out (nothing when no output is transactional). */
void io_kafka_txn_prepare(KafkaTxn *x, uint64_t seq, Buf *out);
/* The checkpoint is durable: the transaction commits (with its commit
 * record), the next one begins and held rows may go. False when it could
 * not commit: said on stderr; the outputs fail with the reason, and a
 * restart settles it. True when nothing was prepared. */
bool io_kafka_txn_commit(KafkaTxn *x);
/* The checkpoint prepared could not be written: its transaction will not
 * commit, and the outputs fail with the reason. */
void io_kafka_txn_fail(KafkaTxn *x);
/* Ends the producer; a transaction still open is aborted (its rows come
 * again after a restart). NULL is fine. */
void io_kafka_txn_free(KafkaTxn *x);

/* A restart from a checkpoint whose transaction info (from prepare) is
 * info: ends whatever the last process left open under its transactional
 * id, then looks for the checkpoint's commit record. 1: it committed, use
 * this checkpoint; 0: it did not, use the one before; -1 with why when
 * that cannot be told (the cluster does not answer, the records are gone). */
int io_kafka_txn_outcome(const char *info, size_t n, bool verbose, char *why, size_t whysize);
/* One line for `eddy state` about the transaction in info. */
void io_kafka_txn_describe(const char *info, size_t n, FILE *out);

#endif
