/* Where the Kinesis source stands, for checkpoints. The fetch thread reads
 * ahead of the application; what counts is what the application has
 * processed: per shard, the last such record (its sequence number, and
 * its place in a KPL aggregate), which shards are finished, and each
 * shard's parents. A restart asks for every shard's records after that
 * point (AFTER_SEQUENCE_NUMBER, or AT_SEQUENCE_NUMBER of an aggregate
 * with its processed user records left out), so the records fetched but
 * not processed at the checkpoint are fetched again, and none twice. */
#include <stdio.h>
#include <string.h>

#include "source_kinesis_int.h"
#include "src/runtime/mem.h"

enum { POS_VERSION = 1 };
typedef enum PosKind { POS_NONE, POS_AFTER, POS_FINISHED } PosKind;

static ReadPos *find_pos(const KinesisSource *k, const char *shard)
{
    for (int i = 0; i < k->npos; i++)
        if (strcmp(k->pos[i].shard, shard) == 0) return &k->pos[i];
    return NULL;
}

ReadPos *io_kin_pos(KinesisSource *k, const char *shard)
{
    ReadPos *p = find_pos(k, shard);
    if (p) return p;
    if (k->npos == k->pos_cap) k->pos = mem_realloc(k->pos, sizeof *k->pos * (size_t)(k->pos_cap = k->pos_cap ? k->pos_cap * 2 : 8));
    p = &k->pos[k->npos++];
    *p = (ReadPos){.shard = mem_strdup(shard), .sub = -1};
    return p;
}

/* The record at - 1 of the batch in hand: its sequence number and place. */
static const Entry *handed_entry(const KinesisSource *k, const char **seq)
{
    const Batch *b = k->cur;
    const Entry *e = (const Entry *)b->entries.p + b->at - 1;
    *seq = b->origins.p + e->origin + strlen(b->origins.p) + 1;
    return e;
}

void io_kin_commit(KinesisSource *k)
{
    if (!k->handed) return;
    k->handed = false;
    const char *seq;
    const Entry *e = handed_entry(k, &seq);
    ReadPos *p = &k->pos[k->cur_pos];
    size_t n = e->seq_len < KIN_SEQ_MAX ? e->seq_len : KIN_SEQ_MAX - 1;
    memcpy(p->seq, seq, n);
    p->seq[n] = 0;
    p->sub = e->sub;
}

void io_kin_free_pos(KinesisSource *k)
{
    for (int i = 0; i < k->npos; i++) mem_free(k->pos[i].shard);
    mem_free(k->pos);
    k->pos = NULL;
    k->npos = k->pos_cap = 0;
}

void io_kin_save(const Source *s, const SourceRecord *last, bool unprocessed, Buf *out)
{
    (void)last;
    KinesisSource *k = (KinesisSource *)s;
    /* the record handed out last counts unless the application has not processed it */
    const char *hseq = NULL;
    const Entry *he = k->handed && !unprocessed ? handed_entry(k, &hseq) : NULL;
    const ReadPos *hpos = he ? &k->pos[k->cur_pos] : NULL;
    bool hends = he && k->cur->ends && k->cur->at == k->cur->n;
    ser_u64(out, POS_VERSION);
    ser_str(out, k->stream);
    ser_u64(out, (uint64_t)k->group);
    ser_u64(out, (uint64_t)k->groups);
    ser_i64(out, k->start_ms);
    pthread_mutex_lock(&k->mu);
    ser_u64(out, (uint64_t)k->nshards);
    for (int i = 0; i < k->nshards; i++) {
        const Shard *sh = &k->shards[i];
        const ReadPos *p = find_pos(k, sh->id);
        ser_str(out, sh->id);
        ser_str(out, sh->parent);
        ser_str(out, sh->adjacent);
        ser_u64(out, sh->first);
        if (p && p == hpos) {
            ser_u64(out, p->finished || hends ? POS_FINISHED : POS_AFTER);
            ser_bytes(out, hseq, he->seq_len);
            ser_i64(out, he->sub);
        } else {
            ser_u64(out, !p ? POS_NONE : p->finished ? POS_FINISHED : p->seq[0] ? POS_AFTER : POS_NONE);
            ser_bytes(out, p ? p->seq : "", p ? strlen(p->seq) : 0);
            ser_i64(out, p ? p->sub : -1);
        }
    }
    pthread_mutex_unlock(&k->mu);
}

static Shard *listed(KinesisSource *k, const char *id)
{
    for (int i = 0; i < k->nshards; i++)
        if (strcmp(k->shards[i].id, id) == 0) return &k->shards[i];
    return NULL;
}

/* Before the fetch thread starts (it starts with the first record asked
 * for), so the shards listed at open can be set without a lock. */
bool io_kin_restore(Source *s, SerialIn *in, char *why, size_t whysize)
{
    KinesisSource *k = (KinesisSource *)s;
    why[0] = 0;
    if (de_u64(in) != POS_VERSION) {
        de_fail(in, "a Kinesis position of another version");
        return false;
    }
    Arena a;
    arena_init(&a, 1024);
    const char *stream = de_str(in, &a);
    int group = (int)de_u64(in), groups = (int)de_u64(in);
    int64_t start_ms = de_i64(in);
    bool ok = de_ok(in);
    if (ok && (!stream || strcmp(stream, k->stream) != 0)) {
        snprintf(why, whysize, "the checkpoint read kinesis stream \"%s\", not \"%s\"", stream ? stream : "?", k->stream);
        ok = false;
    } else if (ok && (group != k->group || groups != k->groups)) {
        snprintf(why, whysize, "the checkpoint read the shards %d of every %d of %s, not %d of every %d (shards=I/N)", group,
                 groups, k->name, k->group, k->groups);
        ok = false;
    }
    /* shards listed now that the checkpoint does not name came since: children, read from their start */
    bool *named = mem_calloc((size_t)k->nshards + 1, sizeof *named);
    uint64_t n = ok ? de_count(in, 6) : 0;
    int gone = 0;
    const char *gone_id = NULL;
    for (uint64_t i = 0; i < n && de_ok(in); i++) {
        const char *id = de_str(in, &a);
        de_str(in, &a), de_str(in, &a);   /* the parents: the listing says them again */
        KinStart first = (KinStart)de_u64(in);
        PosKind kind = (PosKind)de_u64(in);
        size_t seqlen;
        const char *seq = de_bytes(in, &seqlen);
        long sub = (long)de_i64(in);
        if (!de_ok(in) || !id || first > KIN_AT_SEQUENCE_NUMBER || kind > POS_FINISHED || seqlen >= KIN_SEQ_MAX ||
            (kind == POS_AFTER && seqlen == 0)) {
            de_fail(in, "a damaged Kinesis position");
            break;
        }
        Shard *sh = listed(k, id);
        if (!sh) {
            /* finished, or past the retention period: its records are gone either way */
            if (kind != POS_FINISHED) gone++, gone_id = id;
            continue;
        }
        named[sh - k->shards] = true;
        sh->state = SH_BLOCKED;   /* read once its parents are done */
        if (kind == POS_FINISHED) {
            sh->state = SH_DONE;
            io_kin_pos(k, id)->finished = true;
        } else if (kind == POS_AFTER) {
            ReadPos *p = io_kin_pos(k, id);
            memcpy(p->seq, seq, seqlen);
            p->seq[seqlen] = 0;
            p->sub = sub;
            if (sub < 0) {
                sh->start = KIN_AFTER_SEQUENCE_NUMBER;
                sh->last_seq = mem_strdup(p->seq);
            } else {
                sh->start = KIN_AT_SEQUENCE_NUMBER;
                sh->skip_seq = mem_strdup(p->seq);
                sh->skip_sub = sub;
            }
        } else {
            /* nothing of it processed yet: as it began, from `latest` then on */
            sh->first = first;
            sh->start = first == KIN_LATEST ? KIN_AT_TIMESTAMP : first;
        }
    }
    for (int i = 0; ok && de_ok(in) && i < k->nshards; i++)
        if (!named[i]) k->shards[i].state = SH_BLOCKED, k->shards[i].start = k->shards[i].first = KIN_TRIM_HORIZON;
    if (ok && de_ok(in)) k->start_ms = start_ms;
    if (ok && de_ok(in) && gone)
        snprintf(why, whysize, "%s: %d shard%s of the checkpoint (%s) %s no longer listed: %s past the retention period, and "
                               "%s records after the checkpoint are lost", k->name, gone, gone == 1 ? "" : "s", gone_id,
                 gone == 1 ? "is" : "are", gone == 1 ? "it is" : "they are", gone == 1 ? "its" : "their");
    mem_free(named);
    arena_free(&a);
    return ok && de_ok(in);
}
