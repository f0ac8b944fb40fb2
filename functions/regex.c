#include "regex.h"

#include <string.h>

#include "src/runtime/mem.h"

typedef struct Entry {
    char *text;
    size_t len;
    uint32_t options;
    Regex rx;
} Entry;

/* each entry has its own allocation: callers keep &entry->rx for good */
static Entry **entries;
static int nentries, cap;

const Regex *rx_compile(const char *pattern, size_t len, uint32_t options, char *err, size_t errsize, size_t *erroff)
{
    for (int i = 0; i < nentries; i++)
        if (entries[i]->len == len && entries[i]->options == options && memcmp(entries[i]->text, pattern, len) == 0)
            return &entries[i]->rx;
    int code;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, len, options | PCRE2_UTF, &code, &off, NULL);
    if (!re) {
        PCRE2_UCHAR buf[256];
        pcre2_get_error_message(code, buf, sizeof buf);
        if (err) {
            strncpy(err, (const char *)buf, errsize - 1);
            err[errsize - 1] = 0;
        }
        if (erroff) *erroff = off;
        return NULL;
    }
    pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);   /* falls back to the interpreter if JIT is unavailable */
    if (nentries == cap) {
        cap = cap ? cap * 2 : 16;
        entries = mem_realloc(entries, sizeof *entries * (size_t)cap);
    }
    Entry *e = mem_alloc(sizeof *e);
    entries[nentries++] = e;
    e->text = mem_strndup(pattern, len);
    e->len = len;
    e->options = options;
    e->rx.code = re;
    e->rx.compile_options = options;
    e->rx.match = pcre2_match_data_create_from_pattern(re, NULL);
    uint32_t groups = 0;
    pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &groups);
    e->rx.groups = groups;
    return &e->rx;
}

int rx_match(const Regex *rx, const char *subject, size_t len, size_t offset, uint32_t options)
{
    /* anchoring asked for at match time would turn the JIT off: when the
     * pattern was compiled anchored, the request is already met */
    options &= ~(rx->compile_options & (PCRE2_ANCHORED | PCRE2_ENDANCHORED));
    int rc = pcre2_match(rx->code, (PCRE2_SPTR)subject, len, offset, options, rx->match, NULL);
    if (rc == PCRE2_ERROR_NOMATCH) return 0;
    if (rc == 0) return (int)pcre2_get_ovector_count(rx->match);
    return rc;
}

long rx_match_end(const Regex *rx, const char *subject, size_t len, size_t offset, bool shortest)
{
    int workspace[2048];
    int rc = pcre2_dfa_match(rx->code, (PCRE2_SPTR)subject, len, offset, shortest ? PCRE2_DFA_SHORTEST : 0,
                             rx->match, NULL, workspace, (PCRE2_SIZE)(sizeof workspace / sizeof workspace[0]));
    if (rc == PCRE2_ERROR_NOMATCH) return -1;
    if (rc < 0) return rc < -1 ? rc : -2;
    /* rc == 0: more matches than the ovector holds; the longest comes first */
    return (long)pcre2_get_ovector_pointer(rx->match)[1];
}

void rx_free_all(void)
{
    for (int i = 0; i < nentries; i++) {
        pcre2_match_data_free(entries[i]->rx.match);
        pcre2_code_free(entries[i]->rx.code);
        mem_free(entries[i]->text);
        mem_free(entries[i]);
    }
    mem_free(entries);
    entries = NULL;
    nentries = cap = 0;
}
