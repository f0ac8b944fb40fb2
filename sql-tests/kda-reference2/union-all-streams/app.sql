-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-query.html
-- "Streaming set operators": SELECT STREAM * FROM PhoneOrders UNION ALL SELECT STREAM * FROM WebOrders gives the orders of
-- both; "The rowtime of a row emitted from streaming UNION ALL is the same as the timestamp of the input row", and the
-- inputs are merged on their timestamps so ROWTIME ascends (phone 10:00, 10:30; web 10:15, 10:30, 10:45).
CREATE STREAM PhoneOrders (orderId INTEGER, item VARCHAR(8));
CREATE STREAM WebOrders (orderId INTEGER, item VARCHAR(8));
SELECT STREAM *
  FROM PhoneOrders
UNION ALL
SELECT STREAM *
  FROM WebOrders;
