-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-string-operators.html
-- Documented: 'cd' SIMILAR TO '[^(a-e)]d' and 'yd' SIMILAR TO '[^(a-e)]d' are INVALID. eddy refuses the pattern.
SELECT STREAM 'cd' SIMILAR TO '[^(a-e)]d' AS a FROM SOURCE_SQL_STREAM_001;
