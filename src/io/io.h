/* Record input and output: a line reader over a file descriptor, the
 * NDJSON decoder and writer, and schema discovery. */
#ifndef EDDY_IO_H
#define EDDY_IO_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "src/runtime/arena.h"
#include "src/runtime/buf.h"
#include "src/runtime/json_text.h"
#include "src/runtime/schema.h"

/* ---- lines ---- */

#include <stdatomic.h>
/* Set by a signal handler: reading stops as if the input had ended, so
 * open windows still close and buffered output is still written. Atomic
 * (lock-free, so a handler may set it): reader threads look at it too. */
extern atomic_int io_stop_requested;

typedef struct LineReader {
    int fd;
    const char *name;        /* "stdin" or the file name, for messages */
    char *buf;
    size_t cap, start, end;  /* unread bytes are buf[start..end) */
    size_t scan;             /* bytes from start already known to hold no newline */
    bool eof;
    bool skipping;           /* inside a line that was too long */
    int error;               /* errno of a failed read */
    uint64_t lineno;         /* number of the line last returned */
    int64_t read_ms;         /* when the bytes in the buffer arrived: the records' arrival time */
    uint64_t bytes_read;
    size_t max_line;
    bool stopped;            /* reading ended because a stop was requested */
    size_t cut;              /* bytes of an incomplete last line left unread at a stop */
    uint64_t base;           /* offset in the file of buf[0] */
    /* called before each read of the descriptor: what waits in the output
     * goes now, so no row waits there while eddy reads (or waits for) more */
    void (*before_read)(void *ctx);
    void *before_read_ctx;
} LineReader;

void io_reader_init(LineReader *r, int fd, const char *name);
void io_reader_free(LineReader *r);

typedef enum LineStatus { LINE_OK, LINE_EOF, LINE_TOO_LONG, LINE_WAIT } LineStatus;
/* The next line comes from io_read_line_buffered when the buffer holds all
 * of it (true), else from io_read_line_more, which reads on. Inline: for
 * most records the reader does a memchr and a few stores, no call. */
static inline bool io_read_line_buffered(LineReader *r, const char **line, size_t *len)
{
    if (r->skipping) return false;
    const char *at = r->buf + r->start;
    const char *nl = memchr(at + r->scan, '\n', r->end - r->start - r->scan);
    if (!nl) {
        r->scan = r->end - r->start;   /* io_read_line_more does not look at these bytes again */
        return false;
    }
    size_t n = (size_t)(nl - at);
    r->start += n + 1;
    r->scan = 0;
    if (n && at[n - 1] == '\r') n--;
    *line = at;
    *len = n;
    r->lineno++;
    return true;
}
/* Next line without its terminator (LF or CRLF), after io_read_line_buffered
 * said false. The text stays valid until the next call. A final line without
 * a newline is still a line. LINE_TOO_LONG gives the line's first max_line
 * bytes; the rest is skipped. LINE_WAIT: no whole line has come yet, and
 * reading more would block. */
LineStatus io_read_line_more(LineReader *r, const char **line, size_t *len);
/* The offset in the file of a line just returned, and of the next unread byte. */
static inline uint64_t io_reader_offset(const LineReader *r, const char *line) { return r->base + (uint64_t)(line - r->buf); }
static inline uint64_t io_reader_next_offset(const LineReader *r) { return r->base + r->start; }
/* Reading goes on from offset, whose line is lineno + 1 (a seekable file only). */
bool io_reader_seek(LineReader *r, uint64_t offset, uint64_t lineno);

/* Decodes base64 text (padding optional) into out, which has room for
 * n * 3 / 4 + 3 bytes; false on a character outside the alphabet. */
bool io_base64_decode(const char *s, size_t n, char *out, size_t *outlen);
/* Encodes n bytes as base64 with padding into out, which has room for
 * (n + 2) / 3 * 4 bytes; returns that length. */
size_t io_base64_encode(const char *s, size_t n, char *out);

/* ---- NDJSON input ---- */

typedef struct Decoder Decoder;

typedef struct DecodeError {
    const char *name;        /* ERROR_NAME */
    char msg[300];
    bool has_rowtime;        /* the bad record still named its ROWTIME */
    bool rowtime_key;        /* it has a ROWTIME key at all (readable or not) */
    int64_t rowtime;
} DecodeError;

/* Decoder for rows of schema s (the schema must outlive it). */
Decoder *io_decoder_new(const Schema *s);
void io_decoder_free(Decoder *d);

/* Columns read by JSONPath instead of by name (KDA's RecordColumns
 * Mapping): paths[c] is column c's path ($.a.b, $.a[0], $.a[0:] for the
 * whole array, $.a[0:].b to make a row of each element of $.a), NULL for
 * the key of its own name. Returns NULL, or why a path cannot be used. */
const char *io_decoder_set_mappings(Decoder *d, const char *const *paths);

/* How many records had a key that is not a column (ignored), and the
 * first such key. */
uint64_t io_decoder_unknown_keys(const Decoder *d, const char **first);
/* Whether mappings were set: a record may then make several rows. */
bool io_decoder_has_mappings(const Decoder *d);

/* Decodes one JSON object into row (values allocated in a). Sets
 * *has_rowtime when the record carries a ROWTIME field (then row->rowtime
 * is set) and likewise *has_arrival. False with err filled on bad input. */
bool io_ndjson_decode(Decoder *d, const char *line, size_t len, Row *row, Arena *a, bool *has_rowtime,
                      bool *has_arrival, DecodeError *err);
/* The same for row `elem` of a record whose mappings split an array into
 * rows; *more says another row follows (decode the same line again with
 * elem + 1: the same bytes, which may have moved; the decoder remembers
 * where the record's elements start, so each row costs its own element).
 * Without such a mapping, row 0 is the record. */
bool io_ndjson_decode_elem(Decoder *d, const char *line, size_t len, int elem, bool *more, Row *row, Arena *a,
                           bool *has_rowtime, bool *has_arrival, DecodeError *err);

/* Schema of the objects in data (complete lines only), by the documented
 * rule: integers BIGINT, other numbers DOUBLE, booleans BOOLEAN, strings
 * that all read as timestamps TIMESTAMP, everything else VARCHAR.
 * Returns the number of records looked at. */
enum { IO_DISCOVER_MAX_COLS = 1024 };   /* keys past this many are not columns of a discovered stream */
int io_discover_schema(const char *data, size_t len, Schema *out, Arena *a);

/* ---- CSV and raw lines ---- */

/* Every format's rule for text: invalid UTF-8 is an INVALID_UTF8 error. */
bool io_check_utf8(const char *s, size_t n, DecodeError *err);

typedef struct CsvDecoder CsvDecoder;
/* header: the header line when the input has one (names map fields to
 * columns, and a ROWTIME field sets the row's time); NULL maps fields to
 * columns in order. */
CsvDecoder *io_csv_new(const Schema *s, char delim, const char *header, size_t header_len, Arena *a);
void io_csv_free(CsvDecoder *d);
bool io_csv_decode(const CsvDecoder *d, const char *line, size_t len, Row *row, Arena *a, bool *has_rowtime, DecodeError *err);
/* Schema of CSV data: names from the header (or COLUMN1..n), types inferred
 * as for NDJSON. Returns the number of lines looked at. */
int io_csv_discover(const char *data, size_t len, char delim, bool header, Schema *out, Arena *a);

/* ---- output ---- */

typedef enum OutputFormat { OUT_NDJSON, OUT_CSV, OUT_TABLE } OutputFormat;

typedef struct RowWriter {
    OutBuf *out;
    const Schema *schema;
    char **keys;             /* ,"NAME": pre-escaped, one per column */
    size_t *keylens;
    OutputFormat format;
    bool header_done;        /* CSV and table print their header before the first row */
    int *widths;             /* table: column widths */
    bool cut;                /* table: values wider than their column end in an ellipsis */
    Arena scratch;           /* text forms of values (CSV, table) */
    const char *stream;      /* the stream's name, said in each row when several share the output */
    char *stream_field;      /* ,"STREAM":"NAME" pre-escaped (NDJSON), or NULL */
    size_t stream_field_len;
    char *row_id;            /* ,"ROW_ID":"NAME: pre-escaped, or NULL */
    size_t row_id_len;
    const char *row_id_name;
    uint64_t rows;           /* rows written: the next row's number in its stream */
    bool destination;        /* records as KDA wrote them to a destination (io_writer_set_destination) */
    bool dest_csv;
    int key_col;             /* the column whose text is each record's key, or -1: the row's number */
    void (*reject)(void *ctx, const struct RowWriter *w, const Row *row, size_t len);
    void *reject_ctx;
} RowWriter;

void io_writer_init(RowWriter *w, OutBuf *out, const Schema *s, Arena *a);
void io_writer_set_format(RowWriter *w, OutputFormat f, Arena *a);
/* Rows say their stream: NDJSON rows carry "STREAM":name after ROWTIME, a
 * table names the stream above its header. */
void io_writer_name_stream(RowWriter *w, const char *name, Arena *a);
/* Each NDJSON row carries "ROW_ID":"NAME:n", n its number in the stream's
 * output from 1 on, the same on every run of the same input, so a reader
 * can drop a row it already has (after a restart from a checkpoint). */
void io_writer_row_ids(RowWriter *w, const char *name, Arena *a);
/* A table on a terminal `columns` wide: columns narrowed to fit (text
 * first), and values wider than their column cut with an ellipsis, as
 * duckdb's shell does, so every line stays aligned. */
void io_writer_fit(RowWriter *w, int columns);
/* CSV's and a table's header now, before the first row (once). */
void io_write_header(RowWriter *w);
/* Records as KDA wrote them to a Kinesis stream (the output's
 * DestinationSchema RecordFormatType): JSON objects of the stream's
 * columns only, without ROWTIME and without a newline, or (csv) CSV lines
 * without a header; NULL is null in JSON and an empty field in CSV.
 * ROW_ID, when asked for, comes first. Each record's key (out->key) is
 * column key_col's text (NULL or '' give "NULL"; at most 256 characters),
 * or with key_col -1 the row's number, which spreads rows over shards. */
void io_writer_set_destination(RowWriter *w, bool csv, int key_col);
/* A record longer than out->max_record is not written: fn gets its row
 * and length (to make an error row of it). */
void io_writer_on_reject(RowWriter *w, void (*fn)(void *ctx, const RowWriter *w, const Row *row, size_t len), void *ctx);
void io_write_row(RowWriter *w, const Row *row);
void io_writer_free(RowWriter *w);

/* Text for a terminal: control characters (C0, DEL, C1) written as \n, \t,
 * \r or \xNN, so a value cannot move the cursor or retitle the window. */
void io_put_visible(Buf *b, const char *s, size_t n);

/* JSON pieces, shared with the error stream (json_put_string: src/runtime/json_text.h). */
void json_put_value(Buf *b, SqlType t, const Value *v);
/* The row as a JSON object with its ROWTIME, for DATA_ROW of error rows. */
void json_put_row(Buf *b, const Schema *s, const Row *row);

#endif
