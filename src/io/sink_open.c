/* Sinks by the scheme of what --output names: the one place a
 * destination's URI picks its connector. */
#include <stdio.h>
#include <string.h>

#include "sink.h"
#include "uri.h"

OutBuf *io_sink_open_uri(const char *dest, size_t flush_at, bool keep, bool verbose, struct KafkaTxn *txn, bool *connector,
                         char *why, size_t whysize)
{
    IoUri u;
    *connector = false;
    if (!io_uri_parse(dest, &u, why, whysize)) return NULL;
    OutBuf *o = NULL;
    if (io_uri_is_file(&u)) {
        /* file://PATH is the file PATH */
        const char *path = u.scheme ? dest + (u.path - u.text) : dest;
        o = keep ? io_sink_open_keep(path, flush_at, why, whysize) : io_sink_open(path, flush_at, why, whysize);
    } else if (!strcmp(u.scheme, "kinesis")) {
        *connector = true;
        o = io_sink_open_kinesis(&u, flush_at, verbose, why, whysize);
    } else if (!strcmp(u.scheme, "kafka")) {
        *connector = true;
        o = io_sink_open_kafka(&u, dest, flush_at, verbose, txn, why, whysize);
    } else {
        snprintf(why, whysize, "unknown scheme \"%s://\" (expected a file, '-', file://PATH, kinesis://STREAM or "
                               "kafka://BROKERS/TOPIC)", u.scheme);
    }
    io_uri_free(&u);
    return o;
}

const SinkFormat *io_sink_format(const OutBuf *o) { return io_sink_kinesis_format(o); }

bool io_sink_sync(OutBuf *o)
{
    out_flush(o);
    return !o->ops || !o->ops->sync ? !out_failed(o) : o->ops->sync(o);
}

void io_sink_stats(const OutBuf *o, FILE *out) { io_sink_kinesis_stats(o, out); }
