/* The running application's state for a checkpoint: each stream's clock
 * and counts, the counters, and every operator's own state, in build order
 * (the same plan builds the same operators in the same order). */
#include <stdio.h>

#include "exec.h"

const Op *exec_unsaved_op(const Exec *ex)
{
    for (int i = 0; i < ex->nops; i++)
        if (!ex->ops[i]->stateless && !ex->ops[i]->save) return ex->ops[i];
    return NULL;
}

void exec_save(Exec *ex, Buf *out)
{
    ser_i64(out, ex->started);
    ser_u64(out, ex->stats.errors);
    ser_u64(out, ex->stats.output_rows);
    ser_u64(out, (uint64_t)ex->nstreams);
    for (int i = 0; i < ex->nstreams; i++) {
        const ExStream *s = &ex->streams[i];
        ser_u64(out, s->any);
        ser_i64(out, s->last_rowtime);
        ser_u64(out, s->rows);
    }
    ser_u64(out, (uint64_t)ex->nops);
    Buf one = {0};
    for (int i = 0; i < ex->nops; i++) {
        Op *op = ex->ops[i];
        one.len = 0;
        if (op->save) op->save(op, &one);
        /* each operator's state is framed, so a reader can tell where it ends */
        ser_bytes(out, one.p, one.len);
    }
    buf_free(&one);
}

bool exec_restore(Exec *ex, SerialIn *in, char *why, size_t whysize)
{
    ex->started = de_i64(in);
    ex->stats.errors = de_u64(in);
    ex->stats.output_rows = de_u64(in);
    uint64_t ns = de_u64(in);
    if (de_ok(in) && ns != (uint64_t)ex->nstreams) {
        snprintf(why, whysize, "it holds %llu streams, the application has %d", (unsigned long long)ns, ex->nstreams);
        return false;
    }
    for (int i = 0; i < ex->nstreams && de_ok(in); i++) {
        ExStream *s = &ex->streams[i];
        s->any = de_u64(in) != 0;
        s->last_rowtime = de_i64(in);
        s->rows = de_u64(in);
    }
    uint64_t nops = de_u64(in);
    if (de_ok(in) && nops != (uint64_t)ex->nops) {
        snprintf(why, whysize, "it holds %llu operators, the application has %d", (unsigned long long)nops, ex->nops);
        return false;
    }
    for (int i = 0; i < ex->nops && de_ok(in); i++) {
        size_t n;
        const char *p = de_bytes(in, &n);
        Op *op = ex->ops[i];
        if (!de_ok(in)) break;
        if (!op->restore) {
            if (n) de_fail(in, "an operator's state where the application has none");
            continue;
        }
        SerialIn one;
        de_init(&one, p, n);
        if (!op->restore(op, &one) || !de_ok(&one) || one.p != one.end) {
            snprintf(why, whysize, "the state of an operator of pump %s does not fit it: %s",
                     op->pump ? op->pump->name : "?", one.why ? one.why : "it is longer than the operator reads");
            return false;
        }
    }
    if (!de_ok(in)) {
        snprintf(why, whysize, "%s", in->why);
        return false;
    }
    return true;
}
