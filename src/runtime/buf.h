/* A growable byte buffer; an OutBuf adds the file descriptor it drains to. */
#ifndef EDDY_BUF_H
#define EDDY_BUF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct Buf {
    char *p;
    size_t len, cap;
} Buf;

void buf_grow(Buf *b, size_t need);
static inline void buf_reserve(Buf *b, size_t n)
{
    if (b->len + n > b->cap) buf_grow(b, b->len + n);
}
static inline void buf_put(Buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    memcpy(b->p + b->len, s, n);
    b->len += n;
}
static inline void buf_putc(Buf *b, char c)
{
    buf_reserve(b, 1);
    b->p[b->len++] = c;
}
static inline void buf_puts(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }
void buf_free(Buf *b);
/* The line ends ('\n') among p's n bytes. */
uint64_t buf_lines(const char *p, size_t n);

/* Where output goes: a descriptor, or a sink of another kind (a Kinesis
 * stream, a rotating file...) that supplies SinkOps. Rows are encoded into
 * b and delivered in batches; `records` counts the ones waiting, so what
 * is reported as written is only what was delivered. */
typedef struct OutBuf OutBuf;

typedef struct SinkOps {
    /* deliver b's records and empty b; false on failure (error and why say
     * it); true with b left as it is keeps the records for a later try */
    bool (*deliver)(OutBuf *o);
    /* a record just ended at b.len; it began at start (NULL: records are lines) */
    void (*record_end)(OutBuf *o, size_t start);
    void (*close)(OutBuf *o);
    /* optional: waits until every record delivered so far is kept by the
     * destination (Kafka, Kinesis: acknowledged) or known lost; false if lost (o->why) */
    bool (*sync)(OutBuf *o);
} SinkOps;

struct OutBuf {
    Buf b;
    int fd;
    size_t flush_at;     /* drain when this many bytes are waiting */
    bool broken;         /* the reader went away (EPIPE): stop writing, quietly */
    int error;           /* errno of a failed delivery: stop writing, and say so */
    const char *why;     /* a failure that is not an errno, or NULL */
    uint64_t records;    /* records in b, not yet delivered */
    uint64_t delivered;  /* records delivered */
    uint64_t lost;       /* records that could not be delivered */
    bool multiline;      /* a record may span lines (CSV, tables): a partly
                            written buffer's whole lines are not its records */
    const SinkOps *ops;  /* NULL: write b to fd */
    /* the row whose record is ending and its columns, set by the row writer
     * around out_end_record (NULL for error rows): for a sink that routes by
     * a column's value (Kafka's message key) */
    const struct Row *row;
    const struct Schema *schema;
    size_t max_record;   /* a longer record (key included) cannot be delivered; 0: no limit */
    Buf key;             /* the record's key, for a sink that routes records by one (a
                            Kinesis partition key): set before out_end_record */
};

void out_init(OutBuf *o, int fd, size_t flush_at);
/* Delivers what is buffered; false once the output is broken or failed. */
bool out_flush(OutBuf *o);
static inline void out_maybe_flush(OutBuf *o)
{
    if (o->b.len >= o->flush_at) out_flush(o);
}
/* One record (row or error row) has been encoded into b from `start` on. */
static inline void out_end_record(OutBuf *o, size_t start)
{
    o->records++;
    if (o->ops && o->ops->record_end) o->ops->record_end(o, start);
    if (o->b.len >= o->flush_at) out_flush(o);
}
static inline bool out_failed(const OutBuf *o) { return o->error != 0 || o->why != NULL; }
/* Writes b to fd (what out_flush does for a plain descriptor). */
bool out_write_fd(OutBuf *o);
/* Delivers what is left, then lets the sink close (a descriptor stays open). */
void out_free(OutBuf *o);

#endif
