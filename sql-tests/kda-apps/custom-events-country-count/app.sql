-- from ashkan3/demo-streaming-app, infra/apps/consumers/custom-events-data-analytics/terraform.tfvars (sql_code,
-- with the input schema in record_columns: CUSTOM_EVENT_ID VARCHAR(64) <- $.customEventId, COUNTRY VARCHAR(16)
-- <- $.country, given here as schema.json): events counted per country in 60-second ROWTIME tumbling windows.
-- A record without "country" is a NULL group; a 22-character country is cut to VARCHAR(16) on input
-- (sch-mapping: a string longer than its column is truncated); the empty 10:02 window gives no rows.
-- SQL unchanged.

CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (COUNTRY VARCHAR(16), COUNTRY_COUNT INT);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM
    COUNTRY,
    COUNT(*) AS COUNTRY_COUNT FROM "SOURCE_SQL_STREAM_001"
GROUP BY COUNTRY , STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);

