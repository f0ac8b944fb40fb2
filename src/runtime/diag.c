#include "diag.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"

Span span_join(Span a, Span b)
{
    if (a.len == 0 && a.off == 0) return b;
    if (b.len == 0 && b.off == 0) return a;
    uint32_t lo = a.off < b.off ? a.off : b.off;
    uint32_t hi = a.off + a.len > b.off + b.len ? a.off + a.len : b.off + b.len;
    return span_make(lo, hi - lo);
}

void diag_init(DiagList *d, const char *file, const char *src, uint32_t len)
{
    memset(d, 0, sizeof *d);
    d->file = file;
    d->src = src;
    d->src_len = len;
}

void diag_free(DiagList *d)
{
    for (int i = 0; i < d->n; i++) mem_free(d->items[i].msg);
    mem_free(d->items);
    d->items = NULL;
    d->n = d->cap = d->errors = 0;
}

enum { DIAG_DEDUP_WINDOW = 1000 };

static void add(DiagList *d, DiagLevel level, bool has_span, Span at, const char *fmt, va_list ap)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->items = mem_realloc(d->items, (size_t)d->cap * sizeof *d->items);
    }
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    /* one fault reached by several paths (a named window used by several
     * calls) is reported once; those paths are close together, so only the
     * latest diagnostics are compared (thousands of faults stay linear) */
    for (int i = d->n > DIAG_DEDUP_WINDOW ? d->n - DIAG_DEDUP_WINDOW : 0; i < d->n; i++)
        if (d->items[i].level == level && d->items[i].has_span == has_span && d->items[i].span.off == at.off &&
            d->items[i].span.len == at.len && strcmp(d->items[i].msg, buf) == 0) {
            if (level == DIAG_ERROR) d->errors++;   /* still counted: callers compare counts to see a failure */
            return;
        }
    Diag *g = &d->items[d->n++];
    g->level = level;
    g->span = at;
    g->has_span = has_span;
    g->msg = mem_strdup(buf);
    if (level == DIAG_ERROR) d->errors++;
}

#define DEFINE_DIAG(fn, level)                                   \
    void fn(DiagList *d, Span at, const char *fmt, ...)          \
    {                                                            \
        va_list ap;                                              \
        va_start(ap, fmt);                                       \
        add(d, level, true, at, fmt, ap);                        \
        va_end(ap);                                              \
    }
DEFINE_DIAG(diag_error, DIAG_ERROR)
DEFINE_DIAG(diag_warning, DIAG_WARNING)
DEFINE_DIAG(diag_note, DIAG_NOTE)

void diag_error_nospan(DiagList *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add(d, DIAG_ERROR, false, span_make(0, 0), fmt, ap);
    va_end(ap);
}

static bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Where rendering got to: diagnostics shown in source order count lines
 * and columns on from the previous one, not from the start each time. */
typedef struct Cursor {
    uint32_t off, bol;   /* a position, and the start of its line */
    int line, col;
} Cursor;

static void position_from(const char *src, uint32_t len, Cursor *cur, uint32_t off, int *line, int *col)
{
    if (off > len) off = len;
    if (off < cur->off) *cur = (Cursor){0, 0, 1, 1};
    for (uint32_t i = cur->off; i < off; i++) {
        if (src[i] == '\n') cur->line++, cur->col = 1, cur->bol = i + 1;
        else if (!is_cont((unsigned char)src[i])) cur->col++;
    }
    cur->off = off;
    *line = cur->line;
    *col = cur->col;
}

void diag_position(const char *src, uint32_t len, uint32_t off, int *line, int *col)
{
    Cursor cur = {0, 0, 1, 1};
    position_from(src, len, &cur, off, line, col);
}

/* A source line longer than twice this (in characters) is echoed as a
 * window around the caret, this much on each side where the line allows:
 * one huge line (a generated statement, a 1 MB identifier) must not become
 * megabytes of diagnostics. */
#define DIAG_CONTEXT 100

/* The byte offset `chars` characters before (dir < 0) or after `from`,
 * stopping at `limit` and, going forward, at the end of the line. */
static uint32_t step_chars(const char *s, uint32_t from, uint32_t limit, int dir, int chars)
{
    uint32_t i = from;
    if (dir < 0) {
        while (i > limit && chars > 0) {
            i--;
            if (!is_cont((unsigned char)s[i])) chars--;
        }
        while (i > limit && is_cont((unsigned char)s[i])) i--;
    } else {
        while (i < limit && s[i] != '\n') {
            if (!is_cont((unsigned char)s[i]) && chars-- == 0) break;
            i++;
        }
    }
    return i;
}

static void render(const DiagList *d, const Diag *g, Cursor *cur, FILE *out)
{
    static const char *const names[] = {"error", "warning", "note"};
    if (!g->has_span || !d->src) {
        fprintf(out, "%s: %s: %s\n", d->file ? d->file : "eddy", names[g->level], g->msg);
        return;
    }
    int line, col;
    position_from(d->src, d->src_len, cur, g->span.off, &line, &col);
    fprintf(out, "%s:%d:%d: %s: %s\n", d->file, line, col, names[g->level], g->msg);
    /* the source line, then carets under the span (clipped to the line);
     * a long line is cut to a window around the caret, marked by "...".
     * Built in a buffer: standard error is unbuffered. */
    const char *src = d->src;
    uint32_t off = cur->off, ls = cur->bol;
    uint32_t ws = step_chars(src, off, ls, -1, DIAG_CONTEXT);
    uint32_t we = step_chars(src, ws, d->src_len, +1, 2 * DIAG_CONTEXT);
    bool line_end = we == d->src_len || src[we] == '\n';
    if (line_end) ws = step_chars(src, we, ls, -1, 2 * DIAG_CONTEXT);   /* near the end: show the line's last part */
    bool cut_left = ws > ls, cut_right = !line_end;
    Buf b = {0};
    buf_puts(&b, cut_left ? "  ..." : "  ");
    for (uint32_t i = ws; i < we; i++) buf_putc(&b, src[i] == '\t' ? ' ' : src[i]);
    buf_puts(&b, cut_right ? "...\n  " : "\n  ");
    if (cut_left) buf_puts(&b, "   ");
    for (uint32_t i = ws; i < off; i++)
        if (!is_cont((unsigned char)src[i])) buf_putc(&b, ' ');
    uint32_t end = off + (g->span.len ? g->span.len : 1);
    if (end > we) end = we > off ? we : off + 1;
    int carets = 0;
    for (uint32_t i = off; i < end; i++)
        if (i >= we || !is_cont((unsigned char)src[i])) carets++;
    if (carets == 0) carets = 1;
    for (int i = 0; i < carets; i++) buf_putc(&b, '^');
    buf_putc(&b, '\n');
    fwrite(b.p, 1, b.len, out);
    buf_free(&b);
}

void diag_render_one(const DiagList *d, const Diag *g, FILE *out)
{
    Cursor cur = {0, 0, 1, 1};
    render(d, g, &cur, out);
}

/* Diagnostics by position, equal positions in the order they were made. */
typedef struct Ranked {
    uint32_t key;
    int index;
} Ranked;

static int by_position(const void *a, const void *b)
{
    const Ranked *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

static Ranked *rank(const Diag *items, int n)
{
    Ranked *r = mem_alloc(sizeof *r * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) r[i] = (Ranked){items[i].has_span ? items[i].span.off : 0, i};
    qsort(r, (size_t)n, sizeof *r, by_position);
    return r;
}

void diag_render(const DiagList *d, FILE *out)
{
    Ranked *order = rank(d->items, d->n);
    Cursor cur = {0, 0, 1, 1};
    for (int i = 0; i < d->n; i++) render(d, &d->items[order[i].index], &cur, out);
    mem_free(order);
}

int diag_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return 99;
    int row[65];
    for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int prev = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cur = row[j];
            int cost = toupper((unsigned char)a[i - 1]) != toupper((unsigned char)b[j - 1]);
            int best = prev + cost;
            if (row[j] + 1 < best) best = row[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            prev = cur;
        }
    }
    return row[lb];
}

const char *diag_suggest(const char *name, const char *const *candidates, int n)
{
    const char *best = NULL;
    int bestd = 99;
    size_t len = strlen(name);
    int limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    for (int i = 0; i < n; i++) {
        int dd = diag_distance(name, candidates[i]);
        if (dd < bestd) bestd = dd, best = candidates[i];
    }
    return bestd <= limit ? best : NULL;
}

void diag_sort(DiagList *d, int from)
{
    int n = d->n - from;
    if (n < 2) return;
    Ranked *order = rank(d->items + from, n);
    Diag *sorted = mem_alloc(sizeof *sorted * (size_t)n);
    for (int i = 0; i < n; i++) sorted[i] = d->items[from + order[i].index];
    memcpy(d->items + from, sorted, sizeof *sorted * (size_t)n);
    mem_free(sorted);
    mem_free(order);
}
