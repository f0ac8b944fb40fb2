-- from the KDA developer guide, timestamps-rowtime-concepts: a one-minute tumbling count per ticker grouped by
-- STEP(ROWTIME) and STEP(APPROXIMATE_ARRIVAL_TIME). Each window's rows leave at its end (ROWTIME 17:06:00 for
-- the 17:05 window) with "ingest_time" = STEP(ROWTIME); XYZ's last record arrived in Kinesis at 17:05:58 but
-- was read at 17:06:20, so it is counted in the 17:06 window with APPROXIMATE_ARRIVAL_TIME 17:05:00 (the
-- guide's "late-arriving record": 6 + 1 for XYZ, here 1 + 1). The guide's result table labels its columns
-- ROWTIME and INGEST_TIME, but they hold "ingest_time" and "APPROXIMATE_ARRIVAL_TIME" (its late row shows
-- 17:06 / 17:05). APPROXIMATE_ARRIVAL_TIME is the record's field of that name. Source schema: the demo stream's.
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR varchar(16), CHANGE REAL, PRICE REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" 
    ("ingest_time"    timestamp,
    "APPROXIMATE_ARRIVAL_TIME" timestamp,
    "ticker_symbol"  VARCHAR(12), 
    "symbol_count"        integer);
            
            
CREATE OR REPLACE PUMP "STREAM_PUMP" AS
    INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND) AS "ingest_time",
        STEP("SOURCE_SQL_STREAM_001".APPROXIMATE_ARRIVAL_TIME BY INTERVAL '60' SECOND) AS "APPROXIMATE_ARRIVAL_TIME",
        "TICKER_SYMBOL",
        COUNT(*) AS "symbol_count"
    FROM "SOURCE_SQL_STREAM_001"
    GROUP BY "TICKER_SYMBOL",
        STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND),
        STEP("SOURCE_SQL_STREAM_001".APPROXIMATE_ARRIVAL_TIME BY INTERVAL '60' SECOND);
