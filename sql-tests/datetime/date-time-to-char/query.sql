-- DATE_TO_CHAR formats a date (time fields read midnight), TIME_TO_CHAR a time (date fields
-- read 1970-01-01); unlike TIMESTAMP_TO_CHAR they give NULL for NULL. A NULL format gives NULL.
CREATE STREAM "SOURCE_SQL_STREAM_001" (d DATE, t TIME, f VARCHAR(20));
SELECT STREAM DATE_TO_CHAR('dd/MM/yyyy EEE', d) AS dc, DATE_TO_CHAR('yyyy-MM-dd HH:mm', d) AS dmid,
       TIME_TO_CHAR('hh:mm:ss a', t) AS tc, TIME_TO_CHAR('HH:mm:ss.SSS yyyy-MM-dd', t) AS tepoch,
       TIMESTAMP_TO_CHAR('yyyy-MM-dd', d) AS from_date, TIMESTAMP_TO_CHAR(f, TIMESTAMP '2024-01-02 03:04:05') AS by_col
FROM "SOURCE_SQL_STREAM_001";
