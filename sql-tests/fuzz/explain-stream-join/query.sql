-- found by fuzz/fuzz_sql: EXPLAIN of a join of two streams read app->cat.streams[-1]
-- (planner/plan.c dump_node, PN_JOIN assumes a table) and crashed; it must print the join
CREATE STREAM "SOURCE_SQL_STREAM_001" (kind VARCHAR(8), id INTEGER, v INTEGER);
CREATE STREAM orders (id INTEGER, v INTEGER);
CREATE STREAM payments (id INTEGER, v INTEGER);
CREATE PUMP p1 AS INSERT INTO orders SELECT STREAM id, v FROM SOURCE_SQL_STREAM_001 WHERE kind = 'order';
CREATE PUMP p2 AS INSERT INTO payments SELECT STREAM id, v FROM SOURCE_SQL_STREAM_001 WHERE kind = 'pay';
SELECT STREAM p.id, o.v AS ordered, p.v AS paid
FROM payments AS p LEFT JOIN orders OVER (RANGE INTERVAL '10' SECOND PRECEDING) AS o ON p.id = o.id;
