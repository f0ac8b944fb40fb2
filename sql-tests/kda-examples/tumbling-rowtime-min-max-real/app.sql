-- from the KDA developer guide, examples-window-tumbling-rowtime: MIN and MAX price per ticker in 60-second
-- tumbling windows of ROWTIME (STEP), into REAL columns, the aggregates unnamed. Rows leave at the window's
-- end; a row at exactly 10:01:00.000 opens the next window; an empty window (10:02) gives no rows.
-- The source schema (TICKER, PRICE) is discovered from the records, as the guide's console discovers it.
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (TICKER VARCHAR(4), MIN_PRICE REAL, MAX_PRICE REAL);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM TICKER, MIN(PRICE), MAX(PRICE)
        FROM "SOURCE_SQL_STREAM_001"
        GROUP BY TICKER, 
            STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);
