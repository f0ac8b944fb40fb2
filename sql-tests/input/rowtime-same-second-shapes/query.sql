-- ROWTIME strings in the same second as the record before, where the
-- decoder takes the second it remembers without scanning the string: each
-- shape that is not exactly that (an escape, a digit more or less, a blank,
-- a letter, a quote, a cut record, another form) read as the general reader
-- reads it
CREATE STREAM "SOURCE_SQL_STREAM_001" (A INTEGER);
SELECT STREAM ROWTIME, A FROM SOURCE_SQL_STREAM_001;
