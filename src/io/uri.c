/* The connector URI: SCHEME://AUTHORITY/PATH?QUERY split once, in place,
 * in one copy of the text. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uri.h"
#include "src/runtime/mem.h"

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes %XX in place; false on a bad escape. */
static bool percent_decode(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r != '%') {
            *w++ = *r;
            continue;
        }
        int hi = hexval(r[1]), lo = hi < 0 ? -1 : hexval(r[2]);
        if (hi < 0 || lo < 0) return false;
        *w++ = (char)(hi * 16 + lo);
        r += 2;
    }
    *w = 0;
    return true;
}

/* The length of "scheme" when text starts with "scheme://", else 0. */
static size_t scheme_len(const char *text)
{
    size_t i = 0;
    if (!isalpha((unsigned char)text[0])) return 0;
    while (isalnum((unsigned char)text[i]) || text[i] == '+' || text[i] == '-' || text[i] == '.') i++;
    return strncmp(text + i, "://", 3) == 0 ? i : 0;
}

static bool fail(IoUri *u, char *why, size_t whylen, const char *msg, const char *text)
{
    snprintf(why, whylen, "%s in \"%s\"", msg, text);
    io_uri_free(u);
    return false;
}

bool io_uri_parse(const char *text, IoUri *u, char *why, size_t whylen)
{
    memset(u, 0, sizeof *u);
    u->text = mem_strdup(text);
    size_t n = scheme_len(text);
    if (n == 0) {
        u->authority = "";
        u->path = u->text;
        return true;
    }
    char *s = u->text;
    s[n] = 0;
    for (size_t i = 0; i < n; i++) s[i] = (char)tolower((unsigned char)s[i]);
    u->scheme = s;
    char *rest = s + n + 3;
    if (strcmp(u->scheme, "file") == 0) {
        /* file:///abs/path and file://relative/path both name the rest, as is */
        u->authority = "";
        u->path = rest;
        return true;
    }
    char *query = strchr(rest, '?');
    if (query) *query++ = 0;
    char *slash = strchr(rest, '/');
    {
        u->path = "";
        if (slash) {
            /* the path keeps its slash: move the authority one byte left to end it */
            size_t alen = (size_t)(slash - rest);
            memmove(rest - 1, rest, alen);
            rest[alen - 1] = 0;
            u->authority = rest - 1;
            u->path = slash;
        } else {
            u->authority = rest;
        }
        if (!percent_decode((char *)u->authority)) return fail(u, why, whylen, "bad %-escape", text);
    }
    while (query && *query) {
        char *amp = strchr(query, '&');
        if (amp) *amp = 0;
        if (*query) {
            if (u->nparams == IO_URI_MAX_PARAMS) return fail(u, why, whylen, "too many parameters", text);
            char *eq = strchr(query, '=');
            if (eq) *eq = 0;
            IoUriParam *p = &u->params[u->nparams++];
            p->key = query;
            p->value = eq ? eq + 1 : "";
            if (!percent_decode(query) || (eq && !percent_decode(eq + 1)))
                return fail(u, why, whylen, "bad %-escape", text);
        }
        query = amp ? amp + 1 : NULL;
    }
    return true;
}

const char *io_uri_param(const IoUri *u, const char *key)
{
    for (int i = u->nparams - 1; i >= 0; i--)
        if (strcmp(u->params[i].key, key) == 0) return u->params[i].value;
    return NULL;
}

const char *io_uri_unknown_param(const IoUri *u, const char *const *known)
{
    for (int i = 0; i < u->nparams; i++) {
        const char *const *k = known;
        while (*k && strcmp(*k, u->params[i].key)) k++;
        if (!*k) return u->params[i].key;
    }
    return NULL;
}

bool io_uri_check_params(const IoUri *u, const char *const *known, char *why, size_t whylen)
{
    const char *bad = io_uri_unknown_param(u, known);
    if (!bad) return true;
    int n = snprintf(why, whylen, "%s://%s: unknown parameter \"%s\" (known:", u->scheme, u->authority, bad);
    for (const char *const *k = known; *k && n >= 0 && (size_t)n < whylen; k++)
        n += snprintf(why + n, whylen - (size_t)n, "%s %s", k == known ? "" : ",", *k);
    if (n >= 0 && (size_t)n < whylen) snprintf(why + n, whylen - (size_t)n, ")");
    return false;
}

bool io_uri_int_param(const IoUri *u, const char *key, long min, long max, int *out, char *why, size_t whylen)
{
    const char *v = io_uri_param(u, key);
    if (!v) return true;
    char *end;
    long n = strtol(v, &end, 10);
    if (*v && !*end && n >= min && n <= max) {
        *out = (int)n;
        return true;
    }
    snprintf(why, whylen, "%s://%s: %s=%s: expected a whole number from %ld to %ld", u->scheme, u->authority, key, v, min, max);
    return false;
}

bool io_uri_word_param(const IoUri *u, const char *key, const char *yes, const char *meaning, const char *no, bool *out,
                       char *why, size_t whylen)
{
    const char *v = io_uri_param(u, key);
    *out = v && !strcmp(v, yes);
    if (!v || *out || !strcmp(v, no)) return true;
    snprintf(why, whylen, "%s://%s: %s=%s: expected %s (%s) or %s", u->scheme, u->authority, key, v, yes, meaning, no);
    return false;
}

bool io_uri_is_file(const IoUri *u) { return !u->scheme || strcmp(u->scheme, "file") == 0; }

void io_uri_free(IoUri *u)
{
    mem_free(u->text);
    memset(u, 0, sizeof *u);
}
