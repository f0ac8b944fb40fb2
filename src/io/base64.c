/* Base64 decoding (RFC 4648, padding optional), for BINARY columns given
 * as text and for the Data of Kinesis records. Computed, not looked up in
 * a table built on first use, so that threads may call it at once. */
#include "io.h"

static int b64_value(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

bool io_base64_decode(const char *s, size_t n, char *out, size_t *outlen)
{
    while (n && s[n - 1] == '=') n--;
    size_t k = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = b64_value((unsigned char)s[i]);
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
