/* A YAML document read into the JSON values jansson holds, so that a
 * CloudFormation template is read the same whether it is written in JSON
 * or YAML. CloudFormation's short forms become their long forms: !Ref X is
 * {"Ref": "X"}, !GetAtt A.B is {"Fn::GetAtt": ["A", "B"]}, !Sub S is
 * {"Fn::Sub": S}, and so on. Scalars stay strings (a template's numbers
 * and booleans are read as text by whoever needs them). */
#ifndef EDDY_IO_YAML_JSON_H
#define EDDY_IO_YAML_JSON_H
#include <stddef.h>

struct json_t;

/* The first document of the file, or NULL with the reason (file:line:col)
 * in err. The caller owns the value (json_decref). */
struct json_t *io_yaml_load(const char *path, char *err, size_t errsize);
/* The same from text in memory; `name` is the file's name for messages. */
struct json_t *io_yaml_parse(const char *text, size_t len, const char *name, char *err, size_t errsize);

#endif
