/* Diagnostics: collected with byte spans, rendered as file:line:col with
 * the source line and carets only when shown. */
#ifndef EDDY_DIAG_H
#define EDDY_DIAG_H
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct Span {
    uint32_t off, len;
} Span;

static inline Span span_make(uint32_t off, uint32_t len) { Span s = {off, len}; return s; }
/* Smallest span covering a and b (either may be empty). */
Span span_join(Span a, Span b);

typedef enum DiagLevel { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } DiagLevel;

typedef struct Diag {
    DiagLevel level;
    Span span;
    bool has_span;
    char *msg;
} Diag;

typedef struct DiagList {
    const char *file;      /* shown name: "app.sql", "<command line>" */
    const char *src;
    uint32_t src_len;
    Diag *items;
    int n, cap;
    int errors;
} DiagList;

void diag_init(DiagList *d, const char *file, const char *src, uint32_t len);
void diag_free(DiagList *d);
void diag_error(DiagList *d, Span at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_warning(DiagList *d, Span at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_note(DiagList *d, Span at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void diag_error_nospan(DiagList *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_render(const DiagList *d, FILE *out);   /* in source order */
/* Orders items from index `from` on by position, keeping equal ones in order. */
void diag_sort(DiagList *d, int from);
void diag_render_one(const DiagList *d, const Diag *g, FILE *out);

/* Line and column (1-based, column in characters) of a byte offset. */
void diag_position(const char *src, uint32_t len, uint32_t off, int *line, int *col);

/* Of the candidates, the one nearest to name (case-insensitive edit
 * distance), if near enough to be a plausible typo; else NULL. */
const char *diag_suggest(const char *name, const char *const *candidates, int n);
/* That edit distance (insertions, deletions, substitutions; case ignored). */
int diag_distance(const char *a, const char *b);

#endif
