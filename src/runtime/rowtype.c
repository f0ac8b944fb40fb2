#include "rowtype.h"

#include <string.h>
#include <strings.h>

#include "mem.h"

static RowType *types;
static int ntypes, cap;

SqlType rowtype_make(int n, const Column *fields)
{
    if (ntypes == cap) {
        cap = cap ? cap * 2 : 16;
        types = mem_realloc(types, sizeof *types * (size_t)cap);
    }
    RowType *rt = &types[ntypes];
    rt->n = n;
    rt->fields = mem_calloc((size_t)(n ? n : 1), sizeof(Column));
    for (int i = 0; i < n; i++) {
        rt->fields[i].name = mem_strdup(fields[i].name);
        rt->fields[i].type = fields[i].type;
    }
    SqlType t = type_make(TY_ROW);
    t.row = (uint16_t)ntypes++;
    return t;
}

const RowType *rowtype_of(SqlType t) { return t.id == TY_ROW && t.row < ntypes ? &types[t.row] : NULL; }

int rowtype_field(const RowType *rt, const char *name, int quoted)
{
    for (int i = 0; i < rt->n; i++)
        if (strcmp(rt->fields[i].name, name) == 0) return i;
    if (quoted) return -1;
    for (int i = 0; i < rt->n; i++)
        if (strcasecmp(rt->fields[i].name, name) == 0) return i;
    return -1;
}

void rowtype_free_all(void)
{
    for (int i = 0; i < ntypes; i++) {
        for (int k = 0; k < types[i].n; k++) mem_free((void *)types[i].fields[k].name);
        mem_free(types[i].fields);
    }
    mem_free(types);
    types = NULL;
    ntypes = cap = 0;
}
