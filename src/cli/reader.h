/* Reading an input on a thread of its own (reader.c): the thread reads
 * and decodes records into batches of items, and the main thread takes
 * the items in order where it would have decoded the records itself
 * (input.c), so the rows, the error rows, the counters and the messages
 * come exactly as with one thread. Batches are recycled through a
 * bounded queue: memory stays bounded and nothing is allocated per record
 * once the batches are warm. */
#ifndef EDDY_CLI_READER_H
#define EDDY_CLI_READER_H
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "cli.h"

enum {
    READER_BATCHES = 4,              /* per input: one being filled, one being taken, two waiting */
    READER_BATCH_ITEMS = 4096,       /* a batch goes once it has this many items... */
    READER_BATCH_BYTES = 1 << 20,    /* ... or this many bytes of records */
    DEFER_SCALE = 32,                /* InputThread.defer: batches of 32 the main thread decodes */
    WRITE_HERE_EVERY = 8,            /* batches taken between two looks at the thread's CPU time */
};

typedef enum ReadItemKind {
    RI_ROW,          /* a decoded row */
    RI_RAW,          /* a record's bytes, not decoded yet: the main thread decodes its batch (InputThread.defer) */
    RI_ERROR,        /* a record (or one of its rows) that went to the error stream */
    RI_NOTE,         /* a line for stderr (a key that is no column of a discovered stream) */
    RI_END,          /* the source ended: nothing follows */
    RI_REPLAY_DONE,  /* the records discovery kept have all been read again */
    RI_BACK,         /* the thread has ended and everything it read was taken: the input is the main thread's again */
} ReadItemKind;

typedef struct ReadItem {
    uint8_t kind;
    uint8_t counted;          /* the record it starts: 1 counts in r->records, 2 in the input's records too */
    bool first;               /* a record's first row: its ROWTIME says whether the input has event time */
    bool event_time;
    bool unknown_key;         /* a row of a discovered stream whose record had a key that is no column */
    int elem;                 /* the row's index in its record, when mappings split an array into rows */
    const char *row_note;     /* a line for stderr said before the row (RI_RAW decoded: a key that is no column) */
    SourceRecord rec;         /* its data: a copy in the batch (decoded strings point into it) */
    union {
        Row row;
        struct {
            const char *name, *msg, *raw;
            size_t rawlen;
            bool decoded;             /* a DecodeError came with it (its ROWTIME fields below) */
            bool has_rowtime, rowtime_key;
            int64_t rowtime;
        } err;
        const char *note;
    };
} ReadItem;

typedef struct ReadBatch {
    ReadItem *items;
    int n, cap;
    int next;                 /* the main thread: the next item to take */
    size_t bytes;             /* record bytes copied in */
    uint64_t src_bytes;       /* the source's byte count when it was handed over */
    Arena arena;              /* the rows' values, the records' bytes, messages */
    struct ReadBatch *link;
    /* the thread writes the counts of the batch it fills for each item, and
     * the main thread the next of the one it takes: a cache line apart,
     * or the two cores pass the line back and forth for every record */
    char apart[64];
} ReadBatch;

typedef struct InputThread {
    Run *r;                   /* read-only on the thread: the options */
    Input in;                 /* the thread's own copy of the input: source, decoder, record being decoded */
    pthread_t tid;
    bool running;
    pthread_mutex_t mu;       /* the queue and the flags below */
    pthread_cond_t to_main;   /* a batch is ready, or the thread waits on its source */
    pthread_cond_t to_reader; /* a batch is free, or stop */
    /* Held by the thread while it reads from its source (released while it
     * waits), so that a checkpoint can take the source's position. */
    pthread_mutex_t src_mu;
    ReadBatch batch[READER_BATCHES];
    ReadBatch *free_list, *ready, *ready_tail;
    ReadBatch *fill;          /* the thread's: being filled */
    ReadBatch *cur;           /* the main thread's: being taken */
    bool idle;                /* the thread waits on its source, everything before handed over */
    /* Sharing the decoding. When the thread cannot keep up, the main
     * thread waits for it with a core idle; so the thread hands some
     * batches over with their records framed and copied but not decoded
     * (RI_RAW), and the main thread decodes such a batch, whole, with a
     * decoder of its own when it takes it. How many: defer of each
     * DEFER_SCALE batches, moved by who waited for whom (the main thread
     * for a batch: more; the thread for a free batch: fewer). A batch at
     * a time, not a record: decoding a run of records keeps the decoder's
     * code and the records in the core's caches. The rows are the same
     * either way. */
    bool can_defer;           /* NDJSON without mappings: a record is one row, decoded by either thread */
    bool fill_raw;            /* the thread's: the batch being filled is handed over undecoded */
    int defer, defer_acc;     /* the thread's */
    bool defer_fixed;         /* EDDY_READER_DEFER set defer: it stays */
    bool main_waited;         /* under mu: the main thread waited for a batch since the last hand-over */
    Decoder *main_dec;        /* the main thread's decoder for RI_RAW records */
    bool main_noted;          /* the main thread's: its decoder's first unknown key was noted */
    bool stop;                /* the main thread wants no more */
    bool main_polls;          /* the main thread waits on ready_fd */
    bool signalled;           /* ready_fd was written and not read yet */
    int ready_fd;             /* eventfd: readable when a batch came while the main thread polled */
    int wake_fd;              /* eventfd: wakes the thread from its wait on the source */
    Arena keep;               /* the thread's: what lasts the whole run (a CSV header's decoder) */
    Buf carry;                /* the thread's: a record whose rows go on past a full batch, between batches */
    /* the main thread's */
    bool told_stop;           /* a stop request was passed on */
    bool replaying;           /* discovery's records are not all taken yet */
    uint64_t bytes;           /* the source's bytes when the batch taken last was handed over */
    int end_error;            /* the source's error, once its end was taken */
    uint64_t taken;           /* batches taken */
    clockid_t cpu_clock;      /* the thread's CPU time (has_cpu_clock) */
    bool has_cpu_clock;
    int64_t judged_at, cpu_used;   /* when the thread's share of a CPU was last judged, in us, and its CPU time then */
    /* Going back to one thread when the CPUs are shared (judge_contention):
     * the time both threads waited for a CPU over a window of wall time. */
    long reader_tid;          /* the thread's kernel id: written before its first hand-over */
    int wait_fd[2];           /* the main thread's and the thread's schedstat; -1: not known */
    int64_t window_at;        /* when the window began, in us */
    long long waited_at;      /* the two threads' waiting then, in ns */
    int contended;            /* windows in a row in which they waited too long */
    int retreat_after;        /* EDDY_READER_RETREAT: going back after this many batches taken; 0: on contention */
    bool may_retreat;         /* NDJSON without mappings, threads chosen by eddy (or EDDY_READER_RETREAT) */
    bool retreat;             /* the thread was told to stop: the input goes back to the main thread (until cli_reader_resume) */
    int batch_items;          /* a batch goes once it has this many items (READER_BATCH_ITEMS) */
    void (*before_read)(void *);   /* the source's, given back with the input */
} InputThread;

/* Decoding steps (input.c), on the main thread or a reader thread. */
typedef enum DecodeStep {
    STEP_ROW,    /* a row is ready */
    STEP_WAIT,   /* the source has nothing ready */
    STEP_END,    /* the source ended */
    STEP_FULL,   /* reader thread: its batch is full (of error items) */
} DecodeStep;

/* input.c: the next step of decoding t->in into t's batch. */
DecodeStep cli_input_decode_step(Run *r, Input *in, InputThread *t);

/* reader.c, the main thread's side */
/* The next batch's first item, or NULL when the input has nothing ready
 * (its thread waits on its source): poll ready_fd. */
const ReadItem *cli_reader_next_batch(Run *r, InputThread *t);

static inline const ReadItem *cli_reader_next(Run *r, InputThread *t)
{
    ReadBatch *b = t->cur;
    if (b && b->next < b->n) return &b->items[b->next++];
    return cli_reader_next_batch(r, t);
}

/* reader.c: the thread has ended (RI_BACK): the input is read on the
 * main thread from where its source is. */
void cli_reader_hand_back(Input *in);
/* reader.c: after that, now and then (Input.resume_countdown): whether the
 * CPUs have room for a reader again, and if so the input is read on a
 * thread again from here (true). */
bool cli_reader_resume(Run *r, Input *in);

/* reader.c, the thread's side: items appended to the batch being filled */
ReadItem *cli_reader_grow(InputThread *t);

static inline ReadItem *cli_reader_item(InputThread *t, ReadItemKind kind, const SourceRecord *rec)
{
    ReadBatch *b = t->fill;
    ReadItem *it = b->n < b->cap ? &b->items[b->n++] : cli_reader_grow(t);
    it->kind = (uint8_t)kind;
    it->counted = 0;
    it->first = it->event_time = false;
    it->elem = 0;
    it->unknown_key = false;
    it->row_note = NULL;
    if (rec) it->rec = *rec;
    return it;
}

static inline Arena *cli_reader_arena(InputThread *t) { return &t->fill->arena; }

/* A copy of a record's bytes in the batch, where its decoded strings may point. */
static inline const char *cli_reader_keep(InputThread *t, const char *p, size_t n)
{
    char *d = arena_alloc(&t->fill->arena, n + 1);
    if (n) memcpy(d, p, n);
    t->fill->bytes += n;
    return d;
}

static inline bool cli_reader_full(const InputThread *t)
{
    return t->fill->n >= t->batch_items || t->fill->bytes >= READER_BATCH_BYTES;
}

#endif
