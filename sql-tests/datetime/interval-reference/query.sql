-- The reference's datetime/interval arithmetic examples (section "Operators"), and year-month
-- intervals on dates and timestamps (the day is clamped to the end of a shorter month)
SELECT STREAM INTERVAL '1' DAY + INTERVAL '3' DAY AS sum_days,
       INTERVAL '1' DAY + INTERVAL '3' DAY = INTERVAL '4' DAY AS sum_ok,
       INTERVAL '1' DAY - INTERVAL '3 4' DAY TO HOUR AS diff,
       INTERVAL '1' DAY - INTERVAL '3 4' DAY TO HOUR = INTERVAL -'2 4' DAY TO HOUR AS diff_ok,
       2 * INTERVAL '3 4' DAY TO HOUR AS times2,
       2 * INTERVAL '3 4' DAY TO HOUR = INTERVAL '6 8' DAY TO HOUR AS times2_ok,
       INTERVAL '3 4' DAY TO HOUR / 2 AS half,
       INTERVAL '3 4' DAY TO HOUR / 2 = INTERVAL '1 14' DAY TO HOUR AS half_ok,
       TIMESTAMP '2024-01-31 10:00:00' + INTERVAL '1' MONTH AS jan31_leap,
       TIMESTAMP '2023-01-31 10:00:00' + INTERVAL '1' MONTH AS jan31,
       DATE '2024-02-29' + INTERVAL '1' YEAR AS leap_plus_year,
       DATE '2024-03-31' - INTERVAL '1-1' YEAR TO MONTH AS minus_ym,
       TIMESTAMP '2024-03-01 00:00:00' - TIMESTAMP '2024-02-28 12:00:00' = INTERVAL '1 12' DAY TO HOUR AS ts_diff_ok
FROM SOURCE_SQL_STREAM_001;
