/* libFuzzer target for the CSV reader: the decoder with and without a
 * header line, CSV schema discovery, and the writers (NDJSON, CSV, table,
 * and CSV destination records) over what was decoded, as the command line
 * reads --format csv input: into a fixed schema with a column of every
 * type, and into the schema discovered from the same bytes.
 *
 * The first byte picks the mode:
 *     bits 0-1  the delimiter: ',' ';' tab '|'
 *     bit 2     the first line is a header
 *     bits 4-5  the output format (NDJSON, CSV, table)
 *     bit 6     the fixed schema's rows are also written as destination
 *               CSV records, keyed by column V
 * the rest is lines of input. */
#include "fuzz_common.h"

FUZZ_ENTRY(csv)
{
    if (size < 1 || size > 1 << 16) return 0;
    static int devnull_fd = -1;
    if (devnull_fd < 0) devnull_fd = fileno(fuzz_devnull());
    uint8_t mode = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    static const char delims[4] = {',', ';', '\t', '|'};
    char delim = delims[mode & 3];
    bool header = (mode & 4) != 0;
    OutputFormat fmt = (OutputFormat)(((mode >> 4) & 3) % 3);
    const Schema *s = fuzz_all_types();
    Arena a, rec;
    arena_init(&a, 4096);
    arena_init(&rec, 4096);

    Schema found;
    memset(&found, 0, sizeof found);
    io_csv_discover(text, len, delim, header, &found, &a);

    /* with a header, both decoders are made from the first line */
    CsvDecoder *cd = header ? NULL : io_csv_new(s, delim, NULL, 0, &a);
    CsvDecoder *cf = header ? NULL : io_csv_new(&found, delim, NULL, 0, &a);
    OutBuf out;
    out_init(&out, devnull_fd, 1 << 16);
    RowWriter w, wf, wd;
    io_writer_init(&w, &out, s, &a);
    io_writer_set_format(&w, fmt, &a);
    io_writer_init(&wf, &out, &found, &a);
    io_writer_set_format(&wf, fmt, &a);
    io_writer_init(&wd, &out, s, &a);
    io_writer_set_destination(&wd, true, 9);
    Buf eb = {0};

    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        const char *line = p;
        p = nl ? nl + 1 : end;
        if (n && line[n - 1] == '\r') n--;
        if (!cd) {
            cd = io_csv_new(s, delim, line, n, &a);
            cf = io_csv_new(&found, delim, line, n, &a);
            continue;
        }
        arena_reset(&rec);
        Row row;
        memset(&row, 0, sizeof row);
        bool has_rt = false;
        DecodeError err;
        if (io_csv_decode(cd, line, n, &row, &rec, &has_rt, &err)) {
            io_write_row(&w, &row);
            if (mode & 64) io_write_row(&wd, &row);
            json_put_row(&eb, s, &row);
        } else {
            json_put_string(&eb, err.msg, strnlen(err.msg, sizeof err.msg));
        }
        Row r2;
        memset(&r2, 0, sizeof r2);
        if (io_csv_decode(cf, line, n, &r2, &rec, &has_rt, &err)) io_write_row(&wf, &r2);
        if (eb.len > 1 << 16) eb.len = 0;
    }
    io_writer_free(&w);
    io_writer_free(&wf);
    io_writer_free(&wd);
    out_free(&out);
    buf_free(&eb);
    io_csv_free(cd);
    io_csv_free(cf);
    arena_free(&rec);
    arena_free(&a);
    rowtype_free_all();
    return 0;
}
