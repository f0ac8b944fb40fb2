-- from a boto3 KDA app config (aggregate-orders-app, STREAM_PUMP1): revenue per state, where state comes from the
-- CUSTOMERS reference table. The original writes FROM "CUSTOMERS" JOIN stream; here the stream is written first.
-- A tumbling GROUP BY key that is a column of the joined reference table (this once crashed the binder).
CREATE STREAM "CLEAN_ORDERS_STREAM_001" ("customer_id" VARCHAR(64), "sku" VARCHAR(64), "price" DECIMAL, "order_date" TIMESTAMP);
CREATE STREAM "REVENUE_BY_STATE" ("state" VARCHAR(64), "revenue" DECIMAL, "timestamp" VARCHAR(30));
CREATE PUMP "STREAM_PUMP1" AS INSERT INTO "REVENUE_BY_STATE"
SELECT STREAM
    "state",
    SUM("price") AS "revenue",
    TIMESTAMP_TO_CHAR('YYYY-MM-dd''T''HH:mm:ss', FLOOR(MONOTONIC("order_date") TO MINUTE)) AS "timestamp"
FROM "CLEAN_ORDERS_STREAM_001"
JOIN "CUSTOMERS"
ON "CUSTOMERS"."customer_id" = "CLEAN_ORDERS_STREAM_001"."customer_id"
GROUP BY FLOOR(MONOTONIC("order_date") TO MINUTE), "state";
