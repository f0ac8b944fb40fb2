/* The shared state directory (--shared-state): the state of each Kafka
 * partition, in files every process of the group reaches, so that the
 * state moves with the partition. A partition's state is a series of
 * generations, each a file "TOPIC.PARTITION.GEN" that never changes once
 * it has its name: the newest is the partition's state. A process writes
 * the next generation under a name of its own ("....GEN.pending.OWNER")
 * while the stream goes on, and gives it its final name only once the
 * checkpoint it belongs to is durable (and its Kafka transaction
 * committed), by link(2): that fails when the name exists, so two
 * processes that both believe they own a partition (one that lost touch
 * with the group and has not heard yet) never overwrite each other, and
 * the one that finds the name taken learns that it lost the partition. */
#ifndef EDDY_PARTITION_FILES_H
#define EDDY_PARTITION_FILES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "src/runtime/buf.h"

/* The newest generation of the partition's state: 0 when it has none, -1 with why when dir cannot be read. */
int64_t io_part_newest(const char *dir, const char *topic, int32_t partition, char *why, size_t whysize);
/* That generation's payload (malloc'd), checked; NULL with why. */
char *io_part_read(const char *dir, const char *topic, int32_t partition, uint64_t gen, size_t *len, char *why,
                   size_t whysize);
/* Generation gen of the partition, written under the owner's pending name and synced. */
bool io_part_write_pending(const char *dir, const char *topic, int32_t partition, uint64_t gen, const char *owner,
                           const Buf *payload, char *why, size_t whysize);
/* The owner's pending generation gets its final name (and the generation
 * two before it goes): 1 done, 0 the name was taken (another process
 * writes this partition now), -1 with why. The name is durable once the
 * directory is synced (io_state_sync_dir, once after several). */
int io_part_promote(const char *dir, const char *topic, int32_t partition, uint64_t gen, const char *owner, char *why,
                    size_t whysize);
/* The owners of a pending generation of the partition (at most max, each
 * into owners[i]): a process that died between writing it and naming it. */
int io_part_pending(const char *dir, const char *topic, int32_t partition, uint64_t gen, char (*owners)[128], int max);
char *io_part_read_pending(const char *dir, const char *topic, int32_t partition, uint64_t gen, const char *owner,
                           size_t *len, char *why, size_t whysize);
/* Each generation in dir (for eddy state): its topic, partition and number to fn. */
void io_part_each(const char *dir, void (*fn)(void *ctx, const char *topic, int32_t partition, uint64_t gen), void *ctx);
void io_part_drop_pending(const char *dir, const char *topic, int32_t partition, uint64_t gen, const char *owner);
/* Removes the partition's pending files of generations up to newest: none of them can be named any more. */
void io_part_tidy(const char *dir, const char *topic, int32_t partition, uint64_t newest);

#endif
