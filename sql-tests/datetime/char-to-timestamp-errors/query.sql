-- No result in the reference (an element out of range, a mismatch, a bad format) is a runtime
-- error in eddy: the row goes to the error stream with the reason, and later rows still flow.
-- Parsing is not lenient: Feb 30 and 24:00 are errors, and a day name must agree with the date.
CREATE STREAM "SOURCE_SQL_STREAM_001" (fmt VARCHAR(40), s VARCHAR(40));
SELECT STREAM CHAR_TO_TIMESTAMP(fmt, s) AS ts FROM "SOURCE_SQL_STREAM_001";
