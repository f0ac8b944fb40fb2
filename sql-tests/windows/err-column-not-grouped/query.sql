-- a column that is neither a GROUP BY key nor inside an aggregate
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE, qty INTEGER);
SELECT STREAM ticker, price, COUNT(*) AS n FROM "SOURCE_SQL_STREAM_001" AS s GROUP BY ticker, STEP(s.ROWTIME BY INTERVAL '1' MINUTE);
