-- FULL OUTER JOIN of two windowed streams: a row that met nothing leaves, NULL-padded, when its
-- window ends (its ROWTIME plus the RANGE). When one arrival ends windows on both sides, those rows
-- leave in the order of their windows' ends: b's 3-second window of 10:00:00.500 (10:00:03.500)
-- and of 10:00:01 (10:00:04) before a's 30-second window of 10:00:00 (10:00:30).
CREATE STREAM a (k VARCHAR(4), v INTEGER);
CREATE STREAM b (k VARCHAR(4), w INTEGER);
SELECT STREAM x.k AS ak, x.v, y.k AS bk, y.w
FROM a OVER (RANGE INTERVAL '30' SECOND PRECEDING) AS x
FULL OUTER JOIN b OVER (RANGE INTERVAL '3' SECOND PRECEDING) AS y ON x.k = y.k;
