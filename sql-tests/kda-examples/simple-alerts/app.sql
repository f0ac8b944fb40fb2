-- from the KDA developer guide, app-simple-alerts: rows whose price changed more than 1 percent,
-- (ABS(Change / (Price - Change)) * 100) > 1, go to DESTINATION_SQL_STREAM with their sector cut to
-- VARCHAR(12). AMZN 1.52% and WAS 4% are alerts; TGT 0.79% is not; a NULL PRICE makes the condition unknown.
-- Source schema: the demo stream's (continuous-queries-concepts page).
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR varchar(16), CHANGE REAL, PRICE REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" 
           (ticker_symbol VARCHAR(4), 
            sector        VARCHAR(12), 
            change        DOUBLE, 
            price         DOUBLE);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
   INSERT INTO "DESTINATION_SQL_STREAM"
      SELECT STREAM ticker_symbol, sector, change, price 
      FROM   "SOURCE_SQL_STREAM_001"
      WHERE  (ABS(Change / (Price - Change)) * 100) > 1;
