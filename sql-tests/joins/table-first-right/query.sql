-- sectors RIGHT JOIN stream is the stream LEFT JOIN sectors: unmatched stream rows keep NULL table columns
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), qty INTEGER);
SELECT STREAM s.sym, t.sector, s.qty * t.weight AS w
FROM sectors AS t RIGHT JOIN SOURCE_SQL_STREAM_001 AS s ON s.sym = t.sym AND t.weight > 1
WHERE s.qty > 0;
