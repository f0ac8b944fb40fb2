-- from the KDA developer guide, app-anom-with-exp-create-app: blood pressure readings scored by
-- RANDOM_CUT_FOREST_WITH_EXPLANATION; the two planted readings (150/125 HIGH, 80/40 LOW) are the only
-- ones above 2.5, each column's ATTRIBUTION_SCORE sums to the score and DIRECTION says which way (the sorted stream is renamed so only the final query is output)
CREATE STREAM "SOURCE_SQL_STREAM_001" ("Systolic" INTEGER, "Diastolic" INTEGER, "BloodPressureLevel" varchar(20));
CREATE OR REPLACE STREAM "TEMP_STREAM" (
        "Systolic"                  INTEGER,
        "Diastolic"                 INTEGER,
        "BloodPressureLevel"        varchar(20),
        "ANOMALY_SCORE"             DOUBLE,
        "ANOMALY_EXPLANATION"       varchar(512));
CREATE OR REPLACE STREAM "SORTED_STREAM" (
        "Systolic"                  INTEGER,
        "Diastolic"                 INTEGER,
        "BloodPressureLevel"        varchar(20),
        "ANOMALY_SCORE"             DOUBLE,
        "ANOMALY_EXPLANATION"       varchar(512));
CREATE OR REPLACE PUMP "STREAM_PUMP" AS
   INSERT INTO "TEMP_STREAM"
      SELECT STREAM "Systolic", "Diastolic", "BloodPressureLevel", ANOMALY_SCORE, ANOMALY_EXPLANATION
      FROM TABLE(RANDOM_CUT_FOREST_WITH_EXPLANATION(
              CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 100, 256, 100000, 1, true));
CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS
   INSERT INTO "SORTED_STREAM"
      SELECT STREAM * FROM "TEMP_STREAM"
      ORDER BY FLOOR("TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;
SELECT STREAM "Systolic", "Diastolic", "BloodPressureLevel", ANOMALY_EXPLANATION
FROM "SORTED_STREAM" WHERE ANOMALY_SCORE > 2.5;
