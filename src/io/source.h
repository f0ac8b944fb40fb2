/* Sources: where an input stream's records come from (standard input, a
 * file or FIFO, the demo ticker; Kinesis and Kafka go here too), one file
 * per connector behind this one interface. A source hands out records one
 * at a time and never blocks: when it has nothing ready it says so, and the
 * caller waits on its descriptor (several inputs at once, with timeouts to
 * close windows on time), so every source is merged the same way. */
#ifndef EDDY_SOURCE_H
#define EDDY_SOURCE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "src/runtime/buf.h"
#include "src/runtime/serial.h"

typedef enum SourceStatus {
    SOURCE_RECORD,   /* *rec holds the next record */
    SOURCE_WAIT,     /* nothing ready now: wait on source_fd() and ask again */
    SOURCE_END,      /* no more records (s->error says whether it failed) */
} SourceStatus;

typedef struct SourceRecord {
    const char *data;   /* the record's bytes (a line without its terminator);
                           valid until the next call */
    size_t len;
    int64_t arrival;    /* when it arrived (epoch ms): its processing time */
    uint64_t recno;     /* its line in a file, or its number in the source */
    bool truncated;     /* longer than the source's limit: data is its start */
    bool has_approx_arrival;
    bool has_partition; /* Kafka: partition and key say where the record came from */
    int32_t partition;
    int64_t approx_arrival; /* when the service took it (Kinesis' ApproximateArrivalTimestamp, epoch ms):
                               the row's APPROXIMATE_ARRIVAL_TIME */
    const char *origin; /* where it is in the source ("SHARD:SEQUENCE" for Kinesis), for error rows; or NULL */
    uint64_t offset;    /* where it starts: the byte in a file, the offset in a Kafka partition */
    const char *key;    /* the message's key (NULL: none), for a KAFKA_KEY column */
    size_t key_len;
} SourceRecord;

typedef struct Source Source;

/* What happens to a source's partitions (Kafka with a group). */
typedef enum SourcePartitions {
    PARTITIONS_TAKEN,   /* this process reads them from now on */
    PARTITIONS_GIVEN,   /* they go to another process, after this call */
    PARTITIONS_LOST,    /* they were taken away: another process may read them already */
} SourcePartitions;

typedef struct SourceOps {
    SourceStatus (*next)(Source *s, SourceRecord *rec);
    /* a descriptor that becomes readable when next may have a record, or -1 */
    int (*fd)(const Source *s);
    void (*close)(Source *s);
    /* optional: a line or two for --stats (how far behind it reads) */
    void (*stats)(const Source *s, FILE *out);
    /* Checkpoints: where reading would go on (the record `next` gave last
     * when `unprocessed`, else the one after it), and back there on restart.
     * restore returns false with the reason when the position cannot be
     * used (another file, a pipe). NULL: the source cannot resume. */
    void (*save)(const Source *s, const SourceRecord *last, bool unprocessed, Buf *out);
    bool (*restore)(Source *s, SerialIn *in, char *why, size_t whysize);
    /* optional: the output of every record `next` gave (but `last` when
     * `unprocessed`) has been delivered, so the source may tell its service
     * (Kafka: commit the consumer group's offsets). Never on its own: the
     * records it has only handed out may still be lost with the process. */
    void (*commit)(Source *s, const SourceRecord *last, bool unprocessed);
    /* optional: the same for the position a save wrote (saved): the output
     * up to it is committed (a Kafka transaction), the output after it may
     * still be aborted with the process. */
    void (*commit_saved)(Source *s, SerialIn *saved);
} SourceOps;

struct Source {
    const SourceOps *ops;
    const char *name;        /* for messages: "stdin", the file's name, "the demo ticker" */
    int error;               /* errno of the failure that ended it, 0 if none */
    const char *message;     /* that failure in words, when errno says too little; or NULL */
    size_t cut;              /* stopped while a record was arriving: its bytes, left unread */
    uint64_t bytes;          /* bytes read so far */
    size_t max_record;       /* longer records come truncated */
    bool regular;            /* a regular file: its length is known (progress line) */
    /* optional, set by the caller: called when the source is about to read
     * from (or wait on) what feeds it, so the rows of the records it gave
     * are delivered first; a record's latency is then the time it takes,
     * not the time until an output buffer fills */
    void (*before_read)(void *ctx);
    void *before_read_ctx;
    /* optional, set by the caller: the partitions (ids[0..n)) it takes or
     * gives away, called before it reads them or lets them go. When taken,
     * start[i] is where partition ids[i] is read from (set it, or leave
     * -1 for the group's offset); the source then says nothing of its own
     * about moves, the caller does (its state moves with them). */
    void (*on_partitions)(void *ctx, SourcePartitions what, const int32_t *ids, int n, int64_t *start);
    void *partitions_ctx;
};

static inline SourceStatus source_next(Source *s, SourceRecord *rec) { return s->ops->next(s, rec); }
static inline int source_fd(const Source *s) { return s->ops->fd(s); }
static inline void source_close(Source *s)
{
    if (s) s->ops->close(s);
}

/* Opens what --input names: "-" is standard input, anything else a file or
 * FIFO (opened without blocking, so a FIFO with no writer yet is a quiet
 * input, not a hang). NULL with errno set when it cannot be opened. */
Source *io_source_open_file(const char *path);
/* The built-in stock ticker at `rate` records a second, until stopped. */
Source *io_source_open_demo(double rate);
struct IoUri;
/* kinesis://STREAM?region=R&endpoint=URL&start=trim_horizon|latest|at_timestamp:T
 * &stop=caught_up&limit=N&poll_ms=N&idle_ms=N&discover_ms=N (source_kinesis.c).
 * Finds the stream's shards before it returns: NULL, with why naming the
 * stream and the endpoint, when the stream, the credentials or the
 * endpoint are not right. verbose: says where it reads on stderr. */
Source *io_source_open_kinesis(const struct IoUri *uri, bool verbose, char *why, size_t whylen);
/* kafka://BROKERS/TOPIC?group=G&start=earliest|latest&stop=caught_up
 * &kafka.PROPERTY=VALUE&properties=FILE (source_kafka.c). Without group it
 * reads every partition itself; with one, the processes of the group
 * share the partitions. NULL, with why, when the brokers cannot be reached
 * or the topic does not exist. */
Source *io_source_open_kafka(const struct IoUri *uri, bool verbose, char *why, size_t whylen);
/* A source over a descriptor already open (name kept by reference). */
Source *io_source_from_fd(int fd, const char *name, bool owns_fd);

#endif
