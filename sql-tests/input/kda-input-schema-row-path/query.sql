-- RecordRowPath $.orders[0:]: each element of $.orders is a row, and the column mappings ($.orderId)
-- are relative to it. A record whose $.orders is empty gives one row of NULLs, as the guide's JSONPath
-- page says of an array with nothing to return.
SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
