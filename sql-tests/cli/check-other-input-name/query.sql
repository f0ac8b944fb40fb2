-- The application reads a stream with another name than SOURCE_SQL_STREAM_001:
-- check must still bind it and find the unknown column.
CREATE STREAM OrderStream (orderId INTEGER, amount DECIMAL(8,2));
SELECT STREAM o.orderId, o.amont FROM OrderStream AS o;
