-- CURRENT_DATE - Amazon Kinesis Data Analytics SQL Reference
-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-current-date.html
-- Documented: a one-row table, column CURRENT_DATE, 2008-08-27 (the page does not show its query; the
-- reference's other clock pages use VALUES). The clock is pinned to that day in args.
values current_date;
