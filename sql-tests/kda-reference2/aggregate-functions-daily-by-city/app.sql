-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-aggregate-functions.html
-- Second query (per city, SUM/COUNT as the average). Documented: 11-01 Anchorage 2 10 7, Denver 29 50 38, Miami 65 71 68;
-- 11-02 Anchorage 2 4 3, Denver 39 56 47; 11-03 (on a later bound; here at end of input) Anchorage 1 1 1, Denver 36 36 36.
-- The page lists each day's cities alphabetically; eddy emits a window's groups in the order their first row arrived (DIALECT 12 #1).
CREATE STREAM "SOURCE_SQL_STREAM_001" (CITY VARCHAR(16), TEMP INTEGER);
CREATE STREAM WEATHERSTREAM (CITY VARCHAR(16), TEMP INTEGER);
CREATE PUMP p AS INSERT INTO WEATHERSTREAM SELECT STREAM CITY, TEMP FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM
    FLOOR(WEATHERSTREAM.ROWTIME TO DAY) AS FLOOR_DAY,
    
    CITY,
    MIN(TEMP) AS MIN_TEMP,
    MAX(TEMP) AS MAX_TEMP,
    SUM(TEMP)/COUNT(TEMP) AS AVG_TEMP
FROM WEATHERSTREAM
GROUP BY FLOOR(WEATHERSTREAM.ROWTIME TO DAY), CITY;
