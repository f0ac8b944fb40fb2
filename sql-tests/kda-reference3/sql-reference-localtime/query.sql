-- LOCALTIME - Amazon Kinesis Data Analytics SQL Reference
-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-localtime.html
-- Documented: VALUES localtime; gives one row, column LOCALTIME, 01:11:15 (the clock is pinned there in args).
 VALUES localtime;
