-- a failed CAST is a runtime error; the row goes to the error stream and processing continues.
-- A DATE needs 10 characters, so VARCHAR(9) fails (the reference: "no rows are selected").
CREATE STREAM "SOURCE_SQL_STREAM_001" (s VARCHAR(12));
SELECT STREAM s, CAST(s AS INTEGER) AS i FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM CAST(CAST(s AS DATE) AS VARCHAR(9)) AS d9 FROM "SOURCE_SQL_STREAM_001" WHERE s LIKE '____-__-__';
