#include "catalog.h"

#include <string.h>
#include <strings.h>

#include "src/runtime/mem.h"

void cat_init(Catalog *c)
{
    memset(c, 0, sizeof *c);
    arena_init(&c->arena, 16384);
}

void cat_free(Catalog *c)
{
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
    for (int i = 0; i < c->nstreams; i++)
        if (!c->streams[i]->anonymous && strcmp(c->streams[i]->name, name) == 0) return c->streams[i];
    if (quoted) return NULL;
    CatStream *found = NULL;
    for (int i = 0; i < c->nstreams; i++)
        if (!c->streams[i]->anonymous && strcasecmp(c->streams[i]->name, name) == 0) {
            if (found) return NULL;
            found = c->streams[i];
        }
    return found;
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
