-- from rbogusze/testing, anomalies/analytics.sql: the console's anomaly-detection template over a three-column CSV
-- source (KDA's discovery names CSV columns COL1, COL2, ...; the repo gives no schema, schema.json declares COL1
-- DOUBLE, COL2 DOUBLE, COL3 INTEGER, CSV with ',' and '\n'). RANDOM_CUT_FOREST scores each row; OUTPUT_PUMP keeps
-- scores above 1.6, sorted per second. TEMP_STREAM's columns are "column1".."column3" while the pump selects
-- "COL1".."COL3": the INSERT is positional. Of 300 rows (input.ndjson holds the CSV lines; CSV carries no ROWTIME,
-- so all share the pinned clock's time) the one planted row (25.0, 3.0, 9; row 290) is the only one out; scores are
-- eddy's seeded forest (0 while the 256-point sample fills). SQL unchanged.
-- ** Anomaly detection **
-- Compute an anomaly score for each record in the source stream using Random Cut Forest
-- Creates a temporary stream and defines a schema
CREATE OR REPLACE STREAM "TEMP_STREAM" (
   "column1"        DOUBLE,
   "column2"        DOUBLE,
   "column3"        INTEGER,
   "ANOMALY_SCORE"  DOUBLE);
-- Creates an output stream and defines a schema
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
   "column1"        DOUBLE,
   "column2"        DOUBLE,
   "column3"        INTEGER,
   "ANOMALY_SCORE"  DOUBLE);
 
-- Compute an anomaly score for each record in the source stream
-- using Random Cut Forest
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "TEMP_STREAM"
SELECT STREAM "COL1", "COL2", "COL3", "ANOMALY_SCORE" FROM
  TABLE(RANDOM_CUT_FOREST(
    CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001")
  )
);
-- Sort records by descending anomaly score, insert into output stream
CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM * FROM "TEMP_STREAM" where ANOMALY_SCORE > 1.6
ORDER BY FLOOR("TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;
