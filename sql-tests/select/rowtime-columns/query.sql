-- unqualified ROWTIME = the output row's time; s.ROWTIME = the input row's time
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER);
SELECT STREAM s.ROWTIME AS in_time, ROWTIME AS out_time, a FROM "SOURCE_SQL_STREAM_001" AS s;
