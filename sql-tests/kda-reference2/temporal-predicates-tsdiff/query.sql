-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-temporal-predicate.html
-- Documented: "TSDIFF - This function takes two TIMESTAMP arguments and returns their difference in milliseconds";
-- the page's own shorthand reads TSDIFF(s,e) as CAST((e - s) SECOND(10, 3) * 1000 AS BIGINT), i.e. end - start.
-- eddy does not follow that shorthand's sign: published applications (the AWS Solutions IoT device monitoring
-- template, the AWS big data blog's clickstream sessions app) write TSDIFF(later, earlier) for a positive
-- duration, so TSDIFF(a, b) = a - b (DIALECT 12 #4 as revised; docs/semantics.md "Time").
-- Both columns are 1500 for 10:00:00 .. 10:00:01.5; the third shows the sign with the page's argument order.
-- (The page's period predicates themselves are not implemented in eddy: see the audit report.)
VALUES (TSDIFF(TIMESTAMP '2024-01-01 10:00:01.5', TIMESTAMP '2024-01-01 10:00:00'),
        CAST((TIMESTAMP '2024-01-01 10:00:01.5' - TIMESTAMP '2024-01-01 10:00:00') SECOND(10, 3) * 1000 AS BIGINT),
        TSDIFF(TIMESTAMP '2024-01-01 10:00:00', TIMESTAMP '2024-01-01 10:00:01.5'));
