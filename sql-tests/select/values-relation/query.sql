-- VALUES (row), ...: a relation of rows given in SQL (DIALECT C11), as the
-- SQL Reference writes its examples. Its rows enter once, when the
-- application starts, at the clock's time; columns are EXPR$0, EXPR$1, ...
-- unless an alias names them. A plain SELECT reads it, as a relation.
VALUES (ABS(-1.0), CAST(ABS(INTERVAL '-3 4:20' DAY TO MINUTE) AS VARCHAR(8)));
values (1, 'a'), (2, 'bb'), (NULL, 'c');
select t.r."COLUMN1", t.r."COLUMN2" from
  (values (FAST_REGEX_LOG_PARSE('Mary____had_a_little_lamb', '(.*)_+(.*)'))) t(r);
SELECT a * 2 AS doubled, UPPER(b) AS b FROM (VALUES (1, 'x'), (2, 'y'), (3, 'z')) AS t(a, b) WHERE a > 1;
-- an error in one row goes to the error stream; the other rows go on
VALUES (10 / 2), (1 / 0), (7);
