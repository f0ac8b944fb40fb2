-- from the KDA developer guide, continuous-queries-concepts: a continuous query keeps the rows whose price
-- changed more than 1 percent, ABS((CHANGE / (PRICE - CHANGE)) * 100) > 1 (the guide's text says 15 percent,
-- its SQL and its next sentence say 1). AMZN 1.5/99 = 1.52% and WAS -2/50 = 4% are kept; TGT 0.79% and QXZ
-- 0.5% are not; a NULL CHANGE makes the condition unknown (not kept); ZRO has PRICE = CHANGE, so the division
-- by zero sends its row to the error stream (error-handling page). Source schema as given on the page.
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR varchar(16), CHANGE REAL, PRICE REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), 
                                                   price DOUBLE);
-- CREATE OR REPLACE PUMP to insert into output
CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
  INSERT INTO "DESTINATION_SQL_STREAM" 
      SELECT STREAM TICKER_SYMBOL, 
                    PRICE 
      FROM   "SOURCE_SQL_STREAM_001"
      WHERE  (ABS((CHANGE / (PRICE-CHANGE)) * 100)) > 1;
