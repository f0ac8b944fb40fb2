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
#include <stdio.h>

#include "src/runtime/buf.h"

struct IoUri;

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
 * pipe, a terminal, a Kinesis stream once it has acknowledged every
 * record: rows after the last checkpoint may come again after a
 * restart), -2 when syncing failed (why says it). */
int64_t io_sink_commit(OutBuf *o, char *why, size_t whysize);
/* The two halves of io_sink_commit: the length written so far (-1 when not
 * a regular file), and making it durable. */
int64_t io_sink_length(OutBuf *o);
bool io_sink_fsync(OutBuf *o, char *why, size_t whysize);
/* Cuts the file back to a committed length, so the rows after it, which
 * the restarted run writes again, are not doubled. */
bool io_sink_commit_restore(OutBuf *o, int64_t length, char *why, size_t whysize);
struct KafkaTxn;
/* kafka://BROKERS/TOPIC?key=COLUMN&kafka.PROPERTY=VALUE&properties=FILE
 * (sink_kafka.c): each row one message, its key the column's value; an
 * idempotent producer unless kafka.enable.idempotence=false. With txn (a
 * run with --state), transactional (exactly once) unless
 * transactional=false; txn_topic=TOPIC names where its commit records go.
 * NULL, with why, when the brokers cannot be reached or the topic does not
 * exist. dest is the URI as given. */
OutBuf *io_sink_open_kafka(const struct IoUri *uri, const char *dest, size_t flush_at, bool verbose, struct KafkaTxn *txn,
                           char *why, size_t whysize);
/* The column a Kafka sink takes its messages' keys from, or NULL. */
const char *io_sink_key_column(const OutBuf *o);
/* Opens what --output NAME=DEST names, by its URI's scheme: "-", a path
 * or file://PATH as io_sink_open (io_sink_open_keep when keep), or
 * kinesis://STREAM?... or kafka://... (joining txn, when not NULL). NULL
 * with why; *connector says whether DEST named a connector, whose failure
 * (no such stream, no answer) is the service's rather than the command
 * line's. */
OutBuf *io_sink_open_uri(const char *dest, size_t flush_at, bool keep, bool verbose, struct KafkaTxn *txn, bool *connector,
                         char *why, size_t whysize);
/* kinesis://STREAM?region=R&endpoint=URL&partition_key=COLUMN&format=JSON|CSV
 * &order=strict&stop_wait_ms=N (sink_kinesis.c). Checks that the stream
 * exists before it returns: NULL, with why naming the stream and the
 * endpoint, when it, the credentials or the endpoint are not right. */
OutBuf *io_sink_open_kinesis(const struct IoUri *uri, size_t flush_at, bool verbose, char *why, size_t whysize);

/* How a sink's records are written when it takes KDA's destination
 * format (a Kinesis stream) rather than --output-format. */
typedef struct SinkFormat {
    bool csv;                  /* CSV lines, else JSON objects */
    const char *key_column;    /* the column whose text is each record's partition key, or NULL */
} SinkFormat;
/* NULL for files and standard output. */
const SinkFormat *io_sink_format(const OutBuf *o);
const SinkFormat *io_sink_kinesis_format(const OutBuf *o);
/* Delivers what is buffered and waits until the sink has it (a Kinesis
 * stream acknowledges every record); false when some were lost (o->why). */
bool io_sink_sync(OutBuf *o);
/* A line or two for --stats (requests, retries), if the sink has any. */
void io_sink_stats(const OutBuf *o, FILE *out);
void io_sink_kinesis_stats(const OutBuf *o, FILE *out);

/* A sink that is a regular file (standard output too) has its writes done
 * by a thread of its own from now on (file_writer.c): what is handed over
 * counts as delivered, and a write that fails is said at the next delivery,
 * sync or close, its rows then counted as lost. False (nothing changes)
 * for any other sink, or when no thread could start. */
bool io_sink_start_writer(OutBuf *o);
/* Set by the main thread while a reader thread keeps the other CPU busy
 * (src/cli/reader.c): a writer thread with nothing queued is then passed
 * by, and the main thread writes the buffer itself, whose bytes are hot in
 * its own core's cache; the copy costs more on another core that is busy
 * too. While that CPU has time to spare, the writer takes the copy off the
 * main thread. Only the main thread reads or writes it. */
extern bool io_sink_write_here;
/* A sink over a descriptor already open (standard error), left open at close. */
OutBuf *io_sink_open_fd(int fd, size_t flush_at);
/* The run is ending: a FIFO that still has no reader is waited for from
 * now on, as a pipe's writer waits, and that is said on stderr (shown:
 * its name for the message); a stop then gives its rows up, counted as
 * lost. Nothing for other sinks. */
void io_sink_ending(OutBuf *o, const char *shown);
/* Delivers what is left, then closes the sink and frees it. */
void io_sink_close(OutBuf *o);

#endif
