-- from the KDA developer guide, app-throttled-alerts: CHANGE_STREAM keeps the rows whose price changed more
-- than 1 percent; TRIGGER_COUNT_STREAM counts each ticker's alerts in the minute up to each one
-- (COUNT(*) OVER a window PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING, both ends
-- included). The guide says this sends "no more than one alert per minute per stock symbol", but its
-- WHERE trigger_count >= 1 holds for every row (the count includes the row itself), so every alert passes,
-- as the SQL says: AMZN 1, 2, then 3 at 10:01:00 (the window [10:00:00, 10:01:00] still holds 10:00:00),
-- 3 at 10:01:00.001 and 3 at 10:02:00. AMZN 0.1/102 = 0.098% is not an alert. Source schema: the demo stream's.
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR varchar(16), CHANGE REAL, PRICE REAL);
CREATE OR REPLACE STREAM "CHANGE_STREAM" 
           (ticker_symbol VARCHAR(4), 
            sector        VARCHAR(12), 
            change        DOUBLE, 
            price         DOUBLE);

CREATE OR REPLACE PUMP "change_pump" AS 
   INSERT INTO "CHANGE_STREAM"
      SELECT STREAM ticker_symbol, sector, change, price 
      FROM   "SOURCE_SQL_STREAM_001"
      WHERE  (ABS(Change / (Price - Change)) * 100) > 1;
      
-- ** Trigger Count and Limit **
-- Counts "triggers" or those values that evaluated true against the previous where clause
-- Then provides its own limit on the number of triggers per hour per ticker symbol to what
-- is specified in the WHERE clause

CREATE OR REPLACE STREAM TRIGGER_COUNT_STREAM (
   ticker_symbol VARCHAR(4), 
   change REAL,
   trigger_count INTEGER);

CREATE OR REPLACE PUMP trigger_count_pump AS INSERT INTO TRIGGER_COUNT_STREAM
SELECT STREAM ticker_symbol, change, trigger_count
FROM (
    SELECT STREAM ticker_symbol, change, COUNT(*) OVER W1 as trigger_count
    FROM "CHANGE_STREAM"
    --window to perform aggregations over last minute to keep track of triggers
    WINDOW W1 AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING)
)
WHERE trigger_count >= 1;
