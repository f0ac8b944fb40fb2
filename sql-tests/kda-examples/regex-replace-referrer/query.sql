-- from the KDA developer guide, examples-transforming-strings-regexreplace
CREATE STREAM "SOURCE_SQL_STREAM_001" (REFERRER VARCHAR(32));
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    "ingest_time" TIMESTAMP,
    "referrer" VARCHAR(32));
    
CREATE OR REPLACE PUMP "myPUMP" AS 
   INSERT INTO "DESTINATION_SQL_STREAM"
      SELECT STREAM 
         "APPROXIMATE_ARRIVAL_TIME", 
         REGEX_REPLACE("REFERRER", 'http://', 'https://', 1, 0)
      FROM "SOURCE_SQL_STREAM_001";
