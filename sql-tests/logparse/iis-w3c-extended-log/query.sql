CREATE STREAM "SOURCE_SQL_STREAM_001" (line VARCHAR(2048));

-- IIS writes the W3C extended format: '#' directive lines, then space-separated fields
-- in the order of the #Fields line.
SELECT STREAM t.r.log_date, t.r.log_time, t.r.method, t.r.stem, t.r.query, t.r.client, t.r.status, t.r.taken
FROM (SELECT STREAM VARIABLE_COLUMN_LOG_PARSE(line,
        'log_date TYPE DATE, log_time TYPE TIME, server TYPE VARCHAR(45), method TYPE VARCHAR(8), stem TYPE VARCHAR(256), query TYPE VARCHAR(256), port TYPE INTEGER, username TYPE VARCHAR(64), client TYPE VARCHAR(45), agent TYPE VARCHAR(256), referer TYPE VARCHAR(256), status TYPE SMALLINT, substatus TYPE SMALLINT, win32 TYPE BIGINT, taken TYPE INTEGER',
        ' ')
      FROM "SOURCE_SQL_STREAM_001" WHERE line NOT LIKE '#%') AS t(r);
