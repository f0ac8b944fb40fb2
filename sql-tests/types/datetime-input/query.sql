-- strings convert to TIMESTAMP / DATE / TIME when parsable ('1992-02-14' and '1992-02-14 18:35:44.0' are
-- the reference's examples); impossible dates, out-of-range times, numbers and booleans are CONVERSION errors
CREATE STREAM "SOURCE_SQL_STREAM_001" (ts TIMESTAMP, d DATE, t TIME);
SELECT STREAM * FROM "SOURCE_SQL_STREAM_001";
