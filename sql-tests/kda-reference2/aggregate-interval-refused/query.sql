-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-avg.html, https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-sum.html
-- Documented: "Amazon Kinesis Analytics doesn't support AVG applied to interval types" (and the same for SUM).
CREATE STREAM "SOURCE_SQL_STREAM_001" (v INTEGER);
SELECT STREAM AVG(INTERVAL '1' SECOND * v) AS a, SUM(INTERVAL '1' SECOND * v) AS s FROM "SOURCE_SQL_STREAM_001" GROUP BY FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO MINUTE);
