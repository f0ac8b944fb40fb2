-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-windowed-aggregation-stream.html
-- First query (MIN/MAX over RANGE INTERVAL '1' DAY PRECEDING, no partition). Documented result (ROWTIME, WMIN_TEMP, WMAX_TEMP):
-- 29 29 / 2 29 / 2 65 x5 / 2 71 x4 (through 2018-11-02 01:00 twice) / 4 71 / 3 71 / 3 71 / 2 71 / 2 56 / 2 56 / 1 56.
-- The page's stream WEATHERSTREAM is fed from the source by a pump.
CREATE STREAM "SOURCE_SQL_STREAM_001" (CITY VARCHAR(16), TEMP INTEGER);
CREATE STREAM WEATHERSTREAM (CITY VARCHAR(16), TEMP INTEGER);
CREATE PUMP p AS INSERT INTO WEATHERSTREAM SELECT STREAM CITY, TEMP FROM "SOURCE_SQL_STREAM_001";
 SELECT STREAM
        ROWTIME,
        MIN(TEMP) OVER W1 AS WMIN_TEMP,
        MAX(TEMP) OVER W1 AS WMAX_TEMP
 FROM WEATHERSTREAM
 WINDOW W1 AS (
    RANGE INTERVAL '1' DAY PRECEDING
);
