/* The Kinesis Data Streams sink. The row writer encodes each row into the
 * OutBuf as KDA wrote it to its destination and names its partition key;
 * record_end notes where the record lies. A full buffer is handed whole
 * (no copy) to a sender thread, which puts the records with PutRecords in
 * calls of at most 500 records and 5 MiB, one call at a time, and counts
 * what Kinesis acknowledged. What is handed over and not yet acknowledged
 * is bounded (QUEUE_MAX_BYTES): past it the run waits, so a slow stream
 * holds the application back instead of growing memory.
 *
 * Failures: a call that fails as a whole (throttled, the service's own
 * trouble, no answer) is made again with the same records after a
 * backoff; the records a call refused one by one (a throttled shard) are
 * retried alone, with backoff and jitter. Either is said on stderr once
 * per outage. What cannot succeed (no such stream, no permission) is
 * fatal: every record not yet delivered is counted lost and the run ends.
 *
 * Order per partition key: records of a key go out in their order, and
 * while a record of a key waits for its retry no later record of that
 * key is sent; retries go one per key per call. One call can carry
 * several records of a key, and Kinesis does not order records inside a
 * call: if it refuses one and takes a later one of the same key, the later
 * one comes first. order=strict puts at most one record of a key in a
 * call, which keeps the order in every case at the cost of throughput
 * when there are few keys. Delivery is at least once: a call whose answer
 * was lost is made again, and a restart from a checkpoint puts the rows
 * after it again (--row-id names each row for deduplication). */
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "io.h"
#include "kinesis_api.h"
#include "sink.h"
#include "uri.h"
#include "src/runtime/hashtab.h"
#include "src/runtime/mem.h"

enum {
    PUT_MAX_RECORDS = 500,
    PUT_MAX_BYTES = 5 << 20,       /* a PutRecords call: data and partition keys */
    RECORD_MAX_BYTES = 1 << 20,    /* a record: its data and its partition key */
    QUEUE_MAX_BYTES = 16 << 20,    /* handed to the sender, not yet acknowledged */
    START_TRIES = 4,
    WAIT_TICK_MS = 100,
};

typedef enum RecState { R_NEW, R_FAILED, R_DONE } RecState;

typedef struct Rec {
    uint32_t off, len;        /* its data in the chunk's bytes */
    uint32_t koff, klen;      /* its partition key in the chunk's keys */
    uint64_t hash;            /* of the key, never 0 */
    uint8_t state;
    uint8_t tries;            /* refusals in a row */
    int64_t retry_at;         /* R_FAILED: not before then (monotonic ms) */
} Rec;

/* One buffer of records, as the writer handed it over. */
typedef struct Chunk {
    struct Chunk *next;
    Buf data, keys, recs;     /* recs: Rec[] */
    size_t n, first, left;    /* records; those before first are done; not yet done */
    size_t bytes;             /* its weight against QUEUE_MAX_BYTES */
} Chunk;

/* A partition key with records waiting for a retry, and how many. */
typedef struct FailedKey {
    HashNode node;
    uint32_t count;
} FailedKey;

typedef struct KinesisSink {
    OutBuf out;               /* first: the sink is its OutBuf */
    SinkFormat format;
    char name[200];
    char *stream, *key_column;
    char endpoint_shown[200];
    AwsConfig aws;
    KinClient *client;
    bool strict;
    int stop_wait_ms;
    /* the writer's side */
    Buf keys, recs;           /* of the records in out.b */
    uint64_t seen_delivered, seen_lost;
    int64_t stop_seen;        /* when a stop request was first seen while waiting */
    /* shared, under mu */
    pthread_mutex_t mu;
    pthread_cond_t work;      /* a chunk came, closing, or giving up */
    pthread_cond_t space;     /* records were acknowledged or lost */
    Chunk *head, *tail;
    size_t queued;
    uint64_t delivered, lost, calls, retried;
    int fatal;                /* nothing more can be delivered: failure says why */
    char failure[700];
    bool closing, abandon;
    volatile int stop;        /* aborts a call under way */
    pthread_t thread;
    bool started;
    /* the sender's */
    uint64_t rng;
    Arena scratch;
    Buf body;
    Chunk *bchunk[PUT_MAX_RECORDS];
    Rec *brec[PUT_MAX_RECORDS];
    size_t nb;
    uint64_t bkeys[1024];     /* keys already in the call being built (strict order, retries) */
    uint32_t bgen[1024], gen;
    HashTable failed;         /* FailedKey by the key's hash (refusals are rare: a node each) */
    int outage_tries;
    int64_t pause_until, outage_since;
    bool outage;
    char last_error[300];
    size_t refused;           /* records the last call refused */
} KinesisSink;

static uint64_t key_hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
    return h ? h : 1;
}

/* ---- keys waiting for a retry ---- */

static FailedKey *failed_key(const KinesisSink *k, uint64_t h)
{
    for (HashNode *n = htab_chain(&k->failed, h); n; n = n->chain)
        if (n->hash == h) return (FailedKey *)n;
    return NULL;
}

static void failed_add(KinesisSink *k, uint64_t h)
{
    FailedKey *f = failed_key(k, h);
    if (!f) {
        f = mem_calloc(1, sizeof *f);
        f->node.hash = h;
        htab_insert(&k->failed, &f->node);
    }
    f->count++;
}

static void failed_remove(KinesisSink *k, uint64_t h)
{
    FailedKey *f = failed_key(k, h);
    if (!f || --f->count > 0) return;
    htab_remove(&k->failed, &f->node);
    mem_free(f);
}

/* The keys of the call being built: a table cleared by a new generation. */
static bool bkeys_add(KinesisSink *k, uint64_t h)
{
    size_t i = (size_t)(h >> 20) & 1023;
    for (int probe = 0; probe < 1024; probe++, i = (i + 1) & 1023) {
        if (k->bgen[i] != k->gen) {
            k->bgen[i] = k->gen, k->bkeys[i] = h;
            return true;
        }
        if (k->bkeys[i] == h) return false;
    }
    return false;
}

/* ---- the sender ---- */

static void free_chunk(Chunk *c)
{
    buf_free(&c->data);
    buf_free(&c->keys);
    buf_free(&c->recs);
    mem_free(c);
}

/* Frees a chunk whose records are done or given up. */
static void forget_chunk(KinesisSink *k, Chunk *c)
{
    const Rec *recs = (const Rec *)c->recs.p;
    for (size_t i = c->first; i < c->n; i++)
        if (recs[i].state == R_FAILED) failed_remove(k, recs[i].hash);
    free_chunk(c);
}

/* Drops the acknowledged chunks at the head (under mu). */
static void drop_done(KinesisSink *k)
{
    bool freed = false;
    while (k->head && k->head->left == 0) {
        Chunk *c = k->head;
        k->head = c->next;
        if (!k->head) k->tail = NULL;
        k->queued -= c->bytes;
        free_chunk(c);
        freed = true;
    }
    if (freed) pthread_cond_broadcast(&k->space);
}

/* Nothing more can be delivered: every record not yet done is lost (under mu). */
__attribute__((format(printf, 2, 3))) static void give_up(KinesisSink *k, const char *fmt, ...)
{
    if (!k->fatal) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(k->failure, sizeof k->failure, fmt, ap);
        va_end(ap);
        __atomic_store_n(&k->fatal, 1, __ATOMIC_RELEASE);
    }
    for (Chunk *c = k->head, *next; c; c = next) {
        next = c->next;
        k->lost += c->left;
        k->queued -= c->bytes;
        forget_chunk(k, c);
    }
    k->head = k->tail = NULL;
    pthread_cond_broadcast(&k->space);
}

static void trouble(KinesisSink *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void trouble(KinesisSink *k, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(k->last_error, sizeof k->last_error, fmt, ap);
    va_end(ap);
    if (k->outage) return;
    k->outage = true;
    k->outage_since = io_kin_mono_ms();
    fprintf(stderr, "eddy: %s at %s: %s; retrying with backoff\n", k->name, k->endpoint_shown, k->last_error);
}

static void recovered(KinesisSink *k)
{
    k->outage_tries = 0;
    if (!k->outage || k->failed.count) return;
    k->outage = false;
    fprintf(stderr, "eddy: %s: writing again after %.1f s\n", k->name, (double)(io_kin_mono_ms() - k->outage_since) / 1000.0);
}

/* The next call's records (under mu): in order; a record whose key waits
 * for a retry is left for later, a retry waits for its time, and a key
 * is retried once per call (and with order=strict, sent once per call).
 * *wake: the earliest retry not yet due. */
static void build_batch(KinesisSink *k, int64_t now, int64_t *wake)
{
    k->nb = 0;
    k->gen++;
    size_t bytes = 0;
    for (Chunk *c = k->head; c && k->nb < PUT_MAX_RECORDS; c = c->next) {
        Rec *recs = (Rec *)c->recs.p;
        for (size_t i = c->first; i < c->n && k->nb < PUT_MAX_RECORDS; i++) {
            Rec *r = &recs[i];
            if (r->state == R_DONE) {
                if (i == c->first) c->first++;
                continue;
            }
            if (r->state == R_FAILED) {
                if (r->retry_at > now) {
                    if (r->retry_at < *wake) *wake = r->retry_at;
                    continue;
                }
                if (!bkeys_add(k, r->hash)) continue;
            } else if (failed_key(k, r->hash) || (k->strict && !bkeys_add(k, r->hash))) {
                continue;
            }
            size_t size = (size_t)r->len + r->klen;
            if (bytes + size > PUT_MAX_BYTES) return;
            bytes += size;
            k->bchunk[k->nb] = c;
            k->brec[k->nb++] = r;
        }
    }
}

static void put_body(KinesisSink *k)
{
    Buf *b = &k->body;
    b->len = 0;
    buf_puts(b, "{\"StreamName\":");
    json_put_string(b, k->stream, strlen(k->stream));
    buf_puts(b, ",\"Records\":[");
    for (size_t i = 0; i < k->nb; i++) {
        const Chunk *c = k->bchunk[i];
        const Rec *r = k->brec[i];
        buf_puts(b, i ? ",{\"Data\":\"" : "{\"Data\":\"");
        buf_reserve(b, ((size_t)r->len + 2) / 3 * 4 + 20);
        b->len += io_base64_encode(c->data.p + r->off, r->len, b->p + b->len);
        buf_puts(b, "\",\"PartitionKey\":");
        json_put_string(b, c->keys.p + r->koff, r->klen);
        buf_putc(b, '}');
    }
    buf_puts(b, "]}");
}

typedef struct Results {
    KinesisSink *k;
    int64_t now;
    uint64_t ok, refused;
    char first_error[200];
} Results;

/* One record's result (under mu). */
static void on_result(void *ctx, size_t i, const char *error, size_t error_len)
{
    Results *res = ctx;
    KinesisSink *k = res->k;
    if (i >= k->nb) return;
    Rec *r = k->brec[i];
    if (!error) {
        if (r->state == R_FAILED) failed_remove(k, r->hash);
        r->state = R_DONE;
        k->bchunk[i]->left--;
        res->ok++;
        return;
    }
    if (!res->refused++) snprintf(res->first_error, sizeof res->first_error, "%.*s", (int)error_len, error);
    if (r->state == R_NEW) failed_add(k, r->hash);
    r->state = R_FAILED;
    if (r->tries < 255) r->tries++;
    r->retry_at = res->now + io_kin_backoff_ms(&k->rng, r->tries);
}

/* Makes the call with the records built (mu not held while it is under way). */
static void send_batch(KinesisSink *k)
{
    put_body(k);
    const char *reply;
    size_t rlen;
    char why[400];
    KinStatus st = io_kin_post(k->client, "PutRecords", k->body.p, k->body.len, &reply, &rlen, why, sizeof why);
    /* a large body's buffer is not kept */
    if (k->body.cap > (8u << 20)) buf_free(&k->body);
    Results res = {.k = k, .now = io_kin_mono_ms()};
    arena_reset(&k->scratch);
    pthread_mutex_lock(&k->mu);
    k->calls++;
    if (st == KIN_OK && !io_kin_read_put_results(reply, rlen, &k->scratch, on_result, &res, why, sizeof why)) st = KIN_NETWORK;
    if (st == KIN_OK) {
        k->delivered += res.ok;
        k->retried += res.refused;
        if (res.ok + res.refused < k->nb) st = KIN_NETWORK, snprintf(why, sizeof why, "an answer without every record's result");
    }
    if (st == KIN_OK && res.refused) {
        trouble(k, "PutRecords: %llu of %zu records refused (%s)", (unsigned long long)res.refused, k->nb, res.first_error);
    } else if (st == KIN_OK) {
        recovered(k);
    } else if (st == KIN_RETRY || st == KIN_NETWORK || st == KIN_EXPIRED) {
        /* the same records again (some may have been written: at least once) */
        trouble(k, "PutRecords: %s", why);
        k->retried += k->nb;
        k->pause_until = io_kin_mono_ms() + io_kin_backoff_ms(&k->rng, k->outage_tries++);
    } else if (st == KIN_FATAL) {
        give_up(k, "%s at %s: PutRecords: %s", k->name, k->endpoint_shown, why);
    }
    drop_done(k);
    pthread_mutex_unlock(&k->mu);
}

static void wait_until(KinesisSink *k, pthread_cond_t *cond, int64_t until_mono)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    int64_t ms = until_mono - io_kin_mono_ms();
    if (ms > 60000) ms = 60000;
    if (ms < 1) ms = 1;
    ts.tv_sec += (time_t)(ms / 1000);
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) ts.tv_sec++, ts.tv_nsec -= 1000000000L;
    pthread_cond_timedwait(cond, &k->mu, &ts);
}

static void *sender(void *arg)
{
    KinesisSink *k = arg;
    pthread_mutex_lock(&k->mu);
    for (;;) {
        if (k->abandon && k->head)
            give_up(k, "%s at %s: eddy was stopped while the stream could not take them (%s)", k->name, k->endpoint_shown,
                    k->last_error[0] ? k->last_error : "no answer");
        int64_t now = io_kin_mono_ms(), wake = INT64_MAX;
        k->nb = 0;
        if (k->head && now >= k->pause_until) build_batch(k, now, &wake);
        if (k->nb) {
            pthread_mutex_unlock(&k->mu);
            send_batch(k);
            pthread_mutex_lock(&k->mu);
            continue;
        }
        if (k->closing && !k->head) break;
        if (k->head && k->pause_until > now && k->pause_until < wake) wake = k->pause_until;
        if (wake == INT64_MAX) pthread_cond_wait(&k->work, &k->mu);
        else wait_until(k, &k->work, wake);
    }
    pthread_mutex_unlock(&k->mu);
    return NULL;
}

/* ---- the writer's side ---- */

/* What the sender counted since, into the OutBuf's counts (under mu). */
static void take_counts(KinesisSink *k)
{
    k->out.delivered += k->delivered - k->seen_delivered;
    k->out.lost += k->lost - k->seen_lost;
    k->seen_delivered = k->delivered;
    k->seen_lost = k->lost;
    if (k->fatal && !k->out.why) k->out.why = k->failure;
}

/* Waits (under mu) while more than `limit` bytes are not yet
 * acknowledged. At a stop request, Kinesis has stop_wait_ms more to take
 * them; then what is left is lost. */
static void wait_queue(KinesisSink *k, size_t limit)
{
    while (k->head && k->queued > limit && !k->fatal) {
        if (io_stop_requested && !k->abandon) {
            int64_t now = io_kin_mono_ms();
            if (!k->stop_seen) k->stop_seen = now;
            if (now - k->stop_seen >= k->stop_wait_ms) {
                k->abandon = true;
                k->stop = 1;   /* a call under way ends now */
                pthread_cond_signal(&k->work);
            }
        }
        wait_until(k, &k->space, io_kin_mono_ms() + WAIT_TICK_MS);
    }
    take_counts(k);
}

static void record_end(OutBuf *o, size_t start)
{
    KinesisSink *k = (KinesisSink *)o;
    if (out_failed(o)) {
        /* the buffer's records are counted lost at the next flush */
        k->keys.len = k->recs.len = 0;
        return;
    }
    if (!o->key.len) {
        /* a writer that names no key: the record's number spreads them */
        char num[24];
        buf_put(&o->key, num, (size_t)snprintf(num, sizeof num, "%llu", (unsigned long long)o->records));
    }
    Rec r = {.off = (uint32_t)start, .len = (uint32_t)(o->b.len - start), .koff = (uint32_t)k->keys.len,
             .klen = (uint32_t)o->key.len, .hash = key_hash(o->key.p, o->key.len)};
    buf_put(&k->keys, o->key.p, o->key.len);
    buf_put(&k->recs, (const char *)&r, sizeof r);
    o->key.len = 0;
    if (__atomic_load_n(&k->fatal, __ATOMIC_ACQUIRE)) {
        pthread_mutex_lock(&k->mu);
        take_counts(k);
        pthread_mutex_unlock(&k->mu);
    }
}

static bool deliver(OutBuf *o)
{
    KinesisSink *k = (KinesisSink *)o;
    pthread_mutex_lock(&k->mu);
    take_counts(k);
    if (k->fatal) {
        pthread_mutex_unlock(&k->mu);
        k->keys.len = k->recs.len = 0;
        return false;   /* the records in the buffer are counted lost */
    }
    Chunk *c = mem_calloc(1, sizeof *c);
    c->data = o->b;
    c->keys = k->keys;
    c->recs = k->recs;
    c->n = c->left = c->recs.len / sizeof(Rec);
    c->bytes = c->data.cap + c->keys.cap + c->recs.cap + sizeof *c;
    o->b = (Buf){0};
    k->keys = k->recs = (Buf){0};
    o->records = 0;   /* the sender counts them from now on */
    if (k->tail) k->tail->next = c;
    else k->head = c;
    k->tail = c;
    k->queued += c->bytes;
    pthread_cond_signal(&k->work);
    wait_queue(k, QUEUE_MAX_BYTES);
    pthread_mutex_unlock(&k->mu);
    buf_grow(&o->b, o->flush_at + 4096);
    return true;
}

static bool ks_sync(OutBuf *o)
{
    KinesisSink *k = (KinesisSink *)o;
    pthread_mutex_lock(&k->mu);
    wait_queue(k, 0);
    bool ok = !k->fatal && k->lost == 0;
    pthread_mutex_unlock(&k->mu);
    return ok;
}

static void ks_close(OutBuf *o)
{
    KinesisSink *k = (KinesisSink *)o;
    if (k->started) {
        ks_sync(o);
        pthread_mutex_lock(&k->mu);
        k->closing = true;
        k->stop = 1;
        pthread_cond_signal(&k->work);
        pthread_mutex_unlock(&k->mu);
        pthread_join(k->thread, NULL);
    }
    for (Chunk *c = k->head, *next; c; c = next) {
        next = c->next;
        forget_chunk(k, c);
    }
    htab_free(&k->failed);
    buf_free(&k->keys);
    buf_free(&k->recs);
    buf_free(&k->body);
    arena_free(&k->scratch);
    io_kin_free(k->client);
    io_aws_free(&k->aws);
    mem_free(k->stream);
    mem_free(k->key_column);
    pthread_mutex_destroy(&k->mu);
    pthread_cond_destroy(&k->work);
    pthread_cond_destroy(&k->space);
}

static const SinkOps kinesis_sink_ops = {.deliver = deliver, .record_end = record_end, .close = ks_close, .sync = ks_sync};

const SinkFormat *io_sink_kinesis_format(const OutBuf *o)
{
    return o->ops == &kinesis_sink_ops ? &((const KinesisSink *)o)->format : NULL;
}

void io_sink_kinesis_stats(const OutBuf *o, FILE *out)
{
    if (o->ops != &kinesis_sink_ops) return;
    KinesisSink *k = (KinesisSink *)o;
    pthread_mutex_lock(&k->mu);
    fprintf(out, "eddy: %s (output): %llu records put in %llu requests, %llu retried\n", k->name,
            (unsigned long long)k->delivered, (unsigned long long)k->calls, (unsigned long long)k->retried);
    pthread_mutex_unlock(&k->mu);
}

/* ---- opening ---- */

static bool read_options(KinesisSink *k, const IoUri *u, char *why, size_t whylen)
{
    static const char *const known[] = {"region", "endpoint", "partition_key", "format", "order", "stop_wait_ms", NULL};
    if (!io_uri_check_params(u, known, why, whylen)) return false;
    const char *format = io_uri_param(u, "format");
    if (format && strcasecmp(format, "json") && strcasecmp(format, "csv")) {
        snprintf(why, whylen, "kinesis://%s: format=%s: expected JSON or CSV (the output's RecordFormatType)", u->authority, format);
        return false;
    }
    k->format.csv = format && !strcasecmp(format, "csv");
    const char *key = io_uri_param(u, "partition_key");
    if (key && !*key) {
        snprintf(why, whylen, "kinesis://%s: partition_key= names no column", u->authority);
        return false;
    }
    k->format.key_column = k->key_column = key ? mem_strdup(key) : NULL;
    k->stop_wait_ms = 30000;
    return io_uri_word_param(u, "order", "strict", "one record of a partition key per call", "batch", &k->strict, why, whylen) &&
           io_uri_int_param(u, "stop_wait_ms", 0, 86400000L, &k->stop_wait_ms, why, whylen);
}

/* The stream must be there before anything runs: DescribeStreamSummary,
 * throttling tried again a few times, no answer an error. */
static bool check_stream(KinesisSink *k, char *desc, size_t desclen, char *why, size_t whylen)
{
    char err[512];
    KinStatus st = KIN_RETRY;
    for (int t = 0; t < START_TRIES && (st == KIN_RETRY || st == KIN_EXPIRED); t++) {
        if (t) usleep((useconds_t)io_kin_backoff_ms(&k->rng, t) * 1000);
        st = io_kin_describe(k->client, k->stream, desc, desclen, err, sizeof err);
    }
    if (st == KIN_OK) return true;
    if (st == KIN_NETWORK) snprintf(why, whylen, "%s: cannot reach %s: %s", k->name, k->endpoint_shown, err);
    else snprintf(why, whylen, "%s at %s (region %s): %s", k->name, k->endpoint_shown, k->aws.region, err);
    return false;
}

OutBuf *io_sink_open_kinesis(const IoUri *u, size_t flush_at, bool verbose, char *why, size_t whylen)
{
    if (!io_kin_valid_stream_name(u->authority) || *u->path) {
        snprintf(why, whylen, "kinesis://%s%s: expected kinesis://STREAM, a stream name of 1 to 128 letters, digits, _ . -",
                 u->authority, u->path);
        return NULL;
    }
    KinesisSink *k = mem_calloc(1, sizeof *k);
    out_init(&k->out, -1, flush_at);
    k->out.ops = &kinesis_sink_ops;
    k->out.max_record = RECORD_MAX_BYTES;
    pthread_mutex_init(&k->mu, NULL);
    pthread_cond_init(&k->work, NULL);
    pthread_cond_init(&k->space, NULL);
    arena_init(&k->scratch, 4096);
    htab_init(&k->failed);
    k->stream = mem_strdup(u->authority);
    k->rng = (uint64_t)io_kin_mono_ms() * 0x9E3779B97F4A7C15ULL | 1;
    snprintf(k->name, sizeof k->name, "kinesis stream \"%s\"", k->stream);
    char desc[200] = "";
    if (!read_options(k, u, why, whylen) ||
        !io_kin_open(u, k->name, &k->stop, &k->aws, k->endpoint_shown, &k->client, why, whylen))
        goto fail;
    if (!check_stream(k, desc, sizeof desc, why, whylen)) goto fail;
    io_kin_set_timeouts(k->client, 3000, 30000);
    if (verbose)
        fprintf(stderr, "eddy: writing %s at %s (region %s, credentials from %s): %s; %s records, partition key %s%s\n",
                k->name, k->endpoint_shown, k->aws.region, k->aws.creds_from, desc, k->format.csv ? "CSV" : "JSON",
                k->key_column ? k->key_column : "the row's number", k->strict ? ", one record of a key per call" : "");
    int rc = pthread_create(&k->thread, NULL, sender, k);
    if (rc != 0) {
        snprintf(why, whylen, "%s: cannot start its sender: %s", k->name, strerror(rc));
        goto fail;
    }
    k->started = true;
    return &k->out;
fail:
    out_free(&k->out);
    mem_free(k);
    return NULL;
}
