-- a plain SELECT inside a subquery streams (published KDA applications write it so); the pump's own
-- query says STREAM (DIALECT S4)
CREATE STREAM "SOURCE_SQL_STREAM_001" (c VARCHAR(8), n INTEGER);
CREATE STREAM T (c VARCHAR(8), n INTEGER);
CREATE PUMP p AS INSERT INTO T SELECT STREAM c, n * 2 FROM (SELECT c, n FROM SOURCE_SQL_STREAM_001);
SELECT STREAM c, n FROM (SELECT c, n FROM T WHERE n > 10) WHERE n < 1000;
