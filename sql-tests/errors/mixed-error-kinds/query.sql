-- every input record ends in the output or in the error stream, in input order
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER);
SELECT STREAM 100 / a AS q FROM "SOURCE_SQL_STREAM_001";
