-- RecordRowPath $.orders[0:]: each element of $.orders is a row, and the column mappings ($.orderId)
-- are relative to it.
SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
