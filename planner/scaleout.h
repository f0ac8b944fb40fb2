/* Whether an application gives the same rows when N processes of one
 * Kafka consumer group each read some of a topic's partitions: true when
 * every operator that combines rows (GROUP BY, windows, joins, DISTINCT,
 * INTERSECT/EXCEPT, TOP_K and the other table functions) only combines
 * rows of one partition, i.e. its keys include a column that holds the
 * value the topic is partitioned by (rows of one key value are in one
 * partition, so in one process). Filters, projections, unions and sorts
 * never combine rows, so they are always safe. */
#ifndef EDDY_SCALEOUT_H
#define EDDY_SCALEOUT_H
#include <stdbool.h>

#include "plan.h"

typedef struct ScaleInput {
    int stream;              /* the input stream's id */
    bool partitioned;        /* its rows are split between the processes (a Kafka topic read by a group) */
    const int *key_cols;     /* columns whose value decides the partition (the partition key, KAFKA_KEY, KAFKA_PARTITION) */
    int nkey_cols;
    const char *where;       /* how messages name the input ("kafka://BROKERS/TOPIC") */
} ScaleInput;

/* Adds a warning at each operator that combines rows of several
 * partitions, and returns how many there are. Streams fed by no input
 * listed are read whole by every process. */
int plan_scaleout_check(const PlanApp *app, const ScaleInput *in, int n, DiagList *d);

#endif
