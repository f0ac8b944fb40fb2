/* Sinks: where an output stream's rows go. A sink is an OutBuf (see
 * src/runtime/buf.h): rows are encoded into its buffer and delivered in
 * batches, and it counts what was delivered and what was lost, so a
 * failed write is said and never passes for output. Standard output and
 * files are plain descriptors; other kinds (Kinesis, rotating files) plug
 * in their SinkOps, one file per connector. */
#ifndef EDDY_SINK_H
#define EDDY_SINK_H
#include <stdbool.h>
#include <stddef.h>

#include "src/runtime/buf.h"

/* Opens what --output NAME=DEST or --errors names: "-" is standard output,
 * anything else a file, created or truncated, or a FIFO. A FIFO with no
 * reader yet does not block: output is kept (up to a bound, then the
 * stream waits, as for a full pipe) until a reader opens it. NULL with the
 * reason in why. */
OutBuf *io_sink_open(const char *dest, size_t flush_at, char *why, size_t whysize);
/* A sink over a descriptor already open (standard error), left open at close. */
OutBuf *io_sink_open_fd(int fd, size_t flush_at);
/* Delivers what is left, then closes the sink and frees it. */
void io_sink_close(OutBuf *o);

#endif
