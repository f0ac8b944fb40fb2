-- from wangzhihao/notes, computer_science/survey/stream_by_products/Kinesis/examples/InventoryAge.md (a stored
-- version of the note other than the one read_file returns; the search index gave this one): FBA inventory events
-- from one Kinesis stream split into two in-application streams by event_type ('total' -> "inventory", 'inflow' ->
-- "inbound_events"), the first step of an inventory-age join. The note gives the source schema (merchant_customer_id
-- integer, marketplace_id integer, fnsku varchar(16), quantity integer, event_type varchar(16), event_time timestamp;
-- schema.json) and a sample record; event_time is ISO text with Z. 'outflow' and 'TOTAL' (= is case-sensitive)
-- reach neither stream. SQL unchanged. (The other stored version compares "event_type" = "total", a column
-- name: eddy and KDA refuse it.)
create or replace stream "inventory" (
    "merchant_customer_id" integer,
    "marketplace_id" integer,
    "fnsku" varchar(16),
    "quantity" integer,
    "event_time" timestamp  
);
    
create or replace stream "inbound_events" (
    "merchant_customer_id" integer,
    "marketplace_id" integer,
    "fnsku" varchar(16),
    "quantity" integer,
    "event_time" timestamp  
);
    
create or replace pump "inventory_pump" as 
   insert into "inventory"
      select stream 
       "merchant_customer_id", -- the quote is mandatory
       "marketplace_id",
       "fnsku",
       "quantity",
       "event_time"
      from "SOURCE_SQL_STREAM_001"
      where "event_type" = 'total';

create or replace pump "inbound_events_pump" as 
   insert into "inbound_events"
      select stream 
       "merchant_customer_id", -- the quote is mandatory
       "marketplace_id",
       "fnsku",
       "quantity",
       "event_time"
      from "SOURCE_SQL_STREAM_001"
      where "event_type" = 'inflow';
