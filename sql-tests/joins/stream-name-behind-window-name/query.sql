-- JOIN s OVER w ... WINDOW w AS (...) without AS: the window's name names the stream's rows, as in the KDA
-- guide (kda-examples/stream-join-named-window), and the stream's own name still does, as a FROM item's name
-- does in SQL until an alias replaces it. On either side of the join, and for s.* too.
CREATE STREAM OrderStream (orderId INTEGER, ticker VARCHAR(4), amount INTEGER);
CREATE STREAM TradeStream (tradeId INTEGER, orderId INTEGER, ticker VARCHAR(4), amount INTEGER);
SELECT STREAM o.orderId, TradeStream.tradeId, t.amount AS tradeAmount, TradeStream.ROWTIME AS tradeTime
FROM OrderStream AS o
JOIN TradeStream OVER t
ON   o.orderId = TradeStream.orderId
WINDOW t AS (RANGE INTERVAL '1' MINUTE PRECEDING);
SELECT STREAM OrderStream.*, w.ticker
FROM TradeStream OVER w JOIN OrderStream ON OrderStream.orderId = TradeStream.orderId
WINDOW w AS (RANGE INTERVAL '1' MINUTE PRECEDING);
