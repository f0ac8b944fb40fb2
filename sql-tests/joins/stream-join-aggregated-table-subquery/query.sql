-- A stream joined with an aggregate of a reference table: the subquery is a relation, complete when
-- the application starts, so its groups are ready before the first stream row meets them.
SELECT STREAM s.a, t.n FROM SOURCE_SQL_STREAM_001 AS s
JOIN (SELECT k, COUNT(*) AS n FROM TBL GROUP BY k) AS t ON s.a = t.k;
