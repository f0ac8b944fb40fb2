-- CHAR_TO_DATE keeps the date of what it parses, CHAR_TO_TIME the time of day
CREATE STREAM "SOURCE_SQL_STREAM_001" (s1 VARCHAR(30), s2 VARCHAR(30), s3 VARCHAR(30), s4 VARCHAR(30));
SELECT STREAM CHAR_TO_DATE('yyyy-MM-dd', s1) AS d, CHAR_TO_TIME('HH:mm:ss', s2) AS t,
       CHAR_TO_DATE('dd.MM.yyyy HH:mm', s3) AS d2, CHAR_TO_TIME('yyyy-MM-dd HH:mm:ss.SSS', s4) AS t2
FROM "SOURCE_SQL_STREAM_001";
