/* latency: how long a record takes to come out of a command that passes it
 * through (eddy with a filter, or `cat` as the floor), at a paced rate.
 *
 *   latency RATE SECONDS -- COMMAND [ARG...]
 *
 * A writer thread feeds the command's standard input with ticker records
 * `{"ID":n,...}` at RATE records a second for SECONDS (each due record is
 * written as soon as it is due; records that fall due together go in one
 * write, as a producer that keeps up would send them). A reader thread
 * reads the command's standard output, finds each line's "ID":n and takes
 * the time since record n was written. Prints one line:
 *   rate=R sent=N matched=M p50_us= p99_us= p999_us= max_us=
 * The first half second is a warm-up and is not counted. Exits 1 when a
 * record never came out or the command failed.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

typedef struct Bench {
    double rate;
    uint64_t total;
    int in_fd, out_fd;
    int64_t *sent;     /* per record: when it was written (ns), 0 until then */
    int64_t *latency;  /* per record: ns from written to read back, -1 if never */
} Bench;

static const char *const symbols[] = {"AMZN", "MSFT", "AAPL", "TBV", "QXZ", "WAS", "NFLX", "CRM"};

static void *writer(void *arg)
{
    Bench *b = arg;
    static char buf[1 << 20];
    int64_t t0 = now_ns();
    uint64_t next = 0;
    while (next < b->total) {
        uint64_t due = (uint64_t)((double)(now_ns() - t0) * b->rate / 1e9) + 1;
        if (due > b->total) due = b->total;
        if (due <= next) {
            /* sleep until the next record is due (no spinning: on a small
             * machine a spinning writer would take the command's core) */
            int64_t at = t0 + (int64_t)((double)next * 1e9 / b->rate);
            struct timespec ts = {(time_t)(at / 1000000000), (long)(at % 1000000000)};
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
            continue;
        }
        size_t len = 0;
        uint64_t first = next;
        for (; next < due && len < sizeof buf - 256; next++)
            len += (size_t)snprintf(buf + len, 256, "{\"ID\":%llu,\"TICKER_SYMBOL\":\"%s\",\"SECTOR\":\"TECHNOLOGY\",\"CHANGE\":-0.25,\"PRICE\":%d.5}\n",
                                    (unsigned long long)next, symbols[next % 8], (int)(next % 97) + 3);
        int64_t t = now_ns();
        for (uint64_t i = first; i < next; i++) b->sent[i] = t;
        for (size_t off = 0; off < len;) {
            ssize_t n = write(b->in_fd, buf + off, len - off);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return NULL;
            off += (size_t)n;
        }
    }
    close(b->in_fd);
    return NULL;
}

static void *reader(void *arg)
{
    Bench *b = arg;
    static char buf[1 << 20];
    size_t have = 0;
    for (;;) {
        ssize_t n = read(b->out_fd, buf + have, sizeof buf - have);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        int64_t t = now_ns();
        have += (size_t)n;
        char *p = buf, *end = buf + have, *nl;
        while ((nl = memchr(p, '\n', (size_t)(end - p)))) {
            *nl = 0;
            char *id = strstr(p, "\"ID\":");
            if (id) {
                uint64_t i = strtoull(id + 5, NULL, 10);
                if (i < b->total && b->sent[i]) b->latency[i] = t - b->sent[i];
            }
            p = nl + 1;
        }
        have = (size_t)(end - p);
        memmove(buf, p, have);
    }
    return NULL;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc < 5 || strcmp(argv[3], "--") != 0) {
        fprintf(stderr, "usage: latency RATE SECONDS -- COMMAND [ARG...]\n");
        return 2;
    }
    Bench b = {.rate = atof(argv[1])};
    double seconds = atof(argv[2]);
    b.total = (uint64_t)(b.rate * seconds);
    if (b.rate <= 0 || b.total == 0) {
        fprintf(stderr, "latency: RATE and SECONDS must be positive\n");
        return 2;
    }
    b.sent = calloc(b.total, sizeof *b.sent);
    b.latency = malloc(b.total * sizeof *b.latency);
    for (uint64_t i = 0; i < b.total; i++) b.latency[i] = -1;
    int in[2], out[2];
    if (pipe(in) != 0 || pipe(out) != 0) return perror("latency: pipe"), 1;
    signal(SIGPIPE, SIG_IGN);
    /* wake-ups on time, not up to 50 us late (the default timer slack) */
    prctl(PR_SET_TIMERSLACK, 1UL);
    pid_t pid = fork();
    if (pid < 0) return perror("latency: fork"), 1;
    if (pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[0]), close(in[1]), close(out[0]), close(out[1]);
        execvp(argv[4], argv + 4);
        perror("latency: exec");
        _exit(127);
    }
    close(in[0]), close(out[1]);
    b.in_fd = in[1];
    b.out_fd = out[0];
    pthread_t w, r;
    pthread_create(&r, NULL, reader, &b);
    /* let the command start (eddy compiles its SQL) before the clock runs */
    usleep(300000);
    pthread_create(&w, NULL, writer, &b);
    pthread_join(w, NULL);
    pthread_join(r, NULL);
    int st;
    waitpid(pid, &st, 0);
    uint64_t warm = (uint64_t)(b.rate * 0.5), n = 0, missing = 0;
    if (warm >= b.total) warm = 0;
    for (uint64_t i = warm; i < b.total; i++) {
        if (b.latency[i] < 0) missing++;
        else b.latency[n++] = b.latency[i];
    }
    qsort(b.latency, n, sizeof *b.latency, cmp_i64);
#define PCT(q) (n ? (double)b.latency[(size_t)((double)(n - 1) * (q))] / 1000.0 : 0.0)
    printf("rate=%.0f sent=%llu matched=%llu p50_us=%.1f p99_us=%.1f p999_us=%.1f max_us=%.1f\n", b.rate,
           (unsigned long long)(b.total - warm), (unsigned long long)n, PCT(0.5), PCT(0.99), PCT(0.999), PCT(1.0));
    bool ok = missing == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0;
    if (!ok) fprintf(stderr, "latency: %llu records never came out (command status %d)\n", (unsigned long long)missing, st);
    return ok ? 0 : 1;
}
