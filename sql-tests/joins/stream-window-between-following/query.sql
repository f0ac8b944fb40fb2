-- RANGE BETWEEN ... PRECEDING AND ... FOLLOWING: each order meets the trades from 30 seconds before it to
-- a minute after (inner join: order 4 meets none and leaves no row); a named window works the same way
CREATE STREAM OrderStream (orderId INTEGER);
CREATE STREAM TradeStream (tradeId INTEGER, orderId INTEGER);
SELECT STREAM o.orderId, t.tradeId
FROM OrderStream AS o
JOIN TradeStream OVER w AS t
ON o.orderId = t.orderId
WINDOW w AS (RANGE BETWEEN INTERVAL '30' SECOND PRECEDING AND INTERVAL '1' MINUTE FOLLOWING);
