-- An application that declares its source stream itself still reads it
-- through the input schema's mappings, matched by column name; a column the
-- schema does not map (VOLUME) reads the key of its own name.
CREATE OR REPLACE STREAM "SOURCE_SQL_STREAM_001" (ticker VARCHAR(4), price DOUBLE, volume INTEGER);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker VARCHAR(4), price DOUBLE, volume INTEGER);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
    SELECT STREAM ticker, price, volume FROM "SOURCE_SQL_STREAM_001";
