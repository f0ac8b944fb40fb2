-- from an Insight Data Engineering "Earthquake Early Warning" project (README "Be warned: it is coming"): the
-- KINESIS_ANALYTICS_CODE of its boto3 setup script, with the InputSchema of the same script (Index SMALLINT,
-- device_id VARCHAR(4), x/y/z DOUBLE, sample_t DOUBLE epoch seconds; schema.json). The search index did not name
-- the repository or path (file id 25139907872). Accelerometer samples become |(y, z)| per sample; a stagger
-- window per device and second of sample time gives the count and peak; a ROWS 3 PRECEDING window (the row and
-- the 3 before it: 4 seconds, although the comment says 3) warns when the minimum peak stays >= 0.5.
-- CHANGED: SQRT(...) is written POWER(..., 0.5): eddy has no SQRT ("unknown function SQRT"; SQRT is not in the
-- KDA reference's numeric functions either). SHARD_ID, which KDA supplies for a Kinesis source, is unknown to
-- eddy ("unknown column "SHARD_ID""), so schema.json adds a column SHARD_ID VARCHAR(20) <- $.SHARD_ID and the
-- records carry it. Device 001 peaks 0.14, 0.5, 1.0, 1.5, 1.0, 0.5, 1.0: warnings for the seconds 4, 5, 6;
-- device 002 (0.05) never warns. Run with --output DESTINATION_SQL_STREAM_001 and _002 (rows interleave).

-- First in-app stream and pump
CREATE OR REPLACE STREAM "IN_APP_STREAM_001" (
   ingest_time   TIMESTAMP,
   device_id	 VARCHAR(5),
   acceleration	 DOUBLE,
   sample_tt     TIMESTAMP);
 
CREATE OR REPLACE PUMP "STREAM_PUMP_001" AS INSERT INTO "IN_APP_STREAM_001"
    SELECT STREAM  APPROXIMATE_ARRIVAL_TIME, 
                    "device_id", 
                    POWER("y" * "y" +"z" * "z", 0.5) AS acceleration, 
                    TO_TIMESTAMP(cast("sample_t"*1000 AS BIGINT))
    FROM "SOURCE_SQL_STREAM_001";

CREATE OR REPLACE STREAM "IN_APP_STREAM_002" (
   ingest_time   TIMESTAMP,
   shard_id VARCHAR(20),
   device_id	 VARCHAR(5),
   sample_tt     TIMESTAMP);
 
CREATE OR REPLACE PUMP "STREAM_PUMP_0012" AS INSERT INTO "IN_APP_STREAM_002"
    SELECT STREAM  APPROXIMATE_ARRIVAL_TIME, 
                SHARD_ID,
                "device_id", 
                TO_TIMESTAMP(cast("sample_t"*1000 AS BIGINT))
    FROM "SOURCE_SQL_STREAM_001";


CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM_001" (
    device_id 			VARCHAR(5),
    count_accel         INTEGER,
    peak_acceleration 	DOUBLE,
    acceleration_time	TIMESTAMP
);

-- first destination stream = peak acceleration per second (max of 32 accelerations)	
CREATE OR REPLACE PUMP "STREAM_PUMP_002" AS INSERT INTO "DESTINATION_SQL_STREAM_001"
    SELECT STREAM 	device_id, 
                COUNT(acceleration),
                MAX(acceleration) AS peak_acceleration,
                FLOOR(sample_tt TO SECOND) AS acceleration_time
                -- ingest_time
    FROM "IN_APP_STREAM_001"
    WINDOWED BY STAGGER (
            PARTITION BY device_id, FLOOR(sample_tt TO SECOND) RANGE INTERVAL '1' SECOND);


CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM_002" (
    device_id 				VARCHAR(5), 
    warning_acceleration 	DOUBLE,
    warning_time			TIMESTAMP
);

-- second destination stream = min peak acceleration for the past 3 seconds 
-- send WARNING if peak accelerations stayed above 0.5 for 3 seconds	
CREATE OR REPLACE PUMP "STREAM_PUMP_003" AS INSERT INTO "DESTINATION_SQL_STREAM_002"
    SELECT STREAM 	device_id, warning_acceleration, acceleration_time--, ingest_time
    FROM (
        SELECT STREAM 
                device_id,
                MIN(peak_acceleration) OVER ROW_SLIDING_WINDOW AS warning_acceleration,
                acceleration_time
        FROM "DESTINATION_SQL_STREAM_001"
        WINDOW ROW_SLIDING_WINDOW AS (PARTITION BY device_id ROWS 3 PRECEDING)
    )
    WHERE warning_acceleration >= 0.5;
