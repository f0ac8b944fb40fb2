-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-abs.html
-- Documented: ABS(2.0)=2.0, ABS(-1.0)=1.0, ABS(0)=0, ABS(-3 * 3)=9,
-- ABS(INTERVAL '-3 4:20' DAY TO MINUTE)=INTERVAL '3 4:20' DAY TO MINUTE.
-- The page's CAST(... AS VARCHAR(8)) of it reads '+3 04:20' (column e_text).
SELECT STREAM ABS(2.0) AS a, ABS(-1.0) AS b, ABS(0) AS c, ABS(-3 * 3) AS d,
       CAST(ABS(INTERVAL '-3 4:20' DAY TO MINUTE) AS VARCHAR(8)) AS e_text,
       ABS(INTERVAL '-3 4:20' DAY TO MINUTE) AS e,
       ABS(INTERVAL '-3 4:20' DAY TO MINUTE) = INTERVAL '3 4:20' DAY TO MINUTE AS e_ok,
       ABS(CAST(NULL AS INTEGER)) AS n
FROM SOURCE_SQL_STREAM_001;
