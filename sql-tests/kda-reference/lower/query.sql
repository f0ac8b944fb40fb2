-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-lower.html
-- Documented: LOWER('abcDEFghi123') = 'abcdefghi123'; null -> null; '' -> ''.
SELECT STREAM LOWER('abcDEFghi123') AS a, LOWER(CAST(NULL AS VARCHAR(3))) AS b, LOWER('') AS c FROM SOURCE_SQL_STREAM_001;
