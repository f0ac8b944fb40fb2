-- from the KDA developer guide, input-parallelism ("Accessing Separate In-Application Streams"): with
-- InputParallelism 2 the source is split into source_sql_stream_001 and source_sql_stream_002; each is counted
-- per ticker in one-minute tumbling windows by its own pump, and both pumps insert into one stream. Rows of
-- one window leave pump by pump, in the order the pumps were created. COUNT(ticker_symbol) of the NULL-ticker
-- group is 0 (COUNT of a column skips NULLs). Both source schemas are discovered from the records.
CREATE OR REPLACE STREAM in_application_stream_001 (
    ticker VARCHAR(64),
    ticker_count INTEGER
);

CREATE OR REPLACE PUMP pump001 AS 
INSERT INTO in_application_stream_001
SELECT STREAM ticker_symbol, COUNT(ticker_symbol)
FROM source_sql_stream_001
GROUP BY STEP(source_sql_stream_001.rowtime BY INTERVAL '60' SECOND),
    ticker_symbol; 
        
CREATE OR REPLACE PUMP pump002 AS 
INSERT INTO in_application_stream_001
SELECT STREAM ticker_symbol, COUNT(ticker_symbol)
FROM source_sql_stream_002
GROUP BY STEP(source_sql_stream_002.rowtime BY INTERVAL '60' SECOND),
    ticker_symbol;
