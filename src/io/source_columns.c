/* KAFKA_KEY, KAFKA_PARTITION and KAFKA_OFFSET: set after the record's
 * data is decoded, so they hold whatever the data says about them. */
#include <stdio.h>
#include <strings.h>

#include "source_columns.h"
#include "src/runtime/convert.h"
#include "src/runtime/numtext.h"

static int find(const Schema *s, const char *name)
{
    for (int i = 0; i < s->ncols; i++)
        if (!strcasecmp(s->cols[i].name, name)) return i;
    return -1;
}

void io_source_columns_find(const Schema *s, SourceColumns *c)
{
    c->key = find(s, SOURCE_COL_KEY);
    c->partition = find(s, SOURCE_COL_PARTITION);
    c->offset = find(s, SOURCE_COL_OFFSET);
}

static bool put(const Schema *s, int col, const char *text, size_t len, Row *row, Arena *a, DecodeError *err)
{
    const char *why = NULL;
    if (conv_from_text(s->cols[col].type, text, len, &row->v[col], a, &why)) return true;
    char tn[48];
    err->name = "CONVERSION";
    snprintf(err->msg, sizeof err->msg, "column %s: cannot convert \"%.*s\" to %s: %s", s->cols[col].name,
             (int)(len > 60 ? 60 : len), text, type_name(s->cols[col].type, tn, sizeof tn), why ? why : "");
    return false;
}

bool io_source_columns_fill(const SourceColumns *c, const Schema *s, const SourceRecord *rec, Row *row, Arena *a, DecodeError *err)
{
    if (!rec->has_partition) return true;
    char num[24];
    if (c->partition >= 0 && !put(s, c->partition, num, (size_t)fmt_int64(rec->partition, num), row, a, err)) return false;
    if (c->offset >= 0 && !put(s, c->offset, num, (size_t)fmt_int64((int64_t)rec->offset, num), row, a, err)) return false;
    if (c->key < 0) return true;
    if (!rec->key) {
        row->v[c->key] = val_null();
        return true;
    }
    SqlType t = s->cols[c->key].type;
    if (type_is_binary(t.id)) {
        /* the key's bytes as they are */
        uint32_t n = (uint32_t)rec->key_len;
        if (t.len > 0 && n > (uint32_t)t.len) n = (uint32_t)t.len;
        row->v[c->key] = val_str(rec->key, n);
        return true;
    }
    if (type_is_string(t.id) && !io_check_utf8(rec->key, rec->key_len, err)) {
        snprintf(err->msg, sizeof err->msg, "column %s: the message key is not UTF-8 (declare it VARBINARY)", s->cols[c->key].name);
        return false;
    }
    return put(s, c->key, rec->key, rec->key_len, row, a, err);
}
