/* The file source: standard input, a regular file or a FIFO, read line by
 * line into one reusable buffer. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io.h"
#include "source.h"
#include "src/runtime/mem.h"

typedef struct FileSource {
    Source base;
    LineReader rd;
    bool owns_fd;
} FileSource;

/* A record from the lines already in the buffer: the common case, kept
 * short (no read, so the byte count and the callbacks stay as they are). */
static inline void set_record(FileSource *f, SourceRecord *rec, const char *line, size_t len, bool truncated)
{
    /* field by field: the fields a file never sets stay as the first call left them (zero) */
    rec->data = line;
    rec->len = len;
    rec->arrival = f->rd.read_ms;
    rec->recno = f->rd.lineno;
    rec->truncated = truncated;
    rec->offset = io_reader_offset(&f->rd, line);
}

/* A record that needs a read first (or the first line, or the end). */
static SourceStatus __attribute__((noinline)) file_next_read(Source *s, SourceRecord *rec)
{
    FileSource *f = (FileSource *)s;
    const char *line;
    size_t len;
    f->rd.before_read = s->before_read;
    f->rd.before_read_ctx = s->before_read_ctx;
    LineStatus st = io_read_line_more(&f->rd, &line, &len);
    s->bytes = f->rd.bytes_read;
    switch (st) {
    case LINE_WAIT: return SOURCE_WAIT;
    case LINE_EOF:
        s->error = f->rd.error;
        s->cut = f->rd.cut;
        return SOURCE_END;
    case LINE_OK:
    case LINE_TOO_LONG:
        break;
    }
    if (f->rd.lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        /* a UTF-8 byte order mark starts the file: it is not part of the first record */
        line += 3;
        len -= 3;
    }
    set_record(f, rec, line, len, st == LINE_TOO_LONG);
    return SOURCE_RECORD;
}

/* Most records are in the buffer already: those take a memchr and a few
 * stores here, the rest file_next_read. Line 1 is never one of them (the
 * buffer is empty before it), so the byte order mark is looked for there. */
static SourceStatus file_next(Source *s, SourceRecord *rec)
{
    FileSource *f = (FileSource *)s;
    const char *line;
    size_t len;
    if (!io_read_line_buffered(&f->rd, &line, &len)) return file_next_read(s, rec);
    set_record(f, rec, line, len, false);
    return SOURCE_RECORD;
}

static int file_fd(const Source *s) { return ((const FileSource *)s)->rd.fd; }

static void file_close(Source *s)
{
    FileSource *f = (FileSource *)s;
    if (f->owns_fd) close(f->rd.fd);
    io_reader_free(&f->rd);
    mem_free(f);
}

/* A file's position: which file (device and inode), the offset and line
 * number of the next record. A pipe has none that can be gone back to. */
static void file_save(const Source *s, const SourceRecord *last, bool unprocessed, Buf *out)
{
    const FileSource *f = (const FileSource *)s;
    struct stat st;
    bool seekable = fstat(f->rd.fd, &st) == 0 && S_ISREG(st.st_mode);
    ser_u64(out, seekable);
    if (!seekable) return;
    ser_u64(out, (uint64_t)st.st_dev);
    ser_u64(out, (uint64_t)st.st_ino);
    if (unprocessed && last) {
        ser_u64(out, last->offset);
        ser_u64(out, last->recno - 1);
    } else {
        ser_u64(out, io_reader_next_offset(&f->rd));
        ser_u64(out, f->rd.lineno);
    }
}

static bool file_restore(Source *s, SerialIn *in, char *why, size_t whysize)
{
    FileSource *f = (FileSource *)s;
    bool seekable = de_u64(in) != 0;
    if (!seekable) {
        snprintf(why, whysize, "%s was not a regular file when the checkpoint was written, so its position was not "
                               "kept: reading goes on from where it is now", s->name);
        return de_ok(in);
    }
    uint64_t dev = de_u64(in), ino = de_u64(in), offset = de_u64(in), lineno = de_u64(in);
    if (!de_ok(in)) return false;
    struct stat st;
    if (fstat(f->rd.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(why, whysize, "%s is not a regular file now, so its position in the checkpoint cannot be used", s->name);
        return false;
    }
    if ((uint64_t)st.st_dev != dev || (uint64_t)st.st_ino != ino) {
        snprintf(why, whysize, "%s is another file than the one the checkpoint read (it was replaced or rotated)", s->name);
        return false;
    }
    if ((uint64_t)st.st_size < offset) {
        snprintf(why, whysize, "%s is shorter (%lld bytes) than where the checkpoint had read to (%llu)", s->name,
                 (long long)st.st_size, (unsigned long long)offset);
        return false;
    }
    if (!io_reader_seek(&f->rd, offset, lineno)) {
        snprintf(why, whysize, "cannot seek in %s: %s", s->name, strerror(errno));
        return false;
    }
    why[0] = 0;
    return true;
}

static const SourceOps file_ops = {.next = file_next, .fd = file_fd, .close = file_close, .save = file_save, .restore = file_restore};

/* A source over an open descriptor; name is kept by reference. */
Source *io_source_from_fd(int fd, const char *name, bool owns_fd)
{
    FileSource *f = mem_calloc(1, sizeof *f);
    io_reader_init(&f->rd, fd, name);
    f->owns_fd = owns_fd;
    f->base.ops = &file_ops;
    f->base.name = name;
    f->base.max_record = f->rd.max_line;
    struct stat st;
    f->base.regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    return &f->base;
}

Source *io_source_open_file(const char *path)
{
    if (strcmp(path, "-") == 0) return io_source_from_fd(0, "stdin", false);
    /* O_NONBLOCK: a FIFO with no writer yet opens at once and stays quiet */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return NULL;
    return io_source_from_fd(fd, path, true);
}
