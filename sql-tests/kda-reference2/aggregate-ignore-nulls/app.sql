-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-avg.html (also ...-count.html, ...-sum.html)
-- Usage notes: AVG(1,null,2,null,3,null) = 2, COUNT(1,null,2,null,3,null) = 3, SUM(1,null,2,null,3,null) = 6
-- (the pages' shorthand for one group holding those values; here one tumbling minute).
CREATE STREAM "SOURCE_SQL_STREAM_001" (v INTEGER);
SELECT STREAM AVG(v) AS a, COUNT(v) AS c, SUM(v) AS s FROM "SOURCE_SQL_STREAM_001" GROUP BY FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO MINUTE);
