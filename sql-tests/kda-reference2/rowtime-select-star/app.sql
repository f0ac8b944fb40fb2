-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-rowtime.html
-- Documented: SELECT STREAM * FROM Orders returns the two declared columns (orderId, custId: 100 501, 101 22,
-- 102 699); SELECT STREAM ROWTIME, * adds the row timestamps 2008-02-20 10:15:00 / 10:25:00 / 10:25:30.
-- eddy writes every row's ROWTIME as the first NDJSON field, so the selected unqualified ROWTIME is not repeated
-- (docs/semantics.md) and both queries print the same rows. (The page's SELECT columnName FROM ALL_STREAMS is a
-- catalog query eddy does not have: see the audit report.) The join example of this page is kda-examples/rowtime-stream-join-both-sides.
CREATE STREAM Orders(
  "orderId" INTEGER NOT NULL,
  "custId" INTEGER NOT NULL);
SELECT STREAM *
FROM Orders;
SELECT STREAM ROWTIME, *
FROM Orders;
