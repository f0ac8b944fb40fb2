-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-join-clause.html
-- Example 3: Time Window on One Side of a RIGHT JOIN. eddy refuses RIGHT joins of two streams (see the audit report)
-- and says to write the streams the other way round with LEFT; this case is that rewrite:
--   ORDERS_STREAM OVER (...) AS o RIGHT JOIN SHIPMENTS_STREAM AS s  ->  SHIPMENTS_STREAM AS s LEFT JOIN ORDERS_STREAM OVER (...) AS o
-- Documented OUTPUT_STREAM: 10:00:00 100 null; 10:00:45 104 10:00:40; 10:00:50 105 null (an unmatched shipment
-- leaves at once with its own ROWTIME, the shipments side having no window).
CREATE STREAM "SOURCE_SQL_STREAM_001" ("orderid" INT, "orders" INT, "shipments" INT);
CREATE OR REPLACE STREAM "ORDERS_STREAM" ("orderid" int, "orderrowtime" timestamp);
CREATE OR REPLACE PUMP "ORDERS_STREAM_PUMP" AS INSERT INTO "ORDERS_STREAM"
SELECT STREAM "orderid", "ROWTIME"
FROM "SOURCE_SQL_STREAM_001" WHERE "orders" = 1;
CREATE OR REPLACE STREAM "SHIPMENTS_STREAM" ("orderid" int, "shipmentrowtime" timestamp);
CREATE OR REPLACE PUMP "SHIPMENTS_STREAM_PUMP" AS INSERT INTO "SHIPMENTS_STREAM"
SELECT STREAM "orderid", "ROWTIME"
FROM "SOURCE_SQL_STREAM_001" WHERE "shipments" = 2;
CREATE OR REPLACE STREAM "OUTPUT_STREAM" ("resultrowtime" timestamp, "orderid" int, "ordertime" timestamp);
CREATE OR REPLACE PUMP "OUTPUT_STREAM_PUMP" AS INSERT INTO "OUTPUT_STREAM"
  SELECT STREAM ROWTIME as "resultrowtime", s."orderid", o.ROWTIME as "ordertime"
    FROM SHIPMENTS_STREAM AS s
      LEFT JOIN ORDERS_STREAM OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o
        ON o."orderid" = s."orderid";
