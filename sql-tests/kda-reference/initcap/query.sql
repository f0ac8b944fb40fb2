-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-initcap.html
-- Documented: INITCAP('Each FIRST lEtTeR is cAPITALIZED') = 'Each First Letter Is Capitalized'.
SELECT STREAM INITCAP('Each FIRST lEtTeR is cAPITALIZED') AS a FROM SOURCE_SQL_STREAM_001;
