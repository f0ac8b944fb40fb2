/* The state directory's checkpoint file: written whole to a temporary
 * file, synced, renamed over the last one and the directory synced, so a
 * crash at any moment leaves either the old checkpoint or the new one,
 * never a mix. The file starts with a magic line and a format version, and
 * its length and checksum are checked before anything in it is believed. */
#ifndef EDDY_STATE_FILE_H
#define EDDY_STATE_FILE_H
#include <stdbool.h>
#include <stddef.h>

#include "src/runtime/buf.h"

#define STATE_FORMAT_VERSION 1

/* Creates dir if needed. False with the reason when it cannot be used. */
bool io_state_dir(const char *dir, char *why, size_t whysize);
/* Writes payload as the directory's checkpoint. */
bool io_state_write(const char *dir, const Buf *payload, char *why, size_t whysize);
/* The checkpoint's payload (malloc'd), or NULL: with why empty when there is
 * none yet, else why it cannot be used (damaged, another format version). */
char *io_state_read(const char *dir, size_t *len, char *why, size_t whysize);
/* Removes the checkpoint (--state-reset). */
bool io_state_remove(const char *dir, char *why, size_t whysize);

#endif
