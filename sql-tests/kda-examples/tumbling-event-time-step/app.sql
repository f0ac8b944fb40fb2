-- from the KDA developer guide, examples-window-tumbling-event: MIN/MAX price per ticker grouped by
-- STEP(ROWTIME BY 60 s) and STEP(EVENT_TIME BY 60 s); EVENT_TIME is a TIMESTAMP column read from ISO text with
-- microseconds (kept to the millisecond). Records read in the 14:12 ROWTIME window but stamped 14:11 make a
-- second 14:11 row for AMZN and TBV (a partial result); TBV's only price there is NULL, so MIN and MAX are NULL.
-- The guide's console edits the discovered EVENT_TIME column to TIMESTAMP; here the schema is declared.
CREATE STREAM "SOURCE_SQL_STREAM_001" (EVENT_TIME TIMESTAMP, TICKER VARCHAR(4), PRICE DOUBLE);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (EVENT_TIME timestamp, TICKER VARCHAR(4), min_price REAL, max_price REAL);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
  INSERT INTO "DESTINATION_SQL_STREAM" 
    SELECT STREAM STEP("SOURCE_SQL_STREAM_001".EVENT_TIME BY INTERVAL '60' SECOND),
        TICKER,
         MIN(PRICE) AS MIN_PRICE,
         MAX(PRICE) AS MAX_PRICE
    FROM    "SOURCE_SQL_STREAM_001"
    GROUP BY TICKER, 
             STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND), 
             STEP("SOURCE_SQL_STREAM_001".EVENT_TIME BY INTERVAL '60' SECOND);
