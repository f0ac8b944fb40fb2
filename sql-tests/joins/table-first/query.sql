-- the table written first: sectors JOIN stream is the same inner join as stream JOIN sectors;
-- and sectors RIGHT JOIN stream is the stream LEFT JOIN sectors
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), qty INTEGER);
SELECT STREAM s.sym, t.sector, s.qty * t.weight AS w
FROM sectors AS t JOIN SOURCE_SQL_STREAM_001 AS s ON s.sym = t.sym AND t.weight > 1
WHERE s.qty > 0;
