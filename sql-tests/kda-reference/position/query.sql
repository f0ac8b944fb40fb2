-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-position.html
-- Documented: POSITION('findme' IN '1234findmeXXX')=5, ('findme' IN '1234not-hereXXX')=0,
-- ('1' IN '1234567')=1, ('7' IN '1234567')=7, ('' IN '1234567')=1.
SELECT STREAM POSITION ('findme' IN '1234findmeXXX') AS a, POSITION ('findme' IN '1234not-hereXXX') AS b,
       POSITION ('1' IN '1234567') AS c, POSITION ('7' IN '1234567') AS d, POSITION ('' IN '1234567') AS e
FROM SOURCE_SQL_STREAM_001;
