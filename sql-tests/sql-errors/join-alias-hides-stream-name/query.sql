-- JOIN s OVER w AS t: the alias replaces both the stream's name and the window's, as an alias does in SQL
CREATE STREAM OrderStream (orderId INTEGER);
CREATE STREAM TradeStream (tradeId INTEGER, orderId INTEGER);
SELECT STREAM o.orderId, TradeStream.tradeId, w.tradeId
FROM OrderStream AS o JOIN TradeStream OVER w AS t ON o.orderId = t.orderId
WINDOW w AS (RANGE INTERVAL '1' MINUTE PRECEDING);
