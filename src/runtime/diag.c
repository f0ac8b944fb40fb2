#include "diag.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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

static void add(DiagList *d, DiagLevel level, bool has_span, Span at, const char *fmt, va_list ap)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->items = mem_realloc(d->items, (size_t)d->cap * sizeof *d->items);
    }
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    /* one fault reached by several paths (a named window used by several
     * calls) is reported once */
    for (int i = 0; i < d->n; i++)
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

void diag_position(const char *src, uint32_t len, uint32_t off, int *line, int *col)
{
    int l = 1, c = 1;
    if (off > len) off = len;
    for (uint32_t i = 0; i < off; i++) {
        if (src[i] == '\n') l++, c = 1;
        else if (!is_cont((unsigned char)src[i])) c++;
    }
    *line = l;
    *col = c;
}

void diag_render_one(const DiagList *d, const Diag *g, FILE *out)
{
    static const char *const names[] = {"error", "warning", "note"};
    if (!g->has_span || !d->src) {
        fprintf(out, "%s: %s: %s\n", d->file ? d->file : "eddy", names[g->level], g->msg);
        return;
    }
    int line, col;
    diag_position(d->src, d->src_len, g->span.off, &line, &col);
    fprintf(out, "%s:%d:%d: %s: %s\n", d->file, line, col, names[g->level], g->msg);
    /* the source line, then carets under the span (clipped to the line) */
    uint32_t off = g->span.off > d->src_len ? d->src_len : g->span.off;
    uint32_t ls = off, le = off;
    while (ls > 0 && d->src[ls - 1] != '\n') ls--;
    while (le < d->src_len && d->src[le] != '\n') le++;
    fputs("  ", out);
    for (uint32_t i = ls; i < le; i++) fputc(d->src[i] == '\t' ? ' ' : d->src[i], out);
    fputs("\n  ", out);
    for (uint32_t i = ls; i < off; i++)
        if (!is_cont((unsigned char)d->src[i])) fputc(' ', out);
    uint32_t end = off + (g->span.len ? g->span.len : 1);
    if (end > le) end = le > off ? le : off + 1;
    int carets = 0;
    for (uint32_t i = off; i < end; i++)
        if (i >= le || !is_cont((unsigned char)d->src[i])) carets++;
    if (carets == 0) carets = 1;
    for (int i = 0; i < carets; i++) fputc('^', out);
    fputc('\n', out);
}

void diag_render(const DiagList *d, FILE *out)
{
    /* in source order (insertion sort keeps equal positions stable) */
    int *order = mem_alloc(sizeof(int) * (size_t)(d->n ? d->n : 1));
    for (int i = 0; i < d->n; i++) {
        int j = i;
        uint32_t key = d->items[i].has_span ? d->items[i].span.off : 0;
        while (j > 0) {
            const Diag *p = &d->items[order[j - 1]];
            if ((p->has_span ? p->span.off : 0) <= key) break;
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    for (int i = 0; i < d->n; i++) diag_render_one(d, &d->items[order[i]], out);
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
    for (int i = from + 1; i < d->n; i++) {
        Diag x = d->items[i];
        uint32_t key = x.has_span ? x.span.off : 0;
        int j = i;
        while (j > from && (d->items[j - 1].has_span ? d->items[j - 1].span.off : 0) > key) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = x;
    }
}
