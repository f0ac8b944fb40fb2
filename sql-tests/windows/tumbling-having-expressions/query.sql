-- aggregates of expressions (SUM(price * qty)), expressions of aggregates (spread, VWAP, COUNT(*) * 2),
-- a group key inside an expression, and HAVING on aggregates and keys
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE, qty INTEGER);
SELECT STREAM ticker || '!' AS tag, MAX(price) - MIN(price) AS spread,
       SUM(price * qty) / SUM(qty) AS vwap, COUNT(*) * 2 AS twice
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY ticker, STEP(s.ROWTIME BY INTERVAL '30' SECOND)
HAVING COUNT(*) > 1 AND ticker <> 'SKIP';
