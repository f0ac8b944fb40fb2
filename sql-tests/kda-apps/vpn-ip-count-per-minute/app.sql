-- from vijankush/AWS-Security-Engineer-Intern, SQL-Analytics-Application/real-time-analytics-per-minute.sql:
-- VPN log lines (parsed to JSON by the repo's Lambda preprocessor, Lambda/Kinesis-Analytics-Preprocessor-Serverless/
-- index.js: verb, ip, thread, system, timestamp, line, positive, negative) counted per ip in one-minute ROWTIME
-- windows split by the minute of APPROXIMATE_ARRIVAL_TIME, with the sums of the positive/negative flags.
-- The 10:01:00.500 record arrived in Kinesis at 10:00:59.800, so it is a second 10:00 partial row for 10.0.0.1,
-- leaving with the 10:01 window at 10:02:00; a NULL ip is its own group. SQL unchanged; the source schema is
-- discovered from the records (APPROXIMATE_ARRIVAL_TIME is the record's field of that name).
CREATE STREAM "DESTINATION_SQL_STREAM"
    (arrival_time TIMESTAMP, ip VARCHAR(16), statusCount INTEGER, pos INTEGER, neg INTEGER);

CREATE OR REPLACE PUMP "PUMP_FOR_IP_COUNT" AS
    INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM 
        STEP(cloudtraillogs.APPROXIMATE_ARRIVAL_TIME BY INTERVAL '60' SECOND) AS arrival_time,
        "ip",
        COUNT(*) AS statusCount,
        SUM("positive") as pos,
        SUM("negative") as neg
        FROM "SOURCE_SQL_STREAM_001" cloudtraillogs
    GROUP BY "ip",
        STEP(cloudtraillogs.ROWTIME BY INTERVAL '60' SECOND),
	STEP(cloudtraillogs.APPROXIMATE_ARRIVAL_TIME BY INTERVAL '60' SECOND);
