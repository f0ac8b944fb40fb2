/* Reading lines from a descriptor into one reusable buffer. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "io.h"
#include "src/runtime/clock.h"
#include "src/runtime/mem.h"

atomic_int io_stop_requested;

#define INITIAL_BUFFER (1 << 20)
#define MAX_LINE (64u << 20)

void io_reader_init(LineReader *r, int fd, const char *name)
{
    memset(r, 0, sizeof *r);
    r->fd = fd;
    r->name = name;
    r->cap = INITIAL_BUFFER;
    r->buf = mem_alloc(r->cap + 1);
    r->max_line = MAX_LINE;
}

void io_reader_free(LineReader *r)
{
    mem_free(r->buf);
    r->buf = NULL;
}

/* Read more bytes at the end of the buffer, compacting or growing first:
 * 1 when some came, 0 at the end (or a full buffer), -1 when the reader
 * would have to wait. */
static int fill(LineReader *r)
{
    if (r->eof) return 0;
    if (r->start > 0 && (r->end == r->cap || r->start > r->cap / 2)) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->base += r->start;
        r->end -= r->start;
        r->start = 0;
    }
    if (r->end == r->cap) {
        if (r->cap >= r->max_line + 2) return 0;
        r->cap *= 2;
        r->buf = mem_realloc(r->buf, r->cap + 1);
    }
    if (r->before_read) r->before_read(r->before_read_ctx);
    if (!io_stop_requested) {
        /* never block: the caller waits on the descriptor with the others */
        struct pollfd p = {.fd = r->fd, .events = POLLIN};
        if (poll(&p, 1, 0) == 0 || p.revents == 0) return -1;
    }
    for (;;) {
        if (io_stop_requested) {
            r->eof = true;
            r->stopped = true;
            return 0;
        }
        ssize_t n = read(r->fd, r->buf + r->end, r->cap - r->end);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return -1;
        if (n < 0) {
            r->error = errno;
            r->eof = true;
            return 0;
        }
        if (n == 0) {
            r->eof = true;
            return 0;
        }
        r->end += (size_t)n;
        r->bytes_read += (uint64_t)n;
        r->read_ms = clock_now_ms();
        return 1;
    }
}

/* What io_read_line_buffered could not give: a line that reaches past the
 * buffer's end (its first r->scan bytes hold no newline), or the rest of
 * one too long. */
LineStatus io_read_line_more(LineReader *r, const char **line, size_t *len)
{
    if (r->skipping) {
        /* the rest of a line that was too long */
        for (;;) {
            char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
            if (nl) {
                r->start = (size_t)(nl - r->buf) + 1;
                break;
            }
            r->base += r->end;
            r->start = r->end = 0;
            int f = fill(r);
            if (f < 0) return LINE_WAIT;   /* still skipping when called again */
            if (f == 0) break;
        }
        r->scan = 0;
        r->skipping = false;
    }
    for (;;) {
        char *nl = memchr(r->buf + r->start + r->scan, '\n', r->end - r->start - r->scan);
        if (nl) {
            size_t n = (size_t)(nl - (r->buf + r->start));
            *line = r->buf + r->start;
            r->start += n + 1;
            r->scan = 0;
            if (n && (*line)[n - 1] == '\r') n--;
            *len = n;
            r->lineno++;
            return LINE_OK;
        }
        r->scan = r->end - r->start;
        if (r->scan > r->max_line) {
            *line = r->buf + r->start;
            *len = r->max_line;
            r->lineno++;
            r->skipping = true;
            return LINE_TOO_LONG;
        }
        int f = fill(r);
        if (f < 0) return LINE_WAIT;
        if (f == 0) {
            if (r->end > r->start && r->stopped) {
                /* stopped while a record was arriving: it is incomplete, not
                 * malformed; start stays at it, so that the position a
                 * checkpoint saves (io_reader_next_offset) is the record's
                 * own, and a resumed run reads it whole from the file */
                r->cut = r->end - r->start;
                return LINE_EOF;
            }
            if (r->end > r->start) {
                /* a last line without a newline */
                size_t n = r->end - r->start;
                *line = r->buf + r->start;
                r->start = r->end;
                r->scan = 0;
                if (n && (*line)[n - 1] == '\r') n--;
                *len = n;
                r->lineno++;
                return LINE_OK;
            }
            return LINE_EOF;
        }
    }
}

bool io_reader_seek(LineReader *r, uint64_t offset, uint64_t lineno)
{
    if (lseek(r->fd, (off_t)offset, SEEK_SET) < 0) return false;
    r->base = offset;
    r->start = r->end = r->scan = 0;
    r->eof = r->skipping = r->stopped = false;
    r->lineno = lineno;
    return true;
}
