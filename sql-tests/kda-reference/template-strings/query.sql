-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-template-strings-create-output-timestamps.html
-- Documented (template, input -> output TIMESTAMP): 'yyyy-MM-dd hh:mm:ss' '2009-09-16 03:15:24' -> '2009-09-16 03:15:24';
-- 'yyyy-mm' '2011-02-08 07:23:19' -> '2011-01-01 00:02:00'; 'MMM dd, yyyy' 'March 7, 2010' -> '2010-03-07 00:00:00';
-- 'MMM dd,' 'March 7, 2010' -> '1970-03-07 00:00:00'; 'MMM dd,y' 'March 7, 2010' -> '2010-03-07 00:00:00';
-- 'MMM dd,y' 'March 7, 10' -> '0010-03-07 00:00:00'; 'M-d' '2-8' -> '1970-02-08 00:00:00'; '2-8-2011' the same;
-- '2011-2-8' no result; 'MM-dd-yyyy' '06-23-2011 10:11:12' -> '2011-06-23 00:00:00';
-- 'dd-MM-yy hh:mm:ss' '23-06-11 10:11:12' -> '2011-06-23 10:11:12'; 'MM-dd-yy ss:hh:mm' '06-23-11 12:10:11' -> '2011-06-23 10:11:12';
-- 'yy-dd-MM ss:hh:mm' '06-23-11 12:10:11' -> '2006-11-23 10:11:12'; a comma in only one of template and input -> no output.
-- (The page writes '2–8−2011' and '2011–2−8' with typographic dashes; ASCII hyphens are used here.)
CREATE STREAM "SOURCE_SQL_STREAM_001" (fmt VARCHAR(40), s VARCHAR(40));
SELECT STREAM fmt, s, CHAR_TO_TIMESTAMP(fmt, s) AS ts FROM "SOURCE_SQL_STREAM_001";
