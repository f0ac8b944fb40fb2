-- In the form of the AWS Solutions "Real-Time IoT Device Monitoring with Kinesis Analytics" template (SO0039,
-- aws-solutions/real-time-iot-device-monitoring-with-kinesis, deployment/*.yaml): the seconds between a device's
-- events are TSDIFF(this event's time, LAG(event time, 1) OVER the device's last hour) / 1000, and a gap of
-- 0..60 s continues the session while NULL (first event) or more than 60 s starts one; the template leaves a
-- negative gap NULL. It expects TSDIFF(a, b) = a - b (DIALECT 12 #4): with b - a every gap was negative and
-- every session flag NULL. Source columns as the template's input schema maps them.
CREATE STREAM "SOURCE_SQL_STREAM_001" ("COL_time" TIMESTAMP, "device_id" VARCHAR(4));

CREATE OR REPLACE STREAM gap_stream (event_timestamp TIMESTAMP, seconds_between_events INTEGER, device_id VARCHAR(4));
CREATE OR REPLACE PUMP gap_pump AS INSERT INTO gap_stream
SELECT STREAM "COL_time",
       TSDIFF("COL_time", LAG("COL_time", 1) OVER W1) / 1000,
       "device_id"
FROM source_sql_stream_001
WINDOW W1 AS (PARTITION BY "device_id" RANGE INTERVAL '1' HOUR PRECEDING);

CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (new_session_indicator BIGINT, event_timestamp TIMESTAMP,
                                                   seconds_between_events INTEGER, device_id VARCHAR(4));
CREATE OR REPLACE PUMP flag_pump AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM
    (CASE WHEN seconds_between_events >= 0 AND seconds_between_events <= 60 THEN 0
          WHEN seconds_between_events IS NULL OR seconds_between_events > 60 THEN UNIX_TIMESTAMP(event_timestamp)
          ELSE NULL END) AS new_session_indicator,
    event_timestamp, seconds_between_events, device_id
FROM gap_stream;
