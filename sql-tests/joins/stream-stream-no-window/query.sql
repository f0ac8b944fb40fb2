-- Neither stream has a window: only each side's current row takes part (the JOIN clause page), so rows meet when
-- they share a ROWTIME. Both rows of "other" at 00:00:02 meet the ticks row of that time; the 00:00:03 rows
-- differ in sym; the ticks rows at 00:00:01 and 00:00:04 and other's at 00:00:00 and 00:00:05 have no partner at
-- their time.
CREATE STREAM ticks (sym VARCHAR(4), qty INTEGER);
CREATE STREAM other (sym VARCHAR(4), v INTEGER);
SELECT STREAM s.sym, s.qty, o.v FROM ticks AS s JOIN other AS o ON s.sym = o.sym;
