/* The Kinesis source's parts (source_kinesis.c: the fetch thread, the
 * queue and the reader; source_kinesis_pos.c: where reading stands, for
 * checkpoints), shared by those two files only. */
#ifndef EDDY_SOURCE_KINESIS_INT_H
#define EDDY_SOURCE_KINESIS_INT_H
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "kinesis_api.h"
#include "source.h"

/* Sequence numbers are up to 129 digits (the API's pattern 0|[1-9]\d{0,128}). */
enum { KIN_SEQ_MAX = 130 };

typedef enum ShardState { SH_BLOCKED, SH_NEED_ITER, SH_READING, SH_DONE } ShardState;

typedef struct Shard {
    char *id, *parent, *adjacent;
    ShardState state;
    KinStart start;           /* how its next iterator is asked for */
    KinStart first;           /* how reading it began (a checkpoint of it before any record resumes so) */
    char *iter;
    char *last_seq;           /* the last record queued: a new iterator goes on after it */
    char *skip_seq;           /* resuming inside a KPL aggregate: its sequence number... */
    long skip_sub;            /* ...and its last user record processed */
    int64_t next_poll;        /* monotonic ms */
    int failures;             /* in a row, for the backoff */
    int64_t behind;           /* MillisBehindLatest of its last answer, -1 before one */
    bool caught_up;           /* its last answer was empty and at the tip */
} Shard;

/* One record of a batch: offsets into the batch's bytes and origins. */
typedef struct Entry {
    size_t off, len, origin;
    int64_t approx;
    uint32_t seq_len;         /* its sequence number follows the shard id and ':' in its origin */
    int32_t sub;              /* its place in a KPL aggregate, -1 when it is a record of its own */
} Entry;

/* The records of one GetRecords answer (of one shard). */
typedef struct Batch {
    struct Batch *next;
    Buf bytes;                /* the records' data */
    Buf origins;              /* the shard id, then "SHARD:SEQUENCE" of each record, NUL-ended */
    Buf entries;              /* Entry[] */
    size_t n, at;
    bool ends;                /* the shard is read to its end after these records */
} Batch;

/* Where the reader stands in one shard: the last record processed. */
typedef struct ReadPos {
    char *shard;
    char seq[KIN_SEQ_MAX];    /* "" before any */
    long sub;
    bool finished;            /* closed, and every record of it processed */
} ReadPos;

typedef struct KinesisSource {
    Source base;
    char name[200];
    char *stream;
    char endpoint_shown[200]; /* the endpoint without any user:password@ */
    AwsConfig aws;
    KinClient *client;
    Arena scratch;            /* the thread's: strings of an answer that had escapes */
    /* options */
    KinStart start;
    int64_t start_ms;         /* at_timestamp's time; for latest, when reading began */
    int limit, poll_ms, idle_ms, discover_ms;
    int group, groups;        /* shards=GROUP/GROUPS: this input reads every GROUPS-th shard */
    bool stop_caught_up;
    /* the thread's: shards (added under mu, so --stats and checkpoints may read them) */
    Shard *shards;
    int nshards, cap;
    int64_t next_discovery;
    int discovery_failures;
    bool discover_now;
    bool outage;
    int64_t outage_since;
    uint64_t rng;
    /* shared, under mu */
    pthread_mutex_t mu;
    pthread_cond_t space;     /* the queue has room again, or stop */
    Batch *head, *tail;
    size_t queued;            /* bytes of the batches not yet released */
    bool waiting;             /* the reader found the queue empty: wake it through the pipe */
    bool ended;
    bool failed;
    char failure[1024];
    uint64_t calls, retries;
    volatile int stop;
    int pipe[2];
    pthread_t thread;
    bool started;
    /* the reader's */
    Batch *cur;
    ReadPos *pos;             /* one per shard a record came from (or a checkpoint named) */
    int npos, pos_cap;
    int cur_pos;              /* cur's shard in pos */
    bool handed;              /* cur's record at - 1 was handed out and is not yet known processed */
    uint64_t recno;
} KinesisSource;

/* source_kinesis_pos.c */
ReadPos *io_kin_pos(KinesisSource *k, const char *shard);
/* The record handed out last is processed: its shard's position moves on. */
void io_kin_commit(KinesisSource *k);
void io_kin_save(const Source *s, const SourceRecord *last, bool unprocessed, Buf *out);
bool io_kin_restore(Source *s, SerialIn *in, char *why, size_t whysize);
void io_kin_free_pos(KinesisSource *k);

#endif
