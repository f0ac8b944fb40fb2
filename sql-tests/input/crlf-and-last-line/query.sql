-- CRLF line ends are accepted and the last line needs no newline
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER);
SELECT STREAM a FROM "SOURCE_SQL_STREAM_001";
