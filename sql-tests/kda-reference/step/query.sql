-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-step.html
-- Documented: STEP(23 BY 5)=20, STEP(30 BY 10)=30;
-- STEP(CAST('2004-09-30 13:48:23' as TIMESTAMP) BY INTERVAL '10' SECOND)='2004-09-30 13:48:20',
-- BY INTERVAL '2' HOUR '2004-09-30 12:00:00', BY INTERVAL '5' MINUTE '2004-09-30 13:45:00',
-- STEP(CAST('2004-09-30 13:48:23' as TIMESTAMP) BY INTERVAL '1' YEAR)='2004-01-01 00:00:00.0'.
-- (The page's 5 DAY example, '2004-09-27 13:48:23' -> '2004-09-25', is left out: the page's own
-- epoch formula gives 2004-09-24, which eddy returns; see the audit report.)
SELECT STREAM STEP(23 BY 5) AS a, STEP(30 BY 10) AS b,
       STEP(CAST('2004-09-30 13:48:23' as TIMESTAMP) BY INTERVAL '10' SECOND) AS c,
       STEP(CAST('2004-09-30 13:48:23' as TIMESTAMP) BY INTERVAL '2' HOUR) AS d,
       STEP(CAST('2004-09-30 13:48:23' as TIMESTAMP) BY INTERVAL '5' MINUTE) AS e,
       STEP(CAST('2004-09-30 13:48:23' as TIMESTAMP) BY INTERVAL '1' YEAR) AS f
FROM SOURCE_SQL_STREAM_001;
