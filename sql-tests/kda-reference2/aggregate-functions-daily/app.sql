-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-aggregate-functions.html
-- "Examples of Aggregate Queries on Streams", first query. Documented: FLOOR_DAY 2018-11-01 MIN 2 MAX 71; 2018-11-02 MIN 2 MAX 56;
-- the 2018-11-03 row (MIN 1, MAX 36) comes only when a later row or bound arrives; eddy closes the window at end of
-- input (DIALECT 12), so it is the last row here, with the window's end 2018-11-04 as ROWTIME.
CREATE STREAM "SOURCE_SQL_STREAM_001" (CITY VARCHAR(16), TEMP INTEGER);
CREATE STREAM WEATHERSTREAM (CITY VARCHAR(16), TEMP INTEGER);
CREATE PUMP p AS INSERT INTO WEATHERSTREAM SELECT STREAM CITY, TEMP FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM
    
    FLOOR(WEATHERSTREAM.ROWTIME to DAY) AS FLOOR_DAY,
    MIN(TEMP) AS MIN_TEMP,
    MAX(TEMP) AS MAX_TEMP
FROM WEATHERSTREAM

GROUP BY FLOOR(WEATHERSTREAM.ROWTIME TO DAY);
