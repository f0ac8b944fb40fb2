-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-regex-replace.html
-- Example 1 replaces every match of 'TECHNOLOGY' in SECTOR (occurrence 0 = all); its output is an image,
-- so the expected rows follow the page's rule (Java String.replaceAll). The page's SQL has a stray ';'
-- after the REGEX_REPLACE call, removed here. Also documented: startPosition greater than the length
-- returns the original; any null parameter gives null.
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
        ticker_symbol VARCHAR(4),
        SECTOR VARCHAR(24),
        CHANGE REAL,
        PRICE REAL);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"

SELECT STREAM   TICKER_SYMBOL,
                REGEX_REPLACE(SECTOR, 'TECHNOLOGY', 'INFORMATION TECHNOLOGY', 1, 0),
                CHANGE,
                PRICE
FROM "SOURCE_SQL_STREAM_001";

SELECT STREAM REGEX_REPLACE(sector, 'O', '0', 50, 0) AS past_end,
       REGEX_REPLACE(sector, CAST(NULL AS VARCHAR(3)), '0', 1, 0) AS null_regex
FROM "SOURCE_SQL_STREAM_001";
