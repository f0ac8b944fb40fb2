-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-window-examples.html
-- The page's figures are images; its text states: lastThree holds the three preceding rows and the current one,
-- but only two for 10:10 IBM (no data before 10:00); of two rows with ROWTIME 11:15 (YHOO then IBM), YHOO's
-- lastThree window excludes the IBM trade and IBM's includes YHOO; lastZeroRows (ROWS CURRENT ROW) always holds one
-- row; lastZeroSeconds (RANGE CURRENT ROW) holds the rows with the same timestamp (here those arrived so far:
-- 1 for YHOO, 2 for IBM); the ...SameTicker windows are partitioned by ticker before windowing.
-- The page's SELECT misses a comma after "count(*) OVER lastHour" (eddy: syntax error, see the audit report);
-- here the comma is added and the other windows are used too. The input rows are made up (the data is in images).
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), amount INTEGER);
CREATE STREAM Trades (ticker VARCHAR(4), amount INTEGER);
CREATE PUMP p AS INSERT INTO Trades SELECT STREAM ticker, amount FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM
  ticker,
  sum(amount) OVER lastHour,
  count(*) OVER lastHour,
  sum(amount) OVER lastThree,
  count(*) OVER lastThree AS n3,
  count(*) OVER lastZeroRows AS n0r,
  count(*) OVER lastZeroSeconds AS n0s,
  sum(amount) OVER lastTwoSameTicker AS s2t,
  sum(amount) OVER lastHourSameTicker AS sht
FROM Trades
WINDOW
  lastHour AS (RANGE INTERVAL '1' HOUR PRECEDING),
  lastThree AS (ROWS 3 PRECEDING),
  lastZeroRows AS (ROWS CURRENT ROW),
  lastZeroSeconds AS (RANGE CURRENT ROW),
  lastTwoSameTicker AS (PARTITION BY ticker ROWS 2 PRECEDING),
  lastHourSameTicker AS (PARTITION BY ticker RANGE INTERVAL '1' HOUR PRECEDING);
