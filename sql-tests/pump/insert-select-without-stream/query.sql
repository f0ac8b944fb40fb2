-- A pump's query over a stream streams with or without STREAM (DIALECT S4 as revised): the AWS Solutions
-- "Real-Time IoT Device Monitoring with Kinesis Analytics" template fans one stream out to two outputs with
-- CREATE OR REPLACE PUMP p AS INSERT INTO out SELECT * FROM FAN_OUT_STREAM; and KDA ran it. A plain SELECT
-- with WHERE and a window in a pump streams too. A query of its own still says STREAM (sql-errors/bare-plain-select).
CREATE STREAM "SOURCE_SQL_STREAM_001" (price DOUBLE, ticker VARCHAR(4));
CREATE OR REPLACE STREAM FAN_OUT_STREAM (ticker VARCHAR(4), price DOUBLE);
CREATE OR REPLACE PUMP fan_in_pump AS INSERT INTO FAN_OUT_STREAM
SELECT STREAM ticker, price FROM "SOURCE_SQL_STREAM_001";
CREATE STREAM UPDATE_DDB_LAMBDA_STREAM (ticker VARCHAR(4), price DOUBLE);
CREATE OR REPLACE PUMP fan_out_lambda_pump AS
  INSERT INTO UPDATE_DDB_LAMBDA_STREAM SELECT * FROM FAN_OUT_STREAM;
CREATE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), price DOUBLE, high DOUBLE);
CREATE PUMP "P" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT ticker, price, MAX(price) OVER (PARTITION BY ticker ROWS 2 PRECEDING) FROM UPDATE_DDB_LAMBDA_STREAM WHERE price > 1;
