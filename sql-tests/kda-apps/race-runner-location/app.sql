-- from mxcheung/spaceracer, scripts/kinesis/03_runner_location.sql: the runners' positions as "lat,lon" text,
-- for moving runners only (WHERE speed > 0; derek's 7th record, set to speed 0, is dropped). Records: the first
-- 12 lines of the repo's scripts/07_source_demo.csv with ROWTIME = timeepoc * 1000; schema discovered.
-- CHANGED: the published select list has  lat  ||','|| lon  with DOUBLE lat/lon. eddy refuses it ("cannot apply
-- '||' to DOUBLE and CHAR(1): both operands must be strings (use CAST(x AS VARCHAR(n)))"); the KDA reference's
-- string operators page defines || on character strings, and the repo's ksqlDB version (scripts/03_ksql.ksql)
-- casts. Written here CAST(lat AS VARCHAR(20)) ||','|| CAST(lon AS VARCHAR(20)). A DOUBLE becomes its shortest
-- text (-33.87052833). The epoch seconds go into a NUMERIC column as 1558212482.
-- ** Continuous Filter ** 
-- Performs a continuous filter based on a WHERE condition.
--          .----------.   .----------.   .----------.              
--          |  SOURCE  |   |  INSERT  |   |  DESTIN. |              
-- Source-->|  STREAM  |-->| & SELECT |-->|  STREAM  |-->Destination
--          |          |   |  (PUMP)  |   |          |              
--          '----------'   '----------'   '----------'               
-- STREAM (in-application): a continuously updated entity that you can SELECT from and INSERT into like a TABLE
-- PUMP: an entity used to continuously 'SELECT ... FROM' a source STREAM, and INSERT SQL results into an output STREAM
-- Create output stream, which can be used to send to a destination
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (who VARCHAR(10), event_time numeric, location VARCHAR(100), alt real, batt real, speed real);
-- Create pump to insert into output 
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
-- Select all columns from source stream
SELECT STREAM who
, timeepoc as event_time
, CAST(lat AS VARCHAR(20)) ||','|| CAST(lon AS VARCHAR(20))   as LOCATION
, alt
, batt
, speed
FROM "SOURCE_SQL_STREAM_001"
-- LIKE compares a string to a string pattern (_ matches all char, % matches substring)
-- SIMILAR TO compares string to a regex, may use ESCAPE
WHERE speed > 0;
