#include "json_text.h"

#include <string.h>

#include "convert.h"

void json_put_escaped(Buf *b, const char *s, size_t n, size_t i)
{
    static const char hex[] = "0123456789abcdef";
    while (i < n) {
        /* copy the longest run that needs no escaping */
        size_t j = i + json_plain_run(s + i, n - i);
        if (j > i) {
            buf_put(b, s + i, j - i);
            i = j;
            if (i >= n) break;
        }
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int k = utf8_seq((const unsigned char *)s + i, (const unsigned char *)s + n);
            if (k) {
                buf_put(b, s + i, (size_t)k);
                i += (size_t)k;
            } else {
                buf_put(b, "\xEF\xBF\xBD", 3);   /* U+FFFD for a byte that is not UTF-8 */
                i++;
            }
            continue;
        }
        char esc[6] = {'\\', 0, 0, 0, 0, 0};
        size_t el = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            el = 6;
        }
        buf_put(b, esc, el);
        i++;
    }
    buf_putc(b, '"');
}
