/* Line editing on a terminal (libedit): the prompt, tab completion of
 * keywords, names and meta-commands, and the history kept in
 * ~/.eddy_history. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "src/runtime/mem.h"
#include "repl_int.h"

static Repl *the_repl;   /* for libedit's callbacks */

static char *prompt(EditLine *el)
{
    (void)el;
    return the_repl && the_repl->continuation ? "  ...> " : "eddy> ";
}

static const char *const keywords[] = {
    "SELECT", "STREAM", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "CREATE", "OR", "REPLACE", "PUMP",
    "INSERT", "INTO", "AS", "AND", "NOT", "NULL", "IS", "IN", "BETWEEN", "LIKE", "CASE", "WHEN", "THEN", "ELSE",
    "END", "CAST", "LIMIT", "UNION", "INTERSECT", "EXCEPT", "ALL", "DISTINCT", "WINDOW", "OVER", "PARTITION", "RANGE", "ROWS", "INTERVAL",
    "PRECEDING", "FOLLOWING", "CURRENT", "ROW", "ROWTIME", "JOIN", "ON", "LEFT", "RIGHT", "FULL", "OUTER",
    "INNER", "CROSS", "STAGGER", "WINDOWED", "FUNCTION", "RETURNS", "RETURN", "LANGUAGE", "SQL", "VARCHAR",
    "CHAR", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "DECIMAL", "REAL", "DOUBLE", "PRECISION", "BOOLEAN",
    "TIMESTAMP", "DATE", "TIME", "SECOND", "MINUTE", "HOUR", "DAY", "MONTH", "YEAR", "SHOW", "STREAMS", "PUMPS",
    "FUNCTIONS", "GRAPH", "DESCRIBE", "EXPLAIN", "DROP", "TRUE", "FALSE", "VALUES", "TUMBLE", "STEP", "FLOOR",
    "SOURCE_SQL_STREAM_001", "DESTINATION_SQL_STREAM", NULL,
};

static const char *const meta_commands[] = {"\\demo", "\\input", "\\mode", "\\o", "\\stats", "\\timing", "\\save",
                                            "\\i", "\\help", "\\q", NULL};

typedef struct Cands {
    const char *v[512];
    int n;
} Cands;

static void cand_add(Cands *c, const char *s)
{
    for (int i = 0; i < c->n; i++)
        if (!strcmp(c->v[i], s)) return;
    if (c->n < 512) c->v[c->n++] = s;
}

static void fn_cand(const FnDef *def, void *arg) { cand_add(arg, def->name); }

static unsigned char complete(EditLine *el, int ch)
{
    (void)ch;
    const LineInfo *li = el_line(el);
    const char *start = li->cursor;
    while (start > li->buffer && (isalnum((unsigned char)start[-1]) || start[-1] == '_' || start[-1] == '\\'))
        start--;
    size_t n = (size_t)(li->cursor - start);
    if (n == 0) return CC_ERROR;
    bool lower = true;
    for (size_t i = 0; i < n; i++)
        if (isupper((unsigned char)start[i])) lower = false;
    Cands c = {.n = 0};
    char *names = NULL;
    size_t names_len = 0;
    if (start[0] == '\\') {
        for (int i = 0; meta_commands[i]; i++) cand_add(&c, meta_commands[i]);
    } else {
        Engine *e = the_repl->e;
        pthread_mutex_lock(&e->mu);
        if (e->names) {
            names = mem_alloc(e->names_len + 1);
            memcpy(names, e->names, e->names_len);
            names_len = e->names_len;
        }
        pthread_mutex_unlock(&e->mu);
        for (size_t off = 0; names && off < names_len; off += strlen(names + off) + 1) cand_add(&c, names + off);
        for (int i = 0; keywords[i]; i++) cand_add(&c, keywords[i]);
        fn_each(fn_cand, &c);
    }
    const char *match[512];
    int nm = 0;
    for (int i = 0; i < c.n; i++)
        if (strlen(c.v[i]) >= n && strncasecmp(c.v[i], start, n) == 0) match[nm++] = c.v[i];
    unsigned char rc = CC_ERROR;
    if (nm > 0) {
        /* the longest common prefix */
        size_t common = strlen(match[0]);
        for (int i = 1; i < nm; i++) {
            size_t k = 0;
            while (k < common && toupper((unsigned char)match[i][k]) == toupper((unsigned char)match[0][k])) k++;
            common = k;
        }
        char add[256];
        size_t k = 0;
        for (size_t i = n; i < common && k + 2 < sizeof add; i++)
            add[k++] = lower && start[0] != '\\' ? (char)tolower((unsigned char)match[0][i]) : match[0][i];
        if (nm == 1 && k + 1 < sizeof add) add[k++] = ' ';
        add[k] = 0;
        if (k) {
            el_insertstr(el, add);
            rc = CC_REFRESH;
        } else if (nm > 1) {
            fputc('\n', stdout);
            for (int i = 0; i < nm; i++) printf("%s%s", i ? "  " : "", match[i]);
            fputc('\n', stdout);
            rc = CC_REDISPLAY;
        }
    }
    mem_free(names);
    return rc;
}

void repl_remember(Repl *rp, const char *text)
{
    if (!rp->hist) return;
    history(rp->hist, &rp->ev, H_ENTER, text);
    if (rp->hist_path) history(rp->hist, &rp->ev, H_SAVE, rp->hist_path);
}

/* Only on a terminal: a script's lines are read without libedit. */
void repl_edit_open(Repl *rp)
{
    the_repl = rp;
    rp->hist = history_init();
    history(rp->hist, &rp->ev, H_SETSIZE, 1000);
    history(rp->hist, &rp->ev, H_SETUNIQUE, 1);
    const char *home = getenv("HOME");
    if (home && *home) {
        size_t n = strlen(home) + 32;
        rp->hist_path = mem_alloc(n);
        snprintf(rp->hist_path, n, "%s/.eddy_history", home);
        history(rp->hist, &rp->ev, H_LOAD, rp->hist_path);
    }
    rp->el = el_init("eddy", stdin, stdout, stderr);
    el_set(rp->el, EL_PROMPT, prompt);
    el_set(rp->el, EL_EDITOR, "emacs");
    el_set(rp->el, EL_HIST, history, rp->hist);
    el_set(rp->el, EL_SIGNAL, 1);
    /* the wide form: el_set copies these strings and never frees them */
    el_wset(rp->el, EL_ADDFN, L"eddy-complete", L"complete a keyword or name", complete);
    el_set(rp->el, EL_BIND, "^I", "eddy-complete", NULL);
    el_source(rp->el, NULL);
}

/* Also when repl_edit_open was not called. */
void repl_edit_close(Repl *rp)
{
    if (rp->el) el_end(rp->el);
    if (rp->hist) history_end(rp->hist);
    mem_free(rp->hist_path);
}
