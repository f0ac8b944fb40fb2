/* Row types: the field lists of ROW values (the log-parsing functions
 * return rows whose fields are read as alias.row.COLUMN1). A type is
 * registered once, at bind time, and named by its index in SqlType.row. */
#ifndef EDDY_ROWTYPE_H
#define EDDY_ROWTYPE_H
#include <stdint.h>

#include "schema.h"

typedef struct RowType {
    int n;
    Column *fields;
} RowType;

/* Registers a row type (names and types are copied); returns its SqlType. */
SqlType rowtype_make(int n, const Column *fields);
const RowType *rowtype_of(SqlType t);
/* Field index by name: exact, then case-insensitive; -1 if none. */
int rowtype_field(const RowType *rt, const char *name, int quoted);
void rowtype_free_all(void);

#endif
