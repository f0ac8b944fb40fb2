-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/top-k.html
-- Example 1 (verbatim pump). The page shows its result as an image, so the expected rows follow its rules:
-- the K = 5 most frequent TICKER_SYMBOL values of each 60-second tumbling window with their counts (eddy counts
-- exactly, docs/semantics.md). Window 10:00: AAA 6, BBB 5, CCC 4, DDD 3, EEE 2 (FFF 1 is sixth); window 10:01: FFF 2, AAA 1.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
CREATE OR REPLACE STREAM DESTINATION_SQL_STREAM (
  "TICKER_SYMBOL" VARCHAR(4), 
  "MOST_FREQUENT_VALUES" BIGINT
);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
    INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM * 
        FROM TABLE (TOP_K_ITEMS_TUMBLING(
            CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),
            'TICKER_SYMBOL',         -- name of column in single quotes
            5,                       -- number of the most frequently occurring values
            60                       -- tumbling window size in seconds
            )
        );
