-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-temporal-predicate.html
-- Documented: "TSDIFF - This function takes two TIMESTAMP arguments and returns their difference in milliseconds";
-- TSDIFF(s,e) means CAST((e - s) SECOND(10, 3) * 1000 AS BIGINT). Both give 1500 for 10:00:00 .. 10:00:01.5.
-- (The page's period predicates themselves are not implemented in eddy: see the audit report.)
VALUES (TSDIFF(TIMESTAMP '2024-01-01 10:00:00', TIMESTAMP '2024-01-01 10:00:01.5'),
        CAST((TIMESTAMP '2024-01-01 10:00:01.5' - TIMESTAMP '2024-01-01 10:00:00') SECOND(10, 3) * 1000 AS BIGINT));
