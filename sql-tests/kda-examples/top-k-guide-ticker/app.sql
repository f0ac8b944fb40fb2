-- from the KDA developer guide, examples-window-topkitems: the 5 most frequent TICKER values per 60-second
-- tumbling window. First window: MSFT 4, AMZN 3, INTC 2, then three tickers seen once, of which the first two
-- seen (TBV, AAPL) fill the list (eddy counts exactly; ties go to the item seen first); XYZ is left out.
-- Second window: XYZ 2, TBV 1. The source schema (one column, TICKER) is discovered from the records.
CREATE OR REPLACE STREAM DESTINATION_SQL_STREAM (
  "TICKER" VARCHAR(4), 
  "MOST_FREQUENT_VALUES" BIGINT
);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
    INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM * 
        FROM TABLE (TOP_K_ITEMS_TUMBLING(
            CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"),
            'TICKER',         -- name of column in single quotes
            5,                       -- number of the most frequently occurring values
            60                       -- tumbling window size in seconds
            )
        );
