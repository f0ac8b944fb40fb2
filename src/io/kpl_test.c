/* KPL de-aggregation: aggregates built here by a small protobuf writer
 * (the fields KPL writes, in its order), then read back; a wrong digest,
 * a cut message and plain data are not aggregates. And the base64 of a
 * record's Data, both ways. */
#include <openssl/evp.h>
#include <string.h>

#include "io.h"
#include "kpl.h"
#include "src/runtime/buf.h"
#include "src/test.h"

static void put_varint(Buf *b, uint64_t v)
{
    while (v >= 0x80) {
        buf_putc(b, (char)(v | 0x80));
        v >>= 7;
    }
    buf_putc(b, (char)v);
}

static void put_bytes(Buf *b, int field, const char *s, size_t n)
{
    put_varint(b, (uint64_t)field << 3 | 2);
    put_varint(b, n);
    buf_put(b, s, n);
}

static void put_uint(Buf *b, int field, uint64_t v)
{
    put_varint(b, (uint64_t)field << 3);
    put_varint(b, v);
}

/* An aggregate of n records "data-i" with partition keys pk[i % npk];
 * record 1 has explicit hash key 0 when with_ehk. */
static void build(Buf *out, int n, int npk, bool with_ehk)
{
    Buf body = {0};
    char s[32];
    for (int i = 0; i < npk; i++) put_bytes(&body, 1, s, (size_t)snprintf(s, sizeof s, "key-%d", i));
    if (with_ehk) put_bytes(&body, 2, "12345", 5);
    for (int i = 0; i < n; i++) {
        Buf rec = {0};
        put_uint(&rec, 1, (uint64_t)(i % npk));
        if (with_ehk && i == 1) put_uint(&rec, 2, 0);
        put_bytes(&rec, 3, s, (size_t)snprintf(s, sizeof s, "data-%d", i));
        Buf tag = {0};
        put_bytes(&tag, 1, "k", 1);
        put_bytes(&rec, 4, tag.p, tag.len);   /* tags are skipped */
        put_bytes(&body, 3, rec.p, rec.len);
        buf_free(&rec);
        buf_free(&tag);
    }
    buf_put(out, "\xF3\x89\x9A\xC2", 4);
    buf_put(out, body.p, body.len);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen;
    EVP_Digest(body.p, body.len, md, &mdlen, EVP_md5(), NULL);
    buf_put(out, (const char *)md, mdlen);
    buf_free(&body);
}

static bool is(const char *p, size_t n, const char *s) { return n == strlen(s) && memcmp(p, s, n) == 0; }

static void test_deaggregates(void)
{
    Buf agg = {0};
    build(&agg, 5, 2, true);
    KplReader r;
    CU_ASSERT_FATAL(io_kpl_open(&r, agg.p, agg.len));
    CU_ASSERT_EQUAL(r.count, 5);
    KplRecord rec;
    char want[32];
    for (int i = 0; i < 5; i++) {
        CU_ASSERT_FATAL(io_kpl_next(&r, &rec));
        snprintf(want, sizeof want, "data-%d", i);
        CU_ASSERT(is(rec.data, rec.len, want));
        snprintf(want, sizeof want, "key-%d", i % 2);
        CU_ASSERT(is(rec.partition_key, rec.partition_key_len, want));
        bool ehk = rec.explicit_hash_key && is(rec.explicit_hash_key, rec.explicit_hash_key_len, "12345");
        CU_ASSERT(i == 1 ? ehk : rec.explicit_hash_key == NULL);
    }
    CU_ASSERT(!io_kpl_next(&r, &rec));
    buf_free(&agg);
}

/* Keys looked up out of order still resolve (the lookup cache starts over). */
static void test_many_keys(void)
{
    Buf agg = {0};
    build(&agg, 300, 7, false);
    KplReader r;
    CU_ASSERT_FATAL(io_kpl_open(&r, agg.p, agg.len));
    KplRecord rec;
    int n = 0;
    char want[32];
    while (io_kpl_next(&r, &rec)) {
        snprintf(want, sizeof want, "key-%d", n % 7);
        CU_ASSERT(is(rec.partition_key, rec.partition_key_len, want));
        n++;
    }
    CU_ASSERT_EQUAL(n, 300);
    buf_free(&agg);
}

static void test_not_aggregates(void)
{
    KplReader r;
    CU_ASSERT(!io_kpl_open(&r, "{\"a\":1}", 7));
    CU_ASSERT(!io_kpl_open(&r, "\xF3\x89\x9A\xC2", 4));
    Buf agg = {0};
    build(&agg, 3, 1, false);
    agg.p[agg.len - 1] ^= 1;   /* wrong digest: one plain record, as the KCL does */
    CU_ASSERT(!io_kpl_open(&r, agg.p, agg.len));
    buf_free(&agg);

    /* a digest that matches a message that does not read */
    Buf bad = {0};
    buf_put(&bad, "\xF3\x89\x9A\xC2", 4);
    const char body[] = {0x1A, 0x7F, 0x08};   /* records field longer than what follows */
    buf_put(&bad, body, sizeof body);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen;
    EVP_Digest(body, sizeof body, md, &mdlen, EVP_md5(), NULL);
    buf_put(&bad, (const char *)md, mdlen);
    CU_ASSERT(!io_kpl_open(&r, bad.p, bad.len));
    buf_free(&bad);

    /* a record whose partition key index is past the table */
    Buf body2 = {0}, rec = {0}, whole = {0};
    put_bytes(&body2, 1, "k", 1);
    put_uint(&rec, 1, 3);
    put_bytes(&rec, 3, "x", 1);
    put_bytes(&body2, 3, rec.p, rec.len);
    buf_put(&whole, "\xF3\x89\x9A\xC2", 4);
    buf_put(&whole, body2.p, body2.len);
    EVP_Digest(body2.p, body2.len, md, &mdlen, EVP_md5(), NULL);
    buf_put(&whole, (const char *)md, mdlen);
    CU_ASSERT(!io_kpl_open(&r, whole.p, whole.len));
    buf_free(&body2);
    buf_free(&rec);
    buf_free(&whole);
}

/* Every length from 0 to 40, with and without padding; the RFC's
 * examples; a character outside the alphabet. */
static void test_base64(void)
{
    char raw[41], text[64], back[48];
    size_t n;
    for (size_t len = 0; len <= 40; len++) {
        for (size_t i = 0; i < len; i++) raw[i] = (char)(i * 37 + len * 11);
        size_t tn = io_base64_encode(raw, len, text);
        CU_ASSERT_EQUAL(tn, (len + 2) / 3 * 4);
        CU_ASSERT(io_base64_decode(text, tn, back, &n) && n == len && memcmp(back, raw, len) == 0);
        while (tn && text[tn - 1] == '=') tn--;
        CU_ASSERT(io_base64_decode(text, tn, back, &n) && n == len && memcmp(back, raw, len) == 0);
    }
    CU_ASSERT(io_base64_encode("foobar", 6, text) == 8 && memcmp(text, "Zm9vYmFy", 8) == 0);
    CU_ASSERT(io_base64_encode("fooba", 5, text) == 8 && memcmp(text, "Zm9vYmE=", 8) == 0);
    CU_ASSERT(io_base64_decode("Zm9vYg==", 8, back, &n) && n == 4 && memcmp(back, "foob", 4) == 0);
    CU_ASSERT(!io_base64_decode("Zm9v*mFy", 8, back, &n));
    CU_ASSERT(!io_base64_decode("Zm9vYmF*", 8, back, &n));
}

void kpl_tests(void)
{
    static const TestCase cases[] = {
        {"KPL aggregate: records, keys, explicit hash key", test_deaggregates},
        {"KPL aggregate: 300 records over 7 keys", test_many_keys},
        {"KPL: plain data, a wrong digest, a bad message", test_not_aggregates},
        {"base64 of Kinesis Data: both ways, every length", test_base64},
        {NULL, NULL},
    };
    test_suite("kpl", cases);
}
