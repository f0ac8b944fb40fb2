-- a window on the FROM item of a query that is no join: the window goes on the aggregate
CREATE STREAM "SOURCE_SQL_STREAM_001" (price DOUBLE, ticker VARCHAR(4));
SELECT STREAM ticker, AVG(price) AS a FROM "SOURCE_SQL_STREAM_001" OVER (RANGE INTERVAL '1' MINUTE PRECEDING);
