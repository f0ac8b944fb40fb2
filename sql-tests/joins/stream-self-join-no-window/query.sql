-- A stream joined with itself without a window: each row meets the rows of its own ROWTIME, itself included, once
-- per pair.
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER);
SELECT STREAM s.a, t.a AS b FROM "SOURCE_SQL_STREAM_001" AS s JOIN "SOURCE_SQL_STREAM_001" AS t ON s.a <= t.a;
