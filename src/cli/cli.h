/* The eddy command (not the REPL): what its parts share. main.c dispatches;
 * options.c reads the command line; app.c turns the SQL, the input schema
 * and the tables into a bound application; tables.c loads reference
 * tables; input.c reads and decodes each input's records; feed.c merges
 * the inputs by ROWTIME into the running application (reader.c reads
 * file inputs on threads of their own); run.c runs it;
 * error_writer.c writes the error stream. */
#ifndef EDDY_CLI_H
#define EDDY_CLI_H
#include <stdbool.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>

#include "executor/exec.h"
#include "parser/parse.h"
#include "planner/plan.h"
#include "src/io/io.h"
#include "src/io/kafka_txn.h"
#include "src/io/kda_config.h"
#include "src/io/kda_schema.h"
#include "src/io/sink.h"
#include "src/io/source.h"
#include "src/io/source_columns.h"
#include "src/runtime/buf.h"
#include "src/runtime/diag.h"

#define DEFAULT_SOURCE "SOURCE_SQL_STREAM_001"
#define DEFAULT_DEST "DESTINATION_SQL_STREAM"
/* A path no file can have: marks the input fed by the built-in ticker. */
#define DEMO_PATH "\001demo"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2, EXIT_UNCHECKED = 3 };
enum { MAX_INPUTS = 16, MAX_OUTPUTS = 64 };

typedef enum InputFormat { FMT_NDJSON, FMT_CSV, FMT_LINES } InputFormat;

typedef struct InputSpec {
    const char *stream;
    const char *path;          /* "-" for standard input */
    const char *origin;        /* from --kda: the configuration's setting it came from; NULL from the command line */
} InputSpec;

typedef struct Options {
    const char *mode;          /* "run", "check", "explain", "graph", "expr" */
    bool dot;                  /* graph: Graphviz instead of text */
    const char *sql_file;
    const char *sql_text;
    InputSpec inputs[MAX_INPUTS];
    int ninputs;
    InputSpec outputs[16];        /* --output NAME[=DEST]: path "-" is standard output */
    int noutputs;
    InputSpec tables[16];
    int ntables;
    InputSpec table_schemas[16];  /* --table-schema NAME=FILE: a KDA ReferenceSchema for table NAME */
    int ntable_schemas;
    const char *errors_path;
    bool stats;
    bool verbose;
    InputFormat format;
    bool format_given;            /* --format said it: an input schema's RecordFormat does not override it */
    OutputFormat output_format;
    bool output_format_given;
    double demo_rate;             /* --demo: ticker rows per second into SOURCE_SQL_STREAM_001; 0 = off */
    double stats_every;           /* seconds; 0 = off */
    char delimiter;
    bool header;
    const char *input_schema;     /* a KDA input schema (JSON) for the source stream */
    bool stdout_closed;           /* eddy started with descriptor 1 closed */
    bool stream_field;            /* --stream-field: NDJSON rows say their stream */
    bool row_id;                  /* --row-id: NDJSON rows carry a ROW_ID that repeats exactly on a replay */
    const char *state_dir;        /* --state DIR: checkpoints, and resuming from them */
    double checkpoint_every;      /* seconds */
    bool state_reset;             /* --state-reset: forget the saved state first */
    const char *shared_state_dir; /* --shared-state DIR: each Kafka partition's state, shared by the group (partitions.c) */
    size_t max_memory;            /* --max-memory: bytes, 0 none */
    const char *kda_path;         /* --kda: the application's KDA configuration (src/cli/kda.c) */
    InputSpec kda_params[16];     /* --kda-param NAME=VALUE */
    int nkda_params;
    int threads;                  /* --threads (or EDDY_THREADS): 1 one thread; 0 chosen from the CPUs */
} Options;

/* One input stream's records: its source, and the record decoded next. */
typedef struct Input {
    const char *stream;
    int stream_id;
    const char *path;
    Source *src;
    Decoder *dec;
    CsvDecoder *csv;
    bool header_read;
    Arena arena;
    const Schema *schema;
    bool pending, done;
    bool event_time;             /* its records carry ROWTIME: the wall clock does not move its time */
    bool time_known;             /* a record has come, so event_time is known */
    int64_t quiet_since;         /* merging live inputs: when it last had no record ready (0: it has one) */
    const KdaSchema *kda;        /* --input-schema: its mappings apply to this input */
    int elem;                    /* the record's row being read, when its mappings split an array into rows */
    bool more;                   /* the record in raw has more rows */
    Row row;
    SourceRecord rec;            /* the record the row came from */
    Buf replay;                  /* records read for schema discovery, read again first */
    size_t replay_at;
    uint64_t replay_lineno;
    uint64_t records;
    bool discovered;             /* its stream's columns came from its first records */
    int sampled;                 /* how many records discovery looked at */
    bool unknown_said;           /* a key that is no column was reported */
    uint64_t unknown_taken;      /* read by a thread: the rows taken whose records had such a key */
    bool read_by_thread;         /* its records were decoded on a reader thread (reader.c) */
    bool retreated;              /* ... until the thread gave it back to the main thread (reader.c) */
    uint64_t unknown_base;       /* its decoder's count of records with keys that are no column, then */
    /* read on the main thread after its thread stopped: when to look whether
     * the CPUs have room for a reader again (reader.c, cli_reader_resume) */
    uint32_t resume_countdown;   /* records until the next look */
    int retreats;                /* times its thread stopped: each asks for longer idle CPUs before the next */
    int idle_windows;            /* windows in a row in which a CPU was idle */
    int64_t idle_window_at;      /* when the window began, in us */
    long long idle_ticks_at;     /* the CPUs' idle time then */
    Schema *saved_schema;        /* resuming: the columns discovery found on the first run */
    int resume_elem;             /* resuming inside a record that makes several rows: the row to go on from */
    SourceColumns srccols;       /* KAFKA_KEY, KAFKA_PARTITION, KAFKA_OFFSET when declared */
    bool file_backed;            /* stdin, a file or a FIFO: its records may be read on a thread of their own */
    struct InputThread *thr;     /* that thread (reader.c), when it has one: it decodes, this takes its rows */
} Input;

/* A reference table's file, read whole before binding so its schema is known. */
typedef struct TableFile {
    const char *name, *path;
    char *data;
    size_t len;
    bool csv;
    char delimiter;
    const KdaSchema *kda;       /* --table-schema: columns in order, JSONPath mappings */
    CatStream *cat;
} TableFile;

/* One invocation: the application and everything that feeds it. */
typedef struct Run {
    Options *opt;
    char *sql;
    size_t sql_len;
    const char *shown;           /* the SQL's name in messages */
    DiagList diag;
    Arena stmt_arena;
    ParsedScript ps;
    PlanApp app;
    KdaSchema kda;               /* --input-schema */
    const KdaConfig *kda_conf;   /* --kda */
    TableFile tables[16];
    Input inputs[MAX_INPUTS];
    int ninputs;
    int out_ids[MAX_OUTPUTS];
    int nout;
    bool unchecked;              /* check: an undeclared input's columns were not known */
    const char *out_dest[MAX_OUTPUTS];   /* per output stream: where it goes */
    OutBuf *sinks[MAX_OUTPUTS];  /* one per distinct destination */
    const char *sink_dest[MAX_OUTPUTS];
    int nsinks;
    OutBuf *err;                 /* the error stream */
    KafkaTxn *txn;               /* --state: the transaction Kafka outputs commit with each checkpoint */
    Buf *txn_positions;          /* the inputs' positions of the checkpoint whose transaction is to commit */
    uint64_t unread;             /* records pushed into streams that nothing reads */
    uint64_t table_errors;       /* bad lines of --table files (read before the run starts) */
    RowWriter *writers;          /* one per output stream */
    char *ckpt;                  /* the checkpoint resumed from, until restored */
    size_t ckpt_len, ckpt_rest;  /* its length, and where its restart part begins */
    int64_t ckpt_written;
    uint64_t ckpt_seq;
    uint64_t resumed_seq;        /* the checkpoint this run resumed from, 0 none */
    int64_t next_ckpt;           /* when the next checkpoint is due */
    bool ckpt_failed;            /* a checkpoint could not be written: the run stops, exit 1 */
    uint64_t ckpt_count;         /* checkpoints written by this run */
    int writer_pid;              /* the copy of the process writing a checkpoint, or 0 */
    int pid;                     /* this process */
    int64_t ckpt_longest_us;     /* the longest the stream waited for one while running */
    int64_t ckpt_last_us;        /* how long the one at the stop took (written in the process) */
    int64_t next_commit;         /* when inputs that commit (Kafka) are next told what was delivered */
    Exec *ex;                    /* the application; with --shared-state, the run's counts, each partition has its own */
    struct Partitions *parts;    /* --shared-state (partitions.c), or NULL */
    uint64_t records, errors_in;
    bool show_progress;
    int64_t started, last_report;
    int64_t quiet_polled;        /* merging: when the quiet inputs were last looked at */
} Run;

/* options.c */
int cli_parse_args(int argc, char **argv, Options *o);
char *cli_read_file(const char *path, size_t *len);

/* app.c: parse, discover undeclared inputs, bind; EXIT_OK or an exit status */
int cli_app_load(Run *r);
void cli_app_free(Run *r);

/* app.c: a stream's columns as the CREATE STREAM that declares them (--verbose) */
void cli_print_schema(const char *name, const Schema *s, FILE *out);
/* The input schema's JSONPath of each column of the stream, matched by name. */
bool cli_apply_mappings(Input *in, const CatStream *s);

/* tables.c */
int cli_tables_declare(Run *r);
bool cli_table_load(Run *r, TableFile *t);

/* input.c */
int cli_input_open(Run *r, Input *in);
/* Discovers the input's schema from its first records (kept to be read again). */
int cli_input_discover(Run *r, Input *in, Schema *out);
/* The records discovery kept, one by one from *at (0 first); false after the last. */
bool cli_input_replayed(const Input *in, size_t *at, SourceRecord *rec);
/* Reads records until one decodes into in->row (errors go to the error stream). */
void cli_input_fill(Run *r, Input *in);
void cli_input_close(Input *in);
/* The descriptor that becomes readable when the input may have a record. */
int cli_input_fd(const Input *in);
/* Bytes read from the input so far (the progress line). */
uint64_t cli_input_bytes(const Input *in);
/* Discovery's records are still being read again (no checkpoint or commit yet). */
bool cli_input_replaying(const Input *in);
/* The input ended on a read error. */
bool cli_input_failed(const Input *in);
/* The input's position for a checkpoint: its pending record, else the next one. */
void cli_input_save(Input *in, Buf *out);
/* Keys that are no column of a discovered stream: how many records had them. */
void cli_input_report_unknown(Run *r, Input *in, bool at_end);

/* feed.c: every input's records into the application, in ROWTIME order */
void cli_feed(Run *r);
void cli_flush_outputs(Run *r);
/* Flushes the outputs, waits until the destination keeps them (Kafka
 * acknowledgements), then lets each input that commits (Kafka's group
 * offsets) commit the records processed so far; false if an output failed. */
bool cli_commit_inputs(Run *r);
/* Whether output can go on (no sink failed, and not every reader went away). */
bool cli_outputs_ok(Run *r);
/* Rows delivered to every output so far. */
uint64_t cli_rows_delivered(const Run *r);
void cli_progress(Run *r, bool last);

/* reader.c: with --threads 2 or more (the default with two CPUs), file
 * inputs are read and decoded on threads of their own from the start
 * of the run to its end. */
void cli_inputs_start_threads(Run *r);
/* The threads the run may use: --threads, else EDDY_THREADS, else 2 when
 * eddy may use two CPUs and its address space is not limited, else 1. */
int cli_threads(const Run *r);
void cli_inputs_stop_threads(Run *r);
void cli_reader_free(Input *in);
/* The input's position while its thread reads ahead (cli_input_save). */
void cli_reader_save(Input *in, Buf *out);

/* schema_cmd.c: eddy schema [SAMPLE] */
int cli_schema(Run *r);

/* checkpoint.c: --state DIR. Load reads the checkpoint to resume from (EXIT_OK, or an exit status). */
int cli_checkpoint_load(Run *r);
bool cli_checkpoint_possible(Run *r);
bool cli_checkpoint_restore(Run *r);
/* last: written in this process, after the copy writing the one before is done */
bool cli_checkpoint(Run *r, bool last);
/* One written in this process now, and committed (a partition goes to another process). */
bool cli_checkpoint_now(Run *r);
/* What a checkpoint belongs to: the application's text and its inputs. */
uint64_t cli_checkpoint_fingerprint(const Run *r);
/* Whether the copy writing a checkpoint is done: its Kafka transaction
 * then commits; false if it failed. Cheap while none is being written. */
bool cli_checkpoint_poll(Run *r);
/* What a checkpoint whose transaction never committed left. */
void cli_checkpoint_free(Run *r);
int cli_state_show(const char *dir);

/* partitions.c: --shared-state DIR, an Exec per Kafka partition whose
 * state moves with it. Open checks the run can (EXIT_OK, or a status). */
typedef struct Partitions Partitions;
int cli_partitions_open(Run *r);
bool cli_partitioned(const Run *r);
/* The Exec the input's record goes to (r->ex unless partitioned). */
Exec *cli_exec_for(Run *r, const Input *in);
void cli_partitions_tick(Run *r, int stream, int64_t now);
/* After a record of the input: the other partitions' clocks follow its arrival time. */
void cli_partitions_follow(Run *r, const Input *in);
void cli_partitions_finish(Run *r);
/* Errors so far, of every Exec. */
uint64_t cli_errors(const Run *r);
/* A checkpoint: mark (before the copy that writes it is made) which
 * partitions it saves; write their files (in the copy); promote them once
 * it is durable (durable false: it is not, forget them). */
void cli_partitions_mark(Run *r);
bool cli_partitions_write(Run *r, const Buf *txn);
bool cli_partitions_promote(Run *r, bool durable);
void cli_partitions_free(Run *r);
/* eddy state DIR on a --shared-state directory: each partition's newest state; -1 when it holds none. */
int cli_partitions_show(const char *dir);

/* scaleout.c: eddy check with a kafka:// input says whether N processes of
 * one group give one's rows; warnings added to r->diag, summary to print
 * after them; -1 when no input is a Kafka topic, else the places found */
int cli_scaleout_check(Run *r, char *summary, size_t n);
/* kda.c: --kda APP.json. Load reads it (and gives the code unless a SQL
 * file does); wire adds the inputs, outputs and tables it configures
 * that the command line does not name, refusing (run) or noting (check)
 * what eddy cannot do. */
int cli_kda_load(Run *r);
int cli_kda_wire(Run *r, bool check);
/* The configuration's schema of input stream PREFIX_00n, or of a table. */
const KdaSchema *cli_kda_input_schema(const Run *r, const char *stream);
const KdaSchema *cli_kda_table_schema(const Run *r, const char *table);

/* run.c */
int cli_run_app(Run *r);
/* The counts --stats prints at the end (and SIGUSR1 asks for). */
void cli_say_stats(Run *r);
extern volatile sig_atomic_t cli_stats_requested;

/* error_writer.c */
void cli_write_error(void *ctx, const ErrorRow *e);

#endif
