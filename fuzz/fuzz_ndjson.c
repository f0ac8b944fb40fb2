/* libFuzzer target for the NDJSON reader: the decoder (also with JSONPath
 * mappings), schema discovery, and the writers (NDJSON, CSV, table) over
 * what was decoded, against a fixed schema with a column of every type.
 * CSV has its own target, fuzz_csv.
 *
 * The first byte picks the output format (bits 6-7); the rest is lines of
 * input. */
#include "fuzz_common.h"

FUZZ_ENTRY(ndjson)
{
    if (size < 1 || size > 1 << 16) return 0;
    static int devnull_fd = -1;
    if (devnull_fd < 0) devnull_fd = fileno(fuzz_devnull());
    uint8_t mode = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    const Schema *s = fuzz_all_types();
    Arena a, rec;
    arena_init(&a, 4096);
    arena_init(&rec, 4096);

    /* discovery reads the same bytes; its schema gets a writer too */
    Schema found;
    memset(&found, 0, sizeof found);
    io_discover_schema(text, len, &found, &a);

    Decoder *dec = io_decoder_new(s);
    Decoder *dec2 = io_decoder_new(&found);   /* main.c decodes into the discovered schema */
    /* JSONPath mappings (--input-schema): nested keys, indexes, whole arrays, a row per element */
    Decoder *dec3 = NULL;
    {
        static const char *const paths[20] = {"$.b", "$.o.ti", "$.o.p.si", "$.arr[1]", "$.rows[0:].bi", "$.rows[0:].d.dec",
                                              NULL, "$.rows[0:].x[0]", "$.c", "$.obj", "$.arr[0:]", NULL, NULL, "$.dt",
                                              NULL, "$.rows[0:].ts", NULL, NULL, "$.q"};
        dec3 = io_decoder_new(s);
        if (io_decoder_set_mappings(dec3, paths)) {
            io_decoder_free(dec3);
            dec3 = NULL;
        }
    }
    OutBuf out;
    out_init(&out, devnull_fd, 1 << 16);
    RowWriter w, wf;
    io_writer_init(&w, &out, s, &a);
    io_writer_set_format(&w, (OutputFormat)((mode >> 6) % 3), &a);
    io_writer_init(&wf, &out, &found, &a);
    io_writer_set_format(&wf, (OutputFormat)((mode >> 6) % 3), &a);
    Buf eb = {0};

    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *line = p;
        p = nl ? nl + 1 : end;
        arena_reset(&rec);
        Row row;
        memset(&row, 0, sizeof row);
        bool has_rt = false, has_arr = false;
        DecodeError err;
        bool ok = io_ndjson_decode(dec, line, n, &row, &rec, &has_rt, &has_arr, &err);
        bool more = dec3 != NULL;
        for (int e = 0; more && e < 64; e++) {
            Row r3;
            memset(&r3, 0, sizeof r3);
            DecodeError err3;
            bool rt3, arr3;
            if (io_ndjson_decode_elem(dec3, line, n, e, &more, &r3, &rec, &rt3, &arr3, &err3)) io_write_row(&w, &r3);
        }
        if (!ok) {
            json_put_string(&eb, err.msg, strnlen(err.msg, sizeof err.msg));
            continue;
        }
        io_write_row(&w, &row);
        json_put_row(&eb, s, &row);
        Row r2;
        memset(&r2, 0, sizeof r2);
        if (io_ndjson_decode(dec2, line, n, &r2, &rec, &has_rt, &has_arr, &err)) io_write_row(&wf, &r2);
        if (eb.len > 1 << 16) eb.len = 0;
    }
    io_writer_free(&w);
    io_writer_free(&wf);
    out_free(&out);
    buf_free(&eb);
    io_decoder_free(dec);
    io_decoder_free(dec2);
    io_decoder_free(dec3);
    arena_free(&rec);
    arena_free(&a);
    rowtype_free_all();
    return 0;
}
