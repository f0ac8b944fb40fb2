-- The KDA getting-started shape: a source stream of stock ticks, a pump that
-- keeps the big movers in technology, and the destination stream it feeds.
CREATE OR REPLACE STREAM "SOURCE_SQL_STREAM_001" (
    TICKER_SYMBOL VARCHAR(4),
    SECTOR        VARCHAR(16),
    CHANGE        REAL,
    PRICE         REAL
);

CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    ticker_symbol VARCHAR(4),
    change        REAL,
    price         REAL,
    move          VARCHAR(8)
);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS
    INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM ticker_symbol, change, price,
           CASE WHEN change > 0 THEN 'UP' ELSE 'DOWN' END
    FROM "SOURCE_SQL_STREAM_001"
    WHERE sector LIKE 'TECH%' AND ABS(change) >= 1.5;
