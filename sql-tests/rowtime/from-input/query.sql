-- ROWTIME from the input: a string (space or T form, sub-millisecond digits truncated) or epoch milliseconds
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER);
SELECT STREAM a FROM "SOURCE_SQL_STREAM_001";
