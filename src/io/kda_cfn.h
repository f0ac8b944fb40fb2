/* CloudFormation's intrinsic functions (Ref, Fn::GetAtt, Fn::Sub, Fn::Join,
 * Fn::FindInMap, Fn::Select) evaluated as far as the template itself
 * allows, for kda_config.c: a stream's ARN written as !GetAtt Stream.Arn is
 * the stream's Name property when the template gives it. What only the
 * deployed stack knows (AWS::Region, a generated name, a parameter without
 * a default) stays a marker naming it, unless the user gave it. Plain API
 * JSON has no functions and passes through unchanged. */
#ifndef EDDY_IO_KDA_CFN_H
#define EDDY_IO_KDA_CFN_H
#include <jansson.h>

#include "kda_config.h"
#include "src/runtime/arena.h"

enum { CFN_MAX_UNKNOWN = 32 };

typedef struct CfnResolver {
    const json_t *resources;    /* the template's sections, or NULL */
    const json_t *parameters;
    const json_t *mappings;
    const KdaParam *params;     /* given by the user: they win */
    int nparams;
    const char *unknown[CFN_MAX_UNKNOWN];   /* names a resolution could not give (arena) */
    int nunknown;
    int depth;
    Arena *arena;
} CfnResolver;

void io_cfn_resolver_init(CfnResolver *r, const json_t *root, const KdaParam *params, int nparams, Arena *a);
/* The value as text, functions evaluated; an unknown name is kept as a
 * marker (see io_cfn_unknown_in). NULL when v is not text: absent, an array,
 * or an object that is no function. */
char *io_cfn_resolve(CfnResolver *r, const json_t *v);
/* The first unknown name in a resolved text, or NULL when it is complete. */
const char *io_cfn_unknown_in(const CfnResolver *r, const char *s);
/* A resolved text for messages: each unknown name written ${NAME}. */
char *io_cfn_shown(const CfnResolver *r, const char *s);
/* Whether the field of a resolved text holds an unknown name. */
static inline bool io_cfn_has_unknown(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\001') return true;
    return false;
}

#endif
