-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-monotonic.html
-- Rule (no worked rows): MONOTONIC(orderId) lets a streaming GROUP BY use orderId as its key; line items for
-- order 1000, then 1001, then 1005 are legal, and each group is complete when the key changes. The output
-- ROWTIME is that of the row that closed the group (docs/semantics.md); the last group closes at end of input.
-- (The page's descending sequence 987, 974, 823, also called legal, is refused by eddy: see the audit report.)
CREATE STREAM "SOURCE_SQL_STREAM_001" (orderId INTEGER, amount INTEGER);
SELECT STREAM MONOTONIC(orderId) AS orderId, COUNT(*) AS items, SUM(amount) AS total
FROM "SOURCE_SQL_STREAM_001"
GROUP BY MONOTONIC(orderId);
