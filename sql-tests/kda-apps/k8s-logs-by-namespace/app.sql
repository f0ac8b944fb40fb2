-- from UKHomeOffice/acp-tf-kinesis-data-analytics, main.tf (the version whose code is a Terraform loop
-- %{for namespace in var.namespaces~} ... %{endfor~}): Kubernetes log records are split into one output
-- stream per namespace. CHANGED: the template is rendered here for namespaces = ["payments", "auth"] (the
-- loop body repeated with ${namespace} replaced); the SQL of each copy is unchanged. The input schema is the
-- module's record_columns (schema.json): "kubernetes_data" maps the whole $.kubernetes object into a
-- VARCHAR(500) (its JSON text), "namespace_name" maps the nested $.kubernetes.namespace_name. A kube-system record
-- and one without a namespace (NULL: the WHERE is unknown) reach neither stream; absent message_json/audit_json
-- and a null time are NULL.
-- ns payments
CREATE OR REPLACE STREAM "DESTINATION_payments" (index VARCHAR(32), 
                                                   namespace VARCHAR(32), 
                                                   kubernetes VARCHAR(500), 
                                                   message_json VARCHAR(3000), 
                                                   audit_json VARCHAR(3000), 
                                                   log_timestamp TIMESTAMP); 
CREATE OR REPLACE PUMP "STREAM_PUMP_payments" AS INSERT INTO "DESTINATION_payments"
SELECT STREAM "index_prefix", 
               "namespace_name", 
               "kubernetes_data", 
               "message_json", 
               "audit_json", 
               "log_timestamp" 
FROM "SOURCE_SQL_STREAM_001" WHERE "namespace_name" = 'payments';
-- ns auth
CREATE OR REPLACE STREAM "DESTINATION_auth" (index VARCHAR(32), 
                                                   namespace VARCHAR(32), 
                                                   kubernetes VARCHAR(500), 
                                                   message_json VARCHAR(3000), 
                                                   audit_json VARCHAR(3000), 
                                                   log_timestamp TIMESTAMP); 
CREATE OR REPLACE PUMP "STREAM_PUMP_auth" AS INSERT INTO "DESTINATION_auth"
SELECT STREAM "index_prefix", 
               "namespace_name", 
               "kubernetes_data", 
               "message_json", 
               "audit_json", 
               "log_timestamp" 
FROM "SOURCE_SQL_STREAM_001" WHERE "namespace_name" = 'auth';
