-- simple and searched CASE; no ELSE gives NULL; WHEN NULL never matches in the simple form
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER);
SELECT STREAM a,
       CASE a WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END AS simple,
       CASE WHEN a < 0 THEN 'neg' WHEN a < 2 THEN 'small' END AS searched,
       CASE a WHEN NULL THEN 'null' ELSE 'other' END AS when_null,
       CASE WHEN a IS NULL THEN -1 ELSE a * 10 END AS numeric_case
FROM "SOURCE_SQL_STREAM_001";
