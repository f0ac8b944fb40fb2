-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-query.html
-- Documented: "Both sides of the operator must be streams; it is an error if one side is a stream and the other is a
-- relation." (A reference table T on the right.)
CREATE STREAM PhoneOrders (orderId INTEGER, item VARCHAR(8));
SELECT STREAM * FROM PhoneOrders
UNION ALL
SELECT * FROM T;
