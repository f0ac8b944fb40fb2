-- A GROUP BY + ORDER BY pump and a plain pump write one stream. The ORDER BY sorts each window's rows (they all
-- leave the GROUP BY at its end) and lets them go at once, before the row that closed the window reaches the
-- stream through the other pump: no row of either pump is late, and each window's counts come out by n DESC.
CREATE STREAM "S" (k VARCHAR(4));
CREATE STREAM "OUT" (k VARCHAR(4), n BIGINT);
CREATE PUMP "A" AS INSERT INTO "OUT"
  SELECT STREAM k, COUNT(*) AS n FROM "S"
  GROUP BY STEP("S".ROWTIME BY INTERVAL '10' SECOND), k
  ORDER BY STEP("S".ROWTIME BY INTERVAL '10' SECOND), n DESC;
CREATE PUMP "B" AS INSERT INTO "OUT" SELECT STREAM k, 0 FROM "S";
