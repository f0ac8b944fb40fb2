-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-windowed-aggregation-stream.html
-- "Examples of Rowtime Bounds and Windowed Aggregation": SUM(amount) OVER (PARTITION BY ticker RANGE INTERVAL '1' HOUR PRECEDING).
-- Documented: IBM 10 -> 10 (10:00), ORCL 20 -> 20 (10:10), ORCL 15 -> 35 (10:25), IBM 30 -> 30 (11:05; the 10:00 IBM row is outside the hour).
-- (The page's Trades.bound lines are rowtime bounds and have no NDJSON form; its first input line reads "IBM 10 10 10:00:00".)
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), amount INTEGER);
CREATE STREAM Trades (ticker VARCHAR(4), amount INTEGER);
CREATE PUMP p AS INSERT INTO Trades SELECT STREAM ticker, amount FROM "SOURCE_SQL_STREAM_001";
 SELECT STREAM ROWTIME, ticker, amount, SUM(amount)
    OVER (
        PARTITION BY ticker
        RANGE INTERVAL '1' HOUR PRECEDING)
 AS hourlyVolume
 FROM Trades;
