/* The demo source: the built-in stock ticker, written by a thread into a
 * pipe at a steady rate and read back as a file source, so it is waited
 * on and merged like any live input. */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "io.h"
#include "source.h"
#include "ticker.h"
#include "src/runtime/clock.h"

typedef struct DemoArgs {
    int fd;
    double rate;
} DemoArgs;

static DemoArgs demo_args;

static void *demo_thread(void *arg)
{
    const DemoArgs *d = arg;
    Ticker t;
    ticker_init(&t, 0x9E3779B97F4A7C15ULL ^ (uint64_t)clock_now_ms());
    struct timespec pause = {(time_t)(1.0 / d->rate), (long)(fmod(1.0 / d->rate, 1.0) * 1e9)};
    char line[192];
    while (!io_stop_requested) {
        int n = ticker_next(&t, line, sizeof line - 1);
        line[n++] = '\n';
        if (write(d->fd, line, (size_t)n) != n) break;   /* the reader is gone */
        nanosleep(&pause, NULL);
    }
    close(d->fd);
    return NULL;
}

Source *io_source_open_demo(double rate)
{
    int p[2];
    if (pipe(p) != 0) return NULL;
    demo_args = (DemoArgs){p[1], rate};
    pthread_t th;
    if (pthread_create(&th, NULL, demo_thread, &demo_args) != 0) {
        close(p[0]);
        close(p[1]);
        return NULL;
    }
    pthread_detach(th);
    return io_source_from_fd(p[0], "the demo ticker", true);
}
