-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-log10.html
-- Documented: LOG10(1)=0.0, LOG10(100)=2.0, log10(cast('23' as decimal))=1.3617278360175928.
SELECT STREAM LOG10(1) AS a, LOG10(100) AS b, log10(cast('23' as decimal)) AS c FROM SOURCE_SQL_STREAM_001;
