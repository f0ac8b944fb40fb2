CREATE STREAM "SOURCE_SQL_STREAM_001" (line VARCHAR(2048));

-- a value that does not convert, or a NOT NULL column without a value, sends the row to the error stream
SELECT STREAM FIXED_COLUMN_LOG_PARSE(line, 'id TYPE INTEGER NOT NULL START 0 FOR 4, d TYPE DATE START 5 FOR 10') AS r
FROM "SOURCE_SQL_STREAM_001";
