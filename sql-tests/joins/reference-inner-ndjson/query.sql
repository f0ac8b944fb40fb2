-- an inner join emits one row per matching table row (in file order); a residual condition and WHERE apply too;
-- a NULL key matches nothing
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), qty INTEGER);
SELECT STREAM s.sym, t.sector, s.qty * t.weight AS w
FROM SOURCE_SQL_STREAM_001 AS s JOIN sectors AS t ON s.sym = t.sym AND t.weight > 1
WHERE s.qty > 0;
