/* The catalog: in-application streams and pumps of one application. */
#ifndef EDDY_CATALOG_H
#define EDDY_CATALOG_H
#include <stdbool.h>

#include "src/runtime/arena.h"
#include "src/runtime/diag.h"
#include "src/runtime/schema.h"

typedef struct CatStream {
    int id;
    const char *name;
    Schema schema;
    Span span;            /* where it was declared; empty for implicit streams */
    bool declared;        /* by CREATE STREAM */
    bool input;           /* fed from outside (stdin, --input) */
    bool discovered;      /* schema inferred from the input */
    bool output;          /* written to standard output */
    bool anonymous;       /* the result stream of a bare SELECT STREAM */
    bool schemaless;      /* discovered from an empty input: any column may be named, and is NULL */
    bool table;           /* a reference table (--table): rows, not a stream */
    bool limited;         /* a bare query's LIMIT: its output takes `limit` rows, then no more */
    uint64_t limit;
    Row *rows;            /* its rows, loaded before the stream starts */
    int nrows;
    /* VALUES (...), ...: a relation of rows given in SQL, computed once when
     * the application starts (nvalues rows of schema.ncols expressions) */
    struct Expr **values;
    int nvalues;
} CatStream;

typedef struct CatIndex CatIndex;

typedef struct Catalog {
    Arena arena;          /* names and schemas */
    CatStream **streams;
    int nstreams, cap;
    CatIndex *index;      /* names to streams, brought up to date by each lookup */
} Catalog;

void cat_init(Catalog *c);
void cat_free(Catalog *c);
CatStream *cat_add_stream(Catalog *c, const char *name, const Schema *schema, Span span);
/* Exact name first; an unquoted name then matches case-insensitively when
 * that is unambiguous. */
CatStream *cat_find_stream(const Catalog *c, const char *name, bool quoted);
/* Replace the schema of an existing stream (CREATE OR REPLACE). */
void cat_set_schema(Catalog *c, CatStream *s, const Schema *schema);
/* Names of all streams, for "did you mean" suggestions. */
int cat_stream_names(const Catalog *c, const char **out, int max);

/* Column lookup with the same rules; -2 when ambiguous. */
int schema_lookup(const Schema *s, const char *name, bool quoted);

#endif
