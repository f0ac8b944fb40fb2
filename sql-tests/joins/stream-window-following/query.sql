-- a join window reaching ahead (DIALECT 12b #1): each order meets the trades of the minute after it,
-- held until that minute has passed, and leaves with the order's ROWTIME. Trade 10 came before its
-- order, trade 13 and 15 more than a minute after; order 4's minute is still open at the end of
-- input, which completes it (LEFT: no trade, NULLs)
CREATE STREAM OrderStream (orderId INTEGER);
CREATE STREAM TradeStream (tradeId INTEGER, orderId INTEGER);
SELECT STREAM o.orderId, t.tradeId
FROM OrderStream AS o
LEFT JOIN TradeStream OVER (RANGE INTERVAL '1' MINUTE FOLLOWING) AS t
ON o.orderId = t.orderId;
