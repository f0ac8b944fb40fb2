#include "catalog.h"

#include <string.h>
#include <strings.h>

#include "src/runtime/mem.h"
#include "src/runtime/namemap.h"

/* Lookups by name, exact and case-insensitive, so that an application of
 * many thousand streams does not compare each new name with every other.
 * Streams are indexed by the first lookup after they are added (by then a
 * bare query's result stream is marked anonymous, and anonymous streams
 * are never found by name). */
struct CatIndex {
    NameMap exact;        /* name -> the first stream of that name */
    NameMap folded;       /* upper-cased name -> the stream, or -2 if several */
    int indexed;          /* streams [0, indexed) are in the maps */
};

void cat_init(Catalog *c)
{
    memset(c, 0, sizeof *c);
    arena_init(&c->arena, 16384);
    c->index = mem_calloc(1, sizeof *c->index);
    namemap_init(&c->index->exact, false);
    namemap_init(&c->index->folded, true);
}

void cat_free(Catalog *c)
{
    if (c->index) {
        namemap_free(&c->index->exact);
        namemap_free(&c->index->folded);
        mem_free(c->index);
    }
    mem_free(c->streams);
    arena_free(&c->arena);
    memset(c, 0, sizeof *c);
}

static void copy_schema(Catalog *c, Schema *dst, const Schema *src)
{
    dst->ncols = src ? src->ncols : 0;
    dst->cols = arena_alloc(&c->arena, sizeof(Column) * (size_t)(dst->ncols ? dst->ncols : 1));
    for (int i = 0; i < dst->ncols; i++) {
        dst->cols[i].name = arena_strndup(&c->arena, src->cols[i].name, strlen(src->cols[i].name));
        dst->cols[i].type = src->cols[i].type;
    }
}

CatStream *cat_add_stream(Catalog *c, const char *name, const Schema *schema, Span span)
{
    if (c->nstreams == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->streams = mem_realloc(c->streams, sizeof *c->streams * (size_t)c->cap);
    }
    CatStream *s = arena_zalloc(&c->arena, sizeof *s);
    s->id = c->nstreams;
    s->name = arena_strndup(&c->arena, name, strlen(name));
    s->span = span;
    copy_schema(c, &s->schema, schema);
    c->streams[c->nstreams++] = s;
    return s;
}

void cat_set_schema(Catalog *c, CatStream *s, const Schema *schema) { copy_schema(c, &s->schema, schema); }

CatStream *cat_find_stream(const Catalog *c, const char *name, bool quoted)
{
    CatIndex *x = c->index;
    for (; x->indexed < c->nstreams; x->indexed++) {
        const CatStream *s = c->streams[x->indexed];
        if (s->anonymous) continue;
        namemap_add(&x->exact, s->name, s->id);
        if (namemap_add(&x->folded, s->name, s->id) >= 0) namemap_set(&x->folded, s->name, -2);
    }
    int id = namemap_get(&x->exact, name);
    if (id >= 0) return c->streams[id];
    if (quoted) return NULL;
    id = namemap_get(&x->folded, name);
    return id >= 0 ? c->streams[id] : NULL;
}

int cat_stream_names(const Catalog *c, const char **out, int max)
{
    int n = 0;
    for (int i = 0; i < c->nstreams && n < max; i++)
        if (!c->streams[i]->anonymous) out[n++] = c->streams[i]->name;
    return n;
}

int schema_lookup(const Schema *s, const char *name, bool quoted)
{
    for (int i = 0; i < s->ncols; i++)
        if (strcmp(s->cols[i].name, name) == 0) return i;
    if (quoted) return -1;
    int found = -1;
    for (int i = 0; i < s->ncols; i++)
        if (strcasecmp(s->cols[i].name, name) == 0) {
            if (found >= 0) return -2;
            found = i;
        }
    return found;
}
