-- KDA developer guide, "Working with JSONPath"
-- https://docs.aws.amazon.com/kinesisanalytics/latest/dev/about-json-path.html
-- The page's record (made valid JSON: its streetAddress is written as an array of key/value pairs and a
-- comma is missing after "address") and its expressions, as the columns of an input schema. Documented:
-- $.customerName returns John Doe; $.Name returns null (paths are case-sensitive); $.customerId returns
-- null (no such element); $.address.city returns Anytown; $.address.streetAddress.street returns
-- AnyStreet; $.orders[0:] returns the whole array as one field of one row. (The page prints the second
-- orderId as 61322 there, where its record has 63122; the record's text is what comes back.)
SELECT STREAM * FROM SOURCE_SQL_STREAM_001;
