-- from aws-samples/amazon-kinesis-analytics-realtime-anomaly-detection, anomalie_detection_sql/application.sql, with
-- the input schema of article_anomaly_detection_data_streams/article_anomaly_detection_data_streams_stack.py
-- (sensor_id CHAR(30), temperature DOUBLE, rpm DOUBLE, in_service BOOLEAN; schema.json) and records shaped like
-- producer/producer.py (one sensor, temperature ~ N(70, 4), rpm sent as the string "1500", a record every 200 ms).
-- RANDOM_CUT_FOREST scores every record (0 for the first 256 while the trees fill); PROCESS_PUMP keeps scores
-- above 1.5, sorted per second by score. Of 300 records only the two planted readings pass: 120.0 (record 280,
-- 10:00:56) and 20.0 (record 295, 10:00:59); the highest score of a normal reading here is 1.36. Scores are
-- eddy's seeded forest, close to KDA's in scale and ranking, not equal (semantics.md). SQL unchanged.
-- ** Anomaly detection **
-- Compute an anomaly score for each record in the source stream using Random Cut Forest
-- Creates a temporary stream and defines a schema
CREATE OR REPLACE STREAM "TEMP_STREAM" (
   "sensor_id"        VARCHAR,
   "temperature"      DOUBLE,
   "rpm"              DOUBLE,
   "in_service"       BOOLEAN,
   "ANOMALY_SCORE"    DOUBLE);

   -- Creates an output stream and defines a schema
CREATE OR REPLACE STREAM "PROCESS_STREAM" (
   "sensor_id"        VARCHAR,
   "temperature"      DOUBLE,
   "rpm"              DOUBLE,
   "in_service"       BOOLEAN,
   "ANOMALY_SCORE"    DOUBLE);

-- Compute an anomaly score for each record in the source stream
-- using Random Cut Forest
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "TEMP_STREAM"
SELECT STREAM "sensor_id", "temperature", "rpm", "in_service", "ANOMALY_SCORE" FROM
  TABLE(RANDOM_CUT_FOREST(
    CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001")
  )
);
-- Sort records by descending anomaly score, insert into output stream
CREATE OR REPLACE PUMP "PROCESS_PUMP" AS INSERT INTO "PROCESS_STREAM"
SELECT STREAM * FROM "TEMP_STREAM"
WHERE ANOMALY_SCORE > 1.5
ORDER BY FLOOR("TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;
