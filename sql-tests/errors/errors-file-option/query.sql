-- --errors FILE moves the error stream off standard error
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER);
SELECT STREAM 10 / a AS q FROM "SOURCE_SQL_STREAM_001";
