/* KPL de-aggregation. The protobuf is read by hand: the message has three
 * repeated fields and a four-field sub-message, so a small reader of
 * varints and length-delimited fields costs less than a protobuf library
 * and its generated code in the build, and it reads straight from the
 * record without copying or allocating. */
#include <openssl/evp.h>
#include <string.h>

#include "kpl.h"

static const uint8_t kpl_magic[4] = {0xF3, 0x89, 0x9A, 0xC2};
enum { DIGEST_LEN = 16 };

/* AggregatedRecord fields */
enum { F_PARTITION_KEY_TABLE = 1, F_EXPLICIT_HASH_KEY_TABLE = 2, F_RECORDS = 3 };
/* Record fields */
enum { R_PARTITION_KEY_INDEX = 1, R_EXPLICIT_HASH_KEY_INDEX = 2, R_DATA = 3, R_TAGS = 4 };
enum { WT_VARINT = 0, WT_64BIT = 1, WT_LEN = 2, WT_32BIT = 5 };

static bool varint(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
    *v = 0;
    for (int shift = 0; shift < 64 && *p < end; shift += 7) {
        uint8_t b = *(*p)++;
        *v |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80)) return true;
    }
    return false;
}

/* One field: its number and wire type, and for WT_LEN its bytes, for
 * WT_VARINT its value; other wire types are skipped over. */
typedef struct Field {
    uint32_t num, type;
    const uint8_t *bytes;
    size_t len;
    uint64_t value;
} Field;

static bool field(const uint8_t **p, const uint8_t *end, Field *f)
{
    uint64_t key;
    if (!varint(p, end, &key)) return false;
    f->num = (uint32_t)(key >> 3);
    f->type = (uint32_t)(key & 7);
    switch (f->type) {
    case WT_VARINT: return varint(p, end, &f->value);
    case WT_64BIT:
    case WT_32BIT: {
        size_t n = f->type == WT_64BIT ? 8 : 4;
        if ((size_t)(end - *p) < n) return false;
        *p += n;
        return true;
    }
    case WT_LEN:
        if (!varint(p, end, &f->value) || f->value > (uint64_t)(end - *p)) return false;
        f->bytes = *p;
        f->len = (size_t)f->value;
        *p += f->len;
        return true;
    default: return false;
    }
}

/* The n-th entry of a string table (field num of the body). */
static bool table_entry(KplReader *r, uint32_t num, uint64_t n, const char **s, size_t *len)
{
    int t = num == F_PARTITION_KEY_TABLE ? 0 : 1;
    const uint8_t *p = r->body, *at;
    uint64_t i = 0;
    if (r->seen_at[t] && r->seen_index[t] <= n) p = r->seen_at[t], i = r->seen_index[t];
    Field f;
    while (at = p, p < r->end && field(&p, r->end, &f)) {
        if (f.num != num || f.type != WT_LEN) continue;
        if (i++ == n) {
            r->seen_at[t] = at;
            r->seen_index[t] = n;
            *s = (const char *)f.bytes;
            *len = f.len;
            return true;
        }
    }
    return false;
}

/* Reads one Record message; false if it is malformed. */
static bool read_record(KplReader *r, const uint8_t *p, const uint8_t *end, KplRecord *rec)
{
    bool has_pk = false, has_data = false;
    uint64_t pk = 0, ehk = 0;
    bool has_ehk = false;
    Field f;
    while (p < end) {
        if (!field(&p, end, &f)) return false;
        if (f.num == R_PARTITION_KEY_INDEX && f.type == WT_VARINT) has_pk = true, pk = f.value;
        else if (f.num == R_EXPLICIT_HASH_KEY_INDEX && f.type == WT_VARINT) has_ehk = true, ehk = f.value;
        else if (f.num == R_DATA && f.type == WT_LEN) has_data = true, rec->data = (const char *)f.bytes, rec->len = f.len;
    }
    if (!has_pk || !has_data) return false;
    if (!table_entry(r, F_PARTITION_KEY_TABLE, pk, &rec->partition_key, &rec->partition_key_len)) return false;
    rec->explicit_hash_key = NULL;
    rec->explicit_hash_key_len = 0;
    if (has_ehk && !table_entry(r, F_EXPLICIT_HASH_KEY_TABLE, ehk, &rec->explicit_hash_key, &rec->explicit_hash_key_len))
        return false;
    return true;
}

bool io_kpl_open(KplReader *r, const void *data, size_t len)
{
    const uint8_t *d = data;
    memset(r, 0, sizeof *r);
    if (len < sizeof kpl_magic + DIGEST_LEN || memcmp(d, kpl_magic, sizeof kpl_magic) != 0) return false;
    r->body = d + sizeof kpl_magic;
    r->end = d + len - DIGEST_LEN;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    if (!EVP_Digest(r->body, (size_t)(r->end - r->body), md, &mdlen, EVP_md5(), NULL) || mdlen != DIGEST_LEN ||
        memcmp(md, r->end, DIGEST_LEN) != 0)
        return false;
    /* the whole message is checked before any record is handed out */
    const uint8_t *p = r->body;
    Field f;
    while (p < r->end) {
        if (!field(&p, r->end, &f)) return false;
        if ((f.num == F_PARTITION_KEY_TABLE || f.num == F_EXPLICIT_HASH_KEY_TABLE || f.num == F_RECORDS) && f.type != WT_LEN)
            return false;
        KplRecord rec;
        if (f.num == F_RECORDS) {
            if (!read_record(r, f.bytes, f.bytes + f.len, &rec)) return false;
            r->count++;
        }
    }
    r->at = r->body;
    return true;
}

bool io_kpl_next(KplReader *r, KplRecord *rec)
{
    Field f;
    while (r->at && r->at < r->end && field(&r->at, r->end, &f))
        if (f.num == F_RECORDS) return read_record(r, f.bytes, f.bytes + f.len, rec);
    return false;
}
