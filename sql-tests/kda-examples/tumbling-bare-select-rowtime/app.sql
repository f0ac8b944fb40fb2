-- from the KDA developer guide, tumbling-window-concepts: the page's bare query (the application version is
-- the tumbling-min-max case). Both aggregates are named Price; eddy names the second PRICE0 in the output, since
-- NDJSON keys must differ (its own choice: semantics.md does not say). The selected unqualified ROWTIME is the row's ROWTIME, the window's end,
-- already first in each row. Source schema as given on the page.
CREATE STREAM "SOURCE_SQL_STREAM_001" (TICKER_SYMBOL VARCHAR(4), SECTOR varchar(16), CHANGE REAL, PRICE REAL);
SELECT STREAM ROWTIME, Ticker_Symbol, MIN(Price) AS Price, MAX(Price) AS Price FROM "SOURCE_SQL_STREAM_001" GROUP BY Ticker_Symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);
