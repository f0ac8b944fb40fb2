/* SQL text: statements end at a ';' outside strings, quoted names and
 * comments; REPL commands are read a word at a time. */
#include "config.h"

#include <ctype.h>

#include "src/runtime/mem.h"
#include "repl_int.h"

/* Splits text into statements (trimmed of blanks and comments around
 * them, without the ';'). *complete: the text ends after a ';' (only
 * blanks and comments follow), so nothing is left half-typed. */
int repl_split_sql(const char *s, uint32_t n, Piece **out, bool *complete)
{
    Piece *v = NULL;
    int np = 0, cap = 0;
    uint32_t i = 0, first = 0, last = 0;
    bool sig = false, open = false;    /* sig: something since the last ';' */
    while (i < n) {
        char c = s[i];
        if (c == '\'' || c == '"') {
            if (!sig) first = i;
            sig = true;
            i++;
            while (i < n && s[i] != c) i++;
            if (i >= n) open = true;
            else i++;
            last = i;
        } else if (i + 1 < n && c == '-' && s[i + 1] == '-') {
            while (i < n && s[i] != '\n') i++;
        } else if (i + 1 < n && c == '/' && s[i + 1] == '*') {
            i += 2;
            while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/')) i++;
            if (i + 1 >= n) open = true, i = n;
            else i += 2;
        } else if (c == ';') {
            if (sig) {
                if (np == cap) v = mem_realloc(v, sizeof *v * (size_t)(cap = cap ? cap * 2 : 8));
                v[np].off = first;
                v[np].len = last - first;
                np++;
            }
            sig = false;
            i++;
        } else {
            if (!isspace((unsigned char)c)) {
                if (!sig) first = i;
                sig = true;
                last = i + 1;
            }
            i++;
        }
    }
    if (complete) *complete = !open && !sig && np > 0;
    if (sig) {
        /* a last statement without its ';' (the end of a file) */
        if (np == cap) v = mem_realloc(v, sizeof *v * (size_t)(cap = cap ? cap * 2 : 8));
        v[np].off = first;
        v[np].len = last - first;
        np++;
    }
    *out = v;
    return np;
}

/* Text has nothing but blanks and comments. */
bool repl_sql_blank(const char *s, uint32_t n)
{
    Piece *p;
    int np = repl_split_sql(s, n, &p, NULL);
    mem_free(p);
    return np == 0;
}

/* The next word of *s: a name ("quoted" or plain, upper-cased) or a
 * single punctuation character. Returns false at the end. */
bool repl_next_word(const char **s, char *buf, size_t size, bool *quoted)
{
    const char *p = *s;
    while (isspace((unsigned char)*p)) p++;
    if (!*p) return false;
    size_t k = 0;
    *quoted = false;
    if (*p == '"') {
        p++;
        while (*p && *p != '"') {
            if (k + 1 < size) buf[k++] = *p;
            p++;
        }
        if (*p) p++;
        *quoted = true;
    } else if (isalnum((unsigned char)*p) || *p == '_' || (unsigned char)*p >= 0x80) {
        while (*p && (isalnum((unsigned char)*p) || *p == '_' || *p == '$' || (unsigned char)*p >= 0x80)) {
            if (k + 1 < size) buf[k++] = (char)toupper((unsigned char)*p);
            p++;
        }
    } else {
        buf[k++] = *p++;
    }
    buf[k] = 0;
    *s = p;
    return true;
}
