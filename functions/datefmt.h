/* Java SimpleDateFormat patterns, as the date-time conversion functions
 * use them (CHAR_TO_TIMESTAMP, TIMESTAMP_TO_CHAR, ...). A pattern is
 * compiled once into fields and literal text; formatting and parsing
 * then walk that list. Times are UTC milliseconds, the US English
 * locale's names, the proleptic Gregorian calendar, weeks starting on
 * Sunday with week 1 the week of January 1 (Java's US defaults).
 * Parsing is SimpleDateFormat's non-lenient mode: every field must be in
 * range and agree with the date the fields resolve to. */
#ifndef EDDY_DATEFMT_H
#define EDDY_DATEFMT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DATEFMT_MAX_ITEMS 64    /* fields and literal runs in one pattern */
#define DATEFMT_MAX_TEXT 256    /* bytes of literal text in one pattern */
#define DATEFMT_MAX_COUNT 64    /* letters repeated in one field */

typedef struct DateFmtItem {
    char letter;        /* pattern letter; 0 for literal text */
    uint8_t numeric;    /* a number (not a name) when formatted or parsed */
    uint16_t count;     /* letter repeated; literal: byte length */
    uint16_t off;       /* literal: offset into DateFmt.text */
} DateFmtItem;

typedef struct DateFmt {
    int n;
    uint16_t ntext;
    DateFmtItem items[DATEFMT_MAX_ITEMS];
    char text[DATEFMT_MAX_TEXT];
} DateFmt;

/* Compiles pattern p. On error returns false with the reason in why
 * ("illegal pattern character 'T'", "unterminated quote", ...). */
bool datefmt_compile(DateFmt *f, const char *p, size_t n, char *why, size_t whysize);

/* Bytes datefmt_format may write for f. */
size_t datefmt_max_len(const DateFmt *f);

/* Writes ms (UTC milliseconds) as f says; returns the bytes written. */
size_t datefmt_format(const DateFmt *f, int64_t ms, char *out);

/* Parses s with f into UTC milliseconds. Text after the last pattern
 * element is ignored, as SimpleDateFormat does. Omitted fields take
 * 1970, January, day 1 and 00:00:00.000. A two-letter year ("yy") of
 * exactly two digits lands within 80 years before and 20 years after
 * now_ms. On error returns false with the reason in why. */
bool datefmt_parse(const DateFmt *f, const char *s, size_t n, int64_t now_ms, int64_t *ms, char *why,
                   size_t whysize);

#endif
