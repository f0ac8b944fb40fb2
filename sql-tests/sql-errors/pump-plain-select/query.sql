-- a pump's own query must say STREAM (DIALECT S4), unless it reads a table function's rows
CREATE STREAM "SOURCE_SQL_STREAM_001" (price DOUBLE, ticker VARCHAR(4));
CREATE STREAM "D" (a DOUBLE);
CREATE PUMP "P" AS INSERT INTO "D" SELECT price FROM "SOURCE_SQL_STREAM_001";
