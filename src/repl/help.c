/* \help, and \help TOPIC for one command or statement (psql's \h CMD). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "repl_int.h"

static const char *const help_text =
    "Type SQL statements ending with ';'. CREATE STREAM, CREATE PUMP and CREATE FUNCTION\n"
    "are kept in the session and take effect at once; pumps run while you type.\n"
    "Each change rebuilds the running application: rows in open windows are lost then,\n"
    "and files fed with \\input are read again from their start.\n"
    "\n"
    "  SELECT STREAM ...;       show its rows live until Ctrl-C (the application keeps running)\n"
    "  SELECT STREAM ... LIMIT n;  the same, ending by itself after n rows\n"
    "  SHOW STREAMS | SHOW PUMPS | SHOW FUNCTIONS | SHOW GRAPH\n"
    "  DESCRIBE name            columns of a stream; text of a pump or function\n"
    "  EXPLAIN pump | query     the plan\n"
    "  DROP STREAM|PUMP|FUNCTION name\n"
    "  INSERT INTO s VALUES (...), ...;   rows into s now, as if they had arrived\n"
    "\n"
    "  \\demo [RATE | off]       stock ticker into SOURCE_SQL_STREAM_001, RATE rows/s (default 10)\n"
    "  \\input STREAM FILE [--format ndjson|csv|lines] [--header] [--delimiter C]\n"
    "                           feed STREAM from FILE, from its start, following it as it grows\n"
    "  \\input STREAM off        stop it;  \\input  lists the feeds\n"
    "  \\mode table|ndjson|csv   how live rows are shown (also .mode)\n"
    "  \\o FILE, \\o             live rows to FILE, or back to the terminal (also .output)\n"
    "  \\stats                   rows and errors per stream, rows/s, state size\n"
    "  \\timing                  show how long each command and query takes\n"
    "  \\save FILE               write the session's statements as a .sql file\n"
    "  \\i FILE                  run a .sql file's statements into the session\n"
    "  \\help [TOPIC]            this text, or one command or statement: \\help input, \\help SELECT\n"
    "  \\q                       quit (also quit, exit, .quit, Ctrl-D)\n"
    "\n"
    "Error rows (bad input, runtime errors) print one line each before the next prompt.\n";

typedef struct Topic {
    const char *names;       /* what may follow \help, '|'-separated */
    const char *text;
} Topic;

static const Topic topics[] = {
    {"SELECT|SELECT STREAM|LIMIT|QUERY",
     "SELECT STREAM items FROM stream [WHERE cond] [GROUP BY keys] [HAVING cond]\n"
     "       [WINDOW w AS (...)] [ORDER BY keys] [LIMIT n];\n"
     "  Shows the query's rows as they come, until Ctrl-C; LIMIT n ends it after n rows.\n"
     "  The application keeps running meanwhile. A query over VALUES alone ends by itself.\n"
     "  Windows: GROUP BY STEP(s.ROWTIME BY INTERVAL '1' MINUTE) (tumbling),\n"
     "  agg(x) OVER (RANGE INTERVAL '1' MINUTE PRECEDING) (sliding), WINDOWED BY STAGGER (...).\n"},
    {"CREATE STREAM|STREAM",
     "CREATE [OR REPLACE] STREAM name (column TYPE [NOT NULL], ...);\n"
     "  An in-application stream, kept in the session. ROWTIME is implicit.\n"
     "  \\input and \\demo declare the stream they feed when it is not declared yet.\n"},
    {"CREATE PUMP|PUMP",
     "CREATE [OR REPLACE] PUMP name AS INSERT INTO stream SELECT STREAM ...;\n"
     "  Runs the query for as long as the session, inserting its rows into stream\n"
     "  (declared first with CREATE STREAM). LIMIT is for queries you watch, not pumps.\n"},
    {"CREATE FUNCTION|FUNCTION",
     "CREATE [OR REPLACE] FUNCTION name(p TYPE, ...) RETURNS TYPE\n"
     "  [RETURNS NULL ON NULL INPUT] RETURN expression;\n"
     "  An SQL function, inlined where it is called.\n"},
    {"INSERT|INSERT INTO|VALUES",
     "INSERT INTO stream [(columns)] VALUES (...), ...;\n"
     "  Rows into stream now, as if they had arrived (ROWTIME is now unless given).\n"},
    {"SHOW",
     "SHOW STREAMS | SHOW PUMPS | SHOW FUNCTIONS | SHOW GRAPH\n"
     "  The session's streams (with what feeds them), pumps, the functions there are,\n"
     "  and the application as a graph of streams and pumps. No ';' needed.\n"},
    {"DESCRIBE|DESC", "DESCRIBE name\n  A stream's columns; the text of a pump or a function; a built-in function's arity.\n"},
    {"EXPLAIN", "EXPLAIN pump | SELECT STREAM ... | CREATE PUMP ...\n  The plan: one operator a line, with the columns each one reads.\n"},
    {"DROP", "DROP STREAM|PUMP|FUNCTION name\n  Removes it from the session, unless statements still need it.\n"},
    {"demo",
     "\\demo [ROWS_PER_SECOND | off]\n"
     "  A stock ticker into SOURCE_SQL_STREAM_001 (TICKER_SYMBOL, SECTOR, CHANGE, PRICE),\n"
     "  10 rows a second unless said; declares the stream if needed.\n"},
    {"input",
     "\\input STREAM FILE [--format ndjson|csv|lines] [--header] [--delimiter C]\n"
     "  Feeds STREAM from FILE. Every change to the application reads the file again from\n"
     "  its start, so a query typed after \\input sees its rows from the first (ksqlDB's\n"
     "  auto.offset.reset=earliest); then the file is followed as it grows.\n"
     "  Format: as given here, else as eddy repl --format said, else by the file's name\n"
     "  (.csv: CSV with a header line; otherwise NDJSON). lines: each line is one VARCHAR\n"
     "  column (LINE when the stream is not declared).\n"
     "  An undeclared STREAM takes its columns from the file's first records.\n"
     "\\input STREAM off   stops it;  \\input   lists the feeds.\n"},
    {"mode|.mode",
     "\\mode table|ndjson|csv  (also .mode)\n"
     "  How live rows are shown. A table fits the terminal's width: wide values are cut\n"
     "  with an ellipsis (\\mode ndjson shows them whole).\n"},
    {"o|output|.output|.once",
     "\\o FILE   live rows go to FILE (created or emptied) instead of the terminal;\n"
     "\\o       back to the terminal.  Also .output FILE and .output.\n"
     "  Row counts, messages and error rows stay on the terminal.\n"},
    {"stats", "\\stats\n  Rows and errors per stream, rows a second, records read and operator state.\n"},
    {"timing|.timer",
     "\\timing [on|off]\n"
     "  Shows how long each command takes; for a live query, at its end, after its row count.\n"},
    {"save", "\\save FILE\n  Writes the session's statements to FILE, to run with eddy run or \\i.\n"},
    {"i|include|.read",
     "\\i FILE\n  Runs FILE's statements into the session, stopping at the first error.\n"},
    {"help|h|?", "\\help [TOPIC]\n  The list of commands, or one of them: \\help input, \\help SELECT, \\help LIMIT.\n"},
    {"q|quit|exit|.quit|.exit", "\\q  (also quit, exit, .quit, .exit, Ctrl-D)\n  Ends the session.\n"},
};

/* topic matches one of names, case and a leading '\' aside */
static bool names_match(const char *names, const char *topic)
{
    if (*topic == '\\') topic++;
    size_t n = strlen(topic);
    for (const char *p = names; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && !strncasecmp(p, topic, n)) return true;
        if (!bar) break;
        p = bar + 1;
    }
    return false;
}

void repl_help(const char *topic)
{
    if (!topic || !*topic) {
        fputs(help_text, stdout);
        return;
    }
    char t[64];
    size_t k = 0;
    /* blanks inside the topic count as one: \help create   pump */
    for (const char *p = topic; *p && k + 1 < sizeof t; p++)
        if (!isspace((unsigned char)*p) || (k && t[k - 1] != ' ')) t[k++] = isspace((unsigned char)*p) ? ' ' : *p;
    while (k && t[k - 1] == ' ') k--;
    t[k] = 0;
    for (size_t i = 0; i < sizeof topics / sizeof topics[0]; i++)
        if (names_match(topics[i].names, t)) {
            fputs(topics[i].text, stdout);
            return;
        }
    printf("no help for \"%s\": \\help lists the commands; \\help SELECT, \\help input, ... explain one\n", t);
}
