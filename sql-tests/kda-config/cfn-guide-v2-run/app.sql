-- The CloudFormation User Guide's V2 example (../cfn-guide-v2-example/kda.json) run with this code: the
-- configuration gives the input stream exampleNamePrefix_001 its columns and JSONPath mappings, the table
-- exampleTable its ReferenceSchema; the command line gives the records (--input ...=-, standard input), the
-- table's rows (--table) and where the output goes (--output exampleOutput=-), overriding the Kinesis
-- streams and the S3 object of the configuration. The mapping reads $.example, so "other" is ignored.
CREATE OR REPLACE STREAM "exampleOutput" ("example" VARCHAR(16), "known" BOOLEAN);
CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS INSERT INTO "exampleOutput"
  SELECT STREAM s."example", t."example" IS NOT NULL
  FROM "exampleNamePrefix_001" AS s LEFT JOIN "exampleTable" AS t ON s."example" = t."example";
