-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-date-timestamp-interval.html
-- Documented: 1. INTERVAL '1' DAY + INTERVAL '3' DAY = INTERVAL '4' DAY;
-- 2. INTERVAL '1' DAY + INTERVAL '3 4' DAY TO HOUR = INTERVAL '+4 04' DAY TO HOUR;
-- 3. INTERVAL '1' DAY - INTERVAL '3 4' DAY TO HOUR = INTERVAL '-2 04' DAY TO HOUR;
-- 4. INTERVAL '1' YEAR + INTERVAL '3-4' YEAR TO MONTH = INTERVAL '+4-04' YEAR TO MONTH;
-- 5. 2 * INTERVAL '3 4' DAY TO HOUR = INTERVAL '6 8' DAY TO HOUR; 6. INTERVAL '3 4' DAY TO HOUR / 2 = INTERVAL ' 1 14' DAY TO HOUR.
-- Each result is compared with the documented literal (the *_ok columns). How eddy prints the values
-- ('4 04', '4-4', ...) differs from the page's '+4 04' / '+4-04'; see the audit report.
SELECT STREAM INTERVAL '1' DAY + INTERVAL '3' DAY AS e1,
       INTERVAL '1' DAY + INTERVAL '3' DAY = INTERVAL '4' DAY AS e1_ok,
       INTERVAL '1' DAY + INTERVAL '3 4' DAY TO HOUR = INTERVAL '+4 04' DAY TO HOUR AS e2_ok,
       INTERVAL '1' DAY - INTERVAL '3 4' DAY TO HOUR AS e3,
       INTERVAL '1' DAY - INTERVAL '3 4' DAY TO HOUR = INTERVAL '-2 04' DAY TO HOUR AS e3_ok,
       INTERVAL '1' YEAR + INTERVAL '3-4' YEAR TO MONTH = INTERVAL '+4-04' YEAR TO MONTH AS e4_ok,
       2 * INTERVAL '3 4' DAY TO HOUR = INTERVAL '6 8' DAY TO HOUR AS e5_ok,
       INTERVAL '3 4' DAY TO HOUR / 2 AS e6,
       INTERVAL '3 4' DAY TO HOUR / 2 = INTERVAL ' 1 14' DAY TO HOUR AS e6_ok
FROM SOURCE_SQL_STREAM_001;
