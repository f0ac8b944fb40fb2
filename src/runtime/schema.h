/* Columns of a stream or table, and the row that flows between operators. */
#ifndef EDDY_SCHEMA_H
#define EDDY_SCHEMA_H
#include <stdint.h>

#include "type.h"
#include "value.h"

typedef struct Column {
    const char *name;   /* as stored: upper-cased unless it was quoted */
    SqlType type;
} Column;

typedef struct Schema {
    int ncols;
    Column *cols;
} Schema;

/* A row: its ROWTIME, its arrival time (APPROXIMATE_ARRIVAL_TIME for rows
 * read from input) and its column values. The values live in the record
 * arena unless an operator copied them into its own state. */
typedef struct Row {
    int64_t rowtime;
    int64_t arrival;
    Value *v;
    int n;
    uint64_t recno;     /* input record number (line), for error rows */
} Row;

int schema_find(const Schema *s, const char *name);   /* exact, else -1 */

#endif
