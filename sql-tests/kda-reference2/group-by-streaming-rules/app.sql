-- https://docs.aws.amazon.com/kinesisanalytics/latest/sqlref/sql-reference-group-by-clause.html
-- Rules (no worked rows): NULL is equal to itself in GROUP BY (IS NOT DISTINCT FROM semantics), so the two
-- null prodIds of 10:00-11:00 form one group; GROUP BY FLOOR(Orders.ROWTIME TO HOUR), prodId yields one row per
-- hour per prodId; "as long as the ROWTIME value is the same, the GROUP BY operation will keep accumulating rows.
-- In order to emit a row, the ROWTIME value has to change" (second query, grouped by Orders.ROWTIME itself; each
-- group leaves with the ROWTIME of the row that closed it, the last one at end of input).
CREATE STREAM "SOURCE_SQL_STREAM_001" (prodId INTEGER);
CREATE STREAM Orders (prodId INTEGER);
CREATE PUMP p AS INSERT INTO Orders SELECT STREAM prodId FROM "SOURCE_SQL_STREAM_001";
SELECT STREAM FLOOR(Orders.ROWTIME TO HOUR) AS theHour, prodId, COUNT(*) AS n
FROM Orders
GROUP BY FLOOR(Orders.ROWTIME TO HOUR), prodId;
SELECT STREAM Orders.ROWTIME AS t, COUNT(*) AS n_same_rowtime FROM Orders GROUP BY Orders.ROWTIME;
