-- from ashkan3/demo-streaming-app, infra/apps/consumers/group-data-analytics/terraform.tfvars (sql_code, with
-- record_columns SEARCH_ID VARCHAR(64) <- $.searchId, DATETIME TIMESTAMP <- $.datetime, GROUP_NAME VARCHAR(8) <-
-- $.groupName, given here as schema.json): searches counted per group name per 60-second ROWTIME window. The
-- SELECT names the count COUNTRY_COUNT (copied from the country app) but the INSERT is positional, so it lands in
-- GROUP_NAME_COUNT. "superusers" is cut to "superuse" by the VARCHAR(8) input column; a null groupName is a group.
-- SQL unchanged.

CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (GROUP_NAME VARCHAR(8), GROUP_NAME_COUNT INT);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM
    GROUP_NAME,
    COUNT(*) AS COUNTRY_COUNT FROM "SOURCE_SQL_STREAM_001"
GROUP BY GROUP_NAME , STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);

