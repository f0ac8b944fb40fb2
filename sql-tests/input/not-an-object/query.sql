-- each line must be one JSON object: arrays, scalars and trailing text are MALFORMED_JSON; blank lines are skipped
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER);
SELECT STREAM a FROM "SOURCE_SQL_STREAM_001";
