-- a batch is the rows of one minute; sorted by CHANGE, then by the first column descending;
-- reordered rows leave with the batch's latest ROWTIME so time never goes back
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE REAL, PRICE REAL);
SELECT STREAM ticker_symbol, change, price FROM "SOURCE_SQL_STREAM_001" ORDER BY FLOOR(ROWTIME TO MINUTE), change, 1 DESC;
