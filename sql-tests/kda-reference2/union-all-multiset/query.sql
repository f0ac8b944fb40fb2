-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-query.html
-- "With the ALL keyword, the operators use the semantics of a mathematical Multiset, meaning that duplicate rows are
-- not eliminated": a row 5 times on the left and 2 times on the right comes out 7 times. (The page says "3 + 2 = 5
-- times"; see the audit report.)
SELECT * FROM (VALUES (7), (7), (7), (7), (7)) AS a(x) UNION ALL SELECT * FROM (VALUES (7), (7)) AS b(x);
