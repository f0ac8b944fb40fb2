/* measure: run one command and report what it cost.
 *
 *   measure [-i INPUT] [-o OUTPUT | -c] -- COMMAND [ARG...]
 *
 *   -i INPUT   the command's standard input (default /dev/null)
 *   -o OUTPUT  the command's standard output (default /dev/null)
 *   -c         send standard output through a pipe and count it instead,
 *              adding out_bytes= and out_lines= (a cheap correctness check
 *              on a filter's selectivity; costs the command a pipe write)
 *
 * Prints one line of key=value on standard output, e.g.
 *   wall=1.234 cpu=1.200 user=1.100 sys=0.100 maxrss_kb=5120
 * cpu and maxrss_kb come from wait4's rusage of that one child, so neither
 * the shell nor this program is counted. Exits 0 only if the command exited
 * 0; otherwise the line still appears, with status=, and measure exits 1.
 * The command's standard error passes through untouched.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* pipe2, F_SETPIPE_SZ */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double tv_s(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

static void usage(void)
{
    fprintf(stderr, "usage: measure [-i INPUT] [-o OUTPUT | -c] -- COMMAND [ARG...]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *in_path = "/dev/null", *out_path = "/dev/null";
    int count = 0, argi = 1;
    for (; argi < argc; argi++) {
        if (strcmp(argv[argi], "--") == 0) {
            argi++;
            break;
        } else if (strcmp(argv[argi], "-i") == 0 && argi + 1 < argc) {
            in_path = argv[++argi];
        } else if (strcmp(argv[argi], "-o") == 0 && argi + 1 < argc) {
            out_path = argv[++argi];
        } else if (strcmp(argv[argi], "-c") == 0) {
            count = 1;
        } else {
            usage();
        }
    }
    if (argi >= argc) usage();

    /* Open files before forking, so a bad path is reported here and not
     * mistaken for a failure of the command being measured. */
    int in_fd = open(in_path, O_RDONLY | O_CLOEXEC);
    if (in_fd < 0) {
        fprintf(stderr, "measure: %s: %s\n", in_path, strerror(errno));
        return 2;
    }
    int out_fd, pipe_fd[2] = {-1, -1};
    if (count) {
        if (pipe2(pipe_fd, O_CLOEXEC) != 0) {
            perror("measure: pipe");
            return 2;
        }
        /* A bigger pipe means fewer context switches per MB for the command,
         * closer to what writing to a file costs it. Best effort. */
        (void)fcntl(pipe_fd[1], F_SETPIPE_SZ, 1 << 20);
        out_fd = pipe_fd[1];
    } else {
        out_fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (out_fd < 0) {
            fprintf(stderr, "measure: %s: %s\n", out_path, strerror(errno));
            return 2;
        }
    }

    double t0 = now_s();
    pid_t pid = fork();
    if (pid < 0) {
        perror("measure: fork");
        return 2;
    }
    if (pid == 0) {
        if (dup2(in_fd, STDIN_FILENO) < 0 || dup2(out_fd, STDOUT_FILENO) < 0) _exit(127);
        execvp(argv[argi], argv + argi);
        fprintf(stderr, "measure: %s: %s\n", argv[argi], strerror(errno));
        _exit(127);
    }
    close(in_fd);
    close(out_fd);

    unsigned long long out_bytes = 0, out_lines = 0;
    if (count) {
        static char buf[1 << 16];
        for (;;) {
            ssize_t n = read(pipe_fd[0], buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            out_bytes += (unsigned long long)n;
            for (char *p = buf, *e = buf + n; (p = memchr(p, '\n', (size_t)(e - p))); p++)
                out_lines++;
        }
        close(pipe_fd[0]);
    }

    int status;
    struct rusage ru;
    pid_t w;
    while ((w = wait4(pid, &status, 0, &ru)) < 0 && errno == EINTR) {}
    double wall = now_s() - t0;
    if (w < 0) {
        perror("measure: wait4");
        return 2;
    }

    double user = tv_s(ru.ru_utime), sys = tv_s(ru.ru_stime);
    printf("wall=%.3f cpu=%.3f user=%.3f sys=%.3f maxrss_kb=%ld", wall, user + sys, user, sys,
           ru.ru_maxrss);
    if (count) printf(" out_bytes=%llu out_lines=%llu", out_bytes, out_lines);
    int ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok) {
        if (WIFSIGNALED(status))
            printf(" status=signal%d", WTERMSIG(status));
        else
            printf(" status=%d", WEXITSTATUS(status));
    }
    putchar('\n');
    return ok ? 0 : 1;
}
