-- In the form of the AWS Big Data Blog's "Create real-time clickstream sessions and run analytics with Amazon
-- Kinesis Data Analytics, AWS Glue, and Amazon Athena": a stagger window per user, device and 30-second step
-- of the click time, whose session length is TSDIFF(MAX(click time), MIN(click time)) / 1000 seconds. The
-- post expects a duration >= 0, so TSDIFF(a, b) = a - b (DIALECT 12 #4).
CREATE STREAM "SOURCE_SQL_STREAM_001" ("user_id" INTEGER, "device_id" VARCHAR(10), "client_event" VARCHAR(32),
                                       "client_timestamp" TIMESTAMP);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (user_id INTEGER, device_id VARCHAR(10), events INTEGER,
                                                   beginnavigation VARCHAR(32), endnavigation VARCHAR(32),
                                                   duration_sec INTEGER);
CREATE OR REPLACE PUMP "WINDOW_PUMP_SEC" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM "user_id", "device_id",
       COUNT("client_event") events,
       FIRST_VALUE("client_event") AS beginnavigation,
       LAST_VALUE("client_event") AS endnavigation,
       TSDIFF(MAX("client_timestamp"), MIN("client_timestamp")) / 1000 AS duration_sec
FROM "SOURCE_SQL_STREAM_001"
WINDOWED BY STAGGER (PARTITION BY "user_id", "device_id", STEP("client_timestamp" BY INTERVAL '30' SECOND)
                     RANGE INTERVAL '30' SECOND);
