-- from the KDA developer guide, stream-joins-concepts (the same join, its window named in a WINDOW clause)
CREATE STREAM OrderStream (orderId INTEGER, ticker VARCHAR(4), amount INTEGER);
CREATE STREAM TradeStream (tradeId INTEGER, orderId INTEGER, ticker VARCHAR(4), amount INTEGER);
SELECT STREAM
     ROWTIME,
     o.orderId, o.ticker, o.amount AS orderAmount,
     t.amount AS tradeAmount
FROM OrderStream AS o
JOIN TradeStream OVER t
ON   o.orderId = t.orderId
WINDOW t AS (RANGE INTERVAL '1' MINUTE PRECEDING);
