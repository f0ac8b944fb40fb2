-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-join-clause.html (Stream-to-Table Joins)
-- Rule (no worked rows): "For each row in the stream, the query looks up the row or rows in the table that match
-- the join condition" (Orders a stream, PriceList a table); LEFT OUTER keeps an unmatched row with NULLs
-- (Join Types table). Order 2 matches two price rows, order 3 none.
CREATE STREAM "SOURCE_SQL_STREAM_001" (orderId INTEGER, prodId INTEGER, qty INTEGER);
SELECT STREAM o.orderId, o.prodId, o.qty, p.price
FROM "SOURCE_SQL_STREAM_001" AS o JOIN PriceList AS p ON o.prodId = p.prodId;
SELECT STREAM o.orderId, p.price AS left_price
FROM "SOURCE_SQL_STREAM_001" AS o LEFT JOIN PriceList AS p ON o.prodId = p.prodId;
