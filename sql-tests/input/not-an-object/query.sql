-- each line must be one JSON object: arrays, scalars, trailing text and a line that starts with a NUL or another byte that does not print (named by its value) are MALFORMED_JSON; blank lines are skipped
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER);
SELECT STREAM a FROM "SOURCE_SQL_STREAM_001";
