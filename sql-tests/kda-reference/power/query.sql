-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-power.html
-- Documented: POWER(3,2)=9, POWER(-2,3)=-8, POWER(4,-2)=1/16 ..or.. 0.0625, POWER(10.1,2.5)=324.19285157140644.
-- eddy's POWER is DOUBLE, so 9 and -8 print as 9.0 and -8.0 (same values).
SELECT STREAM POWER(3,2) AS a, POWER(-2,3) AS b, POWER(4,-2) AS c, POWER(10.1,2.5) AS d FROM SOURCE_SQL_STREAM_001;
