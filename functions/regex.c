#include "regex.h"

#include <stdio.h>
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

/* PCRE2's JIT matcher runs on a 32 KB stack unless given one: a repeated
 * group over a value of ~1,400 characters ran out of it ("JIT stack limit
 * reached") and a valid row went to the error stream. The stack needed
 * grows with the subject, so one is made on demand and replaced by a
 * larger one when it runs out; its memory is reserved, and only used as
 * the match goes deep. */
enum { RX_JIT_STACK_FIRST = 256 * 1024, RX_JIT_STACK_MAX = 64 * 1024 * 1024 };
static pcre2_match_context *mctx;
static pcre2_jit_stack *jit_stack;
static size_t jit_stack_size;

static bool grow_jit_stack(void)
{
    size_t size = jit_stack_size ? jit_stack_size * 4 : RX_JIT_STACK_FIRST;
    if (size > RX_JIT_STACK_MAX) return false;
    pcre2_jit_stack *s = pcre2_jit_stack_create(32 * 1024, size, NULL);
    if (!s) return false;
    pcre2_jit_stack_assign(mctx, NULL, s);
    pcre2_jit_stack_free(jit_stack);
    jit_stack = s;
    jit_stack_size = size;
    return true;
}

int rx_pcre2_match(const pcre2_code *code, const char *subject, size_t len, size_t offset, uint32_t options,
                   pcre2_match_data *md)
{
    if (!mctx) mctx = pcre2_match_context_create(NULL);
    int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, offset, options, md, mctx);
    while (rc == PCRE2_ERROR_JIT_STACKLIMIT && grow_jit_stack())
        rc = pcre2_match(code, (PCRE2_SPTR)subject, len, offset, options, md, mctx);
    /* the interpreter keeps its backtracking on the heap */
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
        rc = pcre2_match(code, (PCRE2_SPTR)subject, len, offset, options | PCRE2_NO_JIT, md, mctx);
    return rc;
}

const char *rx_error_message(int rc, char *buf, size_t size)
{
    if (pcre2_get_error_message(rc, (PCRE2_UCHAR *)buf, size) < 0) snprintf(buf, size, "PCRE2 error %d", rc);
    return buf;
}

int rx_match(const Regex *rx, const char *subject, size_t len, size_t offset, uint32_t options)
{
    /* anchoring asked for at match time would turn the JIT off: when the
     * pattern was compiled anchored, the request is already met */
    options &= ~(rx->compile_options & (PCRE2_ANCHORED | PCRE2_ENDANCHORED));
    int rc = rx_pcre2_match(rx->code, subject, len, offset, options, rx->match);
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
    pcre2_jit_stack_free(jit_stack);
    pcre2_match_context_free(mctx);
    jit_stack = NULL;
    mctx = NULL;
    jit_stack_size = 0;
}
