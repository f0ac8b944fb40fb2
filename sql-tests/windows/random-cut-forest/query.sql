-- RANDOM_CUT_FOREST scores every row of the cursor on its numeric columns: 0 while the trees fill
-- (the first subSampleSize rows), then low for rows like the others and high for the two outliers
-- (row 301: PRICE jumps; row 351: QTY jumps). Non-numeric columns pass through unscored.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE, qty DOUBLE);
CREATE STREAM scored (ticker VARCHAR(4), price DOUBLE, qty DOUBLE, anomaly_score DOUBLE);
CREATE PUMP p AS INSERT INTO scored
SELECT STREAM * FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 50, 64, 100000, 1));
CREATE STREAM summary (warming BIGINT, normal BIGINT, anomalous BIGINT);
SELECT STREAM
    SUM(CASE WHEN anomaly_score = 0 THEN 1 ELSE 0 END) AS warming,
    SUM(CASE WHEN anomaly_score > 0 AND anomaly_score < 3 THEN 1 ELSE 0 END) AS normal,
    SUM(CASE WHEN anomaly_score >= 3 THEN 1 ELSE 0 END) AS anomalous
FROM scored
GROUP BY STEP(scored.ROWTIME BY INTERVAL '1' HOUR);
SELECT STREAM price, qty FROM scored WHERE anomaly_score >= 3;
