-- ROWS CURRENT ROW holds only the current row; RANGE CURRENT ROW holds the rows with the current
-- ROWTIME that arrived so far (rows sharing a ROWTIME are seen one by one), per partition if
-- partitioned; ROWS 1 PRECEDING is the current row and the one before it, whatever its ROWTIME
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), v INTEGER);
SELECT STREAM ticker, v,
       COUNT(*) OVER (ROWS CURRENT ROW) AS c_row,
       SUM(v) OVER (RANGE CURRENT ROW) AS s_same,
       COUNT(*) OVER (PARTITION BY ticker RANGE CURRENT ROW) AS c_same_ticker,
       SUM(v) OVER (ROWS 1 PRECEDING) AS s_prev
FROM "SOURCE_SQL_STREAM_001";
