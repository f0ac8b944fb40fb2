-- from amanoxsolutions/mlops-realtime-data-ingestion, resources/kinesis/analytics_tumbling.sql (despite its name a
-- sliding window): count, sum and average of transaction fees over the hour up to each transaction (a named
-- WINDOW LAST_1_HOUR AS (RANGE INTERVAL '60' MINUTE PRECEDING), both ends included). At 11:05 the window
-- [10:05, 11:05] holds 5 rows: 4 hashes (one NULL), 4 fees (one NULL), sum 6605, integer average 1651.
-- schema.json (tx_hash VARCHAR(64), tx_fee BIGINT) is this test's; the repo gives none. SQL unchanged.
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    "total_nb_trx_1h" BIGINT,
    "total_fee_1h"    BIGINT,
    "avg_fee_1h"      REAL
);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM  
        COUNT("tx_hash") OVER LAST_1_HOUR, 
        SUM("tx_fee") OVER LAST_1_HOUR, 
        AVG("tx_fee") OVER LAST_1_HOUR
        FROM "SOURCE_SQL_STREAM_001"
        WINDOW LAST_1_HOUR AS (
            RANGE INTERVAL '60' MINUTE PRECEDING
        );

