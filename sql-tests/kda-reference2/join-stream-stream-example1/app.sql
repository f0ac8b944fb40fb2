-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-join-clause.html
-- Example 1: Time Window on One Side of a JOIN (INNER JOIN), with the page's ORDERS_STREAM / SHIPMENTS_STREAM pumps.
-- Input: the page's ORDERS_STREAM and SHIPMENTS_STREAM columns, in the page's order, in one source (orders = 1 /
-- shipments = 2, as the pumps' WHERE clauses select; values are strings as in the page's JSON samples).
-- Documented OUTPUT_STREAM: one row, resultrowtime 10:00:45, orderid 104, shipmenttime 10:00:45, ordertime 10:00:40
-- (the late order 100 finds no shipment: the shipments side has no window).
CREATE STREAM "SOURCE_SQL_STREAM_001" ("orderid" INT, "orders" INT, "shipments" INT);
CREATE OR REPLACE STREAM "ORDERS_STREAM" ("orderid" int, "orderrowtime" timestamp);
CREATE OR REPLACE PUMP "ORDERS_STREAM_PUMP" AS INSERT INTO "ORDERS_STREAM"
SELECT STREAM "orderid", "ROWTIME"
FROM "SOURCE_SQL_STREAM_001" WHERE "orders" = 1;
CREATE OR REPLACE STREAM "SHIPMENTS_STREAM" ("orderid" int, "shipmentrowtime" timestamp);
CREATE OR REPLACE PUMP "SHIPMENTS_STREAM_PUMP" AS INSERT INTO "SHIPMENTS_STREAM"
SELECT STREAM "orderid", "ROWTIME"
FROM "SOURCE_SQL_STREAM_001" WHERE "shipments" = 2;
CREATE OR REPLACE STREAM "OUTPUT_STREAM" ("resultrowtime" timestamp, "orderid" int, "shipmenttime" timestamp, "ordertime" timestamp);
CREATE OR REPLACE PUMP "OUTPUT_STREAM_PUMP" AS
INSERT INTO "OUTPUT_STREAM"
  SELECT STREAM ROWTIME as "resultrowtime", s."orderid", s.rowtime as "shipmenttime", o.ROWTIME as "ordertime"
    FROM ORDERS_STREAM OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o
      JOIN SHIPMENTS_STREAM AS s
        ON o."orderid" = s."orderid";
