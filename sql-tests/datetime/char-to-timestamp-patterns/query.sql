-- SimpleDateFormat letters when parsing: 24h and 12h clocks with a, names in any case, zones
-- (the result is UTC), abutting numeric fields, day of year, week fields, two-digit years
-- (80 years before to 20 after the clock, pinned at 2000-01-01), 'S' as a count of milliseconds
CREATE STREAM "SOURCE_SQL_STREAM_001" (fmt VARCHAR(40), s VARCHAR(40));
SELECT STREAM fmt, s, CHAR_TO_TIMESTAMP(fmt, s) AS ts FROM "SOURCE_SQL_STREAM_001";
