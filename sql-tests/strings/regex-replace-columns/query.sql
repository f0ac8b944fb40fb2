-- REGEX_REPLACE(original, regex, replacement, startPosition, occurrence) with Java replaceAll
-- semantics: $n and ${name} insert groups, \$ is a literal dollar, occurrence 0 replaces every match,
-- after an empty match the search moves on one character; a start past the end returns the original.
-- A start below 1, a negative occurrence, a bad group reference or regex go to the error stream.
CREATE STREAM "SOURCE_SQL_STREAM_001" (o VARCHAR(20), re VARCHAR(20), rep VARCHAR(20), st INTEGER, oc INTEGER);
SELECT STREAM REGEX_REPLACE(o, re, rep, st, oc) AS r FROM "SOURCE_SQL_STREAM_001";
