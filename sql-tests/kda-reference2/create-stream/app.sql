-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-create-stream.html
-- The page's first two statements (logStream; "LaneData" with comments inside the column list and a DESCRIPTION),
-- which the page gives without results. LaneData is fed from a file and read back: SPEED DECIMAL(4,2) holds 55.25
-- but not 100.5 (error stream); LNAME VARCHAR(12) is cut to 12 characters (DIALECT 12 #3). The page's third
-- statement, "OrderData" with DECIMAL(19,5), is refused by eddy: see the audit report.
CREATE OR REPLACE STREAM logStream (
    source  VARCHAR(20),
    message VARCHAR(3072))
DESCRIPTION 'Head of webwatcher stream processing';
CREATE OR REPLACE STREAM "LaneData" (
    -- ROWTIME is time at which sensor data collected
    LDS_ID  INTEGER,        -- loop-detector ID
    LNAME   VARCHAR(12),
    LNUM    VARCHAR(4),
    OCC     SMALLINT,
    VOL     SMALLINT,
    SPEED   DECIMAL(4,2)
) DESCRIPTION 'Conditioned LaneData for analysis queries';
SELECT STREAM * FROM "LaneData";
