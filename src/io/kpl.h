/* Records aggregated by the Kinesis Producer Library: the magic bytes
 * F3 89 9A C2, a protobuf AggregatedRecord, then the MD5 digest of the
 * protobuf. Such a Kinesis record holds many user records; KDA (through
 * the KCL) handed them on one by one, and so does eddy. A record without
 * the magic, with a wrong digest or a protobuf that does not read is one
 * plain record, as the KCL treats it. */
#ifndef EDDY_KPL_H
#define EDDY_KPL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct KplRecord {
    const char *data;
    size_t len;
    const char *partition_key;      /* from the partition key table */
    size_t partition_key_len;
    const char *explicit_hash_key;  /* NULL when the record has none */
    size_t explicit_hash_key_len;
} KplRecord;

typedef struct KplReader {
    const uint8_t *body, *end;      /* the protobuf */
    const uint8_t *at;              /* where the next record is looked for */
    uint32_t count;                 /* user records in it */
    /* the last table entry looked up, per table: a record's keys mostly
     * follow the previous one's, so lookups go on from there */
    const uint8_t *seen_at[2];
    uint64_t seen_index[2];
} KplReader;

/* True when data is a well-formed aggregated record (magic, digest and
 * protobuf checked whole first, so records are never half handed out);
 * then io_kpl_next gives its user records in order. */
bool io_kpl_open(KplReader *r, const void *data, size_t len);
bool io_kpl_next(KplReader *r, KplRecord *rec);

#endif
