-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-aggregate-functions.html
-- Documented: analytic functions "are always evaluated relative to a window that must be specified, and so they
-- can't appear in a HAVING clause".
CREATE STREAM "SOURCE_SQL_STREAM_001" (CITY VARCHAR(16), TEMP INTEGER);
SELECT STREAM CITY, MAX(TEMP) AS mx
FROM "SOURCE_SQL_STREAM_001"
GROUP BY FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO DAY), CITY
HAVING MAX(TEMP) OVER (ROWS 1 PRECEDING) > 10;
