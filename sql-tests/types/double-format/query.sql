-- DOUBLE prints like Java's Double.toString: shortest round-trip digits, plain notation for
-- 1.0E-3 <= |x| < 1.0E7 (always with a fraction digit), computerized scientific notation outside it
CREATE STREAM "SOURCE_SQL_STREAM_001" (d DOUBLE);
SELECT STREAM d FROM "SOURCE_SQL_STREAM_001";
