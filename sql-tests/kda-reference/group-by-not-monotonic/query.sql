-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-group-by-clause.html
-- Documented: "SELECT STREAM prodId, COUNT(*) FROM Orders GROUP BY prodId" can never emit a row, and the
-- validator rejects it.
CREATE STREAM "SOURCE_SQL_STREAM_001" (prodId INTEGER);
CREATE STREAM Orders (prodId INTEGER);
CREATE PUMP p AS INSERT INTO Orders SELECT STREAM prodId FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM prodId, COUNT(*)
FROM Orders
GROUP BY prodId;
