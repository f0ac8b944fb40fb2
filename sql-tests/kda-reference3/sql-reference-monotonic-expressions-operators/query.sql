-- Monotonic Expressions and Operators - Amazon Kinesis Data Analytics SQL Reference
-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-monotonic-expressions-operators.html
-- Documented: "the FLOOR function, when applied to the ascending inputs {1.5, 3, 5, 5.8, 6.3}, yields
-- {1, 3, 5, 5, 6}". The inputs are a stream's rows here, in that order.
CREATE STREAM "SOURCE_SQL_STREAM_001" (x DECIMAL(2,1));
SELECT STREAM FLOOR(x) AS floor_x FROM "SOURCE_SQL_STREAM_001";
