-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-select-all-distinct.html
-- Documented: with "GROUP BY floor(ROWTIME TO MINUTE)" and rows at 22:49:10 and 22:49:15, "the summary of those rows is
-- going to come out timestamped 22:50:00" (the earliest time the group is complete). (The page's claim that CEIL(ROWTIME
-- TO MINUTE) or FLOOR(...) - INTERVAL '1' DAY behave identically does not hold in eddy: see the audit report.)
CREATE STREAM "SOURCE_SQL_STREAM_001" (prodId INTEGER);
CREATE STREAM Orders (prodId INTEGER);
CREATE PUMP p AS INSERT INTO Orders SELECT STREAM prodId FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM FLOOR(Orders.ROWTIME TO MINUTE) AS k, COUNT(*) AS n FROM Orders GROUP BY FLOOR(Orders.ROWTIME TO MINUTE);
