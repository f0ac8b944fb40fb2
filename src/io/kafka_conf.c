/* kafka://BROKERS/TOPIC?... into a librdkafka configuration, for the
 * source and the sink alike. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kafka.h"

enum { MAX_PROPERTIES_LINE = 4096 };

static bool valid_topic(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 249 || !strcmp(s, ".") || !strcmp(s, "..")) return false;
    for (; *s; s++)
        if (!(isalnum((unsigned char)*s) || *s == '_' || *s == '.' || *s == '-')) return false;
    return true;
}

bool io_kafka_set(rd_kafka_conf_t *conf, const KafkaTarget *t, const char *key, const char *value, char *why, size_t whylen)
{
    char err[512];
    if (rd_kafka_conf_set(conf, key, value, err, sizeof err) == RD_KAFKA_CONF_OK) return true;
    /* the value may be a secret (sasl.password): only the property is named */
    snprintf(why, whylen, "%s: librdkafka property \"%s\": %s", t->shown, key, err);
    return false;
}

/* A Java-style properties file: KEY=VALUE lines, # and ! comments. */
static bool read_properties(rd_kafka_conf_t *conf, const KafkaTarget *t, const char *path, char *why, size_t whylen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(why, whylen, "%s: properties=%s: %s", t->shown, path, strerror(errno));
        return false;
    }
    char line[MAX_PROPERTIES_LINE];
    int lineno = 0;
    bool ok = true;
    while (ok && fgets(line, sizeof line, f)) {
        lineno++;
        char *p = line, *end = line + strlen(line);
        while (end > p && isspace((unsigned char)end[-1])) *--end = 0;
        while (isspace((unsigned char)*p)) p++;
        if (!*p || *p == '#' || *p == '!') continue;
        char *eq = strchr(p, '=');
        if (!eq) {
            snprintf(why, whylen, "%s: %s line %d: expected KEY=VALUE", t->shown, path, lineno);
            ok = false;
            break;
        }
        char *k_end = eq;
        while (k_end > p && isspace((unsigned char)k_end[-1])) k_end--;
        *k_end = 0;
        char *v = eq + 1;
        while (isspace((unsigned char)*v)) v++;
        ok = io_kafka_set(conf, t, p, v, why, whylen);
    }
    fclose(f);
    return ok;
}

bool io_kafka_user_set(const IoUri *u, const char *key)
{
    for (int i = 0; i < u->nparams; i++)
        if (!strncmp(u->params[i].key, "kafka.", 6) && !strcmp(u->params[i].key + 6, key)) return true;
    /* a properties file may set it too: its keys are not known here, so it counts as set when one is given */
    return io_uri_param(u, "properties") != NULL;
}

rd_kafka_conf_t *io_kafka_conf(const IoUri *u, const char *const *known, KafkaTarget *t, char *why, size_t whylen)
{
    const char *topic = u->path[0] == '/' ? u->path + 1 : u->path;
    snprintf(t->topic, sizeof t->topic, "%s", topic);
    snprintf(t->shown, sizeof t->shown, "kafka://%s/%s", u->authority, topic);
    if (!*u->authority || !valid_topic(topic)) {
        snprintf(why, whylen, "%s: expected kafka://BROKERS/TOPIC: brokers host:port separated by commas, a topic of 1 to "
                              "249 letters, digits, _ . -", t->shown);
        return NULL;
    }
    for (int i = 0; i < u->nparams; i++) {
        const char *key = u->params[i].key;
        if (!strncmp(key, "kafka.", 6) && key[6]) continue;
        const char *const *k = known;
        while (*k && strcmp(*k, key)) k++;
        if (*k || !strcmp(key, "properties")) continue;
        char list[300] = "";
        for (k = known; *k; k++) snprintf(list + strlen(list), sizeof list - strlen(list), "%s, ", *k);
        snprintf(why, whylen, "%s: unknown parameter \"%s\" (known: %sproperties=FILE, and kafka.PROPERTY=VALUE for any "
                              "librdkafka property)", t->shown, key, list);
        return NULL;
    }
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    const char *props = io_uri_param(u, "properties");
    bool ok = io_kafka_set(conf, t, "bootstrap.servers", u->authority, why, whylen) &&
              io_kafka_set(conf, t, "client.id", "eddy", why, whylen) &&
              (!props || read_properties(conf, t, props, why, whylen));
    for (int i = 0; ok && i < u->nparams; i++)
        if (!strncmp(u->params[i].key, "kafka.", 6) && u->params[i].key[6])
            ok = io_kafka_set(conf, t, u->params[i].key + 6, u->params[i].value, why, whylen);
    if (!ok) {
        rd_kafka_conf_destroy(conf);
        return NULL;
    }
    rd_kafka_conf_set_log_cb(conf, io_kafka_log);
    return conf;
}

rd_kafka_t *io_kafka_new(rd_kafka_type_t type, rd_kafka_conf_t *conf, KafkaTarget *t,
                         void (*on_error)(rd_kafka_t *, int, const char *, void *), char *why, size_t whylen)
{
    rd_kafka_conf_set_opaque(conf, t);
    rd_kafka_conf_set_error_cb(conf, on_error);
    char err[512];
    rd_kafka_t *rk = rd_kafka_new(type, conf, err, sizeof err);
    if (rk) return rk;
    rd_kafka_conf_destroy(conf);
    snprintf(why, whylen, "%s: %s", t->shown, err);
    return NULL;
}

int io_kafka_partitions(rd_kafka_t *rk, const KafkaTarget *t, int timeout_ms, char *why, size_t whylen)
{
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, t->topic, NULL);
    const rd_kafka_metadata_t *md = NULL;
    rd_kafka_resp_err_t e = rd_kafka_metadata(rk, 0, rkt, &md, timeout_ms);
    int n = -1;
    if (e == RD_KAFKA_RESP_ERR__TRANSPORT || e == RD_KAFKA_RESP_ERR__TIMED_OUT)
        snprintf(why, whylen, "%s: no broker answered within %d s (%s)", t->shown, timeout_ms / 1000, rd_kafka_err2str(e));
    else if (e)
        snprintf(why, whylen, "%s: %s", t->shown, rd_kafka_err2str(e));
    else if (md->topic_cnt != 1 || md->topics[0].err || md->topics[0].partition_cnt == 0)
        snprintf(why, whylen, "%s: topic \"%s\": %s", t->shown, t->topic,
                 md->topic_cnt == 1 && md->topics[0].err ? rd_kafka_err2str(md->topics[0].err) : "it has no partitions");
    else
        n = md->topics[0].partition_cnt;
    if (md) rd_kafka_metadata_destroy(md);
    rd_kafka_topic_destroy(rkt);
    return n;
}

void io_kafka_log(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    const KafkaTarget *t = rd_kafka_opaque(rk);
    if (level > 4) return;
    /* failed connections are retried by librdkafka, and said by the source when all brokers are down */
    bool retried = !strcmp(fac, "FAIL") || !strcmp(fac, "ERROR") || !strcmp(fac, "REQTMOUT");
    if (retried && (!t || !t->verbose)) return;
    fprintf(stderr, "eddy: %s: librdkafka: %s\n", t ? t->shown : "kafka", buf);
}
