-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-cast.html
-- Documented (SQLline output): DATE '2008-08-23' cast to VARCHAR(10) gives 2008-08-23; to VARCHAR(9)
-- "No rows selected" (the date needs 10 characters; in eddy the row goes to the error stream);
-- to a CHAR the date is blank-padded on the right.
-- (Only the start of this page is readable in the stored copies.)
SELECT STREAM CAST(DATE '2008-08-23' AS VARCHAR(10)) AS v10, CAST(DATE '2008-08-23' AS CHAR(25)) AS c25
FROM SOURCE_SQL_STREAM_001;
SELECT STREAM CAST(DATE '2008-08-23' AS VARCHAR(9)) AS v9 FROM SOURCE_SQL_STREAM_001;
