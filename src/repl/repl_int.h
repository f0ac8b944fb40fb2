/* Shared by the files of the interactive REPL; repl.h is its interface.
 * Two threads: the main thread reads lines with libedit and prints
 * replies; the engine thread owns everything of the running application
 * (statements, plan, executor, feeds, live output) and serves one request
 * at a time, handed over under a mutex, while rows keep flowing between
 * requests. Nothing of the engine is touched by the main thread, so the
 * executor and the parser's global tables never see two threads. */
#ifndef EDDY_REPL_INT_H
#define EDDY_REPL_INT_H

#include <histedit.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "executor/exec.h"
#include "parser/ast.h"
#include "src/io/io.h"
#include "src/io/ticker.h"

#define MAX_FEEDS 16

/* ---- the engine: state owned by the engine thread ---- */

typedef struct Kept {
    char *text;                /* one statement, without its ';' */
    AstStmtKind kind;
    char *name;                /* as stored: upper-cased unless quoted */
    bool quoted;
} Kept;

typedef struct Build {
    char *src;                 /* the kept statements, joined */
    uint32_t len;
    uint32_t *offs;            /* where each statement starts in src; n + 1 entries */
    int n;
    Arena stmts;               /* the AST (user function bodies point into it) */
    PlanApp app;
    Exec *ex;
    uint64_t *rate, *rate_rows; /* per stream: rows in the last second */
    int64_t rate_at;
    bool rate_full;            /* a whole second has been counted */
} Build;

/* How a file given to \input is read: eddy repl --format/--header/--delimiter
 * set the session's default; \input STREAM FILE [--format F ...] one file's. */
enum { FEED_NDJSON, FEED_CSV, FEED_LINES };
typedef struct FeedFormat {
    int format;
    char delimiter;
    bool header;               /* CSV: the first line names the columns */
    bool given;                /* said, not guessed from the file's name */
} FeedFormat;

typedef struct Feed {
    bool demo;
    char *stream;              /* stored name */
    int id;                    /* stream id in the current build; -1 when it has none */
    Decoder *dec;
    CsvDecoder *csv;
    FeedFormat fmt;
    bool header_read;
    Arena rec;                 /* the current record */
    bool event_time;           /* its records carry ROWTIME */
    uint64_t records, lineno;
    /* \demo */
    double rate, next_due;
    Ticker ticker;
    /* \input */
    char *path;
    int fd;
    Buf part;                  /* read, not yet consumed; from pos */
    size_t pos;
    bool at_eof;
    bool caught_up;            /* has reached the file's end since this build began */
    size_t tail;               /* a last line without its newline: its length at the last look */
    int64_t next_poll;
} Feed;

typedef struct StatRow {
    char *name;
    uint64_t rows, errors;     /* rows of builds gone by; errors of the session */
} StatRow;

enum { MODE_TABLE, MODE_NDJSON, MODE_CSV };

typedef struct Live {
    bool on;
    int stream;
    RowWriter w;
    bool writer_open;        /* w holds memory until the live query stops */
    bool until_caught_up;    /* a script's query: it ends when the files fed have been read */
    int width;               /* the terminal's columns, for a table; 0: not a terminal */
} Live;

typedef enum RqKind { RQ_INPUT, RQ_STOP_LIVE, RQ_DEMO, RQ_FEED, RQ_STATS, RQ_SAVE, RQ_MODE, RQ_OUTPUT } RqKind;

typedef struct Req {
    RqKind kind;
    const char *text;          /* RQ_INPUT: SQL; RQ_DEMO, RQ_SAVE, RQ_MODE, RQ_FEED, RQ_OUTPUT: argument */
    uint32_t len;
    const char *file;          /* RQ_INPUT: shown name; RQ_FEED: the file */
    FeedFormat fmt;            /* RQ_FEED */
    int width;                 /* RQ_INPUT: the terminal's columns (0: not a terminal) */
    bool script;               /* RQ_INPUT: no one at a terminal to press Ctrl-C */
    /* reply */
    char *out;
    size_t outlen;
    bool live;                 /* a live query started */
    bool ok;                   /* false: it failed (a script's exit status says so) */
    bool done;
} Req;

typedef struct Engine {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    Req *req;                  /* under mu */
    bool quit;                 /* under mu */
    Buf errq;                  /* under mu: error rows for the next prompt */
    int errq_lines;
    uint64_t errq_dropped;
    char *names;               /* under mu: names for completion, NUL-separated */
    size_t names_len;
    bool live_ended;           /* under mu: a live query ended by itself (LIMIT, a script's files read) */
    int wake_fd;               /* written when it does, to wake the main thread */
    FeedFormat fmt;            /* the session's default for \input (eddy repl --format ...) */
    /* engine thread only */
    Kept *kept;
    int nkept, capkept;
    Build *cur;
    Feed *feeds[MAX_FEEDS];
    int nfeeds;
    OutBuf out;                /* the terminal (live rows, error rows while a query is live) */
    OutBuf *file_out;          /* \o FILE: where live rows go instead; NULL: the terminal */
    char *file_out_path;
    Live live;
    int mode;
    StatRow *stats;
    int nstats;
    Arena tick_arena;
    int64_t last_tick;
    uint64_t records_in;
} Engine;

/* Where a statement was read, so that diagnostics show against the text the user typed. */
typedef struct Origin {
    const char *file;          /* "<stdin>" or the .sql file */
    const char *text;          /* everything read with the statement */
    uint32_t len;
    uint32_t off;              /* the statement's offset in text */
} Origin;

/* ---- the main thread ---- */

typedef struct Repl {
    Engine *e;
    EditLine *el;
    History *hist;
    HistEvent ev;
    char *hist_path;
    bool tty;
    bool timing;
    bool continuation;
    bool quit;
    int failures;              /* statements and commands that failed: a script exits 1 after any */
} Repl;

/* ---- split.c: SQL text ---- */
typedef struct Piece {
    uint32_t off, len;
} Piece;

int repl_split_sql(const char *s, uint32_t n, Piece **out, bool *complete);
bool repl_sql_blank(const char *s, uint32_t n);
bool repl_next_word(const char **s, char *buf, size_t size, bool *quoted);

/* ---- engine.c: builds, the engine thread, requests ---- */
void repl_build_free(Build *b);
StatRow *repl_stat_for(Engine *e, const char *name);
void repl_render_alone(const DiagList *d, const Origin *org, FILE *out);
Build *repl_try_build(Engine *e, const Kept *list, int n, const char *extra, int focus, const Origin *org, FILE *msg);
void repl_feeds_attach(Engine *e, bool rewind);
void repl_start_values(Engine *e);
void repl_install(Engine *e, Build *b);
void *repl_engine_main(void *arg);
void repl_call(Engine *e, Req *r);

/* ---- statements.c: the session's statements ---- */
bool repl_name_is(const char *stored, const char *typed, bool quoted);
int repl_find_kept(Engine *e, AstStmtKind kind, const char *name, bool quoted);
void repl_kept_free(Kept *k);
bool repl_add_statement(Engine *e, Kept k, bool or_replace, const Origin *org, FILE *out);
bool repl_drop(Engine *e, AstStmtKind kind, const char *name, bool quoted, FILE *out);
void repl_do_input(Engine *e, Req *r, FILE *out);

/* ---- commands.c: SHOW / DESCRIBE / DROP / EXPLAIN ---- */
int repl_command(Engine *e, const char *text, const Origin *org, FILE *out);

/* ---- live.c: live rows and error rows ---- */
void repl_live_start(Engine *e, int stream, const Req *r);
void repl_stop_live(Engine *e, FILE *out);
/* A live query that has all it will show ends by itself, and the main thread hears of it. */
void repl_live_check_end(Engine *e);
bool repl_set_output(Engine *e, const char *path, FILE *out);
void repl_on_error_row(void *ctx, const ErrorRow *er);

/* ---- feeds.c: the demo ticker and files ---- */
Feed *repl_feed_new(Engine *e, const char *stream);
void repl_feed_remove(Engine *e, int i);
/* Its decoder for the current build; a file is read again from its start. */
void repl_feed_attach(Engine *e, Feed *f, bool rewind);
/* Every file feed has reached its end since the build began (true without any). */
bool repl_feeds_caught_up(Engine *e);
/* The columns of an undeclared stream, from the first records of its file. */
bool repl_feed_discover(Feed *f, Schema *out, Arena *a);
void repl_work(Engine *e);
int64_t repl_next_wake(Engine *e, int64_t now);

/* ---- meta.c: backslash commands ---- */
bool repl_do_demo(Engine *e, const char *arg, FILE *out);
bool repl_do_feed(Engine *e, const Req *r, FILE *out);
void repl_do_stats(Engine *e, FILE *out);
bool repl_do_save(Engine *e, const char *path, FILE *out);
bool repl_do_mode(Engine *e, const char *arg, FILE *out);
void repl_run_file(Repl *rp, const char *path);
void repl_meta(Repl *rp, char *line);
/* help, quit, exit and duckdb's .commands typed where SQL would start:
 * true when line was one of them (and has been done). */
bool repl_habit(Repl *rp, char *line);
bool repl_parse_feed_format(char **words, int n, FeedFormat *f, FILE *msg);

/* ---- help.c ---- */
/* The list of commands, or what TOPIC (a command or statement) does. */
void repl_help(const char *topic);

/* ---- lineedit.c: libedit, history and completion ---- */
void repl_edit_open(Repl *rp);
void repl_edit_close(Repl *rp);
void repl_remember(Repl *rp, const char *text);

/* ---- repl.c: the main thread ---- */
void repl_reply(Req *r);
double repl_mono_ms(void);
void repl_submit(Repl *rp, const char *text, size_t len, const char *file);

#endif
