-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-where-clause.html
-- Rules (no worked rows): comparisons, BETWEEN, LIKE, IN combined with AND, OR, NOT; only rows whose condition is
-- TRUE are returned, "if the condition evaluates to NULL, the row is not emitted" (BBB and ABC with a null price).
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(8), price DOUBLE);
SELECT STREAM ticker, price FROM "SOURCE_SQL_STREAM_001"
WHERE (price > 10 OR ticker LIKE 'A%') AND NOT ticker IN ('ZZZ') AND price BETWEEN 0 AND 100;
