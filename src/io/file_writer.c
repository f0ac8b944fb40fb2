/* An output file's writes on a thread of its own. The main thread hands
 * over a full buffer and takes an empty one; a few buffers go round, so
 * memory stays bounded and the main thread waits only when the file takes
 * bytes slower than the application makes them. Only the main thread
 * allocates and frees them (the counters of src/runtime/mem.c are its own).
 *
 * A failed write ends the writing: the rows of its buffer that did not
 * reach the file as whole lines, and those of every buffer after it, are
 * counted as lost, and the errno is kept, for the sink to say them as it
 * says a failed write of its own (sink_file.c). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "file_writer.h"
#include "src/runtime/mem.h"

enum { WRITER_BUFFERS = 4 };

typedef struct Chunk {
    Buf b;
    uint64_t records;
    bool multiline;
} Chunk;

struct FileWriter {
    int fd;
    pthread_t tid;
    pthread_mutex_t mu;
    pthread_cond_t to_writer, to_main;
    Chunk chunk[WRITER_BUFFERS];   /* a ring: `queued` handed over from `head` on */
    int head, queued;
    bool stop;
    int error;                     /* the first failed write's errno */
    uint64_t lost;                 /* rows lost since the outcome was last taken */
};

/* Writes a chunk whole; on a failure, the rows that did not reach the file. */
static uint64_t write_chunk(FileWriter *w, const Chunk *c, int *error)
{
    size_t off = 0;
    while (off < c->b.len) {
        ssize_t n = write(w->fd, c->b.p + off, c->b.len - off);
        if (n < 0) {
            if (errno == EINTR) continue;
            *error = errno;
            uint64_t whole = c->multiline ? 0 : buf_lines(c->b.p, off);
            return whole < c->records ? c->records - whole : 0;
        }
        off += (size_t)n;
    }
    return 0;
}

static void *writer_run(void *arg)
{
    FileWriter *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (!w->queued && !w->stop) pthread_cond_wait(&w->to_writer, &w->mu);
        if (!w->queued) break;
        Chunk *c = &w->chunk[w->head];
        int failed = w->error;
        pthread_mutex_unlock(&w->mu);
        int error = 0;
        uint64_t lost = failed ? c->records : write_chunk(w, c, &error);
        pthread_mutex_lock(&w->mu);
        if (error && !w->error) w->error = error;
        w->lost += lost;
        c->b.len = 0;
        w->head = (w->head + 1) % WRITER_BUFFERS;
        w->queued--;
        pthread_cond_signal(&w->to_main);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

FileWriter *file_writer_start(int fd)
{
    FileWriter *w = mem_calloc(1, sizeof *w);
    w->fd = fd;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->to_writer, NULL);
    pthread_cond_init(&w->to_main, NULL);
    /* signals stay the main thread's (a stop request, SIGXFSZ ignored there too) */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int rc = pthread_create(&w->tid, NULL, writer_run, w);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc == 0) pthread_setname_np(w->tid, "eddy-writer");
    if (rc != 0) {
        pthread_cond_destroy(&w->to_main);
        pthread_cond_destroy(&w->to_writer);
        pthread_mutex_destroy(&w->mu);
        mem_free(w);
        return NULL;
    }
    return w;
}

void file_writer_put(FileWriter *w, Buf *b, uint64_t records, bool multiline, bool here)
{
    pthread_mutex_lock(&w->mu);
    if (here && !w->queued) {
        /* the thread waits for work: nothing of its own goes to the file
         * meanwhile, so these bytes keep their place */
        int failed = w->error;
        pthread_mutex_unlock(&w->mu);
        Chunk c = {.b = *b, .records = records, .multiline = multiline};
        int error = 0;
        uint64_t lost = failed ? records : write_chunk(w, &c, &error);
        pthread_mutex_lock(&w->mu);
        if (error && !w->error) w->error = error;
        w->lost += lost;
        pthread_mutex_unlock(&w->mu);
        b->len = 0;
        return;
    }
    while (w->queued == WRITER_BUFFERS) pthread_cond_wait(&w->to_main, &w->mu);
    Chunk *c = &w->chunk[(w->head + w->queued) % WRITER_BUFFERS];
    Buf empty = c->b;
    c->b = *b;
    c->records = records;
    c->multiline = multiline;
    w->queued++;
    pthread_cond_signal(&w->to_writer);
    pthread_mutex_unlock(&w->mu);
    /* the writer's empty buffer comes back as big as the one given */
    if (empty.cap < b->cap) {
        buf_free(&empty);
        buf_grow(&empty, b->cap);
    }
    empty.len = 0;
    *b = empty;
}

void file_writer_outcome(FileWriter *w, bool wait, uint64_t *lost, int *error)
{
    pthread_mutex_lock(&w->mu);
    while (wait && w->queued) pthread_cond_wait(&w->to_main, &w->mu);
    *lost = w->lost;
    *error = w->error;
    w->lost = 0;
    pthread_mutex_unlock(&w->mu);
}

void file_writer_stop(FileWriter *w)
{
    if (!w) return;
    pthread_mutex_lock(&w->mu);
    w->stop = true;
    pthread_cond_signal(&w->to_writer);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->tid, NULL);
    for (int i = 0; i < WRITER_BUFFERS; i++) buf_free(&w->chunk[i].b);
    pthread_cond_destroy(&w->to_main);
    pthread_cond_destroy(&w->to_writer);
    pthread_mutex_destroy(&w->mu);
    mem_free(w);
}
