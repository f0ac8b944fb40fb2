/* What the run loop (exec.c) uses of runtime.c beyond the operators'
 * services in op.h: delivering an input row to its stream, the error
 * stream, and releasing the rows held during ticks and at end of input. */
#ifndef EDDY_RUNTIME_H
#define EDDY_RUNTIME_H
#include <stddef.h>

#include "op.h"

/* A row of the error stream; counts it in ex->stats. */
void exec_emit_error(Exec *ex, const ErrorRow *e);
/* An input row earlier than the last ROWTIME of its stream s goes to the
 * error stream as LATE_ROW, with its raw text. */
void exec_late_input(Exec *ex, const ExStream *s, const Row *row, const char *raw, size_t rawlen);
/* Row goes into stream s now, to its readers and its sink, after the tick
 * its ROWTIME makes when that has moved on. */
void exec_deliver(Exec *ex, ExStream *s, Row *row);
/* The rows held for stream i go in, in ROWTIME order. */
void exec_release_held(Exec *ex, int i);
/* A tick is done: the streams it held rows or time for take them, upstream first. */
void exec_release_tick_held(Exec *ex);
/* Every stream's held rows go in, merged by ROWTIME across streams. */
void exec_release_all_held(Exec *ex);

#endif
