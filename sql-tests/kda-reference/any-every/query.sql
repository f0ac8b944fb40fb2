-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-any.html, https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-every.html
-- Documented: ANY(price < 1) is true if any price in the group is below 1, false if every price is 1 or
-- greater; EVERY(price < 1) is true if every price is below 1, false if any is 1 or greater; grouped by hour.
-- The pages write "GROUP BY (FLOOR trades.rowtime to hour)", which is not valid SQL (eddy: syntax error);
-- FLOOR(trades.rowtime TO HOUR) is used here.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE);
CREATE STREAM trades (ticker VARCHAR(4), price DOUBLE);
CREATE PUMP p AS INSERT INTO trades SELECT STREAM ticker, price FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM ANY (price < 1) AS any_below_1, EVERY (price < 1) AS every_below_1 FROM trades
  GROUP BY FLOOR(trades.rowtime to hour);
