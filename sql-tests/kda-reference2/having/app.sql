-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-having-clause.html
-- The page's example: products with more than $1000 of orders in the hour (no worked rows; the rule is that only
-- groups whose HAVING predicate is TRUE are returned). Hour 10:00: prodId 1 sums 1050.00, 2 and 3 exactly 1000.00
-- (not > 1000), 4 sums 1000.02; hour 11:00: prodId 1 sums 2000.00. "Orders" is fed from the source by a pump.
CREATE STREAM "SOURCE_SQL_STREAM_001" ("prodId" INTEGER, "quantity" INTEGER, "price" DECIMAL(8,2));
CREATE STREAM "Orders" ("prodId" INTEGER, "quantity" INTEGER, "price" DECIMAL(8,2));
CREATE PUMP p AS INSERT INTO "Orders" SELECT STREAM "prodId", "quantity", "price" FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM "prodId"
FROM "Orders"
GROUP BY FLOOR("Orders".ROWTIME TO HOUR), "prodId"
HAVING SUM("quantity" * "price") > 1000;
