-- CSV with a header: names map fields to columns, ROWTIME sets the time, empty non-string fields are NULL
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), price DOUBLE, note VARCHAR(32));
SELECT STREAM sym, price, note FROM SOURCE_SQL_STREAM_001;
