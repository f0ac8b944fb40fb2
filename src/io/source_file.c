/* The file source: standard input, a regular file or a FIFO, read line by
 * line into one reusable buffer. */
#include <errno.h>
#include <fcntl.h>
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

static SourceStatus file_next(Source *s, SourceRecord *rec)
{
    FileSource *f = (FileSource *)s;
    const char *line;
    size_t len;
    LineStatus st = io_read_line(&f->rd, &line, &len);
    s->bytes = f->rd.bytes_read;
    switch (st) {
    case LINE_WAIT: return SOURCE_WAIT;
    case LINE_EOF:
        s->error = f->rd.error;
        return SOURCE_END;
    case LINE_OK:
    case LINE_TOO_LONG:
        break;
    }
    *rec = (SourceRecord){.data = line, .len = len, .arrival = f->rd.read_ms, .recno = f->rd.lineno,
                          .truncated = st == LINE_TOO_LONG};
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

static const SourceOps file_ops = {file_next, file_fd, file_close, NULL};

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
