-- from wczyzx/anomalies, aws/kinesis/anomalies_detector.sql: job candidates ({"accuracy", "name"}, as made by the
-- repo's candidates_feed.py: normal candidates 10-20, the planted "better" candidate 90-100) scored by
-- RANDOM_CUT_FOREST; STREAM_PUMP keeps scores above 3 (the WHERE on the table function's rows), OUTPUT_PUMP sorts
-- each second by score. Of 300 records (one every 250 ms), scores are 0 for the first 256 while the trees fill;
-- the three planted records (270, 271, 290) score 7.51, 4.13, 3.39, every normal one below 1. Records 270 and 271
-- share the second 10:01:07, so they leave together, highest first, with the later ROWTIME (10:01:07.750).
-- Scores are eddy's seeded forest, close to KDA's in scale and ranking, not equal. The schema is discovered.
-- SQL unchanged.
-- ** Anomaly detection **
-- Compute an anomaly score for each record in the source stream using Random Cut Forest
-- Creates a temporary stream and defines a schema
CREATE OR REPLACE STREAM "TEMP_STREAM" (
   "name"        VARCHAR(16),
   "accuracy"        INTEGER,
   "ANOMALY_SCORE"  DOUBLE);
-- Creates an output stream and defines a schema
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
   "name"        VARCHAR(16),
   "accuracy"        INTEGER,
   "ANOMALY_SCORE"  DOUBLE);
 
-- Compute an anomaly score for each record in the source stream
-- using Random Cut Forest
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "TEMP_STREAM"
SELECT STREAM "name", "accuracy", "ANOMALY_SCORE" FROM
  TABLE(RANDOM_CUT_FOREST(
    CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001")
  )
) where ANOMALY_SCORE>3;
-- Sort records by descending anomaly score, insert into output stream
CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM * FROM "TEMP_STREAM"
ORDER BY FLOOR("TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;
