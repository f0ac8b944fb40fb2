-- DECIMAL + and - of a DECIMAL(18,18) (a product of two DECIMAL(18,9), say) leave one integer digit:
-- the result is DECIMAL(18,17), the exact sum rounded half away from zero to 17 decimals.
SELECT STREAM CAST(0.5 AS DECIMAL(18,9)) * CAST(0.5 AS DECIMAL(18,9)) + 1 AS product_plus_one,
       CAST(0.5 AS DECIMAL(18,18)) + CAST(0.25 AS DECIMAL(18,18)) AS two_small,
       CAST(0.000000000000000005 AS DECIMAL(18,18)) + 1 AS rounds_up,
       CAST(-0.000000000000000005 AS DECIMAL(18,18)) - 1 AS rounds_down,
       1.25 + 2.5 AS plain
FROM "SOURCE_SQL_STREAM_001";
