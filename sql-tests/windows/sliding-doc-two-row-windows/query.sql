-- the developer guide's two row-based windows: ROWS 2 PRECEDING = the current row and the two before
-- it in the partition, ROWS 10 PRECEDING = up to 11 rows; unaliased columns are EXPR$2 and EXPR$3
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), price DOUBLE);
SELECT STREAM ticker_symbol, price, avg(price) over last2rows, avg(price) over last10rows
FROM "SOURCE_SQL_STREAM_001"
WINDOW last2rows AS (PARTITION BY ticker_symbol ROWS 2 PRECEDING),
       last10rows AS (PARTITION BY ticker_symbol ROWS 10 PRECEDING);
