CREATE STREAM SOURCE_SQL_STREAM_001 (a INTEGER);
-- An outer join may keep a stream's unmatched rows, not a relation's: a row of a table or of a
-- subquery over one has no time to be emitted at. Windows mean nothing against a relation.
SELECT STREAM s.a FROM SOURCE_SQL_STREAM_001 AS s RIGHT JOIN (SELECT k FROM (VALUES (1)) AS v(k)) AS t ON s.a = t.k;
SELECT STREAM s.a FROM (VALUES (1)) AS t(k) FULL JOIN SOURCE_SQL_STREAM_001 AS s ON s.a = t.k;
SELECT STREAM s.a FROM SOURCE_SQL_STREAM_001 OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS s JOIN (VALUES (1)) AS t(k) ON s.a = t.k;
