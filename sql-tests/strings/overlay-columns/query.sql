-- OVERLAY per row: characters not bytes; FOR defaults to the replacement's length; a negative
-- length is a runtime error; NULL in gives NULL out
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(10), r VARCHAR(10), p INTEGER, n INTEGER);
SELECT STREAM OVERLAY(s PLACING r FROM p FOR n) AS with_for, OVERLAY(s PLACING r FROM p) AS no_for FROM "SOURCE_SQL_STREAM_001";
