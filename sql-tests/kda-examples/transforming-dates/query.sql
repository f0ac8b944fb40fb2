-- KDA developer guide, "Example: Transforming DateTime Values" (Example: Transforming Dates)
-- https://docs.aws.amazon.com/kinesisanalytics/latest/dev/app-string-datetime-manipulation.html
-- The page's five sample records (its schema: EVENT_TIME edited to TIMESTAMP), then a record at 15:05:09
-- for TIMESTAMP_TO_CHAR's 'hh' (12-hour: 03). The page shows the resulting rows only in a screenshot; as
-- issue 15 reads it, EVENT_SECOND (EXTRACT(SECOND ...), a DECIMAL(5,3), stored into an INTEGER column)
-- keeps the whole second: 41 for 41.520, 41.610 and 41.704 too (docs/semantics.md, Statements).
CREATE STREAM "SOURCE_SQL_STREAM_001" (EVENT_TIME TIMESTAMP, TICKER VARCHAR(4), PRICE DOUBLE);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    TICKER VARCHAR(4), 
    event_time TIMESTAMP, 
    five_minutes_before TIMESTAMP, 
    event_unix_timestamp BIGINT,
    event_timestamp_as_char VARCHAR(50),
    event_second INTEGER);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"

SELECT STREAM 
    TICKER, 
    EVENT_TIME,
    EVENT_TIME - INTERVAL '5' MINUTE,
    UNIX_TIMESTAMP(EVENT_TIME),
    TIMESTAMP_TO_CHAR('yyyy-MM-dd hh:mm:ss', EVENT_TIME),
    EXTRACT(SECOND FROM EVENT_TIME) 
FROM "SOURCE_SQL_STREAM_001"
