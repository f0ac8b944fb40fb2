/* Columns filled from where a record came from, not from its data: a
 * stream that declares KAFKA_KEY, KAFKA_PARTITION or KAFKA_OFFSET gets
 * the message's key, partition and offset in them when it is fed by a
 * Kafka topic (any type a text converts to: VARCHAR, BIGINT...). */
#ifndef EDDY_SOURCE_COLUMNS_H
#define EDDY_SOURCE_COLUMNS_H
#include <stdbool.h>

#include "io.h"
#include "source.h"

#define SOURCE_COL_KEY "KAFKA_KEY"
#define SOURCE_COL_PARTITION "KAFKA_PARTITION"
#define SOURCE_COL_OFFSET "KAFKA_OFFSET"

typedef struct SourceColumns {
    int key, partition, offset;   /* column indexes, -1 when not declared */
} SourceColumns;

void io_source_columns_find(const Schema *s, SourceColumns *c);
/* one test for every record: the and of the indexes is negative only when all three are -1 */
static inline bool io_source_columns_any(const SourceColumns *c) { return (c->key & c->partition & c->offset) >= 0; }
/* Sets the declared ones from rec (when it says where it came from);
 * false, with err, when a key does not convert to its column's type. */
bool io_source_columns_fill(const SourceColumns *c, const Schema *s, const SourceRecord *rec, Row *row, Arena *a, DecodeError *err);

#endif
