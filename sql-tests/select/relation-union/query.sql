-- UNION (without ALL) of relations drops duplicate rows (the reference's Query page); of streams it
-- stays an error, since a stream never ends.
SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (2, 'b')) AS l(x, s) UNION SELECT * FROM (VALUES (2, 'b'), (3, 'c')) AS r(x, s);
SELECT * FROM (VALUES (1), (1)) AS l(x) UNION ALL SELECT * FROM (VALUES (1)) AS r(x);
-- a DISTINCT branch whose column the union converts (INTEGER to DOUBLE) drops its duplicates
-- before the conversion and keeps the rest
SELECT DISTINCT a FROM (VALUES (1), (2), (2), (3)) AS t(a) UNION ALL SELECT b FROM (VALUES (1.5E0)) AS u(b);
-- operators apply left to right: (l UNION m) UNION ALL r keeps r's rows even when they repeat
SELECT * FROM (VALUES (1), (1)) AS l(x) UNION SELECT * FROM (VALUES (2)) AS m(x) UNION ALL SELECT * FROM (VALUES (2), (1)) AS r(x);
-- a parenthesized UNION on the right stays whole: l UNION (m UNION ALL r) drops every duplicate,
-- l UNION ALL (m UNION r) keeps l's
SELECT * FROM (VALUES (1), (1)) AS l(x) UNION (SELECT * FROM (VALUES (2)) AS m(x) UNION ALL SELECT * FROM (VALUES (2), (1)) AS r(x));
SELECT * FROM (VALUES (1), (1)) AS l(x) UNION ALL (SELECT * FROM (VALUES (2)) AS m(x) UNION SELECT * FROM (VALUES (2), (3)) AS r(x));
