-- MONOTONIC(x) may descend (the reference: 987, 974, 823 is legal) but not change direction:
-- 973 after 823 goes to the error stream as LATE_ROW.
CREATE STREAM "SOURCE_SQL_STREAM_001" (orderId INTEGER, amount INTEGER);
SELECT STREAM MONOTONIC(orderId) AS orderId, COUNT(*) AS items, SUM(amount) AS total FROM "SOURCE_SQL_STREAM_001" GROUP BY MONOTONIC(orderId);
