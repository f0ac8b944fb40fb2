-- FIRST_VALUE without OVER aggregates a group, so without GROUP BY (or OVER) it has no window to close
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE, qty INTEGER);
SELECT STREAM FIRST_VALUE(price) AS f FROM "SOURCE_SQL_STREAM_001";
