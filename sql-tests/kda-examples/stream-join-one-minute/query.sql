-- from the KDA developer guide, stream-joins-concepts (example 1, inline window)
CREATE STREAM OrderStream (orderId INTEGER, ticker VARCHAR(4), amount INTEGER);
CREATE STREAM TradeStream (tradeId INTEGER, orderId INTEGER, ticker VARCHAR(4), amount INTEGER);
SELECT STREAM
     ROWTIME, 
     o.orderId, o.ticker, o.amount AS orderAmount,
     t.amount AS tradeAmount
FROM OrderStream AS o
JOIN TradeStream OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS t
ON   o.orderId = t.orderId;
