-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-windowed-aggregation-stream.html
-- Second query (PARTITION BY CITY, MIN/MAX/AVG over 1 DAY). Documented WAVG_TEMP column, in input order:
-- 29 2 65 30 5 37 7 68 38 6 38 42 6 46 4 46 45 2 (integer AVG truncates: 30.5 -> 30, 6.25 -> 6);
-- WMIN 29 2 65 29 2 29 2 65 29 2 29 32 3 39 2 39 36 1; WMAX 29 2 65 32 9 50 10 71 50 10 50 50 10 56 10 56 56 4.
-- The page writes FROM AGGTEST.WEATHERSTREAM (a schema-qualified name, refused by eddy: see the audit report); here FROM WEATHERSTREAM.
CREATE STREAM "SOURCE_SQL_STREAM_001" (CITY VARCHAR(16), TEMP INTEGER);
CREATE STREAM WEATHERSTREAM (CITY VARCHAR(16), TEMP INTEGER);
CREATE PUMP p AS INSERT INTO WEATHERSTREAM SELECT STREAM CITY, TEMP FROM "SOURCE_SQL_STREAM_001";
 SELECT STREAM
        ROWTIME,
        CITY,
        MIN(TEMP) over W1 AS WMIN_TEMP,
        MAX(TEMP) over W1 AS WMAX_TEMP,
        AVG(TEMP) over W1 AS WAVG_TEMP
 FROM WEATHERSTREAM
 WINDOW W1 AS (
        PARTITION BY CITY
        RANGE INTERVAL '1' DAY PRECEDING
 );
