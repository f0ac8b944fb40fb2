-- many groups: 30 symbols over 20-second STEP windows with some NULL quantities and rows sharing a
-- ROWTIME; groups come out in first-seen order at each window end (data generated, checked by an
-- independent model of the semantics)
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), qty INTEGER);
SELECT STREAM sym, COUNT(*) AS n, COUNT(qty) AS nq, SUM(qty) AS s, AVG(qty) AS a, MIN(qty) AS lo, MAX(qty) AS hi
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY STEP(s.ROWTIME BY INTERVAL '20' SECOND), sym;
