-- from primate-2016/demostreamtokinesis, kinesis_data_analytics_app.sql: random users (streamtokinesis.py puts
-- randomuser.me API records on the stream) filtered to age >= 21, with name, gender and coordinates.
-- The repo gives no input schema. schema.json maps the nested randomuser.me record as KDA's schema discovery
-- names it (leaf keys): "first"/"last" <- $.name.first/.last, "latitude"/"longitude" <-
-- $.location.coordinates.*, "age" <- $.dob.age. The API sends coordinates as strings ("41.1579"); the schema
-- declares them DOUBLE (a string becomes a number on input, sch-mapping) because a VARCHAR column would not go
-- into the FLOAT columns (eddy: "column 5 (latitude) of the query is VARCHAR(16), which cannot go into column
-- "LATITUDE" DOUBLE"). A 17-year-old and a record without dob.age (NULL) are dropped; names longer than 16 are
-- cut by the VARCHAR(16) input columns. SQL unchanged.
-- This is used in the Kinesis Data Analytics app which operates on the 
-- Kinesis stream - pasted into console

CREATE OR REPLACE STREAM "DESTINATION_USER_DATA" (
    first VARCHAR(16), 
    last VARCHAR(16), 
    age INTEGER, 
    gender VARCHAR(16), 
    latitude FLOAT, 
    longitude FLOAT
);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_USER_DATA"

SELECT STREAM "first", "last", "age", "gender", "latitude", "longitude"
FROM "SOURCE_SQL_STREAM_001"
WHERE "age" >= 21;
