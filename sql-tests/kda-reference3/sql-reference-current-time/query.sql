-- CURRENT_TIME - Amazon Kinesis Data Analytics SQL Reference
-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-current-time.html
-- Documented: a one-row table, column CURRENT_TIME, 20:52:05 (UTC; the query is not shown). The clock is
-- pinned there in args.
values current_time;
