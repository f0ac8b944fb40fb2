CREATE STREAM "SOURCE_SQL_STREAM_001" (ts TIMESTAMP);
SELECT STREAM ts + INTERVAL '1' SECOND AS plus_sec,
       ts - INTERVAL '26:03' HOUR TO MINUTE AS minus_hm,
       ts + INTERVAL '1.5' SECOND AS plus_frac,
       INTERVAL '90' MINUTE + ts AS plus_90m,
       ts + INTERVAL '-1' DAY AS minus_day,
       DATE '2024-02-28' + INTERVAL '1' DAY AS leap_day,
       TIME '23:30:00' + INTERVAL '1' HOUR AS time_wraps
FROM "SOURCE_SQL_STREAM_001";
