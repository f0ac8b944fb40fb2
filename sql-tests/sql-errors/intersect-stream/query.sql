-- INTERSECT needs relations on both sides: a stream never ends, so its set of rows is never known.
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER);
SELECT STREAM a FROM "SOURCE_SQL_STREAM_001" INTERSECT VALUES (1);
