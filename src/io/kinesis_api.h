/* A small Kinesis Data Streams client: one request is an action and a
 * JSON body (the JSON 1.1 protocol) over HTTP(S) with libcurl, signed
 * with libcurl's own SigV4 (CURLOPT_AWS_SIGV4). Every answer is sorted
 * into what the caller does next: go on, retry later (throttling, a
 * server or network error), get a new iterator, or give up. Blocking:
 * call it from a thread of its own; `stop` aborts a request under way. */
#ifndef EDDY_KINESIS_API_H
#define EDDY_KINESIS_API_H
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "aws.h"
#include "src/runtime/arena.h"

typedef enum KinStatus {
    KIN_OK,
    KIN_RETRY,      /* throttled, or the service's own trouble (5xx): try again after a pause */
    KIN_NETWORK,    /* no answer (refused, timed out, cut): try again after a pause */
    KIN_EXPIRED,    /* ExpiredIteratorException: ask for a new iterator */
    KIN_FATAL,      /* no such stream, bad credentials, a bad request: retrying cannot help */
    KIN_STOPPED,    /* *stop was set */
} KinStatus;

typedef enum KinStart {
    KIN_TRIM_HORIZON,
    KIN_LATEST,
    KIN_AT_TIMESTAMP,
    KIN_AFTER_SEQUENCE_NUMBER,
    KIN_AT_SEQUENCE_NUMBER,
} KinStart;

typedef struct KinShard {
    char *id, *parent, *adjacent_parent;   /* parents NULL when none */
    bool closed;                           /* has an ending sequence number */
} KinShard;

typedef struct KinClient KinClient;

/* A client for cfg's endpoint (cfg must outlive it). */
KinClient *io_kin_new(AwsConfig *cfg, const volatile int *stop);
void io_kin_free(KinClient *c);
void io_kin_set_timeouts(KinClient *c, long connect_ms, long total_ms);

/* One request: body is taken (decref'd); *reply is the answer's JSON on
 * KIN_OK (the caller decrefs it). why says what went wrong otherwise. */
KinStatus io_kin_call(KinClient *c, const char *action, json_t *body, json_t **reply, char *why, size_t whylen);

/* Every shard of the stream, over all pages. */
KinStatus io_kin_list_shards(KinClient *c, const char *stream, KinShard **shards, int *n, char *why, size_t whylen);
void io_kin_free_shards(KinShard *shards, int n);
/* seq for the *_SEQUENCE_NUMBER kinds, at_ms for AT_TIMESTAMP. */
KinStatus io_kin_shard_iterator(KinClient *c, const char *stream, const char *shard, KinStart start, const char *seq,
                                int64_t at_ms, char **iterator, char *why, size_t whylen);
/* The GetRecords answer as it came (valid until the next request): read
 * it with io_kin_read_records, which needs no tree of JSON values. */
KinStatus io_kin_get_records(KinClient *c, const char *iterator, int limit, const char **text, size_t *len, char *why,
                             size_t whylen);
/* One record of a GetRecords answer; strings as they stand in the answer
 * (not NUL-terminated). */
typedef struct KinRecord {
    const char *data;           /* base64 */
    size_t data_len;
    const char *seq;
    size_t seq_len;
    int64_t approx_ms;          /* ApproximateArrivalTimestamp, epoch ms */
} KinRecord;

typedef struct KinReply {
    const char *next_iterator;  /* NULL: the shard is closed and read to its end */
    size_t next_len;
    int64_t behind;             /* MillisBehindLatest, -1 when absent */
} KinReply;

/* Reads a GetRecords answer (kinesis_records.c): fn for each record in
 * order, the rest into *out. Strings with escapes are unescaped into a.
 * False, with why, for an answer that does not read. */
bool io_kin_read_records(const char *text, size_t len, Arena *a, void (*fn)(void *ctx, const KinRecord *r), void *ctx,
                         KinReply *out, char *why, size_t whylen);

/* One request whose body is JSON text already; *reply is the answer as it
 * came (valid until the next request), on KIN_OK or not. */
KinStatus io_kin_post(KinClient *c, const char *action, const char *body, size_t len, const char **reply, size_t *rlen,
                      char *why, size_t whylen);

/* Reads a PutRecords answer: fn for each record's result, in the order
 * of the request (error NULL when it was written). False, with why, for
 * an answer that does not read. */
bool io_kin_read_put_results(const char *text, size_t len, Arena *a,
                             void (*fn)(void *ctx, size_t i, const char *error, size_t error_len), void *ctx, char *why,
                             size_t whylen);

/* "ACTIVE, 2 open shards, retention 24 h" (for --verbose). */
KinStatus io_kin_describe(KinClient *c, const char *stream, char *out, size_t outlen, char *why, size_t whylen);

/* What the source and the sink share. Retries wait a pause in [d/2, d],
 * d doubling from KIN_BACKOFF_BASE_MS with each failure in a row, up to
 * KIN_BACKOFF_MAX_MS (exponential backoff with jitter; rng is the
 * caller's xorshift state, never 0). */
enum { KIN_BACKOFF_BASE_MS = 100, KIN_BACKOFF_MAX_MS = 5000 };
int64_t io_kin_backoff_ms(uint64_t *rng, int failures);
int64_t io_kin_mono_ms(void);
/* A stream name Kinesis accepts: 1 to 128 letters, digits, _ . - */
bool io_kin_valid_stream_name(const char *s);
/* The endpoint as it may be shown: without a user:password@ in it. */
void io_kin_show_endpoint(char *out, size_t n, const char *endpoint);
struct IoUri;
/* What the source and the sink do first for kinesis://STREAM: the AWS
 * settings (region and endpoint from the URI's parameters, else as the AWS
 * tools find them), the endpoint as it may be shown (shown, 200 bytes),
 * and a client whose first requests give up soon (io_kin_set_timeouts
 * lengthens them). False, with why beginning with name, when the settings
 * are not found or libcurl does not start. */
bool io_kin_open(const struct IoUri *u, const char *name, const volatile int *stop, AwsConfig *aws, char *shown,
                 KinClient **client, char *why, size_t whylen);

#endif
