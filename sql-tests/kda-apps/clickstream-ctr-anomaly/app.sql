-- from code2648/da-id-q1-2022-refresh, content/300/320-main-lab.md (Appendix, anomaly_detection.sql): the AWS Big
-- Data Blog's "Real-time Clickstream Anomaly Detection with Amazon Kinesis Analytics" app as used in an AWS data
-- analytics workshop. Clicks and impressions are counted per 10 seconds, their ratio (CTR, in percent) is scored by
-- RANDOM_CUT_FOREST (100 trees, subSampleSize 12, timeDecay 100000, shingleSize 1) and scores above 2 are output.
-- SQL unchanged. CTRPUMP joins two streams with no window (FROM "IMPRESSIONSTREAM", "CLICKSTREAM" WHERE the
-- ROWTIMEs are equal): only each side's current row takes part, so the click and impression counts of one
-- 10-second window meet, both leaving at the window's end.
-- Input: 10 impressions per 10 s, 1 or 2 clicks (CTR 10 or 20), and 9 clicks in [10:03:20, 10:03:30) (CTR 90): the
-- only row out. Scores are eddy's seeded forest (0 while the 12-point sample fills).

CREATE OR REPLACE STREAM "CLICKSTREAM" (
   "CLICKCOUNT" DOUBLE
);

CREATE OR REPLACE PUMP "CLICKPUMP" AS
INSERT INTO "CLICKSTREAM" ("CLICKCOUNT")
SELECT STREAM COUNT(*)
FROM "SOURCE_SQL_STREAM_001"
WHERE "browseraction" = 'Click'
GROUP BY FLOOR(("SOURCE_SQL_STREAM_001".ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / 10 TO SECOND);

CREATE OR REPLACE STREAM "IMPRESSIONSTREAM" (
   "IMPRESSIONCOUNT" DOUBLE
);

CREATE OR REPLACE PUMP "IMPRESSIONPUMP" AS
INSERT INTO "IMPRESSIONSTREAM" ("IMPRESSIONCOUNT")
SELECT STREAM COUNT(*)
FROM "SOURCE_SQL_STREAM_001"
WHERE "browseraction" = 'Impression'
GROUP BY FLOOR(("SOURCE_SQL_STREAM_001".ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / 10 TO SECOND);

CREATE OR REPLACE STREAM "CTRSTREAM" (
  "CTR" DOUBLE
);


CREATE OR REPLACE PUMP "CTRPUMP" AS
INSERT INTO "CTRSTREAM" ("CTR")
SELECT STREAM "CLICKCOUNT" / "IMPRESSIONCOUNT" * 100.000 as "CTR"
FROM "IMPRESSIONSTREAM", "CLICKSTREAM"
WHERE "IMPRESSIONSTREAM".ROWTIME = "CLICKSTREAM".ROWTIME;


CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    "CTRPERCENT" DOUBLE,
    "ANOMALY_SCORE" DOUBLE
);

CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS
INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM * FROM
TABLE (RANDOM_CUT_FOREST(
             CURSOR(SELECT STREAM "CTR" FROM "CTRSTREAM"), --inputStream
             100, --numberOfTrees (default)
             12, --subSampleSize
             100000, --timeDecay (default)
             1) --shingleSize (default)
)
WHERE ANOMALY_SCORE > 2;
