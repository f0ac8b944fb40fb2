-- from the KDA SQL Reference, "Window examples" (sql-reference-window-examples): the page's window
-- definitions over Trades. The page omits the comma after "count(*) OVER lastHour" (a syntax error, in eddy
-- too: "syntax error at '('"); it is added here. lastHour is [t - 1 hour, t], both ends included (the 11:10
-- row still sees 10:10, the 11:30 row sees 10:30); lastThree is the row and the 3 before it; the YHOO and IBM
-- rows share ROWTIME 11:15 and YHOO, read first, does not see IBM (as the page says of its figure). A NULL
-- amount is skipped by SUM and counted by COUNT(*). The four unused windows are defined as on the page.
-- The page's data is only in figures; this input is made up.
CREATE STREAM Trades (ticker VARCHAR(4), amount INTEGER);
SELECT STREAM
  ticker,
  sum(amount) OVER lastHour,
  count(*) OVER lastHour,
  sum(amount) OVER lastThree
FROM Trades
WINDOW
  lastHour AS (RANGE INTERVAL '1' HOUR PRECEDING),
  lastThree AS (ROWS 3 PRECEDING),
  lastZeroRows AS (ROWS CURRENT ROW),
  lastZeroSeconds AS (RANGE CURRENT ROW),
  lastTwoSameTicker AS (PARTITION BY ticker ROWS 2 PRECEDING),
  lastHourSameTicker AS (PARTITION BY ticker RANGE INTERVAL '1' HOUR PRECEDING)
