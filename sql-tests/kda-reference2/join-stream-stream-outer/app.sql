-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-join-clause.html, Examples 3 to 6 on the
-- page's ORDERS_STREAM / SHIPMENTS_STREAM rows. An unmatched row leaves when no match is possible any more:
-- a shipment of the unwindowed side at once (Example 3: 10:00:00 100, 10:00:50 105), a kept row at its window's
-- end (Example 4: shipment 105 at 10:01:50; Example 5: orders 101, 102, 103, 100 at 10:01:00, 10:01:20,
-- 10:01:30, 10:01:45). The page's Examples 5 and 6 also list the matched orders 104 and 100 again with NULLs;
-- a matched row does not leave again, so those two rows are not here.
CREATE STREAM "SOURCE_SQL_STREAM_001" ("orderid" INT, "orders" INT, "shipments" INT);
CREATE OR REPLACE STREAM "ORDERS_STREAM" ("orderid" int, "orderrowtime" timestamp);
CREATE OR REPLACE PUMP "ORDERS_STREAM_PUMP" AS INSERT INTO "ORDERS_STREAM"
SELECT STREAM "orderid", "ROWTIME"
FROM "SOURCE_SQL_STREAM_001" WHERE "orders" = 1;
CREATE OR REPLACE STREAM "SHIPMENTS_STREAM" ("orderid" int, "shipmentrowtime" timestamp);
CREATE OR REPLACE PUMP "SHIPMENTS_STREAM_PUMP" AS INSERT INTO "SHIPMENTS_STREAM"
SELECT STREAM "orderid", "ROWTIME"
FROM "SOURCE_SQL_STREAM_001" WHERE "shipments" = 2;
CREATE OR REPLACE STREAM "EXAMPLE3" ("resultrowtime" timestamp, "orderid" int, "sorderid" int, "ordertime" timestamp, "shipmenttime" timestamp);
CREATE OR REPLACE PUMP "EXAMPLE3_PUMP" AS INSERT INTO "EXAMPLE3" SELECT STREAM ROWTIME, o."orderid", s."orderid", o.ROWTIME, s.ROWTIME FROM ORDERS_STREAM OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o RIGHT JOIN SHIPMENTS_STREAM AS s ON o."orderid" = s."orderid";
CREATE OR REPLACE STREAM "EXAMPLE4" ("resultrowtime" timestamp, "orderid" int, "sorderid" int, "ordertime" timestamp, "shipmenttime" timestamp);
CREATE OR REPLACE PUMP "EXAMPLE4_PUMP" AS INSERT INTO "EXAMPLE4" SELECT STREAM ROWTIME, o."orderid", s."orderid", o.ROWTIME, s.ROWTIME FROM ORDERS_STREAM OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o RIGHT JOIN SHIPMENTS_STREAM OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS s ON o."orderid" = s."orderid";
CREATE OR REPLACE STREAM "EXAMPLE5" ("resultrowtime" timestamp, "orderid" int, "sorderid" int, "ordertime" timestamp, "shipmenttime" timestamp);
CREATE OR REPLACE PUMP "EXAMPLE5_PUMP" AS INSERT INTO "EXAMPLE5" SELECT STREAM ROWTIME, o."orderid", s."orderid", o.ROWTIME, s.ROWTIME FROM ORDERS_STREAM OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o LEFT JOIN SHIPMENTS_STREAM AS s ON o."orderid" = s."orderid";
CREATE OR REPLACE STREAM "EXAMPLE6" ("resultrowtime" timestamp, "orderid" int, "sorderid" int, "ordertime" timestamp, "shipmenttime" timestamp);
CREATE OR REPLACE PUMP "EXAMPLE6_PUMP" AS INSERT INTO "EXAMPLE6" SELECT STREAM ROWTIME, o."orderid", s."orderid", o.ROWTIME, s.ROWTIME FROM ORDERS_STREAM OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS o LEFT JOIN SHIPMENTS_STREAM OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS s ON o."orderid" = s."orderid";
