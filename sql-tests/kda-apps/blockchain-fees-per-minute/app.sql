-- from amanoxsolutions/mlops-realtime-data-ingestion, resources/kinesis/analytics.sql (an earlier stored version,
-- "tx_minute"): the transaction count, fee sum and average per minute, with FLOOR(s.ROWTIME TO MINUTE) selected
-- into a TIMESTAMP NOT NULL column; rows leave at the minute's end. The 11:05 minute has only a NULL hash, so
-- its count is 0. schema.json (tx_hash VARCHAR(64), tx_fee BIGINT) is this test's; the repo gives none.
-- SQL unchanged.
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    "tx_minute"         TIMESTAMP NOT NULL,
    "total_nb_trx_1min" BIGINT,
    "total_fee_1min"    BIGINT,
    "avg_fee_1min"      REAL
);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM
        FLOOR(s.ROWTIME TO MINUTE),
        COUNT("tx_hash"),
        SUM("tx_fee"),
        AVG("tx_fee")
        FROM "SOURCE_SQL_STREAM_001" AS s
        GROUP BY FLOOR(s.ROWTIME TO MINUTE);
