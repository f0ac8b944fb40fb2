-- CURRENT_TIMESTAMP - Amazon Kinesis Data Analytics SQL Reference
-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-current-timestamp.html
-- Documented: a one-row table, column CURRENT_TIMESTAMP, printed as 20:52:05 (the query is not shown).
-- The page says the function returns a datetime value, and a TIMESTAMP has a date: eddy prints the whole
-- timestamp, whose time is the page's (see docs/semantics.md). The clock is pinned there in args.
values current_timestamp;
