-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-w3c-log-parse.html
-- Example 1 (COMMON, %h %l %u %t "%r" %>s %b): for the two documented lines the page lists
-- 192.168.254.30 / - / John|Jane / [24/May/2004:22:01:02 -0700] / GET /icons/apache_pb.gif HTTP/1.1 (resp.
-- GET /icons/small/dir.gif HTTP/1.1) / 304 / 0. "W3C Customized Formats": written [%t], the date
-- column holds 24/May/2004:22:01:02 -0700, without the brackets (CUSTOM below).
CREATE STREAM "SOURCE_SQL_STREAM_001" (message VARCHAR(256));
SELECT STREAM l.r.COLUMN1, l.r.COLUMN2, l.r.COLUMN3, l.r.COLUMN4, l.r.COLUMN5, l.r.COLUMN6, l.r.COLUMN7,
       l.custom.COLUMN4 AS custom_time
FROM (SELECT STREAM W3C_LOG_PARSE(message, 'COMMON'), W3C_LOG_PARSE(message, '%h %l %u [%t] "%r" %>s %b')
      FROM "SOURCE_SQL_STREAM_001") AS l(r, custom);
