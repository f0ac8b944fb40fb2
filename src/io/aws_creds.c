/* Credentials that expire: fetched from a process, STS, the container's
 * endpoint or the instance's metadata service, and fetched again before
 * they expire. Every buffer that held a secret is cleared before it is
 * freed, and no message carries one. */
#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "aws_int.h"
#include "src/runtime/buf.h"
#include "src/runtime/clock.h"
#include "src/runtime/mem.h"

enum {
    REFRESH_BEFORE_MS = 5 * 60 * 1000,   /* as the SDKs do: a request signed now must not expire on the way */
    RETRY_FETCH_MS = 10 * 1000,          /* after a failed fetch, while the ones in hand still hold */
    MAX_ANSWER = 1 << 20,
};

static void clear_str(char *s)
{
    if (!s) return;
    memset(s, 0, strlen(s));
    mem_free(s);
}

static void clear_buf(Buf *b)
{
    if (b->p) memset(b->p, 0, b->cap);
    buf_free(b);
}

void io_aws_creds_clear(AwsCreds *k)
{
    clear_str(k->access_key);
    clear_str(k->secret_key);
    clear_str(k->session_token);
    memset(k, 0, sizeof *k);
}

static char *dup_nonempty(const char *s) { return s && *s ? mem_strdup(s) : NULL; }

static void creds_copy(AwsCreds *to, const AwsCreds *from)
{
    io_aws_creds_clear(to);
    to->access_key = dup_nonempty(from->access_key);
    to->secret_key = dup_nonempty(from->secret_key);
    to->session_token = dup_nonempty(from->session_token);
    to->expires_ms = from->expires_ms;
}

/* ---- parsers ---- */

int64_t io_aws_parse_time(const char *s)
{
    int y, mo, d, h, mi, sec, n = 0;
    if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6) return -1;
    const char *p = s + n;
    int ms = 0;
    if (*p == '.') {
        int digits = 0;
        for (p++; isdigit((unsigned char)*p); p++)
            if (digits++ < 3) ms = ms * 10 + (*p - '0');
        for (; digits < 3; digits++) ms *= 10;
    }
    int offset_min = 0;
    if (*p == '+' || *p == '-') {
        int oh, om;
        if (sscanf(p + 1, "%2d:%2d", &oh, &om) != 2) return -1;
        offset_min = (oh * 60 + om) * (*p == '-' ? -1 : 1);
    } else if (*p != 'Z' && *p != 'z' && *p != 0) {
        return -1;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return -1;
    struct tm tm = {.tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi, .tm_sec = sec};
    time_t t = timegm(&tm);
    return ((int64_t)t - offset_min * 60) * 1000 + ms;
}

char *io_aws_xml_text(const char *xml, const char *tag)
{
    char open[80], close[80];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    const char *a = xml ? strstr(xml, open) : NULL;
    if (!a) return NULL;
    a += strlen(open);
    const char *b = strstr(a, close);
    if (!b) return NULL;
    char *out = mem_alloc((size_t)(b - a) + 1), *o = out;
    static const struct { const char *ent; char c; } ents[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    while (a < b) {
        bool done = false;
        for (size_t i = 0; i < sizeof ents / sizeof *ents && *a == '&'; i++) {
            size_t n = strlen(ents[i].ent);
            if ((size_t)(b - a) >= n && memcmp(a, ents[i].ent, n) == 0) {
                *o++ = ents[i].c;
                a += n;
                done = true;
                break;
            }
        }
        if (!done) *o++ = *a++;
    }
    *o = 0;
    return out;
}

bool io_aws_creds_from_json(const char *text, size_t len, AwsCreds *out, char *why, size_t whylen)
{
    memset(out, 0, sizeof *out);
    json_error_t err;
    json_t *j = json_loadb(text, len, 0, &err);
    if (!json_is_object(j)) {
        snprintf(why, whylen, "the answer is not a JSON object");
        json_decref(j);
        return false;
    }
    const char *code = json_string_value(json_object_get(j, "Code"));
    const char *id = json_string_value(json_object_get(j, "AccessKeyId"));
    const char *secret = json_string_value(json_object_get(j, "SecretAccessKey"));
    const char *token = json_string_value(json_object_get(j, "SessionToken"));
    if (!token) token = json_string_value(json_object_get(j, "Token"));
    const char *exp = json_string_value(json_object_get(j, "Expiration"));
    json_t *version = json_object_get(j, "Version");
    bool ok = false;
    if (code && strcmp(code, "Success") != 0) {
        const char *msg = json_string_value(json_object_get(j, "Message"));
        snprintf(why, whylen, "it answered Code \"%.60s\"%s%.200s", code, msg ? ": " : "", msg ? msg : "");
    } else if (version && json_integer_value(version) != 1) {
        snprintf(why, whylen, "its answer has Version %lld, not 1", (long long)json_integer_value(version));
    } else if (!id || !*id || !secret || !*secret) {
        snprintf(why, whylen, "its answer has no AccessKeyId and SecretAccessKey");
    } else if (exp && io_aws_parse_time(exp) < 0) {
        snprintf(why, whylen, "its Expiration \"%.40s\" is not an ISO 8601 time", exp);
    } else {
        out->access_key = mem_strdup(id);
        out->secret_key = mem_strdup(secret);
        out->session_token = dup_nonempty(token);
        out->expires_ms = exp ? io_aws_parse_time(exp) : 0;
        ok = true;
    }
    /* jansson keeps its own copies: clear the secret's */
    if (secret) memset((char *)secret, 0, strlen(secret));
    if (token) memset((char *)token, 0, strlen(token));
    json_decref(j);
    return ok;
}

/* ---- HTTP ---- */

static size_t on_data(char *p, size_t size, size_t n, void *ctx)
{
    Buf *b = ctx;
    if (b->len + size * n > MAX_ANSWER) return 0;
    buf_put(b, p, size * n);
    return size * n;
}

typedef struct Request {
    const char *method;          /* "GET", "PUT", "POST" */
    const char *url;
    struct curl_slist *headers;
    const char *body;            /* POST or PUT body, or NULL */
    const char *sigv4;           /* sign with libcurl's SigV4 ("aws:amz:REGION:sts"), or NULL */
    const AwsCreds *signer;
    long timeout_ms;
} Request;

/* One request; the answer (any status) in *out, its status in *status. */
static bool http_call(const Request *rq, Buf *out, long *status, char *why, size_t whylen)
{
    CURL *e = curl_easy_init();
    if (!e) {
        snprintf(why, whylen, "cannot start libcurl");
        return false;
    }
    char errbuf[CURL_ERROR_SIZE] = "";
    struct curl_slist *headers = NULL;
    for (struct curl_slist *h = rq->headers; h; h = h->next) headers = curl_slist_append(headers, h->data);
    Buf token = {0};
    if (rq->signer && rq->signer->session_token) {
        buf_puts(&token, "X-Amz-Security-Token: ");
        buf_puts(&token, rq->signer->session_token);
        buf_putc(&token, 0);
        headers = curl_slist_append(headers, token.p);
    }
    curl_easy_setopt(e, CURLOPT_URL, rq->url);
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, rq->method);
    if (rq->body) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, rq->body);
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)strlen(rq->body));
    }
    if (rq->sigv4) {
        curl_easy_setopt(e, CURLOPT_AWS_SIGV4, rq->sigv4);
        curl_easy_setopt(e, CURLOPT_USERNAME, rq->signer->access_key);
        curl_easy_setopt(e, CURLOPT_PASSWORD, rq->signer->secret_key);
    }
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, rq->timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, rq->timeout_ms * 3);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
    /* the credential endpoints are asked directly, never through a proxy */
    curl_easy_setopt(e, CURLOPT_NOPROXY, "*");
    CURLcode rc = curl_easy_perform(e);
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, status);
    curl_slist_free_all(headers);
    clear_buf(&token);
    curl_easy_cleanup(e);
    if (rc != CURLE_OK) {
        snprintf(why, whylen, "cannot reach %s: %s", rq->url, errbuf[0] ? errbuf : curl_easy_strerror(rc));
        return false;
    }
    buf_putc(out, 0);
    out->len--;
    return true;
}

/* ---- the sources ---- */

static bool fetch_process(const AwsSource *src, AwsCreds *out, char *why, size_t whylen)
{
    FILE *p = popen(src->command, "r");
    if (!p) {
        snprintf(why, whylen, "cannot run credential_process: %s", strerror(errno));
        return false;
    }
    Buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        if (b.len < MAX_ANSWER) buf_put(&b, chunk, n);
    memset(chunk, 0, sizeof chunk);
    int st = pclose(p);
    bool ok = false;
    if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        snprintf(why, whylen, "credential_process failed (exit status %d; its messages are above)",
                 st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    } else {
        char inner[300];
        ok = io_aws_creds_from_json(b.p ? b.p : "", b.len, out, inner, sizeof inner);
        if (!ok) snprintf(why, whylen, "credential_process: %s", inner);
    }
    clear_buf(&b);
    return ok;
}

static char *read_secret_file(const char *path, char *why, size_t whylen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(why, whylen, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    Buf b = {0};
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < MAX_ANSWER) buf_put(&b, chunk, n);
    memset(chunk, 0, sizeof chunk);
    fclose(f);
    while (b.len && isspace((unsigned char)b.p[b.len - 1])) b.len--;
    char *s = b.len ? mem_alloc(b.len + 1) : NULL;
    if (s) memcpy(s, b.p, b.len), s[b.len] = 0;
    else snprintf(why, whylen, "%s is empty", path);
    clear_buf(&b);
    return s;
}

/* name=value&... of a form body, each value escaped. */
static void form_param(Buf *b, CURL *e, const char *name, const char *value)
{
    if (!value) return;
    char *esc = curl_easy_escape(e, value, 0);
    if (b->len) buf_putc(b, '&');
    buf_puts(b, name);
    buf_putc(b, '=');
    buf_puts(b, esc);
    memset(esc, 0, strlen(esc));
    curl_free(esc);
}

/* AssumeRole or AssumeRoleWithWebIdentity: STS's query API, answered in XML. */
static bool fetch_sts(const AwsSource *src, AwsCreds *out, char *why, size_t whylen)
{
    bool web = src->kind == AWS_WEB_IDENTITY;
    AwsCreds signer = {0};
    char *token = NULL;
    if (web && !(token = read_secret_file(src->token_file, why, whylen))) return false;
    if (!web) {
        char inner[400];
        if (!io_aws_fetch(src->base, &signer, inner, sizeof inner)) {
            snprintf(why, whylen, "the credentials to assume %s with: %s", src->role_arn, inner);
            return false;
        }
    }
    CURL *esc = curl_easy_init();
    Buf body = {0};
    char duration[24];
    snprintf(duration, sizeof duration, "%d", src->duration_s);
    form_param(&body, esc, "Action", web ? "AssumeRoleWithWebIdentity" : "AssumeRole");
    form_param(&body, esc, "Version", "2011-06-15");
    form_param(&body, esc, "RoleArn", src->role_arn);
    form_param(&body, esc, "RoleSessionName", src->session_name);
    form_param(&body, esc, "ExternalId", src->external_id);
    form_param(&body, esc, "DurationSeconds", src->duration_s ? duration : NULL);
    form_param(&body, esc, "WebIdentityToken", token);
    buf_putc(&body, 0);
    curl_easy_cleanup(esc);
    clear_str(token);
    char sigv4[96];
    snprintf(sigv4, sizeof sigv4, "aws:amz:%s:sts", src->sts_region);
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/x-www-form-urlencoded; charset=utf-8");
    Request rq = {.method = "POST", .url = src->sts_endpoint, .headers = h, .body = body.p, .timeout_ms = 5000,
                  .sigv4 = web ? NULL : sigv4, .signer = web ? NULL : &signer};
    Buf ans = {0};
    long status = 0;
    bool ok = http_call(&rq, &ans, &status, why, whylen);
    curl_slist_free_all(h);
    clear_buf(&body);
    io_aws_creds_clear(&signer);
    if (ok && status != 200) {
        char *code = io_aws_xml_text(ans.p, "Code"), *msg = io_aws_xml_text(ans.p, "Message");
        snprintf(why, whylen, "STS at %s refused to assume %s: HTTP status %ld%s%.80s%s%.300s", src->sts_endpoint,
                 src->role_arn, status, code ? ", " : "", code ? code : "", msg ? ": " : "", msg ? msg : "");
        mem_free(code), mem_free(msg);
        ok = false;
    } else if (ok) {
        char *exp = io_aws_xml_text(ans.p, "Expiration");
        *out = (AwsCreds){.access_key = io_aws_xml_text(ans.p, "AccessKeyId"),
                          .secret_key = io_aws_xml_text(ans.p, "SecretAccessKey"),
                          .session_token = io_aws_xml_text(ans.p, "SessionToken"),
                          .expires_ms = exp ? io_aws_parse_time(exp) : 0};
        mem_free(exp);
        if (!out->access_key || !out->secret_key || out->expires_ms < 0) {
            io_aws_creds_clear(out);
            snprintf(why, whylen, "STS at %s answered without credentials", src->sts_endpoint);
            ok = false;
        }
    }
    clear_buf(&ans);
    return ok;
}

/* One GET (or PUT) of the container or instance endpoints; the answer's text in *ans on 200. */
static bool fetch_text(const char *method, const char *url, struct curl_slist *h, long timeout_ms, Buf *ans,
                       const char *what, char *why, size_t whylen)
{
    long status = 0;
    Request rq = {.method = method, .url = url, .headers = h, .timeout_ms = timeout_ms, .body = !strcmp(method, "PUT") ? "" : NULL};
    if (!http_call(&rq, ans, &status, why, whylen)) return false;
    if (status == 200) return true;
    snprintf(why, whylen, "%s at %s answered HTTP status %ld", what, url, status);
    return false;
}

static bool fetch_container(const AwsSource *src, AwsCreds *out, char *why, size_t whylen)
{
    struct curl_slist *h = NULL;
    char *auth = src->auth ? mem_strdup(src->auth) : src->auth_file ? read_secret_file(src->auth_file, why, whylen) : NULL;
    if (src->auth_file && !auth) return false;
    Buf line = {0};
    if (auth) {
        buf_puts(&line, "Authorization: ");
        buf_puts(&line, auth);
        buf_putc(&line, 0);
        h = curl_slist_append(h, line.p);
    }
    Buf ans = {0};
    bool ok = fetch_text("GET", src->url, h, 2000, &ans, "the container's credentials endpoint", why, whylen);
    char inner[300];
    if (ok && !(ok = io_aws_creds_from_json(ans.p, ans.len, out, inner, sizeof inner)))
        snprintf(why, whylen, "the container's credentials endpoint %s: %s", src->url, inner);
    if (h) memset(h->data, 0, strlen(h->data));
    curl_slist_free_all(h);
    clear_buf(&line);
    clear_str(auth);
    clear_buf(&ans);
    return ok;
}

/* IMDSv2: a session token (PUT), the role's name, then its credentials. */
static bool fetch_imds(const AwsSource *src, AwsCreds *out, char *why, size_t whylen)
{
    char url[600];
    Buf tok = {0}, ans = {0};
    snprintf(url, sizeof url, "%s/latest/api/token", src->url);
    struct curl_slist *h = curl_slist_append(NULL, "X-aws-ec2-metadata-token-ttl-seconds: 21600");
    bool ok = fetch_text("PUT", url, h, 1000, &tok, "the instance metadata service", why, whylen);
    curl_slist_free_all(h);
    h = NULL;
    Buf header = {0};
    if (ok) {
        buf_puts(&header, "X-aws-ec2-metadata-token: ");
        buf_put(&header, tok.p, tok.len);
        buf_putc(&header, 0);
        h = curl_slist_append(NULL, header.p);
        snprintf(url, sizeof url, "%s/latest/meta-data/iam/security-credentials/", src->url);
        ok = fetch_text("GET", url, h, 1000, &ans, "the instance metadata service (is an IAM role attached to the instance?)",
                        why, whylen);
    }
    if (ok) {
        size_t n = strcspn(ans.p, "\r\n");
        snprintf(url, sizeof url, "%s/latest/meta-data/iam/security-credentials/%.*s", src->url, (int)n, ans.p);
        if (n == 0) {
            snprintf(why, whylen, "the instance has no IAM role attached");
            ok = false;
        }
        ans.len = 0;
    }
    if (ok) ok = fetch_text("GET", url, h, 1000, &ans, "the instance metadata service", why, whylen);
    char inner[300];
    if (ok && !(ok = io_aws_creds_from_json(ans.p, ans.len, out, inner, sizeof inner)))
        snprintf(why, whylen, "the instance's role credentials: %s", inner);
    if (h) memset(h->data, 0, strlen(h->data));
    curl_slist_free_all(h);
    clear_buf(&header);
    clear_buf(&tok);
    clear_buf(&ans);
    return ok;
}

bool io_aws_fetch(const AwsSource *src, AwsCreds *out, char *why, size_t whylen)
{
    memset(out, 0, sizeof *out);
    switch (src->kind) {
    case AWS_STATIC: creds_copy(out, &src->keys); return true;
    case AWS_PROCESS: return fetch_process(src, out, why, whylen);
    case AWS_WEB_IDENTITY:
    case AWS_ASSUME_ROLE: return fetch_sts(src, out, why, whylen);
    case AWS_CONTAINER: return fetch_container(src, out, why, whylen);
    case AWS_IMDS: return fetch_imds(src, out, why, whylen);
    }
    return false;
}

void io_aws_source_free(AwsSource *src)
{
    if (!src) return;
    io_aws_creds_clear(&src->keys);
    mem_free(src->command);
    mem_free(src->role_arn);
    mem_free(src->session_name);
    mem_free(src->token_file);
    mem_free(src->external_id);
    mem_free(src->sts_endpoint);
    mem_free(src->sts_region);
    io_aws_source_free(src->base);
    mem_free(src->url);
    clear_str(src->auth);
    mem_free(src->auth_file);
    mem_free(src);
}

bool io_aws_current(AwsConfig *c, AwsCreds *out, uint64_t *gen, bool stale, char *why, size_t whylen)
{
    AwsShared *s = c->shared;
    pthread_mutex_lock(&s->mu);
    int64_t now = clock_now_ms();
    bool expiring = s->creds.expires_ms && now >= s->creds.expires_ms - REFRESH_BEFORE_MS;
    if ((stale || expiring) && s->src->kind != AWS_STATIC && now >= s->retry_after_ms) {
        AwsCreds fresh;
        char inner[700];
        if (io_aws_fetch(s->src, &fresh, inner, sizeof inner)) {
            io_aws_creds_clear(&s->creds);
            s->creds = fresh;
            s->gen++;
            if (s->said) fprintf(stderr, "eddy: AWS credentials from %s fetched again\n", c->creds_from);
            s->said = false;
            s->retry_after_ms = 0;
        } else {
            s->retry_after_ms = now + RETRY_FETCH_MS;
            if (!s->said)
                fprintf(stderr, "eddy: AWS credentials from %s could not be fetched again (trying every %d s): %s\n",
                        c->creds_from, RETRY_FETCH_MS / 1000, inner);
            s->said = true;
        }
    }
    bool valid = s->creds.access_key && (!s->creds.expires_ms || now < s->creds.expires_ms);
    if (!valid) snprintf(why, whylen, "the AWS credentials from %s have expired and could not be fetched again", c->creds_from);
    else if (*gen != s->gen) {
        creds_copy(out, &s->creds);
        *gen = s->gen;
    }
    pthread_mutex_unlock(&s->mu);
    return valid;
}
