-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-tsdiff.html
-- The page gives no worked example. Documented: NULL if any argument is null, otherwise the difference
-- in milliseconds of two BIGINT epoch-millisecond values. The sign (first - second) is eddy's decision
-- (DIALECT 12 #4, docs/semantics.md "Time"), taken from published applications, not from the page.
SELECT STREAM TSDIFF(1000, 3500) AS ms, TSDIFF(3500, 1000) AS back, TSDIFF(CAST(NULL AS BIGINT), 3500) AS n1, TSDIFF(1000, CAST(NULL AS BIGINT)) AS n2
FROM SOURCE_SQL_STREAM_001;
