/* A KDA SQL application's own configuration, as the user still has it after
 * the application itself is gone: what `aws kinesisanalytics
 * describe-application` (v1) or `aws kinesisanalyticsv2
 * describe-application` prints, a create-application request, or the
 * CloudFormation template (JSON or YAML) that created it. Read into the
 * application's code, its inputs (in-application stream prefix, schema,
 * parallelism, where the records come from), its outputs (in-application
 * stream, format, where the rows go) and its reference tables (schema, S3
 * object). Nothing is contacted: names that only the deployed stack knows
 * are said to be unknown, with what would give them. */
#ifndef EDDY_IO_KDA_CONFIG_H
#define EDDY_IO_KDA_CONFIG_H
#include <stdbool.h>
#include <stddef.h>

#include "kda_schema.h"
#include "src/runtime/arena.h"

typedef enum KdaKind { KDA_NONE, KDA_KINESIS, KDA_FIREHOSE, KDA_LAMBDA } KdaKind;

/* Where an input's records come from, or where an output's rows go. */
typedef struct KdaEndpoint {
    KdaKind kind;
    const char *setting;     /* where the file says it, e.g. "InputDescriptions[0].KinesisStreamsInputDescription" */
    const char *arn;         /* as written or resolved (unknown parts shown as ${NAME}), or NULL */
    const char *name;        /* the stream's (delivery stream's, function's) name, or NULL when unknown */
    const char *shown;       /* the name for messages: unknown parts written ${NAME} */
    const char *region;      /* from the ARN, or NULL when it does not say */
    const char *unknown;     /* what the name waits for: a template parameter, resource or pseudo parameter */
} KdaEndpoint;

typedef struct KdaInput {
    const char *prefix;      /* NamePrefix: the in-application streams are PREFIX_001 ... */
    int parallelism;         /* InputParallelism.Count (1 when absent) */
    KdaSchema schema;
    KdaEndpoint from;
    const char *lambda;      /* the InputLambdaProcessor's function (ARN), or NULL */
    const char *lambda_setting;
} KdaInput;

typedef struct KdaOutput {
    const char *stream;      /* the in-application stream (Name) */
    const char *setting;     /* where the file says it */
    bool csv;                /* DestinationSchema.RecordFormatType CSV (else JSON) */
    KdaEndpoint to;
} KdaOutput;

typedef struct KdaTable {
    const char *name;        /* TableName */
    const char *setting;
    KdaSchema schema;
    const char *bucket;      /* the S3 object the rows came from (NULL when unknown) */
    const char *key;
} KdaTable;

typedef struct KdaConfig {
    const char *path;
    const char *shape;       /* "describe-application (v1)", ..., "CloudFormation template" */
    const char *app_name;    /* or NULL */
    const char *code;        /* ApplicationCode, or NULL when the file has none */
    const char *code_setting;
    KdaInput *inputs;
    int ninputs;
    KdaOutput *outputs;
    int noutputs;
    KdaTable *tables;
    int ntables;
} KdaConfig;

/* A value the file leaves to whoever deploys it: a template parameter, a
 * pseudo parameter (AWS::Region, AWS::StackName ...) or the physical name
 * of a template resource, by its logical id. */
typedef struct KdaParam {
    const char *name, *value;
} KdaParam;

/* Reads the configuration at path (JSON, or YAML for a template); false,
 * with the reason in err, when it is not one eddy can read. */
bool io_kda_config_load(const char *path, const KdaParam *params, int nparams, Arena *a, KdaConfig *out, char *err,
                        size_t errsize);

#endif
