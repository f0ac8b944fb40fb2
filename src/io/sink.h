/* Sinks: where an output stream's rows go. A sink is an OutBuf (see
 * src/runtime/buf.h): rows are encoded into its buffer and delivered in
 * batches, and it counts what was delivered and what was lost, so a
 * failed write is said and never passes for output. Standard output and
 * files are plain descriptors; other kinds (Kinesis, rotating files) plug
 * in their SinkOps, one file per connector. */
#ifndef EDDY_SINK_H
#define EDDY_SINK_H
#include <stdbool.h>
#include <stddef.h>

#include "src/runtime/buf.h"

/* Opens what --output NAME=DEST or --errors names: "-" is standard output,
 * anything else a file, created or truncated, or a FIFO. A FIFO with no
 * reader yet does not block: output is kept (up to a bound, then the
 * stream waits, as for a full pipe) until a reader opens it. NULL with the
 * reason in why. */
OutBuf *io_sink_open(const char *dest, size_t flush_at, char *why, size_t whysize);
/* The same without emptying a file that exists (resuming from a
 * checkpoint: io_sink_commit_restore then cuts it back). */
OutBuf *io_sink_open_keep(const char *dest, size_t flush_at, char *why, size_t whysize);
/* Checkpoints. A regular file sink can be cut back to what a checkpoint
 * committed: io_sink_commit makes everything delivered so far durable
 * (fsync) and gives its length; -1 when the sink is not a regular file (a
 * pipe or a terminal: rows after the last checkpoint may come again after
 * a restart), -2 when syncing failed (why says it). */
int64_t io_sink_commit(OutBuf *o, char *why, size_t whysize);
/* The two halves of io_sink_commit: the length written so far (-1 when not
 * a regular file), and making it durable. */
int64_t io_sink_length(const OutBuf *o);
bool io_sink_fsync(OutBuf *o, char *why, size_t whysize);
/* Cuts the file back to a committed length, so the rows after it, which
 * the restarted run writes again, are not doubled. */
bool io_sink_commit_restore(OutBuf *o, int64_t length, char *why, size_t whysize);
/* Waits until what was delivered is kept by the destination (a Kafka
 * topic: every message acknowledged); false when some was not (o->why
 * says why). Files and descriptors: nothing to wait for. */
bool io_sink_sync(OutBuf *o);
struct IoUri;
/* kafka://BROKERS/TOPIC?key=COLUMN&kafka.PROPERTY=VALUE&properties=FILE
 * (sink_kafka.c): each row one message, its key the column's value; an
 * idempotent producer unless kafka.enable.idempotence=false. NULL, with
 * why, when the brokers cannot be reached or the topic does not exist. */
OutBuf *io_sink_open_kafka(const struct IoUri *uri, size_t flush_at, bool verbose, char *why, size_t whysize);
/* The column a Kafka sink takes its messages' keys from, or NULL. */
const char *io_sink_key_column(const OutBuf *o);
/* A sink over a descriptor already open (standard error), left open at close. */
OutBuf *io_sink_open_fd(int fd, size_t flush_at);
/* Delivers what is left, then closes the sink and frees it. */
void io_sink_close(OutBuf *o);

#endif
