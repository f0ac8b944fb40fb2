-- Found by fuzz_run: a year past about 292 million overflowed the millisecond timestamp (undefined
-- behaviour, then a wrong time). Such a ROWTIME, timestamp text or DATE cast to TIMESTAMP is now a
-- conversion error of the record; ordinary times are unchanged.
CREATE STREAM SOURCE_SQL_STREAM_001 (ts VARCHAR(32), d VARCHAR(32));
SELECT STREAM CAST(ts AS TIMESTAMP) AS t, CAST(CAST(d AS DATE) AS TIMESTAMP) AS dt FROM SOURCE_SQL_STREAM_001;
