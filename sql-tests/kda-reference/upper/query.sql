-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-upper.html
-- Documented: UPPER('abcDEFghi123') = 'ABCDEFGHI123'; null -> null; '' -> ''.
SELECT STREAM UPPER('abcDEFghi123') AS a, UPPER(CAST(NULL AS VARCHAR(3))) AS b, UPPER('') AS c FROM SOURCE_SQL_STREAM_001;
