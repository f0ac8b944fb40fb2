/* The Kinesis Data Streams source. A thread of its own fetches (libcurl
 * blocks): it lists the stream's shards now and then, reads each shard it
 * may read with GetRecords in sequence order, and puts each answer's
 * records, as one batch, on a queue bounded in bytes; a full queue stops
 * the fetching, so memory stays bounded while the application is slow.
 * The run loop takes records from the queue and waits on a pipe the
 * thread writes to when the queue stops being empty, as it waits on any
 * input. Every shard feeds the one queue in the order its answers come,
 * so a quiet shard never holds the others back.
 *
 * Shards: after a split or a merge, a child is read only once its
 * parents are finished (closed and read to their end), so the records of
 * one partition key stay in order. Throttling and lost connections are
 * retried with exponential backoff and jitter, said once per outage on
 * stderr; an expired iterator is asked for again after the last record
 * taken. Records are never skipped.
 *
 * shards=I/N: several inputs share a stream's shards (KDA's input
 * parallelism); this one reads the shards whose index is I modulo N.
 * Checkpoints: source_kinesis_pos.c. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "io.h"
#include "kpl.h"
#include "source_kinesis_int.h"
#include "uri.h"
#include "src/runtime/clock.h"
#include "src/runtime/mem.h"
#include "src/runtime/timeutil.h"

enum {
    START_TRIES = 4,            /* throttled at start: tries before giving up */
    MAX_QUEUE_BYTES = 32 << 20, /* one GetRecords answer holds 10 MB at most */
};

static Shard *find_shard(KinesisSource *k, const char *id)
{
    for (int i = 0; i < k->nshards; i++)
        if (strcmp(k->shards[i].id, id) == 0) return &k->shards[i];
    return NULL;
}

/* ---- the queue ---- */

static void wake_reader(KinesisSource *k)
{
    if (!k->waiting) return;
    k->waiting = false;
    char c = 1;
    ssize_t n = write(k->pipe[1], &c, 1);
    (void)n;   /* a full pipe already holds a wake-up */
}

static size_t batch_size(const Batch *b) { return b->bytes.cap + b->origins.cap + b->entries.cap + sizeof *b; }

static void batch_free(Batch *b)
{
    buf_free(&b->bytes);
    buf_free(&b->origins);
    buf_free(&b->entries);
    mem_free(b);
}

/* Ends the source: with a failure, said by fmt, or without one (NULL: caught up). */
__attribute__((format(printf, 2, 3))) static void finish(KinesisSource *k, const char *fmt, ...)
{
    pthread_mutex_lock(&k->mu);
    k->ended = true;
    if (fmt) {
        k->failed = true;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(k->failure, sizeof k->failure, fmt, ap);
        va_end(ap);
    }
    k->waiting = true;
    wake_reader(k);
    pthread_mutex_unlock(&k->mu);
}

/* A batch onto the queue (under mu). */
static void queue(KinesisSource *k, Batch *b)
{
    if (k->tail) k->tail->next = b;
    else k->head = b;
    k->tail = b;
    k->queued += batch_size(b);
    wake_reader(k);
}

/* Waits until the queue has room (backpressure); false when stopping. */
static bool wait_for_room(KinesisSource *k)
{
    pthread_mutex_lock(&k->mu);
    while (k->queued >= MAX_QUEUE_BYTES && !k->stop) pthread_cond_wait(&k->space, &k->mu);
    pthread_mutex_unlock(&k->mu);
    return !k->stop;
}

/* Sleeps until the monotonic time `until`, or until stopped. */
static void sleep_until(KinesisSource *k, int64_t until)
{
    int64_t ms = until - io_kin_mono_ms();
    if (ms <= 0) return;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_sec += (time_t)(ms / 1000);
    ts.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (ts.tv_nsec >= 1000000000L) ts.tv_sec++, ts.tv_nsec -= 1000000000L;
    pthread_mutex_lock(&k->mu);
    if (!k->stop) pthread_cond_timedwait(&k->space, &k->mu, &ts);
    pthread_mutex_unlock(&k->mu);
}

/* ---- outages: said once when they start and once when they end ---- */

static void trouble(KinesisSource *k, const char *what, const char *why)
{
    pthread_mutex_lock(&k->mu);
    k->retries++;
    pthread_mutex_unlock(&k->mu);
    if (k->outage) return;
    k->outage = true;
    k->outage_since = io_kin_mono_ms();
    fprintf(stderr, "eddy: %s at %s: %s: %s; retrying with backoff\n", k->name, k->endpoint_shown, what, why);
}

static void recovered(KinesisSource *k)
{
    if (!k->outage) return;
    k->outage = false;
    fprintf(stderr, "eddy: %s: reading again after %.1f s\n", k->name, (double)(io_kin_mono_ms() - k->outage_since) / 1000.0);
}

/* ---- shards ---- */

static void add_shard(KinesisSource *k, const KinShard *ks, ShardState state, KinStart start)
{
    pthread_mutex_lock(&k->mu);
    if (k->nshards == k->cap) k->shards = mem_realloc(k->shards, sizeof *k->shards * (size_t)(k->cap = k->cap ? k->cap * 2 : 8));
    k->shards[k->nshards++] = (Shard){.id = mem_strdup(ks->id),
                                      .parent = ks->parent ? mem_strdup(ks->parent) : NULL,
                                      .adjacent = ks->adjacent_parent ? mem_strdup(ks->adjacent_parent) : NULL,
                                      .state = state,
                                      .start = start,
                                      .first = start,
                                      .behind = -1};
    pthread_mutex_unlock(&k->mu);
}

static int by_id(const void *a, const void *b) { return strcmp(((const KinShard *)a)->id, ((const KinShard *)b)->id); }

/* A shard's index: the number its id ends with (shardId-000000000007 is
 * 7), which is its place in the sorted list of the stream's shards, as
 * long as none has expired; else its place in the list given. */
static unsigned long shard_index(const KinShard *list, int i)
{
    const char *id = list[i].id, *d = id + strlen(id);
    while (d > id && d[-1] >= '0' && d[-1] <= '9') d--;
    return *d ? strtoul(d, NULL, 10) : (unsigned long)i;
}

/* Shards new since the last listing: children (of a split or merge) are
 * read from their start, once their parents are done. With shards=i/n
 * only those whose index is i modulo n are this input's. */
static KinStatus discover(KinesisSource *k, bool first, char *why, size_t whylen)
{
    KinShard *list;
    int n;
    KinStatus st = io_kin_list_shards(k->client, k->stream, &list, &n, why, whylen);
    pthread_mutex_lock(&k->mu);
    k->calls++;
    pthread_mutex_unlock(&k->mu);
    if (st != KIN_OK) return st;
    qsort(list, (size_t)n, sizeof *list, by_id);
    for (int i = 0; i < n; i++) {
        if (shard_index(list, i) % (unsigned long)k->groups != (unsigned long)k->group) continue;
        if (find_shard(k, list[i].id)) continue;
        if (!first) add_shard(k, &list[i], SH_BLOCKED, KIN_TRIM_HORIZON);
        else if (k->start == KIN_LATEST && list[i].closed) add_shard(k, &list[i], SH_DONE, KIN_LATEST);   /* nothing new comes to a closed shard */
        else add_shard(k, &list[i], k->start == KIN_LATEST ? SH_NEED_ITER : SH_BLOCKED, k->start);
    }
    io_kin_free_shards(list, n);
    return KIN_OK;
}

static bool parent_done(KinesisSource *k, const char *id)
{
    if (!id) return true;
    Shard *p = find_shard(k, id);
    return !p || p->state == SH_DONE;   /* one no longer listed is past the retention period, or another input's */
}

static void unblock(KinesisSource *k)
{
    for (int i = 0; i < k->nshards; i++) {
        Shard *s = &k->shards[i];
        if (s->state == SH_BLOCKED && parent_done(k, s->parent) && parent_done(k, s->adjacent)) s->state = SH_NEED_ITER;
    }
}

static void retry_shard(KinesisSource *k, Shard *s, const char *what, const char *why)
{
    trouble(k, what, why);
    s->next_poll = io_kin_mono_ms() + io_kin_backoff_ms(&k->rng, s->failures++);
}

static void get_iterator(KinesisSource *k, Shard *s)
{
    char why[512];
    const char *seq = s->start == KIN_AFTER_SEQUENCE_NUMBER ? s->last_seq : s->skip_seq;
    char *it;
    KinStatus st = io_kin_shard_iterator(k->client, k->stream, s->id, s->start, seq, k->start_ms, &it, why, sizeof why);
    pthread_mutex_lock(&k->mu);
    k->calls++;
    pthread_mutex_unlock(&k->mu);
    if (st == KIN_OK) {
        recovered(k);
        s->failures = 0;
        mem_free(s->iter);
        s->iter = it;
        s->state = SH_READING;
        s->next_poll = 0;
    } else if (st == KIN_RETRY || st == KIN_NETWORK) {
        retry_shard(k, s, "GetShardIterator", why);
    } else if (st == KIN_FATAL) {
        finish(k, "%s at %s: GetShardIterator for %s: %s", k->name, k->endpoint_shown, s->id, why);
    }
}

/* A batch of a shard's records: its origins begin with the shard's id. */
static Batch *batch_new(const Shard *s)
{
    Batch *b = mem_calloc(1, sizeof *b);
    buf_put(&b->origins, s->id, strlen(s->id) + 1);
    return b;
}

/* A record with its origin, "SHARD:SEQUENCE", or with ":N" for the N-th
 * record of a KPL aggregate. */
static void add_entry(Batch *b, size_t off, size_t len, const KinRecord *r, long sub)
{
    Entry e = {off, len, b->origins.len, r->approx_ms, (uint32_t)r->seq_len, (int32_t)sub};
    size_t idlen = strlen(b->origins.p);
    buf_reserve(&b->origins, idlen + r->seq_len + 32);   /* then the id can be copied from the same buffer */
    buf_put(&b->origins, b->origins.p, idlen);
    buf_putc(&b->origins, ':');
    buf_put(&b->origins, r->seq, r->seq_len);
    if (sub >= 0) {
        char n[24];
        buf_put(&b->origins, n, (size_t)snprintf(n, sizeof n, ":%ld", sub));
    }
    buf_putc(&b->origins, 0);
    buf_put(&b->entries, (const char *)&e, sizeof e);
    b->n++;
}

/* Filling a batch from an answer, one record at a time. */
typedef struct Filling {
    Shard *shard;
    Batch *b;
    KinRecord last;
} Filling;

/* A record into the batch: Data decoded from base64, a KPL aggregate
 * opened into its user records (those a checkpoint had processed left out). */
static void take_record(void *ctx, const KinRecord *r)
{
    Filling *f = ctx;
    if (!f->b) f->b = batch_new(f->shard);
    Batch *b = f->b;
    f->last = *r;
    long skip = -1;
    if (f->shard->skip_seq) {
        if (strlen(f->shard->skip_seq) == r->seq_len && !memcmp(f->shard->skip_seq, r->seq, r->seq_len)) skip = f->shard->skip_sub;
        mem_free(f->shard->skip_seq);
        f->shard->skip_seq = NULL;
    }
    size_t len;
    buf_reserve(&b->bytes, r->data_len * 3 / 4 + 4);
    size_t off = b->bytes.len;
    if (!r->data || !io_base64_decode(r->data, r->data_len, b->bytes.p + off, &len)) {
        /* not base64 (never from Kinesis itself): the text as it came, so its error row shows it */
        buf_put(&b->bytes, r->data ? r->data : "", r->data_len);
        len = r->data_len;
    } else {
        b->bytes.len += len;
    }
    KplReader kpl;
    if (!io_kpl_open(&kpl, b->bytes.p + off, len)) {
        add_entry(b, off, len, r, -1);
        return;
    }
    KplRecord ur;
    for (long sub = 0; io_kpl_next(&kpl, &ur); sub++)
        if (sub > skip) add_entry(b, (size_t)(ur.data - b->bytes.p), ur.len, r, sub);
}

static void read_shard(KinesisSource *k, Shard *s)
{
    char why[512];
    const char *text;
    size_t len;
    KinStatus st = io_kin_get_records(k->client, s->iter, k->limit, &text, &len, why, sizeof why);
    pthread_mutex_lock(&k->mu);
    k->calls++;
    pthread_mutex_unlock(&k->mu);
    Filling f = {.shard = s};
    KinReply reply;
    arena_reset(&k->scratch);
    if (st == KIN_OK && !io_kin_read_records(text, len, &k->scratch, take_record, &f, &reply, why, sizeof why)) {
        /* most likely cut short: the same iterator again, nothing of it kept */
        if (f.b) batch_free(f.b);
        st = KIN_NETWORK;
    }
    if (st == KIN_RETRY || st == KIN_NETWORK) {
        retry_shard(k, s, "GetRecords", why);
        return;
    }
    if (st == KIN_EXPIRED) {
        /* iterators last five minutes: a new one, after the last record taken */
        s->state = SH_NEED_ITER;
        if (s->last_seq) s->start = KIN_AFTER_SEQUENCE_NUMBER;
        return;
    }
    if (st == KIN_FATAL) finish(k, "%s at %s: GetRecords on %s: %s", k->name, k->endpoint_shown, s->id, why);
    if (st != KIN_OK) return;
    recovered(k);
    s->failures = 0;
    Batch *b = f.b;
    if (b) {
        mem_free(s->last_seq);
        s->last_seq = mem_strndup(f.last.seq, f.last.seq_len);
    }
    pthread_mutex_lock(&k->mu);
    if (b) queue(k, b);
    s->caught_up = !b && reply.behind == 0;
    s->behind = reply.behind;
    mem_free(s->iter);
    s->iter = reply.next_iterator ? mem_strndup(reply.next_iterator, reply.next_len) : NULL;
    if (!s->iter) {
        /* closed and read to its end (--stats reads this, hence the lock): its children may start */
        s->state = SH_DONE;
        k->discover_now = true;
        /* and the reader learns it after its last records, for checkpoints */
        if (!b) queue(k, b = batch_new(s));
        b->ends = true;
    }
    pthread_mutex_unlock(&k->mu);
    s->next_poll = io_kin_mono_ms() + (s->caught_up ? k->idle_ms : k->poll_ms);
}

static bool all_caught_up(KinesisSource *k)
{
    if (k->discover_now) return false;
    for (int i = 0; i < k->nshards; i++)
        if (k->shards[i].state != SH_DONE && !(k->shards[i].state == SH_READING && k->shards[i].caught_up)) return false;
    return true;
}

static void *fetch_thread(void *arg)
{
    KinesisSource *k = arg;
    while (!k->stop) {
        int64_t now = io_kin_mono_ms();
        if (k->discover_now || now >= k->next_discovery) {
            char why[512];
            KinStatus st = discover(k, false, why, sizeof why);
            if (st == KIN_OK) {
                recovered(k);
                k->discovery_failures = 0;
                k->discover_now = false;
                k->next_discovery = now + k->discover_ms;
            } else if (st == KIN_FATAL) {
                finish(k, "%s at %s: ListShards: %s", k->name, k->endpoint_shown, why);
                break;
            } else if (st != KIN_STOPPED) {
                trouble(k, "ListShards", why);
                k->discover_now = false;
                k->next_discovery = io_kin_mono_ms() + io_kin_backoff_ms(&k->rng, k->discovery_failures++);
            }
        }
        unblock(k);
        int64_t wake = k->next_discovery;
        bool busy = false;
        for (int i = 0; i < k->nshards && !k->stop && !k->ended; i++) {
            Shard *s = &k->shards[i];
            if (s->state != SH_NEED_ITER && s->state != SH_READING) continue;
            if (io_kin_mono_ms() >= s->next_poll) {
                busy = true;
                if (s->state == SH_NEED_ITER) get_iterator(k, s);
                else if (wait_for_room(k)) read_shard(k, s);
            }
            if ((s->state == SH_NEED_ITER || s->state == SH_READING) && s->next_poll < wake) wake = s->next_poll;
        }
        if (k->ended) break;
        if (k->stop_caught_up && all_caught_up(k)) {
            finish(k, NULL);
            break;
        }
        if (!busy && !k->discover_now) sleep_until(k, wake);
    }
    return NULL;
}

/* ---- the Source ---- */

static void release(KinesisSource *k, Batch *b)
{
    pthread_mutex_lock(&k->mu);
    k->queued -= batch_size(b);
    pthread_cond_signal(&k->space);
    pthread_mutex_unlock(&k->mu);
    batch_free(b);
}

/* The fetch thread starts with the first record asked for, so that a
 * checkpoint's positions (restore) come before any request. */
static void start_fetching(KinesisSource *k)
{
    k->next_discovery = io_kin_mono_ms() + k->discover_ms;
    int rc = pthread_create(&k->thread, NULL, fetch_thread, k);
    if (rc == 0) {
        k->started = true;
        return;
    }
    k->ended = k->failed = true;
    snprintf(k->failure, sizeof k->failure, "%s: cannot start its reader: %s", k->name, strerror(rc));
}

static SourceStatus kin_next(Source *s, SourceRecord *rec)
{
    KinesisSource *k = (KinesisSource *)s;
    if (!k->started && !k->ended) start_fetching(k);
    /* asked for the next record: the one before it is processed */
    io_kin_commit(k);
    while (!k->cur || k->cur->at == k->cur->n) {
        if (k->cur) {
            if (k->cur->ends) k->pos[k->cur_pos].finished = true;
            release(k, k->cur);
        }
        pthread_mutex_lock(&k->mu);
        k->cur = k->head;
        if (!k->cur) {
            SourceStatus st = SOURCE_WAIT;
            if (k->ended) {
                if (k->failed) s->error = EIO, s->message = k->failure;
                st = SOURCE_END;
            } else {
                char drain[64];
                while (read(k->pipe[0], drain, sizeof drain) > 0) {}
                k->waiting = true;
            }
            pthread_mutex_unlock(&k->mu);
            return st;
        }
        k->head = k->cur->next;
        if (!k->head) k->tail = NULL;
        pthread_mutex_unlock(&k->mu);
        k->cur_pos = (int)(io_kin_pos(k, k->cur->origins.p) - k->pos);
    }
    Batch *b = k->cur;
    const Entry *e = (const Entry *)b->entries.p + b->at++;
    k->handed = true;
    *rec = (SourceRecord){.data = b->bytes.p + e->off,
                          .len = e->len,
                          .arrival = clock_now_ms(),
                          .recno = ++k->recno,
                          .has_approx_arrival = true,
                          .approx_arrival = e->approx,
                          .origin = b->origins.p + e->origin};
    s->bytes += e->len;
    return SOURCE_RECORD;
}

static int kin_fd(const Source *s) { return ((const KinesisSource *)s)->pipe[0]; }

static void kin_stats(const Source *s, FILE *out)
{
    KinesisSource *k = (KinesisSource *)s;
    pthread_mutex_lock(&k->mu);
    int64_t worst = -1;
    for (int i = 0; i < k->nshards; i++)
        if (k->shards[i].behind > worst) worst = k->shards[i].behind;
    fprintf(out, "eddy: %s: %llu requests, %llu retried; MillisBehindLatest %lld", k->name, (unsigned long long)k->calls,
            (unsigned long long)k->retries, (long long)worst);
    const char *sep = " (";
    for (int i = 0; i < k->nshards; i++) {
        const Shard *sh = &k->shards[i];
        if (sh->behind < 0) continue;
        fprintf(out, "%s%s %lld%s", sep, sh->id, (long long)sh->behind, sh->state == SH_DONE ? " closed" : "");
        sep = ", ";
    }
    fprintf(out, "%s\n", strcmp(sep, ", ") == 0 ? ")" : "");
    pthread_mutex_unlock(&k->mu);
}

static void kin_close(Source *s)
{
    KinesisSource *k = (KinesisSource *)s;
    if (k->started) {
        pthread_mutex_lock(&k->mu);
        k->stop = 1;
        pthread_cond_broadcast(&k->space);
        pthread_mutex_unlock(&k->mu);
        pthread_join(k->thread, NULL);
    }
    if (k->cur) batch_free(k->cur);
    for (Batch *b = k->head, *n; b; b = n) {
        n = b->next;
        batch_free(b);
    }
    for (int i = 0; i < k->nshards; i++) {
        Shard *sh = &k->shards[i];
        mem_free(sh->id);
        mem_free(sh->parent);
        mem_free(sh->adjacent);
        mem_free(sh->iter);
        mem_free(sh->last_seq);
        mem_free(sh->skip_seq);
    }
    mem_free(k->shards);
    io_kin_free_pos(k);
    arena_free(&k->scratch);
    io_kin_free(k->client);
    io_aws_free(&k->aws);
    mem_free(k->stream);
    if (k->pipe[0] >= 0) close(k->pipe[0]);
    if (k->pipe[1] >= 0) close(k->pipe[1]);
    pthread_mutex_destroy(&k->mu);
    pthread_cond_destroy(&k->space);
    mem_free(k);
}

static const SourceOps kinesis_ops = {.next = kin_next, .fd = kin_fd, .close = kin_close, .stats = kin_stats,
                                      .save = io_kin_save, .restore = io_kin_restore};

/* ---- opening ---- */

static bool read_options(KinesisSource *k, const IoUri *u, char *why, size_t whylen)
{
    static const char *const known[] = {"region", "endpoint", "start", "stop", "shards", "limit", "poll_ms", "idle_ms",
                                        "discover_ms", NULL};
    if (!io_uri_check_params(u, known, why, whylen)) return false;
    const char *shards = io_uri_param(u, "shards");
    k->group = 0, k->groups = 1;
    if (shards) {
        int used = 0;
        if (sscanf(shards, "%d/%d%n", &k->group, &k->groups, &used) != 2 || shards[used] || k->groups < 1 || k->group < 0 ||
            k->group >= k->groups) {
            snprintf(why, whylen, "kinesis://%s: shards=%s: expected I/N, 0 <= I < N (read the shards whose index is I modulo N)",
                     u->authority, shards);
            return false;
        }
    }
    const char *start = io_uri_param(u, "start");
    k->start = KIN_LATEST;   /* KDA's default starting position: NOW */
    if (!start || !strcasecmp(start, "latest") || !strcasecmp(start, "now")) {
        /* a checkpoint taken before a shard's first record resumes it from then */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        k->start_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    } else if (!strcasecmp(start, "trim_horizon")) {
        k->start = KIN_TRIM_HORIZON;
    } else if (!strncasecmp(start, "at_timestamp:", 13) && time_parse_timestamp(start + 13, strlen(start + 13), &k->start_ms)) {
        k->start = KIN_AT_TIMESTAMP;
    } else {
        snprintf(why, whylen, "kinesis://%s: start=%s: expected trim_horizon, latest or at_timestamp:'YYYY-MM-DD HH:MM:SS'",
                 u->authority, start);
        return false;
    }
    k->limit = 10000;
    k->poll_ms = 200;        /* Kinesis allows five GetRecords a second on a shard */
    k->idle_ms = 1000;       /* at the tip: as the KCL waits */
    k->discover_ms = 10000;
    enum { BIG = 1000000000 };
    return io_uri_word_param(u, "stop", "caught_up", "end once every shard is read to its tip", "never", &k->stop_caught_up,
                             why, whylen) &&
           io_uri_int_param(u, "limit", 1, BIG, &k->limit, why, whylen) &&
           io_uri_int_param(u, "poll_ms", 0, BIG, &k->poll_ms, why, whylen) &&
           io_uri_int_param(u, "idle_ms", 0, BIG, &k->idle_ms, why, whylen) &&
           io_uri_int_param(u, "discover_ms", 10, BIG, &k->discover_ms, why, whylen);
}

/* The first listing, on the caller's thread: what is wrong with the
 * stream, the credentials or the endpoint is said now, not at run time.
 * Throttling is tried again a few times; no answer at all is an error. */
static bool first_listing(KinesisSource *k, char *why, size_t whylen)
{
    char err[512];
    KinStatus st = KIN_RETRY;
    for (int t = 0; t < START_TRIES && st == KIN_RETRY; t++) {
        if (t) usleep((useconds_t)io_kin_backoff_ms(&k->rng, t) * 1000);
        st = discover(k, true, err, sizeof err);
    }
    if (st == KIN_OK) return true;
    if (st == KIN_NETWORK)
        snprintf(why, whylen, "%s: cannot reach %s: %s", k->name, k->endpoint_shown, err);
    else
        snprintf(why, whylen, "%s at %s (region %s): %s", k->name, k->endpoint_shown, k->aws.region, err);
    return false;
}

Source *io_source_open_kinesis(const IoUri *u, bool verbose, char *why, size_t whylen)
{
    if (!io_kin_valid_stream_name(u->authority) || *u->path) {
        snprintf(why, whylen, "kinesis://%s%s: expected kinesis://STREAM, a stream name of 1 to 128 letters, digits, _ . -",
                 u->authority, u->path);
        return NULL;
    }
    KinesisSource *k = mem_calloc(1, sizeof *k);
    k->pipe[0] = k->pipe[1] = -1;
    pthread_mutex_init(&k->mu, NULL);
    pthread_cond_init(&k->space, NULL);
    arena_init(&k->scratch, 4096);
    k->base.ops = &kinesis_ops;
    k->base.name = k->name;
    k->base.max_record = SIZE_MAX;
    k->stream = mem_strdup(u->authority);
    k->rng = (uint64_t)io_kin_mono_ms() * 0x9E3779B97F4A7C15ULL | 1;
    snprintf(k->name, sizeof k->name, "kinesis stream \"%s\"", k->stream);
    if (!read_options(k, u, why, whylen) ||
        !io_kin_open(u, k->name, &k->stop, &k->aws, k->endpoint_shown, &k->client, why, whylen))
        goto fail;
    char err[600];
    if (!first_listing(k, why, whylen)) goto fail;
    io_kin_set_timeouts(k->client, 3000, 30000);
    if (verbose) {
        char desc[200] = "";
        if (io_kin_describe(k->client, k->stream, desc, sizeof desc, err, sizeof err) != KIN_OK) snprintf(desc, sizeof desc, "%.150s", err);
        static const char *const starts[] = {"trim_horizon", "latest", "at_timestamp"};
        char part[40] = "";
        if (k->groups > 1) snprintf(part, sizeof part, " (shards %d of every %d)", k->group, k->groups);
        fprintf(stderr, "eddy: %s at %s (region %s, credentials from %s): %s; %d shards listed%s, reading from %s%s\n",
                k->name, k->endpoint_shown, k->aws.region, k->aws.creds_from, desc, k->nshards, part, starts[k->start],
                k->stop_caught_up ? " until caught up" : "");
    }
    if (pipe2(k->pipe, O_NONBLOCK | O_CLOEXEC) != 0) {
        snprintf(why, whylen, "%s: cannot start its reader: %s", k->name, strerror(errno));
        goto fail;
    }
    return &k->base;
fail:
    kin_close(&k->base);
    return NULL;
}
