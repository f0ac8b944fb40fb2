/* Base64 (RFC 4648): decoding, padding optional, for BINARY columns given
 * as text and for the Data of Kinesis records; encoding, for BINARY
 * values in JSON and the Data of records put to Kinesis. The table is constant, not
 * built on first use, so that threads may call it at once. */
#include "io.h"

/* each byte's value in the alphabet, -1 outside it */
static const signed char b64_value[256] = {
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1, -1, 63,
    52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
    -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14,
    15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, -1,
    -1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
    41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

bool io_base64_decode(const char *s, size_t n, char *out, size_t *outlen)
{
    while (n && s[n - 1] == '=') n--;
    const unsigned char *p = (const unsigned char *)s;
    size_t k = 0, i = 0;
    /* four characters make three bytes: most of a Kinesis record's Data */
    for (; i + 4 <= n; i += 4) {
        int32_t a = b64_value[p[i]], b = b64_value[p[i + 1]], c = b64_value[p[i + 2]], d = b64_value[p[i + 3]];
        if ((a | b | c | d) < 0) return false;
        uint32_t v = (uint32_t)a << 18 | (uint32_t)b << 12 | (uint32_t)c << 6 | (uint32_t)d;
        out[k] = (char)(v >> 16);
        out[k + 1] = (char)(v >> 8);
        out[k + 2] = (char)v;
        k += 3;
    }
    uint32_t acc = 0;
    int bits = 0;
    for (; i < n; i++) {
        int v = b64_value[p[i]];
        if (v < 0) return false;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[k++] = (char)((acc >> bits) & 0xFF);
        }
    }
    *outlen = k;
    return true;
}

size_t io_base64_encode(const char *s, size_t n, char *out)
{
    static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = (const unsigned char *)s;
    char *o = out;
    size_t i = 0;
    for (; i + 2 < n; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        o[0] = al[v >> 18];
        o[1] = al[(v >> 12) & 63];
        o[2] = al[(v >> 6) & 63];
        o[3] = al[v & 63];
        o += 4;
    }
    if (i < n) {
        uint32_t v = (uint32_t)p[i] << 16 | (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0);
        o[0] = al[v >> 18];
        o[1] = al[(v >> 12) & 63];
        o[2] = i + 1 < n ? al[(v >> 6) & 63] : '=';
        o[3] = '=';
        o += 4;
    }
    return (size_t)(o - out);
}
