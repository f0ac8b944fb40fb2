/* The backslash commands, read on the main thread; those that touch the
 * application are carried out on the engine thread (feed_cmds.c). Also
 * the habits of other shells, where SQL would start: help, quit and exit
 * (psql) and the .commands of duckdb's shell. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/runtime/mem.h"
#include "repl_int.h"

static char *read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    Buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_put(&b, chunk, n);
    fclose(f);
    buf_putc(&b, 0);
    *len = b.len - 1;
    return b.p;
}

void repl_run_file(Repl *rp, const char *path)
{
    size_t len;
    char *text = read_whole(path, &len);
    if (!text) {
        printf("error: cannot read %s: %s\n", path, strerror(errno));
        rp->failures++;
        return;
    }
    if (strlen(text) != len) printf("%s: error: the SQL text contains a NUL byte\n", path), rp->failures++;
    else repl_submit(rp, text, len, path);
    mem_free(text);
}

/* --format F, --header, --delimiter C (and --opt=value), as eddy run reads them. */
bool repl_parse_feed_format(char **words, int n, FeedFormat *f, FILE *msg)
{
    for (int i = 0; i < n; i++) {
        char *w = words[i], *val = NULL;
        char *eq = strchr(w, '=');
        if (!strncmp(w, "--", 2) && eq) *eq = 0, val = eq + 1;
        if (!strcmp(w, "--header")) {
            f->header = f->given = true;
            continue;
        }
        if (strcmp(w, "--format") && strcmp(w, "--delimiter")) {
            fprintf(msg, "unknown option %s: --format ndjson|csv|lines, --header, --delimiter C\n", w);
            return false;
        }
        if (!val && i + 1 < n) val = words[++i];
        if (!val) {
            fprintf(msg, "%s needs a value\n", w);
            return false;
        }
        if (!strcmp(w, "--delimiter")) {
            if (!strcmp(val, "tab") || !strcmp(val, "\\t")) f->delimiter = '\t';
            else if (strlen(val) == 1) f->delimiter = val[0];
            else {
                fprintf(msg, "--delimiter takes one character (or 'tab')\n");
                return false;
            }
            f->format = FEED_CSV;
        } else if (!strcmp(val, "ndjson") || !strcmp(val, "json")) {
            f->format = FEED_NDJSON;
        } else if (!strcmp(val, "csv")) {
            f->format = FEED_CSV;
        } else if (!strcmp(val, "lines")) {
            f->format = FEED_LINES;
        } else {
            fprintf(msg, "unknown --format '%s': expected ndjson, csv or lines\n", val);
            return false;
        }
        f->given = true;
    }
    return true;
}

/* \command args: the meta-commands. */
void repl_meta(Repl *rp, char *line)
{
    char *words[16];
    int n = 0;
    char *save;
    for (char *w = strtok_r(line, " \t", &save); w && n < 16; w = strtok_r(NULL, " \t", &save)) words[n++] = w;
    if (n == 0) return;
    const char *cmd = words[0], *a1 = n > 1 ? words[1] : NULL;
    double t0 = repl_mono_ms();
    Req r = {0};
    if (!strcmp(cmd, "\\q") || !strcmp(cmd, "\\quit") || !strcmp(cmd, "\\exit")) {
        rp->quit = true;
        return;
    } else if (!strcmp(cmd, "\\help") || !strcmp(cmd, "\\h") || !strcmp(cmd, "\\?")) {
        char topic[128] = "";
        for (int i = 1; i < n; i++) snprintf(topic + strlen(topic), sizeof topic - strlen(topic), "%s%s", i > 1 ? " " : "", words[i]);
        repl_help(topic);
        return;
    } else if (!strcmp(cmd, "\\timing")) {
        if (a1 && !strcasecmp(a1, "on")) rp->timing = true;
        else if (a1 && !strcasecmp(a1, "off")) rp->timing = false;
        else rp->timing = !rp->timing;
        printf("Timing is %s.\n", rp->timing ? "on" : "off");
        return;
    } else if (!strcmp(cmd, "\\i") || !strcmp(cmd, "\\include")) {
        if (!a1) printf("usage: \\i FILE\n"), rp->failures++;
        else repl_run_file(rp, a1);
        return;
    } else if (!strcmp(cmd, "\\demo")) {
        r.kind = RQ_DEMO;
        r.text = a1;
    } else if (!strcmp(cmd, "\\input")) {
        if (n == 2) {
            printf("usage: \\input STREAM FILE [--format ndjson|csv|lines] [--header] [--delimiter C]\n");
            rp->failures++;
            return;
        }
        r.kind = RQ_FEED;
        r.text = a1;
        r.file = n > 2 ? words[2] : NULL;
        r.fmt = rp->e->fmt;
        r.fmt.given = false;
        if (n > 3 && !repl_parse_feed_format(words + 3, n - 3, &r.fmt, stdout)) {
            rp->failures++;
            return;
        }
    } else if (!strcmp(cmd, "\\stats")) {
        r.kind = RQ_STATS;
    } else if (!strcmp(cmd, "\\save")) {
        if (!a1) {
            printf("usage: \\save FILE\n");
            rp->failures++;
            return;
        }
        r.kind = RQ_SAVE;
        r.text = a1;
    } else if (!strcmp(cmd, "\\mode")) {
        r.kind = RQ_MODE;
        r.text = a1;
    } else if (!strcmp(cmd, "\\o") || !strcmp(cmd, "\\out") || !strcmp(cmd, "\\output")) {
        r.kind = RQ_OUTPUT;
        r.text = a1;
    } else {
        printf("unknown command %s: \\help lists them\n", cmd);
        rp->failures++;
        return;
    }
    repl_call(rp->e, &r);
    repl_reply(&r);
    if (!r.ok) rp->failures++;
    if (rp->timing) printf("Time: %.3f ms\n", repl_mono_ms() - t0);
}

/* duckdb's shell: the .commands eddy has, as their backslash forms. */
static const struct { const char *dot, *backslash; } dot_commands[] = {
    {".help", "\\help"}, {".quit", "\\q"}, {".exit", "\\q"}, {".mode", "\\mode"}, {".output", "\\o"},
    {".once", "\\o"}, {".timer", "\\timing"}, {".read", "\\i"}, {".save", "\\save"},
};

bool repl_habit(Repl *rp, char *line)
{
    char word[16];
    size_t k = 0;
    const char *p = line;
    while (*p && !isspace((unsigned char)*p) && *p != ';' && k + 1 < sizeof word) word[k++] = (char)tolower((unsigned char)*p++);
    word[k] = 0;
    const char *after = p;
    while (*after == ';' || isspace((unsigned char)*after)) after++;
    bool alone = !*after;
    /* psql: help, quit and exit alone on a line (a ';' after them too) */
    if (alone && (!strcmp(word, "quit") || !strcmp(word, "exit"))) {
        rp->quit = true;
        return true;
    }
    if (alone && !strcmp(word, "help")) {
        repl_help(NULL);
        return true;
    }
    if (word[0] != '.' || !isalpha((unsigned char)word[1])) return false;
    if (!strcmp(word, ".tables") || !strcmp(word, ".schema")) {
        char cmd[300];
        int len = (int)strcspn(after, ";");
        if (alone || !strcmp(word, ".tables")) snprintf(cmd, sizeof cmd, "SHOW STREAMS");
        else snprintf(cmd, sizeof cmd, "DESCRIBE %.*s", len, after);
        repl_submit(rp, cmd, strlen(cmd), "<stdin>");
        return true;
    }
    for (size_t i = 0; i < sizeof dot_commands / sizeof dot_commands[0]; i++)
        if (!strcmp(word, dot_commands[i].dot)) {
            Buf b = {0};
            buf_puts(&b, dot_commands[i].backslash);
            buf_puts(&b, p);
            buf_putc(&b, 0);
            repl_meta(rp, b.p);
            buf_free(&b);
            return true;
        }
    printf("unknown command %s: eddy knows duckdb's .mode, .output, .timer, .read, .tables, .schema, .help and .quit; "
           "\\help lists its own\n", word);
    rp->failures++;
    return true;
}
