-- from the KDA developer guide, streams-pumps: TEMPSTREAM, with quoted (case-sensitive) lower-case column
-- names, is fed by SAMPLEPUMP from INPUTSTREAM through an INSERT column list; unquoted inputcolumn1..3 are
-- INPUTCOLUMN1..3. A NULL goes into the nullable "column2"; a 71-character text is cut to VARCHAR(64).
-- INPUTSTREAM's schema is not on the page and is declared here. (A NULL for "column1", which is NOT NULL,
-- should go to the error stream; eddy lets it through: see the audit report, so it is not in this input.)
CREATE STREAM "INPUTSTREAM" (inputcolumn1 BIGINT, inputcolumn2 INTEGER, inputcolumn3 VARCHAR(100));
CREATE OR REPLACE STREAM "TEMPSTREAM" ( 
   "column1" BIGINT NOT NULL, 
   "column2" INTEGER, 
   "column3" VARCHAR(64));
CREATE OR REPLACE PUMP "SAMPLEPUMP" AS 
INSERT INTO "TEMPSTREAM" ("column1", 
                          "column2", 
                          "column3") 
SELECT STREAM inputcolumn1, 
              inputcolumn2, 
              inputcolumn3
FROM "INPUTSTREAM";
