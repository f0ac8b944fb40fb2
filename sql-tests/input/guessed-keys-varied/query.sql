-- Records of one shape, the decoder's guess for each key position warm,
-- broken now and then: blanks around a colon or after a value, escapes and
-- non-ASCII in a string, a string that is too long, a value of another
-- kind or null, a number the fast readers leave to the general one, keys
-- in another order, missing, repeated, unknown or in lower case, ROWTIME
-- in another form, truncated records, a trailing comma. Every record
-- reads as it would with no guess at all.
CREATE STREAM "SOURCE_SQL_STREAM_001" (SYM VARCHAR(4), SECTOR VARCHAR(8), PRICE DOUBLE, QTY INTEGER);
SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
