-- unquoted identifiers match a discovered column exactly first, then case-insensitively
SELECT STREAM price, PRICE AS p2, "price" AS p3, Qty FROM SOURCE_SQL_STREAM_001;
