-- the developer guide's sliding example: MIN/MAX/AVG price over the last minute per ticker, one output
-- row per input row; the window [t - 1 minute, t] includes a row exactly one minute older
-- (00:00:00 is still in at 00:01:00, out at 00:01:00.001; 00:00:30 is in at 00:01:30)
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), price DOUBLE);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), Min_Price DOUBLE, Max_Price DOUBLE, Avg_Price DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS
  INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM ticker_symbol,
                  MIN(Price) OVER W1 AS Min_Price,
                  MAX(Price) OVER W1 AS Max_Price,
                  AVG(Price) OVER W1 AS Avg_Price
    FROM "SOURCE_SQL_STREAM_001"
    WINDOW W1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING);
