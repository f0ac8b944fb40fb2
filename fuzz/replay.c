/* fuzz_replay: runs every file of fuzz/corpus/<target>/ through its fuzz
 * target's entry point, with the normal compiler and no libFuzzer, so that
 * `make check` (src/run_tests.sh) replays the corpora, and under the ASan
 * build replays them under ASan.
 *
 *   fuzz_replay CORPUS_DIR           every target over CORPUS_DIR/<target>/:
 *                                    one PASS or FAIL line a target, then
 *                                    "N passed, N failed"
 *   fuzz_replay TARGET FILE...       one target over the files given
 *
 * Each target runs in a child process, so a crash fails that target only
 * and the line names the input it crashed on. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz_common.h"

/* a target's whole corpus takes well under a second (a few under ASan) */
#define REPLAY_TIMEOUT_S 60

typedef int (*FuzzFn)(const uint8_t *data, size_t size);

static const struct {
    const char *name;
    FuzzFn fn;
} TARGETS[] = {
    {"fuzz_sql", fuzz_sql_one},         {"fuzz_ndjson", fuzz_ndjson_one}, {"fuzz_csv", fuzz_csv_one},
    {"fuzz_run", fuzz_run_one},         {"fuzz_logparse", fuzz_logparse_one},
};
enum { NTARGETS = sizeof TARGETS / sizeof TARGETS[0] };

/* Runs one input; false if it could not be read. */
static bool replay_file(FuzzFn fn, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    Buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, n);
    bool ok = !ferror(f);
    fclose(f);
    /* a copy of exactly the file's size, so ASan sees a read past its end */
    uint8_t *data = mem_alloc(b.len ? b.len : 1);
    if (b.len) memcpy(data, b.p, b.len);
    if (ok) fn(data, b.len);
    mem_free(data);
    buf_free(&b);
    return ok;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The regular files of dir, sorted; NULL when dir cannot be read. */
static char **list_files(const char *dir, int *count)
{
    DIR *d = opendir(dir);
    if (!d) return NULL;
    int n = 0, cap = 64;
    char **names = mem_alloc(sizeof(char *) * (size_t)cap);
    struct dirent *de;
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        size_t len = strlen(dir) + strlen(de->d_name) + 2;
        char *path = mem_alloc(len);
        snprintf(path, len, "%s/%s", dir, de->d_name);
        struct stat st;
        if (stat(path, &st) || !S_ISREG(st.st_mode)) {
            mem_free(path);
            continue;
        }
        if (n == cap) {
            cap *= 2;
            names = mem_realloc(names, sizeof(char *) * (size_t)cap);
        }
        names[n++] = path;
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    *count = n;
    return names;
}

/* Runs fn over the files in a child; the child tells the parent each file
 * before running it, so that the parent can name the one that crashed.
 * Prints the target's PASS or FAIL line; true if it passed. */
static bool replay_target(const char *name, FuzzFn fn, char **files, int nfiles)
{
    int fds[2];
    if (pipe(fds)) {
        printf("FAIL %s: pipe: %s\n", name, strerror(errno));
        return false;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        printf("FAIL %s: fork: %s\n", name, strerror(errno));
        return false;
    }
    if (pid == 0) {
        close(fds[0]);
        /* an input that loops fails its target instead of hanging the suite */
        alarm(REPLAY_TIMEOUT_S);
        FILE *tell = fdopen(fds[1], "w");
        int unread = 0;
        for (int i = 0; i < nfiles; i++) {
            fprintf(tell, "%s\n", files[i]);
            fflush(tell);
            if (!replay_file(fn, files[i])) unread++;
        }
        fprintf(tell, "%s\n", unread ? "(unreadable files)" : "(done)");
        fclose(tell);
        exit(unread ? 3 : 0);   /* not _exit: LeakSanitizer checks at exit */
    }
    close(fds[1]);
    FILE *heard = fdopen(fds[0], "r");
    char last[4096] = "(none)", line[4096];
    while (fgets(line, sizeof line, heard)) {
        line[strcspn(line, "\n")] = 0;
        memcpy(last, line, sizeof last);
    }
    fclose(heard);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        printf("PASS %s: %d inputs replayed\n", name, nfiles);
        return true;
    }
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
        printf("FAIL %s: still running after %d s on %s\n", name, REPLAY_TIMEOUT_S, last);
    else if (WIFSIGNALED(status))
        printf("FAIL %s: killed by signal %d on %s\n", name, WTERMSIG(status), last);
    else
        printf("FAIL %s: exited %d on %s\n", name, WEXITSTATUS(status), last);
    return false;
}

static void free_files(char **files, int n)
{
    for (int i = 0; i < n; i++) mem_free(files[i]);
    mem_free(files);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: fuzz_replay CORPUS_DIR | fuzz_replay TARGET FILE...\n");
        return 2;
    }
    if (argc >= 3) {
        for (int t = 0; t < NTARGETS; t++)
            if (!strcmp(argv[1], TARGETS[t].name) || !strcmp(argv[1], TARGETS[t].name + 5))
                return replay_target(TARGETS[t].name, TARGETS[t].fn, argv + 2, argc - 2) ? 0 : 1;
        fprintf(stderr, "fuzz_replay: no target %s\n", argv[1]);
        return 2;
    }
    int passed = 0, failed = 0;
    for (int t = 0; t < NTARGETS; t++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", argv[1], TARGETS[t].name);
        int n = 0;
        char **files = list_files(dir, &n);
        bool ok;
        if (!files) {
            printf("FAIL %s: cannot read %s\n", TARGETS[t].name, dir);
            ok = false;
        } else if (n == 0) {
            printf("FAIL %s: %s has no inputs\n", TARGETS[t].name, dir);
            ok = false;
        } else {
            ok = replay_target(TARGETS[t].name, TARGETS[t].fn, files, n);
        }
        if (files) free_files(files, n);
        ok ? passed++ : failed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
