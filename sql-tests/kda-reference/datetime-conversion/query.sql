-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-datetime-conversion-functions.html (Datetime Conversion Functions: pattern letters)
-- Documented (Year rules): with "MM/dd/yyyy", "01/11/12" parses to Jan 11, 12 A.D.; with "MM/dd/yy" and an
-- instance created on Jan 1, 2018 (the clock is pinned to that date in args), "01/11/12" is Jan 11, 2012 and
-- "05/04/64" is May 4, 1964; "01/02/3" and "01/02/003" are Jan 2, 3 AD.
-- ("01/02/-3" -> Jan 2, 4 BC is left out: eddy refuses it; see the audit report.)
-- Pattern table sample values matched by the formatting query: yyyy;yy 2018;18, MMMM;MMM;MM July;Jul;07,
-- E Tuesday;Tue, H 0, k 24, K 0, h 12, m 30, s 55, S 978, DDD 321, dd 10/17, YYYY;YY 2009;09.
CREATE STREAM "SOURCE_SQL_STREAM_001" (fmt VARCHAR(20), s VARCHAR(20));
SELECT STREAM fmt, s, CHAR_TO_DATE(fmt, s) AS d FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM TIMESTAMP_TO_CHAR('yyyy;yy MMMM;MMM;MM EEEE;EEE H k K h m s S dd', TIMESTAMP '2018-07-10 00:30:55.978') AS a,
       TIMESTAMP_TO_CHAR('DDD dd', TIMESTAMP '2018-11-17 12:00:00') AS b,
       TIMESTAMP_TO_CHAR('YYYY;YY', TIMESTAMP '2009-06-01 12:00:00') AS c
FROM "SOURCE_SQL_STREAM_001" WHERE s = '01/11/12' AND fmt = 'MM/dd/yy';
