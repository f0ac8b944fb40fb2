-- the developer guide's tumbling example: per ticker MIN and MAX price in 60-second STEP windows;
-- both columns are aliased Price, so the second one is PRICE0; output ROWTIME = window end;
-- a window is emitted when a later window's row arrives; the empty 00:02 window emits nothing;
-- end of input flushes the last window
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), price DOUBLE);
SELECT STREAM ROWTIME, Ticker_Symbol, MIN(Price) AS Price, MAX(Price) AS Price
FROM "SOURCE_SQL_STREAM_001"
GROUP BY Ticker_Symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);
