-- from amanoxsolutions/mlops-realtime-data-ingestion, resources/kinesis/analytics.sql (the stored latest version):
-- blockchain transactions (tx_hash, tx_fee; the repo's README: "total number of transactions", "total amount of
-- transaction fees", "average") aggregated per 1-hour ROWTIME tumbling window (STEP). The repo gives no input
-- schema; schema.json declares tx_hash VARCHAR(64), tx_fee BIGINT. COUNT("tx_hash") skips the NULL hash;
-- AVG of the BIGINT fee is a BIGINT (semantics.md: integer AVG truncates), so the 11:00 window's
-- (2000 + 1001) / 2 is 1500, stored in the REAL column as 1500.0. SQL unchanged.
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    "total_nb_trx_1h" BIGINT,
    "total_fee_1h"    BIGINT,
    "avg_fee_1h"      REAL
);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM  
        COUNT("tx_hash"), 
        SUM("tx_fee"), 
        AVG("tx_fee")
        FROM "SOURCE_SQL_STREAM_001"
        GROUP BY STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '1' HOUR);
