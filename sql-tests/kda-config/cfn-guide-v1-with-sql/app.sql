-- The CloudFormation User Guide's v1 example (../cfn-guide-v1-example/kda.yaml), whose code is a
-- placeholder, checked with this code instead: the configuration still gives the input stream
-- exampleNamePrefix_001 (its schema), the output exampleOutput and the reference table exampleTable.
CREATE OR REPLACE STREAM "exampleOutput" ("example" VARCHAR(16), "known" BOOLEAN);
CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS INSERT INTO "exampleOutput"
  SELECT STREAM s."example", t."example" IS NOT NULL
  FROM "exampleNamePrefix_001" AS s LEFT JOIN "exampleTable" AS t ON s."example" = t."example";
