-- The KDA guide's JSONPath page: a mapping $.orders[0:].orderId makes a row of each element of
-- $.orders, with $.customerName repeated on each; a record whose array is empty still gives one row,
-- its order columns NULL ("an array is always flattened to at least one row"); an element that does
-- not convert goes to the error stream, and the elements after it still come.
SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
