-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-aggregate-functions.html
-- Documented: an aggregate function may appear in the selection list, the ORDER BY clause and the HAVING clause.
-- Each day's cities come out sorted by MAX(TEMP) descending (2018-11-01: Miami 71, Denver 50, Anchorage 10).
CREATE STREAM "SOURCE_SQL_STREAM_001" (CITY VARCHAR(16), TEMP INTEGER);
SELECT STREAM FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO DAY) AS d, CITY, MAX(TEMP) AS mx
FROM "SOURCE_SQL_STREAM_001"
GROUP BY FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO DAY), CITY
ORDER BY FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO DAY), MAX(TEMP) DESC;
