-- RANDOM_CUT_FOREST with shingleSize 2 scores each row together with the one before it: a value seen
-- many times, coming after the wrong neighbour, stands out; the first row waits for its shingle, then
-- subSampleSize shingles fill the trees (score 0). Rows 251 and 252 make the pairs (2,1) and (1,4), never seen before
CREATE STREAM "SOURCE_SQL_STREAM_001" (v INTEGER);
CREATE STREAM scored (v INTEGER, anomaly_score DOUBLE);
CREATE PUMP p AS INSERT INTO scored
SELECT STREAM * FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 50, 32, 100000, 2));
SELECT STREAM COUNT(*) AS warming FROM scored WHERE anomaly_score = 0 GROUP BY STEP(scored.ROWTIME BY INTERVAL '1' HOUR);
SELECT STREAM v FROM scored WHERE anomaly_score >= 1.5;
