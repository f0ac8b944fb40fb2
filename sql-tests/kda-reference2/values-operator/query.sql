-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-query.html
-- "VALUES operator": VALUES (42, 'Fred'), (34, 'Wilma') gives columns EXPR$0 EXPR$1 (generated names); in a subquery
-- AS t (age, name) the columns are AGE and NAME. The rows come out once, at the pinned clock's time (docs/semantics.md).
-- (The page's first example, VALUES 1 + 2 > 3 without parentheses, is refused: see the audit report.)
VALUES
    (42, 'Fred'),
    (34, 'Wilma');
SELECT *
FROM (
    VALUES
        (42, 'Fred'),
        (34, 'Wilma')) AS t (age, name);
