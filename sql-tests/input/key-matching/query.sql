-- keys match columns exactly first, then case-insensitively; unknown keys are ignored; missing keys are NULL
CREATE STREAM "SOURCE_SQL_STREAM_001" (a INTEGER, "mixedCase" VARCHAR(8), b VARCHAR(8));
SELECT STREAM * FROM "SOURCE_SQL_STREAM_001";
