-- a query of its own must say STREAM: a plain SELECT would read a table
CREATE STREAM "SOURCE_SQL_STREAM_001" (price DOUBLE, ticker VARCHAR(4));
SELECT price FROM "SOURCE_SQL_STREAM_001";
