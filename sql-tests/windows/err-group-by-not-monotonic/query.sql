-- GROUP BY needs a key that only grows with ROWTIME; ticker and qty are not
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE, qty INTEGER);
SELECT STREAM ticker, COUNT(*) AS n FROM "SOURCE_SQL_STREAM_001" AS s GROUP BY ticker, qty;
