/* The interactive REPL's main thread: lines in, replies out, and Ctrl-C
 * (repl_int.h tells how it shares the work with the engine thread). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "functions/regex.h"
#include "src/runtime/clock.h"
#include "src/runtime/mem.h"
#include "src/runtime/rowtype.h"
#include "repl.h"
#include "repl_int.h"

static int sig_pipe[2] = {-1, -1};
static volatile sig_atomic_t got_sigint;

static void on_sigint(int sig)
{
    (void)sig;
    got_sigint = 1;
    int saved = errno;
    if (write(sig_pipe[1], "x", 1) < 0) { /* the pipe is full: one wakeup is enough */ }
    errno = saved;
}

static void drain_sig_pipe(void)
{
    char buf[64];
    while (read(sig_pipe[0], buf, sizeof buf) > 0) {
    }
}

static void print_errors(Engine *e)
{
    pthread_mutex_lock(&e->mu);
    Buf q = e->errq;
    uint64_t dropped = e->errq_dropped;
    memset(&e->errq, 0, sizeof e->errq);
    e->errq_lines = 0;
    e->errq_dropped = 0;
    pthread_mutex_unlock(&e->mu);
    if (q.len) fwrite(q.p, 1, q.len, stdout);
    if (dropped) printf("... and %llu more error rows (\\stats counts them)\n", (unsigned long long)dropped);
    buf_free(&q);
}

void repl_reply(Req *r)
{
    if (r->outlen) fwrite(r->out, 1, r->outlen, stdout);
    free(r->out);
    r->out = NULL;
    r->outlen = 0;
}

double repl_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static bool live_ended(Engine *e, bool reset)
{
    pthread_mutex_lock(&e->mu);
    bool ended = e->live_ended;
    if (reset) e->live_ended = false;
    pthread_mutex_unlock(&e->mu);
    return ended;
}

/* A live query runs until Ctrl-C, or until it ends by itself (LIMIT n; in
 * a script, once the files it reads have been read): the engine says so. */
static void live_wait(Repl *rp)
{
    struct pollfd p = {.fd = sig_pipe[0], .events = POLLIN};
    while (!got_sigint && !live_ended(rp->e, false)) {
        if (poll(&p, 1, -1) > 0) drain_sig_pipe();
    }
    if (got_sigint) {
        got_sigint = 0;
        if (rp->tty) fputs("\n", stdout);
        Req r = {.kind = RQ_STOP_LIVE};
        repl_call(rp->e, &r);
        repl_reply(&r);
    }
    live_ended(rp->e, true);
}

static int terminal_width(void)
{
    struct winsize ws;
    return ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 ? ws.ws_col : 0;
}

void repl_submit(Repl *rp, const char *text, size_t len, const char *file)
{
    double t0 = repl_mono_ms();
    Req r = {.kind = RQ_INPUT, .text = text, .len = (uint32_t)len, .file = file, .script = !rp->tty,
             .width = rp->tty ? terminal_width() : 0};
    got_sigint = 0;
    drain_sig_pipe();
    live_ended(rp->e, true);
    repl_call(rp->e, &r);
    repl_reply(&r);
    if (!r.ok) rp->failures++;
    /* psql's \timing: after the result, so for a live query after its row count */
    if (r.live) live_wait(rp);
    if (rp->timing) printf("Time: %.3f ms\n", repl_mono_ms() - t0);
}

/* SHOW / DESCRIBE / DROP / EXPLAIN need no ';' when they fit on one line. */
static bool is_command_line(const char *s)
{
    const char *p = s;
    char w[32];
    bool q;
    if (!repl_next_word(&p, w, sizeof w, &q) || q) return false;
    return !strcmp(w, "SHOW") || !strcmp(w, "DESCRIBE") || !strcmp(w, "DESC") || !strcmp(w, "DROP") || !strcmp(w, "EXPLAIN");
}

/* help, quit or exit typed inside a statement: said, not taken as SQL (psql). */
static bool continuation_habit(const char *s)
{
    size_t n = strcspn(s, " \t;");
    const char *after = s + n;
    while (*after == ';' || isspace((unsigned char)*after)) after++;
    if (*after || (strncasecmp(s, "quit", n) && strncasecmp(s, "exit", n) && strncasecmp(s, "help", n)) || n != 4) return false;
    printf("%s\n", tolower((unsigned char)s[0]) == 'h' ? "Use \\help for help, or Ctrl-C to drop the statement being typed."
                                                       : "Use \\q to quit, or Ctrl-C to drop the statement being typed.");
    return true;
}

/* The next line: NULL at the end of input; *interrupted for Ctrl-C. */
static char *read_line(Repl *rp, bool *interrupted, Buf *tmp)
{
    *interrupted = false;
    if (!rp->tty) {
        tmp->len = 0;
        int c;
        while ((c = getchar()) != EOF && c != '\n') buf_putc(tmp, (char)c);
        if (c == EOF && tmp->len == 0) return NULL;
        buf_putc(tmp, 0);
        return tmp->p;
    }
    int count = 0;
    /* a Ctrl-C pressed while eddy was busy between prompts is not lost: the
     * terminal dropped what was typed before it, and so does the statement */
    const char *line = got_sigint ? NULL : el_gets(rp->el, &count);
    if (got_sigint || (!line && count < 0 && errno == EINTR)) {
        got_sigint = 0;
        drain_sig_pipe();
        *interrupted = true;
        return NULL;
    }
    if (!line || count <= 0) return NULL;
    tmp->len = 0;
    buf_put(tmp, line, (size_t)count);
    while (tmp->len && (tmp->p[tmp->len - 1] == '\n' || tmp->p[tmp->len - 1] == '\r')) tmp->len--;
    buf_putc(tmp, 0);
    return tmp->p;
}

static void repl_loop(Repl *rp)
{
    Buf acc = {0}, tmp = {0};
    while (!rp->quit) {
        print_errors(rp->e);
        rp->continuation = acc.len > 0;
        if (!rp->tty) fflush(stdout);
        bool interrupted;
        char *line = read_line(rp, &interrupted, &tmp);
        if (!line) {
            if (interrupted) {
                fputs("^C\n", stdout);
                acc.len = 0;
                continue;
            }
            if (rp->tty) fputc('\n', stdout);
            break;
        }
        char *s = line;
        while (isspace((unsigned char)*s)) s++;
        /* as in psql, a backslash command is read as one even inside a statement: \q quits */
        if (*s == '\\') {
            repl_remember(rp, s);
            repl_meta(rp, s);
            continue;
        }
        if (acc.len > 0 && continuation_habit(s)) continue;
        if (acc.len == 0) {
            if (!*s) continue;
            if (repl_habit(rp, s)) {
                repl_remember(rp, s);
                continue;
            }
            if (is_command_line(s)) {
                repl_remember(rp, s);
                repl_submit(rp, s, strlen(s), "<stdin>");
                continue;
            }
        }
        buf_puts(&acc, line);
        buf_putc(&acc, '\n');
        bool complete_stmt;
        Piece *pc;
        int np = repl_split_sql(acc.p, (uint32_t)acc.len, &pc, &complete_stmt);
        mem_free(pc);
        if (np == 0 && repl_sql_blank(acc.p, (uint32_t)acc.len)) {
            acc.len = 0;   /* only comments */
            continue;
        }
        if (!complete_stmt) continue;
        acc.p[acc.len - 1] = 0;   /* the last newline */
        /* one history entry per statement; lines joined unless a -- comment needs its line end */
        char *h = mem_strdup(acc.p);
        if (!strstr(h, "--"))
            for (char *q = h; *q; q++)
                if (*q == '\n') *q = ' ';
        repl_remember(rp, h);
        mem_free(h);
        repl_submit(rp, acc.p, acc.len - 1, "<stdin>");
        acc.len = 0;
    }
    buf_free(&acc);
    buf_free(&tmp);
}

/* eddy repl [--format F] [--header] [--delimiter C] [APP.sql]: the format
 * is the default of \input, as --format is eddy run's. */
static int read_options(int argc, char **argv, FeedFormat *fmt, const char **app)
{
    char *opts[16];
    int n = 0;
    *app = NULL;
    for (int i = 2; i < argc; i++) {
        if (argv[i][0] != '-' && !*app) {
            *app = argv[i];
            continue;
        }
        if (argv[i][0] != '-' || n == 14) return -1;
        opts[n++] = argv[i];
        /* an option's value, unless given as --opt=value */
        if ((!strcmp(argv[i], "--format") || !strcmp(argv[i], "--delimiter")) && i + 1 < argc) opts[n++] = argv[++i];
    }
    if (!repl_parse_feed_format(opts, n, fmt, stderr)) return -1;
    return 0;
}

int repl_main(int argc, char **argv)
{
    Repl rp;
    memset(&rp, 0, sizeof rp);
    FeedFormat fmt = {FEED_NDJSON, ',', false, false};
    const char *app;
    static const char usage[] = "usage: eddy repl [--format ndjson|csv|lines] [--header] [--delimiter C] [APP.sql]\n"
                                "  (the format of the files \\input reads; \\help in the session lists its commands)\n";
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(usage, stdout);
            return 0;
        }
    if (read_options(argc, argv, &fmt, &app) < 0) {
        fputs(usage, stderr);
        return 2;
    }
    rp.tty = isatty(0) && isatty(1);

    if (pipe(sig_pipe) < 0) {
        perror("eddy: pipe");
        return 1;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
    }
    signal(SIGPIPE, SIG_IGN);
    /* a file grown to the size limit (ulimit -f) fails its write with EFBIG,
     * said like any failed write, instead of killing eddy without a word */
    signal(SIGXFSZ, SIG_IGN);
    /* a watched query's growing state must not make its rows wait for page faults, as under eddy run */
    mem_ahead_start();

    Engine *e = mem_calloc(1, sizeof *e);
    rp.e = e;
    e->fmt = fmt;
    e->wake_fd = sig_pipe[1];
    pthread_mutex_init(&e->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&e->cv, &ca);
    pthread_condattr_destroy(&ca);
    out_init(&e->out, 1, 1 << 14);
    arena_init(&e->tick_arena, 4096);
    e->last_tick = clock_now_ms();

    /* signals go to the main thread: the engine thread blocks them */
    sigset_t all, old;
    sigemptyset(&all);
    sigaddset(&all, SIGINT);
    sigaddset(&all, SIGTERM);
    sigaddset(&all, SIGQUIT);
    sigaddset(&all, SIGWINCH);
    sigaddset(&all, SIGTSTP);
    sigaddset(&all, SIGCONT);
    sigaddset(&all, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int err = pthread_create(&e->thread, NULL, repl_engine_main, e);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (err) {
        fprintf(stderr, "eddy: cannot start the engine thread: %s\n", strerror(err));
        return 1;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);

    if (rp.tty) {
        repl_edit_open(&rp);
        printf("eddy %s: continuous SQL for KDA applications. \\help for help, \\demo for data, \\q to quit.\n",
               PACKAGE_VERSION);
    }
    if (app) repl_run_file(&rp, app);
    repl_loop(&rp);

    pthread_mutex_lock(&e->mu);
    e->quit = true;
    pthread_cond_broadcast(&e->cv);
    pthread_mutex_unlock(&e->mu);
    pthread_join(e->thread, NULL);
    print_errors(e);
    fflush(stdout);

    repl_edit_close(&rp);
    buf_free(&e->errq);
    mem_free(e->names);
    pthread_mutex_destroy(&e->mu);
    pthread_cond_destroy(&e->cv);
    mem_free(e);
    close(sig_pipe[0]);
    close(sig_pipe[1]);
    rowtype_free_all();
    rx_free_all();
    /* as duckdb's shell: a script goes on after an error, and its exit status says there was one */
    return !rp.tty && rp.failures ? 1 : 0;
}
