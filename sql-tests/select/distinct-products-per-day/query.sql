-- The KDA SELECT DISTINCT page's example: the products ordered each day,
-- each the first time it is ordered that day (ROWTIME is not compared).
CREATE STREAM "SOURCE_SQL_STREAM_001" (prodId INTEGER, qty INTEGER);
SELECT STREAM DISTINCT ROWTIME, prodId, FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO DAY) AS order_day
FROM "SOURCE_SQL_STREAM_001";
