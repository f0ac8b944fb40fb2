-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-overlay.html
-- Documented: OVERLAY('12345' PLACING 'foo' FROM 1)=foo45, FROM 0 foo345, FROM -2 foo12345, FROM 4 123foo,
-- FROM 17 12345foo, FROM 2 FOR 0 1foo2345, FROM 2 FOR 2 1foo45, FROM 2 FOR 9 1foo.
SELECT STREAM OVERLAY ('12345' PLACING 'foo' FROM 1) AS a, OVERLAY ('12345' PLACING 'foo' FROM 0) AS b,
       OVERLAY ('12345' PLACING 'foo' FROM -2) AS c, OVERLAY ('12345' PLACING 'foo' FROM 4) AS d,
       OVERLAY ('12345' PLACING 'foo' FROM 17) AS e, OVERLAY ('12345' PLACING 'foo' FROM 2 FOR 0) AS f,
       OVERLAY ('12345' PLACING 'foo' FROM 2 FOR 2) AS g, OVERLAY ('12345' PLACING 'foo' FROM 2 FOR 9) AS h
FROM SOURCE_SQL_STREAM_001;
