/* eddy check with a kafka:// input: whether N processes of one consumer
 * group give the rows of one (planner/scaleout.c decides), said as
 * warnings at the operators that would not, and a summary line. The
 * partition key is the column named by ?partition_key=COLUMN on the
 * input, and KAFKA_KEY or KAFKA_PARTITION when the stream declares them. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "planner/scaleout.h"
#include "src/io/uri.h"

enum { MAX_KEYS = 3 };

int cli_scaleout_check(Run *r, char *summary, size_t n)
{
    ScaleInput in[MAX_INPUTS];
    int keys[MAX_INPUTS][MAX_KEYS];
    int nin = 0, nkafka = 0;
    const char *keyless = NULL, *whole = NULL;
    for (int i = 0; i < r->ninputs; i++) {
        const CatStream *s = cat_find_stream(&r->app.cat, r->inputs[i].stream, false);
        if (!s) continue;
        IoUri u;
        char why[512];
        if (!io_uri_parse(r->inputs[i].path, &u, why, sizeof why)) continue;
        bool kafka = u.scheme && !strcmp(u.scheme, "kafka");
        ScaleInput *x = &in[nin];
        *x = (ScaleInput){.stream = s->id, .partitioned = kafka, .key_cols = keys[nin]};
        if (kafka) {
            nkafka++;
            const char *pk = io_uri_param(&u, "partition_key");
            int c = pk ? schema_lookup(&s->schema, pk, false) : -1;
            if (pk && c < 0) diag_error_nospan(&r->diag, "--input %s: partition_key=%s: stream \"%s\" has no column %s",
                                               s->name, pk, s->name, pk);
            if (c >= 0) keys[nin][x->nkey_cols++] = c;
            if ((c = schema_lookup(&s->schema, SOURCE_COL_KEY, false)) >= 0) keys[nin][x->nkey_cols++] = c;
            if ((c = schema_lookup(&s->schema, SOURCE_COL_PARTITION, false)) >= 0) keys[nin][x->nkey_cols++] = c;
            if (!x->nkey_cols && !keyless) keyless = s->name;
        } else if (!whole) {
            whole = s->name;
        }
        io_uri_free(&u);
        nin++;
    }
    if (!nkafka) return -1;
    int found = plan_scaleout_check(&r->app, in, nin, &r->diag);
    if (found == 0)
        snprintf(summary, n, "%s: scale-out: safe: every GROUP BY, window and join keeps the rows of one partition key "
                             "together, so N processes of one consumer group give the rows one process gives%s%s%s",
                 r->shown, whole ? " (but stream \"" : "", whole ? whole : "", whole ? "\" is not a Kafka topic: every "
                 "process reads all of it)" : "");
    else
        snprintf(summary, n, "%s: scale-out: not safe: %d place%s above combine%s rows of several partitions; run one "
                             "process, or key them by the column the topic is partitioned by%s%s%s",
                 r->shown, found, found == 1 ? "" : "s", found == 1 ? "s" : "",
                 keyless ? " (no partition key is known for stream \"" : "", keyless ? keyless : "",
                 keyless ? "\": name it with ?partition_key=COLUMN on its kafka:// input, or declare a KAFKA_KEY column)" : "");
    return found;
}
