/* The Kinesis JSON 1.1 API over libcurl. One easy handle per client, so
 * the connection is kept between requests. */
#include <ctype.h>
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kinesis_api.h"
#include "uri.h"
#include "src/runtime/buf.h"
#include "src/runtime/mem.h"

struct KinClient {
    CURL *curl;
    AwsConfig *cfg;
    const volatile int *stop;
    AwsCreds creds;               /* this client's copy of the credentials in use */
    uint64_t creds_gen;
    bool creds_stale;             /* the service said they had expired */
    struct curl_slist *fixed;     /* Content-Type and the session token */
    char sigv4[128];
    Buf body;                     /* the answer being read */
    char errbuf[CURL_ERROR_SIZE];
    long connect_ms, total_ms;
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static void curl_start(void) { curl_global_init(CURL_GLOBAL_DEFAULT); }

static size_t on_data(char *p, size_t size, size_t n, void *ctx)
{
    buf_put(ctx, p, size * n);
    return size * n;
}

static int on_progress(void *ctx, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
    (void)dt, (void)dn, (void)ut, (void)un;
    const volatile int *stop = ctx;
    return stop && *stop;
}

/* The headers every request has: the content type, and the session
 * token of the credentials in use. */
static void set_fixed_headers(KinClient *c)
{
    for (struct curl_slist *h = c->fixed; h; h = h->next) memset(h->data, 0, strlen(h->data));
    curl_slist_free_all(c->fixed);
    c->fixed = curl_slist_append(NULL, "Content-Type: application/x-amz-json-1.1");
    if (c->creds.session_token) {
        Buf h = {0};
        buf_puts(&h, "X-Amz-Security-Token: ");
        buf_puts(&h, c->creds.session_token);
        buf_putc(&h, 0);
        c->fixed = curl_slist_append(c->fixed, h.p);
        memset(h.p, 0, h.len);
        buf_free(&h);
    }
}

KinClient *io_kin_new(AwsConfig *cfg, const volatile int *stop)
{
    pthread_once(&curl_once, curl_start);
    KinClient *c = mem_calloc(1, sizeof *c);
    c->curl = curl_easy_init();
    if (!c->curl) {
        mem_free(c);
        return NULL;
    }
    c->cfg = cfg;
    c->stop = stop;
    c->connect_ms = 3000;
    c->total_ms = 15000;
    snprintf(c->sigv4, sizeof c->sigv4, "aws:amz:%s:kinesis", cfg->region);
    set_fixed_headers(c);
    return c;
}

void io_kin_free(KinClient *c)
{
    if (!c) return;
    curl_easy_cleanup(c->curl);
    for (struct curl_slist *h = c->fixed; h; h = h->next) memset(h->data, 0, strlen(h->data));
    curl_slist_free_all(c->fixed);
    io_aws_creds_clear(&c->creds);
    buf_free(&c->body);
    mem_free(c);
}

void io_kin_set_timeouts(KinClient *c, long connect_ms, long total_ms)
{
    c->connect_ms = connect_ms;
    c->total_ms = total_ms;
}

/* Errors retrying may cure: throttling and the service's own trouble. */
static bool retryable(const char *type)
{
    static const char *const names[] = {"ProvisionedThroughputExceededException", "LimitExceededException",
                                        "ThrottlingException", "KMSThrottlingException", "InternalFailure",
                                        "InternalFailureException", "ServiceUnavailable", "ServiceUnavailableException",
                                        "RequestTimeout", "RequestTimeoutException", NULL};
    for (const char *const *n = names; *n; n++)
        if (strcmp(type, *n) == 0) return true;
    return false;
}

/* The error an answer names: "__type" (after any "namespace#") and its message. */
static KinStatus classify(long http, const Buf *body, char *why, size_t whylen)
{
    json_t *j = body->len ? json_loadb(body->p, body->len, 0, NULL) : NULL;
    const char *type = j ? json_string_value(json_object_get(j, "__type")) : NULL;
    const char *msg = j ? json_string_value(json_object_get(j, "message")) : NULL;
    if (!msg && j) msg = json_string_value(json_object_get(j, "Message"));
    KinStatus st;
    if (type) {
        const char *hash = strrchr(type, '#');
        if (hash) type = hash + 1;
        st = strcmp(type, "ExpiredIteratorException") == 0 ? KIN_EXPIRED
             : retryable(type) || http >= 500            ? KIN_RETRY
                                                         : KIN_FATAL;
        snprintf(why, whylen, "%s%s%s", type, msg ? ": " : "", msg ? msg : "");
    } else {
        st = http >= 500 || http == 429 ? KIN_RETRY : KIN_FATAL;
        int shown = body->len > 200 ? 200 : (int)body->len;
        snprintf(why, whylen, "HTTP status %ld%s%.*s", http, shown ? ": " : "", shown, body->p ? body->p : "");
    }
    json_decref(j);
    return st;
}

/* One request of len bytes of JSON; on KIN_OK the answer is in c->body. */
static KinStatus perform_text(KinClient *c, const char *action, const char *text, size_t len, char *why, size_t whylen)
{
    /* a large answer's buffer is not kept from the request before */
    if (c->body.cap > (1u << 24)) buf_free(&c->body);
    /* credentials that expire are fetched again before they do (aws_creds.c) */
    uint64_t gen = c->creds_gen;
    bool stale = c->creds_stale;
    c->creds_stale = false;
    if (!io_aws_current(c->cfg, &c->creds, &c->creds_gen, stale, why, whylen)) return KIN_RETRY;
    if (gen != c->creds_gen) set_fixed_headers(c);
    char target[96];
    snprintf(target, sizeof target, "X-Amz-Target: Kinesis_20131202.%s", action);
    struct curl_slist *headers = curl_slist_append(NULL, target);
    for (struct curl_slist *h = c->fixed; h; h = h->next) headers = curl_slist_append(headers, h->data);
    CURL *e = c->curl;
    curl_easy_reset(e);
    curl_easy_setopt(e, CURLOPT_URL, c->cfg->endpoint);
    curl_easy_setopt(e, CURLOPT_AWS_SIGV4, c->sigv4);
    curl_easy_setopt(e, CURLOPT_USERNAME, c->creds.access_key);
    curl_easy_setopt(e, CURLOPT_PASSWORD, c->creds.secret_key);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, text);
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &c->body);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, c->connect_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, c->total_ms);
    curl_easy_setopt(e, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(e, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(e, CURLOPT_XFERINFODATA, (void *)c->stop);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, c->errbuf);
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    c->errbuf[0] = 0;
    c->body.len = 0;
    CURLcode rc = curl_easy_perform(e);
    long http = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &http);
    curl_slist_free_all(headers);
    if (rc == CURLE_ABORTED_BY_CALLBACK) {
        snprintf(why, whylen, "stopped");
        return KIN_STOPPED;
    }
    if (rc != CURLE_OK) {
        snprintf(why, whylen, "%s", c->errbuf[0] ? c->errbuf : curl_easy_strerror(rc));
        return KIN_NETWORK;
    }
    if (http == 200) return KIN_OK;
    KinStatus st = classify(http, &c->body, why, whylen);
    if (st == KIN_FATAL && strncmp(why, "ExpiredToken", 12) == 0) {
        /* the credentials expired before they were fetched again (a clock
         * that is off, or a refresh that failed): fetch them now and retry */
        c->creds_stale = true;
        st = KIN_RETRY;
    }
    return st;
}

static KinStatus perform(KinClient *c, const char *action, json_t *body, char *why, size_t whylen)
{
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    KinStatus st = perform_text(c, action, text, strlen(text), why, whylen);
    free(text);
    return st;
}

KinStatus io_kin_post(KinClient *c, const char *action, const char *body, size_t len, const char **reply, size_t *rlen,
                      char *why, size_t whylen)
{
    KinStatus st = perform_text(c, action, body, len, why, whylen);
    *reply = c->body.p ? c->body.p : "";
    *rlen = c->body.len;
    return st;
}

KinStatus io_kin_call(KinClient *c, const char *action, json_t *body, json_t **reply, char *why, size_t whylen)
{
    *reply = NULL;
    KinStatus st = perform(c, action, body, why, whylen);
    if (st != KIN_OK) return st;
    json_error_t jerr;
    *reply = json_loadb(c->body.p ? c->body.p : "", c->body.len, 0, &jerr);
    if (*reply) return KIN_OK;
    snprintf(why, whylen, "unreadable answer to %s: %s", action, jerr.text);
    return KIN_NETWORK;   /* most likely cut short */
}

static char *str_or_null(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? mem_strdup(s) : NULL;
}

KinStatus io_kin_list_shards(KinClient *c, const char *stream, KinShard **shards, int *n, char *why, size_t whylen)
{
    *shards = NULL;
    *n = 0;
    int cap = 0;
    char *token = NULL;
    KinStatus st;
    do {
        json_t *req = token ? json_pack("{s:s}", "NextToken", token) : json_pack("{s:s}", "StreamName", stream);
        mem_free(token);
        token = NULL;
        json_t *reply;
        st = io_kin_call(c, "ListShards", req, &reply, why, whylen);
        if (st != KIN_OK) break;
        json_t *list = json_object_get(reply, "Shards");
        size_t i;
        json_t *sh;
        json_array_foreach(list, i, sh) {
            const char *id = json_string_value(json_object_get(sh, "ShardId"));
            if (!id) continue;
            if (*n == cap) *shards = mem_realloc(*shards, sizeof **shards * (size_t)(cap = cap ? cap * 2 : 8));
            KinShard *s = &(*shards)[(*n)++];
            s->id = mem_strdup(id);
            s->parent = str_or_null(sh, "ParentShardId");
            s->adjacent_parent = str_or_null(sh, "AdjacentParentShardId");
            json_t *range = json_object_get(sh, "SequenceNumberRange");
            s->closed = json_object_get(range, "EndingSequenceNumber") != NULL;
        }
        token = str_or_null(reply, "NextToken");
        json_decref(reply);
    } while (token);
    mem_free(token);
    if (st != KIN_OK) {
        io_kin_free_shards(*shards, *n);
        *shards = NULL;
        *n = 0;
    }
    return st;
}

void io_kin_free_shards(KinShard *shards, int n)
{
    for (int i = 0; i < n; i++) {
        mem_free(shards[i].id);
        mem_free(shards[i].parent);
        mem_free(shards[i].adjacent_parent);
    }
    mem_free(shards);
}

KinStatus io_kin_shard_iterator(KinClient *c, const char *stream, const char *shard, KinStart start, const char *seq,
                                int64_t at_ms, char **iterator, char *why, size_t whylen)
{
    static const char *const kinds[] = {"TRIM_HORIZON", "LATEST", "AT_TIMESTAMP", "AFTER_SEQUENCE_NUMBER",
                                        "AT_SEQUENCE_NUMBER"};
    *iterator = NULL;
    json_t *req = json_pack("{s:s,s:s,s:s}", "StreamName", stream, "ShardId", shard, "ShardIteratorType", kinds[start]);
    if (start == KIN_AT_TIMESTAMP) json_object_set_new(req, "Timestamp", json_real((double)at_ms / 1000.0));
    if (start == KIN_AFTER_SEQUENCE_NUMBER || start == KIN_AT_SEQUENCE_NUMBER)
        json_object_set_new(req, "StartingSequenceNumber", json_string(seq));
    json_t *reply;
    KinStatus st = io_kin_call(c, "GetShardIterator", req, &reply, why, whylen);
    if (st != KIN_OK) return st;
    *iterator = str_or_null(reply, "ShardIterator");
    json_decref(reply);
    if (!*iterator) {
        snprintf(why, whylen, "GetShardIterator gave no ShardIterator");
        return KIN_RETRY;
    }
    return KIN_OK;
}

KinStatus io_kin_get_records(KinClient *c, const char *iterator, int limit, const char **text, size_t *len, char *why,
                             size_t whylen)
{
    json_t *req = json_pack("{s:s,s:i}", "ShardIterator", iterator, "Limit", limit);
    KinStatus st = perform(c, "GetRecords", req, why, whylen);
    *text = c->body.p ? c->body.p : "";
    *len = c->body.len;
    return st;
}

KinStatus io_kin_describe(KinClient *c, const char *stream, char *out, size_t outlen, char *why, size_t whylen)
{
    json_t *reply;
    KinStatus st = io_kin_call(c, "DescribeStreamSummary", json_pack("{s:s}", "StreamName", stream), &reply, why, whylen);
    if (st != KIN_OK) return st;
    json_t *d = json_object_get(reply, "StreamDescriptionSummary");
    const char *status = json_string_value(json_object_get(d, "StreamStatus"));
    snprintf(out, outlen, "%s, %lld open shards, retention %lld h", status ? status : "?",
             (long long)json_integer_value(json_object_get(d, "OpenShardCount")),
             (long long)json_integer_value(json_object_get(d, "RetentionPeriodHours")));
    json_decref(reply);
    return KIN_OK;
}

/* ---- shared by the source and the sink ---- */

int64_t io_kin_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t io_kin_backoff_ms(uint64_t *rng, int failures)
{
    int64_t d = KIN_BACKOFF_BASE_MS;
    for (int i = 0; i < failures && d < KIN_BACKOFF_MAX_MS; i++) d *= 2;
    if (d > KIN_BACKOFF_MAX_MS) d = KIN_BACKOFF_MAX_MS;
    *rng ^= *rng << 13, *rng ^= *rng >> 7, *rng ^= *rng << 17;
    return d / 2 + (int64_t)(*rng % (uint64_t)(d / 2 + 1));
}

bool io_kin_valid_stream_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 128) return false;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '.' || *s == '-')) return false;
    return true;
}

void io_kin_show_endpoint(char *out, size_t n, const char *endpoint)
{
    const char *host = strstr(endpoint, "://");
    host = host ? host + 3 : endpoint;
    const char *at = strchr(host, '@'), *slash = strchr(host, '/');
    if (at && (!slash || at < slash)) snprintf(out, n, "%.*s%s", (int)(host - endpoint), endpoint, at + 1);
    else snprintf(out, n, "%s", endpoint);
}

bool io_kin_open(const IoUri *u, const char *name, const volatile int *stop, AwsConfig *aws, char *shown,
                 KinClient **client, char *why, size_t whylen)
{
    char err[600];
    if (!io_aws_load(aws, "kinesis", io_uri_param(u, "region"), io_uri_param(u, "endpoint"), err, sizeof err)) {
        snprintf(why, whylen, "%s: %s", name, err);
        return false;
    }
    io_kin_show_endpoint(shown, 200, aws->endpoint);
    *client = io_kin_new(aws, stop);
    if (!*client) {
        snprintf(why, whylen, "%s: cannot start libcurl", name);
        return false;
    }
    io_kin_set_timeouts(*client, 3000, 5000);
    return true;
}
