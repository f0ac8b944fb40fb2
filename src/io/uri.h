/* What --input (and later --output) names, in one form for every
 * connector: SCHEME://AUTHORITY[/PATH][?KEY=VALUE&...], e.g.
 * kinesis://orders?region=eu-west-1&start=trim_horizon. Anything without
 * "SCHEME://" (a path, "-") is a file, and so is file://PATH. Parsed here
 * only, so every connector reads its options the same way. */
#ifndef EDDY_URI_H
#define EDDY_URI_H
#include <stdbool.h>
#include <stddef.h>

enum { IO_URI_MAX_PARAMS = 24 };

typedef struct IoUriParam {
    const char *key, *value;     /* percent-decoded; value "" when no '=' */
} IoUriParam;

typedef struct IoUri {
    const char *scheme;          /* lower case; NULL for a plain file path */
    const char *authority;       /* kinesis://STREAM: the stream ("" if none) */
    const char *path;            /* after the authority ("/..." or ""); the file for a plain path */
    IoUriParam params[IO_URI_MAX_PARAMS];
    int nparams;
    char *text;                  /* owns the strings above */
} IoUri;

/* Splits text into u. False, with why, for a URI that cannot be read (a bad
 * %-escape, too many parameters); u is then empty. */
bool io_uri_parse(const char *text, IoUri *u, char *why, size_t whylen);
/* The value of the last parameter called key (case-sensitive), or NULL. */
const char *io_uri_param(const IoUri *u, const char *key);
/* The first parameter not among known (a NULL-terminated list), or NULL. */
const char *io_uri_unknown_param(const IoUri *u, const char *const *known);
/* False, with why naming it and the known ones, when u has a parameter
 * not among known. */
bool io_uri_check_params(const IoUri *u, const char *const *known, char *why, size_t whylen);
/* The parameter key, when given, as a whole number from min to max into
 * *out (left as it is when not given); false, with why, when it is not. */
bool io_uri_int_param(const IoUri *u, const char *key, long min, long max, int *out, char *why, size_t whylen);
/* The parameter key, when given, one of two words: *out is whether it
 * is `yes` (what it does said by meaning in the message when it is
 * neither word: false, with why). */
bool io_uri_word_param(const IoUri *u, const char *key, const char *yes, const char *meaning, const char *no, bool *out,
                       char *why, size_t whylen);
/* Whether u names a file ("-", a path or file://PATH); its path then. */
bool io_uri_is_file(const IoUri *u);
void io_uri_free(IoUri *u);

#endif
