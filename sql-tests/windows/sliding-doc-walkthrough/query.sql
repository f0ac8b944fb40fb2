-- the developer guide's sliding-window walkthrough: COUNT(*) over a 5-second window, records at
-- t1, t2, t6, t7 and three at t8; counts 1, 2, 2, 2 and then 3, 4, 5 for the three rows at t8,
-- because rows sharing a ROWTIME are seen one by one in arrival order (t6 and t7 are a little past
-- the whole second here, so that t1 and t2 are more than 5 seconds old when they arrive)
CREATE STREAM "SOURCE_SQL_STREAM_001" (id INTEGER);
SELECT STREAM id, COUNT(*) OVER (RANGE INTERVAL '5' SECOND PRECEDING) AS n
FROM "SOURCE_SQL_STREAM_001";
