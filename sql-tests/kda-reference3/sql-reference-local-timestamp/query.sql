-- LOCALTIMESTAMP - Amazon Kinesis Data Analytics SQL Reference
-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-local-timestamp.html
-- Documented: values localtimestamp; gives one row, column LOCALTIMESTAMP, 2008-08-27 01:13:42.206
-- (the clock is pinned there in args).
values localtimestamp;
