-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-timestamp-to-char.html
-- Documented: TIMESTAMP_TO_CHAR(format, ts); if the input is null, the output is the string "null".
SELECT STREAM TIMESTAMP_TO_CHAR('yyyy-MM-dd hh:mm:ss', CAST(NULL AS TIMESTAMP)) AS n,
       TIMESTAMP_TO_CHAR('yyyy-MM-dd HH:mm:ss', TIMESTAMP '2009-09-16 15:15:24') AS t
FROM SOURCE_SQL_STREAM_001;
