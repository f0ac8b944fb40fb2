-- SQL Reference, ROWTIME page ("ROWTIME system column"): in a join of two
-- streams, o.ROWTIME and s.ROWTIME are each side's own row time and the
-- unqualified ROWTIME is the output row's. The page's table: leftRowtime
-- 10:15:00 / 10:25:00 / 10:25:30, rightRowtime 10:30:00 / 11:15:00 /
-- 11:05:00, joinRowtime = leftRowtime. (Here the 10:10 and 11:40:01
-- shipments fall outside the hour that follows their order.)
CREATE STREAM Orders (orderId INTEGER NOT NULL, custId INTEGER NOT NULL);
CREATE STREAM Shipments (orderId INTEGER NOT NULL, carrier VARCHAR(8));
SELECT STREAM
  o.ROWTIME AS leftRowtime,
  s.ROWTIME AS rightRowtime,
  ROWTIME AS joinRowtime
FROM Orders AS o
  JOIN Shipments OVER (RANGE INTERVAL '1' HOUR FOLLOWING) AS s
  ON o.orderId = s.orderId;
