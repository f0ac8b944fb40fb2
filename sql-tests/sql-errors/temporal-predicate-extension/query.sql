-- The ten KDA extensions (LEADS, LAGS, STRICTLY ..., IMMEDIATELY LEADS/LAGS) are defined only by
-- diagrams in the reference: eddy parses them and says plainly that they are not supported.
-- A temporal predicate needs periods, and a period's parts must be times.
CREATE STREAM s (t TIMESTAMP, n INTEGER);
SELECT STREAM * FROM s WHERE (t, t) STRICTLY PRECEDES (t, t);
SELECT STREAM * FROM s WHERE (t, t) LEADS PERIOD(t, t);
SELECT STREAM * FROM s WHERE t PRECEDES (t, t);
SELECT STREAM * FROM s WHERE (n, t) PRECEDES (t, t);
