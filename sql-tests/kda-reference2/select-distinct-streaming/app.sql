-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-select-all-distinct.html
-- Documented: SELECT STREAM DISTINCT ROWTIME, prodId, FLOOR(Orders.ROWTIME TO DAY) "displays the set of unique products
-- that are ordered in any given day"; ROWTIME is ignored for duplicate elimination and rows are emitted as soon as
-- they are ready. prodId 1 at 22:49:20 and 22:50:05 repeats the day's first prodId 1 and is dropped; the next day it
-- is new again.
CREATE STREAM "SOURCE_SQL_STREAM_001" (prodId INTEGER);
CREATE STREAM Orders (prodId INTEGER);
CREATE PUMP p AS INSERT INTO Orders SELECT STREAM prodId FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM DISTINCT ROWTIME, prodId, FLOOR(Orders.ROWTIME TO DAY) AS theDay
FROM Orders;
