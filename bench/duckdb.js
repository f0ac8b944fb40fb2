// The DuckDB side of `make bench` (bench/run.sh): one benchmark query over
// the ticker NDJSON, computed by single-threaded DuckDB and written as
// NDJSON to standard output, as eddy writes its rows.
//
//   node duckdb.js QUERY FILE     QUERY: filter, tumble or slide10s
//
// Says "duckdb: N rows out" on standard error, for run.sh to check against
// eddy's count. Needs @duckdb/node-api on NODE_PATH (make bench installs it
// into test-node/ when npm is there; the suite never needs it).
//
// How the queries correspond to eddy's (bench/QUERY.sql):
// - the input is read with read_json and the schema eddy's CREATE STREAM
//   declares (plus ROWTIME, which eddy takes from the same field), so
//   neither side discovers a schema;
// - filter.sql, SELECT STREAM * ... WHERE PRICE > 50: the same WHERE, every
//   column;
// - tumble.sql, GROUP BY TICKER_SYMBOL, STEP(ROWTIME BY INTERVAL '1' SECOND):
//   GROUP BY the symbol and the second the ROWTIME falls in; eddy gives a
//   window's rows the window's end as ROWTIME, so the second + 1 s here;
// - slide10s.sql, WINDOW W AS (PARTITION BY TICKER_SYMBOL RANGE INTERVAL
//   '10' SECOND PRECEDING): a window function over PARTITION BY the symbol
//   ORDER BY ROWTIME RANGE BETWEEN INTERVAL 10 SECONDS PRECEDING AND CURRENT
//   ROW, one row out per row in. eddy's row sees the rows before it in the
//   last 10 s and itself; DuckDB's frame also holds the rows of the same
//   ROWTIME after it, but gen_ticker's ROWTIMEs all differ (1 ms apart),
//   so the frames are the same rows.
// Row order is not compared (DuckDB's follows its hash tables); counts are.
'use strict';
const { DuckDBInstance } = require('@duckdb/node-api');

const [query, file] = process.argv.slice(2);
const source = (f) =>
    `read_json('${f.replace(/'/g, "''")}', format = 'newline_delimited', ` +
    `columns = {ROWTIME: 'TIMESTAMP', TICKER_SYMBOL: 'VARCHAR', SECTOR: 'VARCHAR', CHANGE: 'DOUBLE', PRICE: 'DOUBLE'})`;
const queries = {
    filter: (s) => `SELECT * FROM ${s} WHERE PRICE > 50`,
    tumble: (s) =>
        `SELECT date_trunc('second', ROWTIME) + INTERVAL 1 SECOND AS ROWTIME, TICKER_SYMBOL, ` +
        `COUNT(*) AS N, AVG(PRICE) AS AVG_PRICE FROM ${s} ` +
        `GROUP BY TICKER_SYMBOL, date_trunc('second', ROWTIME)`,
    slide10s: (s) =>
        `SELECT ROWTIME, TICKER_SYMBOL, AVG(PRICE) OVER w AS AVG_PRICE, MIN(PRICE) OVER w AS MIN_PRICE, ` +
        `MAX(PRICE) OVER w AS MAX_PRICE FROM ${s} ` +
        `WINDOW w AS (PARTITION BY TICKER_SYMBOL ORDER BY ROWTIME ` +
        `RANGE BETWEEN INTERVAL 10 SECONDS PRECEDING AND CURRENT ROW)`,
};
if (!queries[query] || !file) {
    console.error('usage: node duckdb.js filter|tumble|slide10s FILE');
    process.exit(2);
}

(async () => {
    const db = await DuckDBInstance.create(':memory:', { threads: '1' });
    const con = await db.connect();
    await con.run('SET threads = 1');
    const copy = await con.runAndReadAll(`COPY (${queries[query](source(file))}) TO '/dev/stdout' (FORMAT json)`);
    const rows = copy.getRows();
    console.error(`duckdb: ${rows.length ? rows[0][0] : '?'} rows out`);
})().catch((e) => {
    console.error(`duckdb: ${e.message}`);
    process.exit(1);
});
