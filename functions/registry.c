/* Finds a function by name in the family tables, and lists them all. */
#include "registry.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct Family {
    const FnDef *table;
    const int *count;
} Family;

static const Family families[] = {
    {fn_math_table, &fn_math_count},
    {fn_string_table, &fn_string_count},
    {fn_regex_table, &fn_regex_count},
    {fn_time_table, &fn_time_count},
    {fn_null_table, &fn_null_count},
    {fn_agg_table, &fn_agg_count},
    {fn_analytic_table, &fn_analytic_count},
    {fn_logparse_table, &fn_logparse_count},
};

const FnDef *fn_find(const char *name)
{
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        for (int i = 0; i < *families[f].count; i++)
            if (strcasecmp(families[f].table[i].name, name) == 0) return &families[f].table[i];
    return NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(const FnDef *const *)a)->name, (*(const FnDef *const *)b)->name);
}

void fn_each(void (*f)(const FnDef *def, void *arg), void *arg)
{
    const FnDef *all[512];
    int n = 0;
    for (size_t k = 0; k < sizeof families / sizeof families[0]; k++)
        for (int i = 0; i < *families[k].count && n < 512; i++) all[n++] = &families[k].table[i];
    qsort(all, (size_t)n, sizeof all[0], by_name);
    for (int i = 0; i < n; i++) f(all[i], arg);
}
