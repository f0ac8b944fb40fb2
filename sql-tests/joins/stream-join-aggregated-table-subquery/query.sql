-- A stream joined with an aggregate of a reference table: the subquery is a relation, complete when
-- the application starts, so its groups are ready before the first stream row meets them.
SELECT STREAM s.a, t.n FROM SOURCE_SQL_STREAM_001 AS s
JOIN (SELECT k, COUNT(*) AS n FROM TBL GROUP BY k) AS t ON s.a = t.k;
-- the same for a filtered subquery, and a LEFT JOIN keeps the stream rows that meet nothing
SELECT STREAM s.a, t.v FROM SOURCE_SQL_STREAM_001 AS s JOIN (SELECT k, v FROM TBL WHERE v > 10) AS t ON s.a = t.k;
SELECT STREAM s.a, t.n FROM SOURCE_SQL_STREAM_001 AS s
LEFT JOIN (SELECT k, COUNT(*) AS n FROM TBL WHERE k > 1 GROUP BY k) AS t ON s.a = t.k;
-- the relation may come first; its columns keep the names FROM gives them
SELECT STREAM s.a, t.k, t.n FROM (SELECT k, COUNT(*) AS n FROM TBL GROUP BY k) AS t JOIN SOURCE_SQL_STREAM_001 AS s ON s.a = t.k;
SELECT STREAM s.a, t.k FROM (VALUES (1), (5)) AS t(k) RIGHT JOIN SOURCE_SQL_STREAM_001 AS s ON s.a = t.k;
