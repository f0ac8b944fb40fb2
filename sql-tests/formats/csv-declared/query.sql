-- CSV without a header maps fields to the declared columns in order; missing trailing fields are NULL
CREATE STREAM "SOURCE_SQL_STREAM_001" (sym VARCHAR(4), price DOUBLE, qty INTEGER);
SELECT STREAM sym, price * qty AS total FROM SOURCE_SQL_STREAM_001;
