-- KDA developer guide, "Working with JSONPath"
-- https://docs.aws.amazon.com/kinesisanalytics/latest/dev/about-json-path.html
-- Documented: $.orders[0:].orderId returns each element's orderId as a separate row (23284, 63122,
-- 77284), and with $.customerName in the same schema "the nonarray elements are repeated for each element
-- in the array" (John Doe on each row). "An array is always flattened to at least one row. If no values
-- would be returned (that is, the array is empty ...), a single row with all null values is returned":
-- the second record's orders are empty, and its row has a NULL orderId (its customerName is kept, as
-- docs/semantics.md says).
SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
