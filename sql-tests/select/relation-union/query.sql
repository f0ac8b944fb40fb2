-- UNION (without ALL) of relations drops duplicate rows (the reference's Query page); of streams it
-- stays an error, since a stream never ends.
SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (2, 'b')) AS l(x, s) UNION SELECT * FROM (VALUES (2, 'b'), (3, 'c')) AS r(x, s);
SELECT * FROM (VALUES (1), (1)) AS l(x) UNION ALL SELECT * FROM (VALUES (1)) AS r(x);
