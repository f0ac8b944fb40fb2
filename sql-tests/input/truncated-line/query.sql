-- a truncated record goes to the error stream as MALFORMED_JSON; the next line is read normally
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER, s VARCHAR(10));
SELECT STREAM a, s FROM "SOURCE_SQL_STREAM_001";
