-- the developer guide's sliding example on the demo stream's REAL columns: average of
-- Change / (Price - Change) over the last 10 seconds per ticker; a REAL average stays REAL
-- (1.0 / 3 prints as 0.33333334); a NULL change gives a NULL ratio, which AVG skips
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), price REAL, change REAL);
SELECT STREAM ticker_symbol, AVG(Change / (Price - Change)) OVER W1 AS Avg_Percent_Change
FROM "SOURCE_SQL_STREAM_001"
WINDOW W1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '10' SECOND PRECEDING);
