-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-ln.html
-- Documented: LN(1)=0.0, LN(10)=2.302585092994046, LN(2.5)=0.9162907318741551.
SELECT STREAM LN(1) AS a, LN(10) AS b, LN(2.5) AS c FROM SOURCE_SQL_STREAM_001;
