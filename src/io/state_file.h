/* The state directory's checkpoint file: written whole to a temporary
 * file, synced, renamed over the last one and the directory synced, so a
 * crash at any moment leaves either the old checkpoint or the new one,
 * never a mix. The file starts with a magic line and a format version, and
 * its length and checksum are checked before anything in it is believed.
 * A checkpoint whose Kafka transaction commits after it is written keeps
 * the one before it as "checkpoint.prev": a restart goes back to that one
 * when the transaction turns out not to have committed (kafka_txn.h). */
#ifndef EDDY_STATE_FILE_H
#define EDDY_STATE_FILE_H
#include <stdbool.h>
#include <stddef.h>

#include "src/runtime/buf.h"

#define STATE_FORMAT_VERSION 2
/* The oldest format still read: 1 has no Kafka transaction after the sequence number. */
#define STATE_FORMAT_OLDEST 1

/* Creates dir if needed and locks it for this process (until it ends).
 * False with the reason when it cannot be used or another process has it. */
bool io_state_dir(const char *dir, char *why, size_t whysize);
/* The same without the lock: dir made if needed, a directory, writable. */
bool io_state_make_dir(const char *dir, char *why, size_t whysize);
/* Writes payload as the directory's checkpoint; keep_prev: the last one
 * becomes checkpoint.prev first. */
bool io_state_write(const char *dir, const Buf *payload, bool keep_prev, char *why, size_t whysize);
/* The checkpoint's payload (malloc'd) and its format version, or NULL: with
 * why empty when there is none yet, else why it cannot be used (damaged,
 * a format version this eddy does not read). */
char *io_state_read(const char *dir, size_t *len, unsigned *version, char *why, size_t whysize);
/* The same for checkpoint.prev. */
char *io_state_read_prev(const char *dir, size_t *len, unsigned *version, char *why, size_t whysize);
/* checkpoint.prev becomes the checkpoint again (without one, there is no
 * checkpoint any more: the run starts over), durably. */
bool io_state_go_back(const char *dir, char *why, size_t whysize);
/* Any file of the same form: name in dir written whole and synced (no
 * rename: the caller names it so that a half-written one is never taken),
 * and read back checked. The directory itself is synced by the last call. */
bool io_state_write_file(const char *dir, const char *name, const Buf *payload, char *why, size_t whysize);
char *io_state_read_file(const char *dir, const char *name, size_t *len, unsigned *version, char *why, size_t whysize);
bool io_state_sync_dir(const char *dir, char *why, size_t whysize);
/* Removes the checkpoints (--state-reset). */
bool io_state_remove(const char *dir, char *why, size_t whysize);
/* A one-line file of the directory that names the run for good (its Kafka
 * transactional id): its text into out, or, when there is none yet, fresh,
 * written and synced first. False with why. */
bool io_state_id_file(const char *dir, const char *name, const char *fresh, char *out, size_t outsize, char *why,
                      size_t whysize);

#endif
