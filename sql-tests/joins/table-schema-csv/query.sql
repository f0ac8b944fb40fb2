-- --table-schema gives a reference table the columns and format of its KDA ReferenceSchema: CSV fields by
-- position with the schema's delimiter (';'), every column the declared type (item_id stays VARCHAR, so '0042'
-- keeps its zero); a first line naming the columns is a header, not a row. A line without its last field has a
-- NULL there, as in CSV input.
SELECT STREAM f.id, i."item_id", i."title" FROM SOURCE_SQL_STREAM_001 AS f LEFT JOIN "items" AS i ON f.id = i."item_id";
