-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-having-clause.html
-- Documented: "In streaming queries, HAVING cannot be used without a GROUP BY clause."
CREATE STREAM "SOURCE_SQL_STREAM_001" ("prodId" INTEGER, "quantity" INTEGER, "price" DECIMAL(8,2));
SELECT STREAM "prodId" FROM "SOURCE_SQL_STREAM_001" HAVING SUM("quantity") > 1;
