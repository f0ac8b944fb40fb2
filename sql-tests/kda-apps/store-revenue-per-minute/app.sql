-- from miztiik/kinesis-tumbling-window-analytics,
-- kinesis_tumbling_window_analytics/stacks/back_end/kinesis_tumbling_window_analytics_stack/
-- kinesis_tumbling_window_analytics_stack.py (revenue_agg_sql_01, a CDK CfnApplication): revenue per store per
-- minute (SUM of REAL sales per STEP(ROWTIME BY 60 s)), with ROWTIME selected as "timestamp". The input is named by
-- the input's NamePrefix STORE_REVENUE_PER_MIN, so the in-application stream is STORE_REVENUE_PER_MIN_001; the
-- schema (store_id VARCHAR(16), category VARCHAR(16), evnt_time TIMESTAMP, sales REAL) is the stack's
-- (schema.json, with NamePrefix). Records are shaped as the repo's stream_data_producer.py makes them.
-- The repo's sample_records/ file, KDA's own output, shows each row's "timestamp" as the window's end
-- ("2021-01-31 14:47:00.000" for the 14:46 minute), stores in first-seen order, and REAL sums: as here.
-- A NULL sale is skipped by SUM. SQL unchanged.
CREATE OR REPLACE STREAM "DEST_SQL_STREAM_BY_STORE_ID" ("store_id" VARCHAR(16),"revenue" REAL, "timestamp" TIMESTAMP);
            CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DEST_SQL_STREAM_BY_STORE_ID"
                SELECT STREAM "store_id", SUM("sales") AS "revenue", ROWTIME AS "timestamp"
                    FROM "STORE_REVENUE_PER_MIN_001"
                    GROUP BY STEP("STORE_REVENUE_PER_MIN_001".ROWTIME BY INTERVAL '60' SECOND),
                    "store_id"
                    ;
