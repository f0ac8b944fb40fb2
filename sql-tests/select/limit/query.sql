-- LIMIT n ends a query typed on its own after n rows (ksqlDB's EMIT CHANGES LIMIT n)
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE);
SELECT STREAM ticker, price FROM "SOURCE_SQL_STREAM_001" WHERE price > 10 LIMIT 2;
VALUES (1), (2), (3) LIMIT 1;
