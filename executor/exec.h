/* The running application: one state per stream and per plan node. Rows
 * are pushed from the input through the pumps, record by record. This is
 * the API of the programs on top (cli, repl, fuzz, bench); the state it
 * shares with them (Exec, ErrorRow, exec_tick) is declared in op.h. */
#ifndef EDDY_EXEC_H
#define EDDY_EXEC_H
#include "op.h"

Exec *exec_new(const PlanApp *app);
void exec_free(Exec *ex);
void exec_set_sink(Exec *ex, int stream, RowSinkFn fn, void *ctx);
void exec_set_error_sink(Exec *ex, ErrorSinkFn fn, void *ctx);

/* A record for stream `stream` (read from input, values in `record`).
 * A ROWTIME below the stream's last one sends the record to the error
 * stream with its raw text. Returns false when the record was diverted. */
bool exec_push_input(Exec *ex, int stream, Row *row, Arena *record, const char *raw, size_t rawlen);

/* The application starts: the rows of its VALUES relations enter, at the
 * clock's time (ex->now). Call once, before the first input record. */
void exec_start(Exec *ex);

/* Every output (a stream with a sink) is a query's LIMIT n, and each has
 * had its n rows: nothing more will be written, so reading may stop. */
bool exec_limits_reached(const Exec *ex);

/* End of input: every operator emits what it still holds. */
void exec_finish(Exec *ex);

/* Checkpoints (checkpoint.c), taken between records: the first operator
 * that keeps state but cannot save it yet (NULL: all can); the state of
 * every stream and operator out; and back into an Exec built from the same
 * plan, before any record (false with the reason when it does not fit). */
const Op *exec_unsaved_op(const Exec *ex);
void exec_save(Exec *ex, Buf *out);
bool exec_restore(Exec *ex, SerialIn *in, char *why, size_t whysize);

#endif
