/* File inputs (stdin, files, FIFOs) read and decoded on threads of their
 * own, so that decoding and the application use both cores (--threads).
 *
 * A reader thread runs the same decoding as one thread does (input.c),
 * on its own copy of the Input, into batches: each row with its values,
 * a copy of its record's bytes (decoded strings point into them) and the
 * record's SourceRecord; each record that fails as an error item; notes
 * for stderr; the end. The main thread takes the items in order exactly
 * where it would have decoded (cli_input_fill), so rows, error rows,
 * counters and messages come as they do with one thread.
 *
 * When the main thread keeps waiting for the thread, some batches go over
 * with their records undecoded (RI_RAW), and the main thread decodes each
 * such batch whole when it takes it (input.c), so both cores decode
 * (InputThread.defer says how many, and why a batch at a time).
 *
 * Batches go round a bounded queue: READER_BATCHES per input, recycled,
 * so memory stays bounded and a warm run allocates nothing per record.
 * The thread hands a batch over when it is full or when its source has
 * nothing ready (then it waits on the source, and says it is idle); the
 * main thread waits for a batch while the thread decodes, and treats the
 * input as quiet while the thread waits on its source (it polls ready_fd
 * with the other inputs, as it polls a source's descriptor). Signals go
 * to the main thread (the reader threads block them); a stop request
 * wakes a waiting thread, whose source then ends as it would have.
 *
 * Where other work takes the second CPU, the thread stops and the main
 * thread reads the input itself from where the thread left it
 * (judge_contention), until a CPU is idle again (cli_reader_resume). */
#include <errno.h>
#include <stdlib.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "reader.h"
#include "src/runtime/clock.h"
#include "src/runtime/cpus.h"
#include "src/runtime/mem.h"

enum {
    ARENA_BLOCK = 256 << 10,
    ARENA_KEEP = 4 << 20,   /* a batch's arena that a huge record grew past this is given back */
};

static void post(int fd)
{
    uint64_t one = 1;
    while (write(fd, &one, sizeof one) < 0 && errno == EINTR) {}
}

static void drain(int fd)
{
    uint64_t n;
    while (read(fd, &n, sizeof n) < 0 && errno == EINTR) {}
}

ReadItem *cli_reader_grow(InputThread *t)
{
    ReadBatch *b = t->fill;
    b->cap = b->cap ? b->cap * 2 : READER_BATCH_ITEMS + 64;
    b->items = mem_realloc(b->items, sizeof *b->items * (size_t)b->cap);
    return &b->items[b->n++];
}

/* ---- the reader thread's side ---- */

/* Under mu: the main thread may take a batch, or see that the thread is idle. */
static void wake_main(InputThread *t)
{
    pthread_cond_signal(&t->to_main);
    if (t->main_polls && t->ready) {
        t->main_polls = false;
        t->signalled = true;
        post(t->ready_fd);
    }
}

/* Under mu. */
static void push_ready(InputThread *t, ReadBatch *b)
{
    b->src_bytes = t->in.src->bytes;
    b->link = NULL;
    if (t->ready_tail) t->ready_tail->link = b;
    else t->ready = b;
    t->ready_tail = b;
}

/* A free batch, emptied; NULL once the main thread wants no more. */
static ReadBatch *take_free(InputThread *t)
{
    pthread_mutex_lock(&t->mu);
    if (!t->free_list && !t->stop && t->defer > 0 && !t->defer_fixed) t->defer--;   /* the main thread is behind */
    while (!t->free_list && !t->stop) pthread_cond_wait(&t->to_reader, &t->mu);
    ReadBatch *b = t->stop ? NULL : t->free_list;
    if (b) t->free_list = b->link;
    pthread_mutex_unlock(&t->mu);
    if (t->can_defer) {
        /* defer of each DEFER_SCALE batches go undecoded, spread evenly */
        t->defer_acc += t->defer;
        t->fill_raw = t->defer_acc >= DEFER_SCALE;
        if (t->fill_raw) t->defer_acc -= DEFER_SCALE;
    }
    if (b) {
        b->n = b->next = 0;
        b->bytes = 0;
        if (arena_capacity(&b->arena) > ARENA_KEEP) arena_free(&b->arena);
        arena_reset(&b->arena);
    }
    return b;
}

/* Hands b to the main thread; false when it wants no more. */
static bool hand_over(InputThread *t, ReadBatch *b)
{
    pthread_mutex_lock(&t->mu);
    push_ready(t, b);
    wake_main(t);
    if (t->main_waited && t->defer < DEFER_SCALE - 1 && !t->defer_fixed) t->defer++;   /* the thread is behind */
    t->main_waited = false;
    bool go_on = !t->stop;
    pthread_mutex_unlock(&t->mu);
    return go_on;
}

/* The source has nothing ready: what was decoded goes to the main thread,
 * then the thread waits on the source (or until it is woken: a stop).
 * False when the main thread wants no more. */
static bool wait_for_source(InputThread *t)
{
    pthread_mutex_lock(&t->mu);
    if (t->fill->n) {
        push_ready(t, t->fill);
        t->fill = NULL;
    }
    t->idle = true;
    wake_main(t);
    bool stop = t->stop;
    pthread_mutex_unlock(&t->mu);
    if (!stop) {
        struct pollfd p[2] = {{.fd = source_fd(t->in.src), .events = POLLIN}, {.fd = t->wake_fd, .events = POLLIN}};
        while (poll(p, 2, -1) < 0 && errno == EINTR) {}
        if (p[1].revents) drain(t->wake_fd);
    }
    pthread_mutex_lock(&t->mu);
    t->idle = false;
    stop = t->stop;
    pthread_mutex_unlock(&t->mu);
    if (!stop && !t->fill) t->fill = take_free(t);
    return !stop && t->fill;
}

static void *reader_run(void *arg)
{
    InputThread *t = arg;
    Input *in = &t->in;
    t->reader_tid = (long)gettid();
    t->fill = take_free(t);
    while (t->fill) {
        /* the source is the thread's while it decodes a batch: a checkpoint takes its position between batches */
        pthread_mutex_lock(&t->src_mu);
        DecodeStep st;
        do st = cli_input_decode_step(t->r, in, t);
        while (st == STEP_ROW && !cli_reader_full(t));
        pthread_mutex_unlock(&t->src_mu);
        if (st == STEP_END) {
            hand_over(t, t->fill);
            t->fill = NULL;
            break;
        }
        if (st == STEP_WAIT) {
            if (!wait_for_source(t)) break;
            continue;
        }
        /* full: handed over before the thread waits for a free batch, so
         * that a checkpoint meanwhile sees its records as not taken yet; a
         * record whose rows go on goes on in the next batch, its bytes
         * kept meanwhile (the batch handed over may come back emptied) */
        if (in->more) {
            t->carry.len = 0;
            buf_put(&t->carry, in->rec.data, in->rec.len);
            in->rec.data = t->carry.p;
        }
        ReadBatch *full = t->fill;
        t->fill = NULL;
        if (!hand_over(t, full)) break;
        t->fill = take_free(t);
        if (t->fill && in->more) in->rec.data = cli_reader_keep(t, in->rec.data, in->rec.len);
    }
    return NULL;
}

/* ---- the main thread's side ---- */

static void release(InputThread *t, ReadBatch *b)
{
    pthread_mutex_lock(&t->mu);
    b->link = t->free_list;
    t->free_list = b;
    pthread_cond_signal(&t->to_reader);
    pthread_mutex_unlock(&t->mu);
}

/* Whether the main thread writes its output files itself (io_sink_write_here),
 * from the share of a CPU the thread used since it was last judged. A
 * writer thread takes the kernel's copy of the output off the main thread,
 * on the CPU the reader leaves; where the reader keeps that CPU busy, the
 * writer competes with it and copies bytes hot in the other core's cache
 * (10M rows of the filter benchmark: 0.78 s with the writer, 0.68 s
 * without), while beside a query that keeps the main thread busy it gains
 * as much (the 10 s sliding window: 2.14 s with, 2.40 s without). */
static bool write_here_fixed;   /* EDDY_WRITE_HERE set it */

static void judge_write_here(InputThread *t)
{
    struct timespec cpu;
    if (write_here_fixed) return;
    int64_t wall = clock_mono_us();
    if (!t->has_cpu_clock || clock_gettime(t->cpu_clock, &cpu) != 0) return;
    int64_t used = (int64_t)cpu.tv_sec * 1000000 + cpu.tv_nsec / 1000;
    if (t->judged_at && wall > t->judged_at)
        io_sink_write_here = (used - t->cpu_used) * 2 > wall - t->judged_at;   /* more than half a CPU */
    t->judged_at = wall;
    t->cpu_used = used;
}

/* Going back to one thread. A reader thread pays for itself on a CPU of its
 * own; where other work keeps the second CPU busy, the two threads take
 * turns on one, and handing every record over costs more CPU time than one
 * thread spends on it (10M records beside one busy loop, best of 5: the
 * filter 1.16 s with one thread, 1.45 s with two; tumbling 0.96 and 1.12
 * s). The kernel counts the time a thread waited for a CPU while it could
 * run. Over windows of CONTENTION_WINDOW_US, the two threads together wait
 * 0-5% of the window on a machine that is otherwise idle, up to 29% beside
 * a busy writer thread (the 10 s sliding window), 67-86% beside busy loops;
 * but 21-52% where the main thread is the one behind and the thread sleeps
 * most of the time, and two threads still gain there. After
 * CONTENTION_WINDOWS windows in a row in which they waited more than
 * CONTENTION_PERCENT of the window together, the thread is told to stop,
 * and once the main thread has taken what it read, the input is the main
 * thread's again (RI_BACK, cli_reader_hand_back), which also writes its
 * outputs itself meanwhile. Only where the choice of threads was
 * eddy's (--threads asks for a reader all the same), and for NDJSON without
 * mappings: a record is one row, so the thread stops between records. */
enum {
    CONTENTION_WINDOW_US = 100000,
    CONTENTION_PERCENT = 50,
    CONTENTION_WINDOWS = 3,
    /* and coming back (cli_reader_resume) */
    RESUME_LOOK_EVERY = 4096,
    RESUME_WINDOW_US = 250000,
    RESUME_IDLE_PERCENT = 75,
};

static void begin_retreat(InputThread *t)
{
    t->retreat = true;
    pthread_mutex_lock(&t->mu);
    t->stop = true;
    pthread_cond_broadcast(&t->to_reader);
    pthread_mutex_unlock(&t->mu);
    post(t->wake_fd);
}

static void judge_contention(InputThread *t)
{
    if (t->retreat_after) {
        if (t->taken >= (uint64_t)t->retreat_after) begin_retreat(t);
        return;
    }
    if (t->wait_fd[0] == -2) {
        /* opened at the first look: the thread has said its id by its first hand-over */
        t->wait_fd[0] = cpus_wait_open(0);
        t->wait_fd[1] = t->wait_fd[0] >= 0 ? cpus_wait_open(t->reader_tid) : -1;
    }
    if (t->wait_fd[1] < 0) return;
    int64_t wall = clock_mono_us();
    long long main_waited = cpus_waited_ns(t->wait_fd[0]), reader_waited = cpus_waited_ns(t->wait_fd[1]);
    if (main_waited < 0 || reader_waited < 0) return;
    long long waited = main_waited + reader_waited;
    if (t->window_at && wall - t->window_at < CONTENTION_WINDOW_US) return;
    if (t->window_at) {
        bool contended = (waited - t->waited_at) / 10 > (long long)(wall - t->window_at) * CONTENTION_PERCENT;
        t->contended = contended ? t->contended + 1 : 0;
    }
    t->window_at = wall;
    t->waited_at = waited;
    if (t->contended >= CONTENTION_WINDOWS) begin_retreat(t);
}

const ReadItem *cli_reader_next_batch(Run *r, InputThread *t)
{
    if (t->cur) release(t, t->cur);
    t->cur = NULL;
    bool flushed = false;
    pthread_mutex_lock(&t->mu);
    for (;;) {
        ReadBatch *b = t->ready;
        if (b) {
            t->ready = b->link;
            if (!t->ready) t->ready_tail = NULL;
            t->main_polls = false;
            bool was_signalled = t->signalled;
            t->signalled = false;
            pthread_mutex_unlock(&t->mu);
            if (was_signalled) drain(t->ready_fd);
            t->cur = b;
            t->bytes = b->src_bytes;
            if (++t->taken % WRITE_HERE_EVERY == 0 && !t->retreat) judge_write_here(t);
            if (t->may_retreat && !t->retreat && !t->replaying && (t->retreat_after || t->taken % WRITE_HERE_EVERY == 0))
                judge_contention(t);
            return &b->items[b->next++];   /* never empty */
        }
        if (t->retreat) {
            /* the thread stops after the batch it fills: what it read comes first */
            pthread_mutex_unlock(&t->mu);
            if (t->running) pthread_join(t->tid, NULL);
            t->running = false;
            pthread_mutex_lock(&t->mu);
            if (t->ready) continue;
            pthread_mutex_unlock(&t->mu);
            static const ReadItem back = {.kind = RI_BACK};
            return &back;
        }
        if (t->idle && !io_stop_requested) {
            /* quiet: the merge turns to the other inputs, and polls ready_fd */
            t->main_polls = true;
            pthread_mutex_unlock(&t->mu);
            return NULL;
        }
        if (io_stop_requested && !t->told_stop) {
            /* a thread waiting on its source looks at it again, and finds it ended */
            t->told_stop = true;
            post(t->wake_fd);
        }
        if (!flushed) {
            /* the next rows are still being decoded: the rows so far go out meanwhile */
            pthread_mutex_unlock(&t->mu);
            cli_flush_outputs(r);
            flushed = true;
            pthread_mutex_lock(&t->mu);
            continue;
        }
        t->main_waited = true;
        pthread_cond_wait(&t->to_main, &t->mu);
    }
}

/* The first record handed over and not taken yet (under mu). */
static const SourceRecord *first_untaken(const InputThread *t)
{
    for (const ReadBatch *b = t->cur ? t->cur : t->ready; b; b = b == t->cur ? t->ready : b->link)
        for (int i = b == t->cur ? b->next : 0; i < b->n; i++)
            if (b->items[i].kind == RI_ROW || b->items[i].kind == RI_RAW || b->items[i].kind == RI_ERROR)
                return &b->items[i].rec;
    return NULL;
}

/* The position to go on from: the pending record's, else the first one the
 * thread read ahead, else where the source is (everything it gave was
 * taken). The thread does not read meanwhile. */
void cli_reader_save(Input *in, Buf *out)
{
    InputThread *t = in->thr;
    Source *s = in->src;
    pthread_mutex_lock(&t->src_mu);
    const SourceRecord *next = in->pending ? &in->rec : NULL;
    if (!next) {
        pthread_mutex_lock(&t->mu);
        next = first_untaken(t);
        pthread_mutex_unlock(&t->mu);
    }
    s->ops->save(s, next, next != NULL, out);
    pthread_mutex_unlock(&t->src_mu);
}

/* EDDY_READER_DEFER=N: N of each DEFER_SCALE batches go to the main
 * thread undecoded, whoever waits: for the checks, which then run both
 * decoders on any input and machine (32: the main thread decodes all). */
static void fixed_defer(InputThread *t)
{
    const char *v = getenv("EDDY_READER_DEFER");
    if (!v || !*v) return;
    char *end;
    long n = strtol(v, &end, 10);
    if (*end || n < 0 || n > DEFER_SCALE) {
        fprintf(stderr, "eddy: EDDY_READER_DEFER needs a number from 0 to %d (ignored)\n", DEFER_SCALE);
        return;
    }
    t->defer = (int)n;
    t->defer_fixed = true;
}

/* EDDY_READER_RETREAT=N: batches of N records, the input back to the
 * main thread once it has taken the first, and on a thread again after N
 * records read there, whatever the load: for the checks, which then see
 * the thread stop and start again at any point of any input. */
static int retreat_knob = -1;   /* EDDY_READER_RETREAT, read once; 0: not set */

static void fixed_retreat(InputThread *t)
{
    if (retreat_knob < 0) {
        retreat_knob = 0;
        const char *v = getenv("EDDY_READER_RETREAT");
        char *end;
        long n = v && *v ? strtol(v, &end, 10) : 0;
        if (v && *v && (*end || n < 1 || n > READER_BATCH_ITEMS))
            fprintf(stderr, "eddy: EDDY_READER_RETREAT needs a number from 1 to %d (ignored)\n", READER_BATCH_ITEMS);
        else
            retreat_knob = (int)n;
    }
    if (!retreat_knob) return;
    t->batch_items = retreat_knob;
    t->retreat_after = 1;
}

static bool start(Run *r, Input *in)
{
    InputThread *t = mem_calloc(1, sizeof *t);
    t->ready_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    t->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (t->ready_fd < 0 || t->wake_fd < 0) {
        /* no descriptors left: this input is read on the main thread */
        if (t->ready_fd >= 0) close(t->ready_fd);
        if (t->wake_fd >= 0) close(t->wake_fd);
        mem_free(t);
        return false;
    }
    pthread_mutex_init(&t->mu, NULL);
    pthread_mutex_init(&t->src_mu, NULL);
    pthread_cond_init(&t->to_main, NULL);
    pthread_cond_init(&t->to_reader, NULL);
    for (int k = 0; k < READER_BATCHES; k++) {
        arena_init(&t->batch[k].arena, ARENA_BLOCK);
        t->batch[k].link = t->free_list;
        t->free_list = &t->batch[k];
    }
    arena_init(&t->keep, 4096);
    t->r = r;
    t->batch_items = READER_BATCH_ITEMS;
    t->wait_fd[0] = t->wait_fd[1] = -2;
    /* the decoding state moves to the thread; the main thread's arena stays its own */
    t->in = *in;
    memset(&t->in.arena, 0, sizeof t->in.arena);
    memset(&in->replay, 0, sizeof in->replay);
    in->replay_at = 0;
    t->replaying = t->in.replay_at < t->in.replay.len;
    t->bytes = in->src->bytes;
    if (r->opt->format == FMT_NDJSON && in->dec && !io_decoder_has_mappings(in->dec)) {
        t->main_dec = io_decoder_new(in->schema);
        t->can_defer = true;
        t->defer_acc = DEFER_SCALE / 2;
        fixed_defer(t);
        fixed_retreat(t);
        t->may_retreat = r->opt->threads == 0 || t->retreat_after;
    }
    /* the thread must not write the outputs: the main thread flushes them when it has no rows to take */
    void (*before_read)(void *) = in->src->before_read;
    t->before_read = before_read;
    in->src->before_read = NULL;
#ifdef __GLIBC__
    /* the thread's few allocations (batches growing) come from the one heap:
     * an arena of its own would reserve 64 MB of address space, which a
     * ulimit -v counts, and the runtime faults in only that heap ahead */
    mallopt(M_ARENA_MAX, 1);
#endif
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    /* decoding nests 512 levels deep at most: a stack of 2 MB, not the
     * default 8 MB of address space (a ulimit -v counts it) */
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 2 << 20);
    int rc = pthread_create(&t->tid, &attr, reader_run, t);
    pthread_attr_destroy(&attr);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    in->thr = t;
    t->running = rc == 0;
    in->read_by_thread = rc == 0;
    if (rc == 0) pthread_setname_np(t->tid, "eddy-reader");
    if (rc == 0) t->has_cpu_clock = pthread_getcpuclockid(t->tid, &t->cpu_clock) == 0;
    if (rc != 0) {
        /* no thread: this input is read on the main thread, as it was */
        in->replay = t->in.replay;
        in->replay_at = t->in.replay_at;
        in->src->before_read = before_read;
        cli_reader_free(in);
        return false;
    }
    return true;
}

/* The default: a reader thread when eddy may use two CPUs, unless its
 * address space is limited (ulimit -v), where the thread's stack and
 * batches would take room a --max-memory budget was sized without. */
static int default_threads(void)
{
    struct rlimit lim;
    if (getrlimit(RLIMIT_AS, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY) return 1;
    return cpus_usable() >= 2 ? 2 : 1;
}

/* A regular file: read as fast as it can be, where a thread of its own
 * doubles throughput. A pipe or a FIFO is a live stream, where the hand-over
 * of batches would cost its records' latency (bench/latency, 100k records/s:
 * p99 48 us with one thread, 1.4 ms with a reader), so by default it is
 * read on the main thread; --threads 2 asks for a reader all the same. */
static bool regular_file(const Input *in)
{
    struct stat st;
    return fstat(source_fd(in->src), &st) == 0 && S_ISREG(st.st_mode);
}

int cli_threads(const Run *r) { return r->opt->threads ? r->opt->threads : default_threads(); }

/* EDDY_WRITE_HERE=1 or 0: the main thread writes its output files itself
 * whenever their writer thread has nothing queued, or never; for the
 * checks, which then take either way on any input. */
static void fixed_write_here(void)
{
    const char *v = getenv("EDDY_WRITE_HERE");
    if (!v || !*v) return;
    if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
        fprintf(stderr, "eddy: EDDY_WRITE_HERE needs 0 or 1 (ignored)\n");
        return;
    }
    io_sink_write_here = *v == '1';
    write_here_fixed = true;
}

void cli_inputs_start_threads(Run *r)
{
    fixed_write_here();
    bool chosen = r->opt->threads == 0;
    int threads = cli_threads(r);
    for (int i = 0, spare = threads - 1; i < r->ninputs && spare > 0; i++) {
        Input *in = &r->inputs[i];
        if (in->file_backed && !in->done && !in->pending && (!chosen || regular_file(in)) && start(r, in)) spare--;
    }
}

/* Ends the thread (it may be reading ahead, or waiting on its source or
 * for a free batch) and gives its decoding state back to the input. */
static void stop(Input *in)
{
    InputThread *t = in->thr;
    if (!t->running && !t->retreat) return;   /* never started: nothing of the input went to it */
    if (t->running) {
        pthread_mutex_lock(&t->mu);
        t->stop = true;
        pthread_cond_broadcast(&t->to_reader);
        pthread_mutex_unlock(&t->mu);
        post(t->wake_fd);
        pthread_join(t->tid, NULL);
        t->running = false;
    }
    in->csv = t->in.csv;
    in->header_read = t->in.header_read;
    in->unknown_said = in->unknown_said || t->in.unknown_said;
    buf_free(&t->in.replay);
}

void cli_reader_hand_back(Input *in)
{
    InputThread *t = in->thr;
    const char *key;
    in->unknown_base = in->dec ? io_decoder_unknown_keys(in->dec, &key) : 0;
    in->retreated = true;
    in->retreats++;
    in->resume_countdown = t->retreat_after ? (uint32_t)retreat_knob : RESUME_LOOK_EVERY;
    in->idle_window_at = 0;
    in->idle_windows = 0;
    in->src->before_read = t->before_read;
    if (!write_here_fixed) io_sink_write_here = true;   /* no thread reads beside the writer now */
    if (t->r->opt->verbose) {
        out_flush(t->r->err);
        if (t->retreat_after)
            fprintf(stderr, "eddy: %s: read on the main thread after record %llu (EDDY_READER_RETREAT)\n", in->src->name,
                    (unsigned long long)in->rec.recno);
        else
            fprintf(stderr, "eddy: %s: read on the main thread after record %llu: other work keeps the CPUs busy, "
                    "where a reader thread costs more than it gains\n", in->src->name, (unsigned long long)in->rec.recno);
    }
    cli_reader_free(in);   /* its stop gives the rest of the decoding state back */
}

/* Reading on a thread again. Where the other work ends, a CPU stands
 * idle while the main thread reads alone. Every RESUME_LOOK_EVERY records
 * the main thread looks at the idle time of the CPUs it may run on
 * (/proc/stat); once a CPU's worth was idle (RESUME_IDLE_PERCENT of one at
 * least) over a window of RESUME_WINDOW_US, the input gets a reader
 * thread again from its next record. Each time the thread had to stop,
 * twice as many windows in a row are asked for (at most 64: 16 s), so
 * that work that comes and goes does not keep starting and stopping it. */
bool cli_reader_resume(Run *r, Input *in)
{
    in->resume_countdown = RESUME_LOOK_EVERY;
    if (in->done || in->more) return false;
    if (!retreat_knob) {
        int64_t now = clock_mono_us();
        if (in->idle_window_at && now - in->idle_window_at < RESUME_WINDOW_US) return false;
        long long idle = cpus_idle_ticks();
        if (idle < 0) {
            in->resume_countdown = UINT32_MAX;   /* not to be known here: the main thread reads on alone */
            return false;
        }
        if (in->idle_window_at) {
            long long ticks = sysconf(_SC_CLK_TCK);
            bool roomy = (idle - in->idle_ticks_at) * 1000000 * 100 >= (now - in->idle_window_at) * ticks * RESUME_IDLE_PERCENT;
            in->idle_windows = roomy ? in->idle_windows + 1 : 0;
        }
        in->idle_window_at = now;
        in->idle_ticks_at = idle;
        int shift = in->retreats - 1 < 6 ? in->retreats - 1 : 6;
        if (in->idle_windows < (1 << shift)) return false;
    }
    /* the rows the main thread read that had keys that are no column join the count taken */
    const char *key;
    uint64_t counted = in->dec ? io_decoder_unknown_keys(in->dec, &key) : 0;
    uint64_t taken = in->unknown_taken;
    in->unknown_taken += counted - in->unknown_base;
    in->retreated = false;
    in->pending = false;
    if (!start(r, in)) {
        in->unknown_taken = taken;
        in->retreated = true;
        in->resume_countdown = UINT32_MAX;
        return false;
    }
    if (r->opt->verbose) {
        out_flush(r->err);
        fprintf(stderr, "eddy: %s: read on a thread of its own again after record %llu%s\n", in->src->name,
                (unsigned long long)in->rec.recno, retreat_knob ? " (EDDY_READER_RETREAT)" : ": a CPU is idle");
    }
    return true;
}

void cli_inputs_stop_threads(Run *r)
{
    for (int i = 0; i < r->ninputs; i++)
        if (r->inputs[i].thr) stop(&r->inputs[i]);
}

void cli_reader_free(Input *in)
{
    InputThread *t = in->thr;
    if (!t) return;
    stop(in);
    for (int k = 0; k < READER_BATCHES; k++) {
        mem_free(t->batch[k].items);
        arena_free(&t->batch[k].arena);
    }
    arena_free(&t->keep);
    buf_free(&t->carry);
    io_decoder_free(t->main_dec);
    for (int k = 0; k < 2; k++)
        if (t->wait_fd[k] >= 0) close(t->wait_fd[k]);
    close(t->ready_fd);
    close(t->wake_fd);
    pthread_mutex_destroy(&t->mu);
    pthread_mutex_destroy(&t->src_mu);
    pthread_cond_destroy(&t->to_main);
    pthread_cond_destroy(&t->to_reader);
    mem_free(t);
    in->thr = NULL;
}
