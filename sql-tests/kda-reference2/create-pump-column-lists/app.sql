-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-create-pump.html
-- The page's two streams; pumps with column lists, which "need not list all columns in the target stream; you can
-- set up a pump for one column" (columns left out are NULL), and CREATE PUMP ... DESCRIPTION '...' AS (Syntax).
-- The page's own pump is not used verbatim: its "//note" lines are not SQL comments, and it puts VARCHAR(20)
-- "eur"/"usd" into INTEGER columns, which its own text says the validator rejects (see the audit report).
CREATE OR REPLACE STREAM "OrderDataWithCreateTime" (
"key_order" VARCHAR(20),
"key_user" VARCHAR(20),
"key_billing_country" VARCHAR(20),
"key_product" VARCHAR(20),
"quantity" VARCHAR(20),
"eur" VARCHAR(20),
"usd" VARCHAR(20))
DESCRIPTION 'Creates origin stream for pump';

CREATE OR REPLACE STREAM "OrderData" (
"key_order" VARCHAR(20),
"key_user" VARCHAR(20),
"country" VARCHAR(20),
"key_product" VARCHAR(20),
"quantity" VARCHAR(20),
"eur" INTEGER,
"usd" INTEGER)
DESCRIPTION 'Creates destination stream for pump';

CREATE OR REPLACE PUMP "200-ConditionedOrdersPump" AS
INSERT INTO "OrderData" (
"key_order", "key_user", "country",
"key_product", "quantity")
SELECT STREAM
"key_order", "key_user", "key_billing_country",
"key_product", "quantity"
FROM "OrderDataWithCreateTime";
CREATE OR REPLACE PUMP "one-column-pump" DESCRIPTION 'one column only' AS
INSERT INTO "OrderData" ("usd") SELECT STREAM CAST("usd" AS INTEGER) FROM "OrderDataWithCreateTime";
