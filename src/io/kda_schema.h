/* A KDA application's input or reference schema, as its configuration
 * gives it: the InputSchema or ReferenceSchema object (RecordFormat,
 * RecordColumns with Name, SqlType and Mapping), alone, as a bare array of
 * columns, or inside the JSON that `aws kinesisanalytics
 * describe-application` prints or `create-application` takes. It gives
 * the stream or table its columns, and the JSON reader its paths. */
#ifndef EDDY_IO_KDA_SCHEMA_H
#define EDDY_IO_KDA_SCHEMA_H
#include <stdbool.h>
#include <stddef.h>

#include "src/runtime/arena.h"
#include "src/runtime/schema.h"

typedef struct KdaSchema {
    const char *stream;        /* NamePrefix with _001, or NULL when the file does not say */
    Schema schema;
    const char **paths;        /* per column: its JSONPath from the record (RecordRowPath applied), or NULL */
    bool csv;                  /* RecordFormatType CSV */
    char delimiter;            /* CSV RecordColumnDelimiter */
} KdaSchema;

/* false, with the reason in err, when the file cannot be used. table NULL:
 * the input schema (InputSchema, or the first RecordColumns); else the
 * ReferenceSchema of reference table `table` (the one whose TableName it
 * is, or the only one), as a ReferenceDataSource gives it. */
bool io_kda_schema_load(const char *path, const char *table, Arena *a, KdaSchema *out, char *err, size_t errsize);

struct json_t;
/* The same from an InputSchema or ReferenceSchema object already read (a
 * KDA configuration's): prefix is the input's NamePrefix (or NULL), and
 * `where` names the schema in messages. */
bool io_kda_schema_from_json(const struct json_t *sch, const char *prefix, const char *where, Arena *a, KdaSchema *out,
                             char *err, size_t errsize);

#endif
