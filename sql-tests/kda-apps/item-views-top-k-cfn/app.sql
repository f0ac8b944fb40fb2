-- from mkrolczykk/aws_cloud-project, cloudformation/cf_template.json (KinesisViewsAnalytics: ApplicationCode,
-- unescaped; InputSchema and the items_information ReferenceDataSource of the same template). Item-view records
-- (CSV: device_id, device_type, item_id, ts, user_ip) from a Firehose input named firehouse_views_delivery_stream;
-- TOP_K_ITEMS_TUMBLING gives the 10 most viewed items, and over a join with the items reference table the 10 most
-- viewed categories, per 60-second window. The same two pumps are src/kinesis_analytics/most_popular_*_by_views.sql.
-- CHANGED: the template's second CURSOR reads "JOIN "items_information" AS i IN f."item_id" = i."item_id"; )",
-- a syntax error in eddy (and in KDA); here it is "ON ... )" as in most_popular_categories_by_views.sql.
-- The reference table is the template's items.csv (header item_id,title,description,category) with the template's
-- ReferenceSchema (every column VARCHAR; reference-schema.json, --table-schema), so f."item_id" = i."item_id"
-- compares VARCHAR with VARCHAR as on KDA; the header row, naming the columns, is not a row.
-- The input is CSV (input.ndjson holds CSV lines: the schema sets the format); CSV carries no ROWTIME, so every
-- record arrives at the pinned clock and all fall in one window (ending 00:01:00). Item 9999 has no
-- items row, so it counts among the items but not in any category. Ties keep first-seen order.

CREATE OR REPLACE STREAM "most_popular_items_output_stream"( item_id VARCHAR(10), total_views DOUBLE); CREATE OR REPLACE PUMP "ITEMS_STREAM_PUMP" AS INSERT INTO "most_popular_items_output_stream" SELECT STREAM * FROM TABLE ( TOP_K_ITEMS_TUMBLING( CURSOR( SELECT STREAM * FROM "firehouse_views_delivery_stream_001" ), 'item_id', 10, 60 ) ); CREATE OR REPLACE STREAM "most_popular_categories_output_stream" ( category VARCHAR(50), total_views DOUBLE ); CREATE OR REPLACE PUMP "CATEGORIES_STREAM_PUMP" AS INSERT INTO "most_popular_categories_output_stream" SELECT STREAM * FROM TABLE ( TOP_K_ITEMS_TUMBLING( CURSOR( SELECT STREAM * FROM "firehouse_views_delivery_stream_001" AS f JOIN "items_information" AS i ON f."item_id" = i."item_id" ), 'category', 10, 60 ) );
