-- from the KDA developer guide, app-anom-score-create-app: the Anomaly Detection template with the guide's
-- column names. RANDOM_CUT_FOREST with its defaults (100 trees, sample 256) scores each heart rate; scores
-- are 0 while the trees fill (the first 256 rows: the second 10:01:03 holds rows 253-256), then near 1 for
-- normal rates (60-100) and above 2 only for the two planted HIGH rates (159, 154); OUTPUT_PUMP sorts the
-- rows of each second by score, highest first, so each HIGH row (the last of its second in the input)
-- leaves first, and the rows of a second leave together with that second's last ROWTIME.
-- The guide's application is unchanged; ANOMALY_CHECK and its pump are added (run with --output
-- ANOMALY_CHECK) to show four seconds of DESTINATION_SQL_STREAM with each score's class instead of the
-- scores themselves, which depend on the forest's random cuts (seeded, so they repeat).
-- The source schema is discovered from the records ("heartRate" BIGINT, "rateType" VARCHAR).
--Creates a temporary stream.
CREATE OR REPLACE STREAM "TEMP_STREAM" (
	        "heartRate"        INTEGER,
	        "rateType"         varchar(20),
	        "ANOMALY_SCORE"    DOUBLE);

--Creates another stream for application output.	        
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
	        "heartRate"        INTEGER,
	        "rateType"         varchar(20),
	        "ANOMALY_SCORE"    DOUBLE);

-- Compute an anomaly score for each record in the input stream
-- using Random Cut Forest
CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
   INSERT INTO "TEMP_STREAM"
      SELECT STREAM "heartRate", "rateType", ANOMALY_SCORE 
      FROM TABLE(RANDOM_CUT_FOREST(
              CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001")));

-- Sort records by descending anomaly score, insert into output stream
CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS 
   INSERT INTO "DESTINATION_SQL_STREAM"
      SELECT STREAM * FROM "TEMP_STREAM"
      ORDER BY FLOOR("TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;

CREATE OR REPLACE STREAM "ANOMALY_CHECK" ("heartRate" INTEGER, "rateType" varchar(20), "scoreClass" varchar(8));
CREATE OR REPLACE PUMP "CHECK_PUMP" AS
   INSERT INTO "ANOMALY_CHECK"
      SELECT STREAM "heartRate", "rateType",
             CASE WHEN ANOMALY_SCORE = 0 THEN 'warming' WHEN ANOMALY_SCORE > 2 THEN 'anomaly' ELSE 'normal' END
      FROM "DESTINATION_SQL_STREAM"
      WHERE FLOOR("DESTINATION_SQL_STREAM".ROWTIME TO SECOND) IN (TIMESTAMP '2024-01-01 10:01:03',
            TIMESTAMP '2024-01-01 10:01:04', TIMESTAMP '2024-01-01 10:01:40', TIMESTAMP '2024-01-01 10:02:12')
         OR ANOMALY_SCORE > 2;
