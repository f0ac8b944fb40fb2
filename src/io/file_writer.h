/* An output file's writes on a thread of its own (sink_file.c), so that
 * the kernel's work of taking a large output (copying it into the page
 * cache, a large share of a query that writes every row) runs beside the
 * application rather than inside it. Internal to src/io. */
#ifndef EDDY_FILE_WRITER_H
#define EDDY_FILE_WRITER_H
#include <stdbool.h>
#include <stdint.h>

#include "src/runtime/buf.h"

typedef struct FileWriter FileWriter;

/* A thread writing to fd (a regular file), or NULL if none could start. */
FileWriter *file_writer_start(int fd);
/* Hands b's bytes (records rows, a row a line unless multiline) to the
 * thread: b comes back empty, with a buffer of the writer's. Waits while
 * every buffer is being written. With here, and nothing queued, the
 * calling thread writes them itself instead (the outcome is taken as the
 * thread's), and b comes back empty. */
void file_writer_put(FileWriter *w, Buf *b, uint64_t records, bool multiline, bool here);
/* What became of what was handed over since the last call: the rows that
 * did not reach the file, and the errno of the first failed write (0: none;
 * nothing is written after it). With wait, once everything handed over is
 * written; without, what is known now. */
void file_writer_outcome(FileWriter *w, bool wait, uint64_t *lost, int *error);
/* Writes what is handed over, ends the thread and frees the writer. */
void file_writer_stop(FileWriter *w);

#endif
