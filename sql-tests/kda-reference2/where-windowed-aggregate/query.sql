-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-where-clause.html
-- Documented: "The condition in the WHERE clause cannot contain windowed aggregation expressions".
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(8), price DOUBLE);
SELECT STREAM ticker FROM "SOURCE_SQL_STREAM_001" WHERE AVG(price) OVER (ROWS 2 PRECEDING) > 10;
