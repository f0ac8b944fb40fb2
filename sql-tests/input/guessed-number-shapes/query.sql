-- numbers of every shape where the decoder guesses a DOUBLE, a BIGINT and a
-- SMALLINT key: the usual ones read at once, the rest (exponents, leading
-- zeros, 19 digits and more, out of range, not JSON) as the general reader
-- reads them, to the same values and the same error rows; also with a blank
-- after the record's '}'
CREATE STREAM "SOURCE_SQL_STREAM_001" (D DOUBLE, B BIGINT, S SMALLINT);
SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
