-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-exp-avg.html
-- The page's query, over a stream t: with a 10-second half-life in a 30-second window, prices in the most
-- recent 10 s weigh twice the middle 10 s and four times the oldest 10 s. Rows 10 s apart
-- (100, 200, 400 for ticker A at :00, :10, :20) therefore average (100*1 + 200*2 + 400*4)/7 = 300
-- at :20. (Rows closer together than 10 s are left out: the page does not say whether weights are
-- constant within a 10-second sub-window; see the audit report.)
CREATE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE);
CREATE STREAM t (ticker VARCHAR(4), price DOUBLE);
CREATE PUMP p AS INSERT INTO t SELECT STREAM ticker, price FROM "SOURCE_SQL_STREAM_001";
select stream t.rowtime, ticker, price,
exp_avg(price, INTERVAL '10' SECOND) over w as avgPrice
from t
window w as (partition by ticker range interval '30' second preceding);
