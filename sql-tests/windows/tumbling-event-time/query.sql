-- the guide's event-time pattern: group by the ROWTIME window and the event-time window; an event
-- that arrives in a later ROWTIME window gives an additional partial row for its event minute
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), event_time TIMESTAMP, price DOUBLE);
SELECT STREAM ROWTIME AS window_time, STEP(event_time BY INTERVAL '1' MINUTE) AS event_minute, ticker,
       COUNT(*) AS n, SUM(price) AS total
FROM "SOURCE_SQL_STREAM_001" AS s
GROUP BY STEP(s.ROWTIME BY INTERVAL '1' MINUTE), STEP(event_time BY INTERVAL '1' MINUTE), ticker;
