-- The KDA guide's JSONPath page: a mapping $.orders[0:].orderId makes a row of each element of
-- $.orders, with $.customerName repeated on each; a record whose array is empty gives no row and
-- says so on the error stream; an element that does not convert goes there too, and the elements
-- after it still come.
SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
