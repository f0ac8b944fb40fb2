-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-group-by-clause.html
-- Documented: "SELECT STREAM FLOOR(Orders.ROWTIME TO HOUR) AS theHour, prodId, COUNT(*) FROM Orders
-- GROUP BY FLOOR(Orders.ROWTIME TO HOUR), prodId" is valid and gives one row per hour per prodId for the
-- previous hour's rows. (The rejected form is the case group-by-not-monotonic.)
CREATE STREAM "SOURCE_SQL_STREAM_001" (prodId INTEGER);
CREATE STREAM Orders (prodId INTEGER);
CREATE PUMP p AS INSERT INTO Orders SELECT STREAM prodId FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM FLOOR(Orders.ROWTIME TO HOUR) AS theHour, prodId, COUNT(*)
FROM Orders
GROUP BY FLOOR(Orders.ROWTIME TO HOUR), prodId;
