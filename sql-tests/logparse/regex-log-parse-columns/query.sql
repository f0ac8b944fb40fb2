CREATE STREAM "SOURCE_SQL_STREAM_001" (line VARCHAR(2048));

-- the optional column list names and types the fields
SELECT STREAM t.r.code, t.r.amount, t.r.label
FROM (SELECT STREAM REGEX_LOG_PARSE(line, '(\d+):(\d+\.\d+):(.*)', 'code INTEGER, amount DECIMAL(8,2), label') FROM "SOURCE_SQL_STREAM_001") AS t(r);
