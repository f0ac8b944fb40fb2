/* Compiled PCRE2 patterns for the regex and log-parsing functions. A
 * pattern is compiled (and JIT-compiled where PCRE2 can) once per distinct
 * text and kept for the life of the process with its match data, so a
 * match costs no allocation per record. */
#ifndef EDDY_REGEX_H
#define EDDY_REGEX_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

typedef struct Regex {
    pcre2_code *code;
    pcre2_match_data *match;
    uint32_t groups;          /* capture groups */
    uint32_t compile_options;
} Regex;

/* NULL with a message (and the offset of the problem in *erroff) when the
 * pattern does not compile. `options` are PCRE2 compile options. */
const Regex *rx_compile(const char *pattern, size_t len, uint32_t options, char *err, size_t errsize, size_t *erroff);

/* Match subject from offset; returns the number of pairs in ovector (>0)
 * on a match, 0 for no match, <0 for a matching error. */
int rx_match(const Regex *rx, const char *subject, size_t len, size_t offset, uint32_t options);
/* Where the shortest (else the longest) match of rx at offset ends: -1 if
 * there is none, below -1 on a matching error. DFA matching sees every way
 * the pattern can match, so the shortest is the shortest there is, not the
 * first that backtracking would find. rx must be compiled anchored. */
long rx_match_end(const Regex *rx, const char *subject, size_t len, size_t offset, bool shortest);

/* pcre2_match for every regex of eddy: JIT-compiled code runs on a JIT
 * stack that grows (by 4, from 256 KB to 64 MB) each time it runs out, and
 * past its largest the interpreter runs instead, so a long value never
 * fails for want of stack. The result is pcre2_match's. */
int rx_pcre2_match(const pcre2_code *code, const char *subject, size_t len, size_t offset, uint32_t options,
                   pcre2_match_data *md);
/* PCRE2's message for a pcre2_match error code, in buf. */
const char *rx_error_message(int rc, char *buf, size_t size);
static inline PCRE2_SIZE *rx_ovector(const Regex *rx) { return pcre2_get_ovector_pointer(rx->match); }

void rx_free_all(void);

#endif
