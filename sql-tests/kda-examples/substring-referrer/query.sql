-- from the KDA developer guide, examples-transforming-strings-substring
CREATE STREAM "SOURCE_SQL_STREAM_001" ("referrer" VARCHAR(32));
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    "ingest_time" TIMESTAMP,
    "referrer" VARCHAR(32));
    
CREATE OR REPLACE PUMP "myPUMP" AS 
   INSERT INTO "DESTINATION_SQL_STREAM"
      SELECT STREAM 
         "APPROXIMATE_ARRIVAL_TIME", 
         SUBSTRING("referrer", 12, (POSITION('.com' IN "referrer") - POSITION('www.' IN "referrer") - 4)) 
      FROM "SOURCE_SQL_STREAM_001";
