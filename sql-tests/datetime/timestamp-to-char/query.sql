-- TIMESTAMP_TO_CHAR with every SimpleDateFormat letter (US names, UTC, weeks from Sunday with
-- week 1 holding January 1), at the ends of the calendar; a NULL timestamp gives the string 'null'
CREATE STREAM "SOURCE_SQL_STREAM_001" (ts TIMESTAMP);
SELECT STREAM TIMESTAMP_TO_CHAR('yyyy-MM-dd HH:mm:ss.SSS', ts) AS iso,
       TIMESTAMP_TO_CHAR('EEE, MMM d, ''''yy', ts) AS us,
       TIMESTAMP_TO_CHAR('EEEE dd MMMM yyyy G', ts) AS longform,
       TIMESTAMP_TO_CHAR('h:mm a', ts) AS h12,
       TIMESTAMP_TO_CHAR('K:mm a, k', ts) AS kk,
       TIMESTAMP_TO_CHAR('D w W F u', ts) AS weeks,
       TIMESTAMP_TO_CHAR('YYYY-''W''ww', ts) AS weekyear,
       TIMESTAMP_TO_CHAR('y yy yyy yyyyy', ts) AS years,
       TIMESTAMP_TO_CHAR('S SS SSS SSSS', ts) AS millis,
       TIMESTAMP_TO_CHAR('z zzzz Z X XX XXX', ts) AS zones,
       TIMESTAMP_TO_CHAR('''o''''clock'' ''''', ts) AS quotes
FROM "SOURCE_SQL_STREAM_001";
