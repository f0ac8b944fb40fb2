-- no CREATE STREAM: the schema is discovered; JSON key case is kept
SELECT STREAM "Name", qty + 1 AS q1, price * 2 AS p2, ok, NOT ok AS not_ok, ts + INTERVAL '1' SECOND AS ts1
FROM SOURCE_SQL_STREAM_001;
