/* libFuzzer target for the record readers: the NDJSON decoder, the CSV
 * decoder (with and without a header), schema discovery for both, and the
 * writers (NDJSON, CSV, table) over what was decoded, against a fixed
 * schema with a column of every type.
 *
 * The first byte picks the mode; the rest is lines of input. */
#include "fuzz_common.h"

static Schema *schema(void)
{
    static Schema s;
    static Column cols[20];
    if (s.cols) return &s;
    int n = 0;
    cols[n++] = (Column){"B", type_make(TY_BOOLEAN)};
    cols[n++] = (Column){"TI", type_make(TY_TINYINT)};
    cols[n++] = (Column){"SI", type_make(TY_SMALLINT)};
    cols[n++] = (Column){"I", type_make(TY_INTEGER)};
    cols[n++] = (Column){"BI", type_make(TY_BIGINT)};
    cols[n++] = (Column){"DEC", type_decimal(10, 2)};
    cols[n++] = (Column){"R", type_make(TY_REAL)};
    cols[n++] = (Column){"D", type_make(TY_DOUBLE)};
    cols[n++] = (Column){"C", type_string(TY_CHAR, 4)};
    cols[n++] = (Column){"V", type_string(TY_VARCHAR, 8)};
    cols[n++] = (Column){"VU", type_string(TY_VARCHAR, 0)};
    cols[n++] = (Column){"BN", type_string(TY_BINARY, 4)};
    cols[n++] = (Column){"VB", type_string(TY_VARBINARY, 8)};
    cols[n++] = (Column){"DT", type_make(TY_DATE)};
    cols[n++] = (Column){"TM", type_make(TY_TIME)};
    cols[n++] = (Column){"TS", type_make(TY_TIMESTAMP)};
    SqlType idt = type_make(TY_INTERVAL_DT);
    idt.precision = 2, idt.unit_hi = TU_DAY, idt.unit_lo = TU_SECOND;
    cols[n++] = (Column){"IDT", idt};
    SqlType iym = type_make(TY_INTERVAL_YM);
    iym.precision = 2, iym.unit_hi = TU_YEAR, iym.unit_lo = TU_MONTH;
    cols[n++] = (Column){"IYM", iym};
    cols[n++] = (Column){"quoted name", type_make(TY_INTEGER)};
    s.ncols = n;
    s.cols = cols;
    return &s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 1 << 16) return 0;
    static int devnull_fd = -1;
    if (devnull_fd < 0) devnull_fd = fileno(fuzz_devnull());
    uint8_t mode = data[0];
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    const Schema *s = schema();
    Arena a, rec;
    arena_init(&a, 4096);
    arena_init(&rec, 4096);

    /* discovery reads the same bytes; its schema gets a writer too */
    Schema found;
    memset(&found, 0, sizeof found);
    if (mode & 8) io_csv_discover(text, len, (mode & 16) ? '\t' : ',', (mode & 32) != 0, &found, &a);
    else io_discover_schema(text, len, &found, &a);

    bool csv = (mode & 1) != 0;
    bool header = (mode & 2) != 0;
    char delim = (mode & 4) ? ';' : ',';
    Decoder *dec = csv ? NULL : io_decoder_new(s);
    Decoder *dec2 = csv ? NULL : io_decoder_new(&found);   /* main.c decodes into the discovered schema */
    CsvDecoder *cd = (csv && !header) ? io_csv_new(s, delim, NULL, 0, &a) : NULL;
    /* JSONPath mappings (--input-schema): nested keys, indexes, whole arrays, a row per element */
    Decoder *dec3 = NULL;
    if (!csv) {
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
    /* zeroed: io_writer_init leaves header_done unset (see fuzz/README.md, finding 1) */
    memset(&w, 0, sizeof w);
    memset(&wf, 0, sizeof wf);
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
        if (csv && !cd) {
            cd = io_csv_new(s, delim, line, n, &a);
            continue;
        }
        arena_reset(&rec);
        Row row;
        memset(&row, 0, sizeof row);
        bool has_rt = false, has_arr = false;
        DecodeError err;
        bool ok = csv ? io_csv_decode(cd, line, n, &row, &rec, &has_rt, &err)
                      : io_ndjson_decode(dec, line, n, &row, &rec, &has_rt, &has_arr, &err);
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
        if (dec2) {
            Row r2;
            memset(&r2, 0, sizeof r2);
            if (io_ndjson_decode(dec2, line, n, &r2, &rec, &has_rt, &has_arr, &err)) io_write_row(&wf, &r2);
        }
        if (eb.len > 1 << 16) eb.len = 0;
    }
    io_writer_free(&w);
    io_writer_free(&wf);
    out_free(&out);
    buf_free(&eb);
    io_decoder_free(dec);
    io_decoder_free(dec2);
    io_decoder_free(dec3);
    io_csv_free(cd);
    arena_free(&rec);
    arena_free(&a);
    rowtype_free_all();
    return 0;
}
