/* SQL types as the binder and the runtime see them. */
#ifndef EDDY_TYPE_H
#define EDDY_TYPE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum TypeId {
    TY_NULL,          /* the type of a bare NULL literal */
    TY_BOOLEAN,
    TY_TINYINT,
    TY_SMALLINT,
    TY_INTEGER,
    TY_BIGINT,
    TY_DECIMAL,       /* int64 scaled by 10^scale, precision <= 18 */
    TY_REAL,
    TY_DOUBLE,
    TY_CHAR,
    TY_VARCHAR,
    TY_BINARY,
    TY_VARBINARY,
    TY_DATE,          /* days since 1970-01-01 */
    TY_TIME,          /* milliseconds since midnight */
    TY_TIMESTAMP,     /* milliseconds since 1970-01-01 00:00:00 UTC */
    TY_INTERVAL_YM,   /* months */
    TY_INTERVAL_DT,   /* milliseconds */
    TY_ROW,           /* row-valued results of the log-parsing functions */
    TY__COUNT
} TypeId;

/* Interval qualifier units, coarse to fine. */
typedef enum TimeUnit {
    TU_NONE, TU_YEAR, TU_MONTH, TU_DAY, TU_HOUR, TU_MINUTE, TU_SECOND, TU_MILLISECOND
} TimeUnit;

#define TYPE_MAX_PRECISION 18
#define TYPE_MAX_CHAR 65535

typedef struct SqlType {
    uint8_t id;         /* TypeId */
    uint8_t notnull;
    uint8_t precision;  /* DECIMAL; interval leading precision */
    uint8_t scale;      /* DECIMAL */
    uint8_t unit_hi;    /* interval qualifier, TimeUnit */
    uint8_t unit_lo;
    uint16_t row;       /* TY_ROW: index into the binder's row-type table */
    int32_t len;        /* CHAR/VARCHAR/BINARY length; 0 = unbounded */
} SqlType;

SqlType type_make(TypeId id);
SqlType type_decimal(int precision, int scale);
SqlType type_string(TypeId id, int32_t len);

static inline bool type_is_integer(TypeId t) { return t >= TY_TINYINT && t <= TY_BIGINT; }
static inline bool type_is_exact(TypeId t) { return t >= TY_TINYINT && t <= TY_DECIMAL; }
static inline bool type_is_approx(TypeId t) { return t == TY_REAL || t == TY_DOUBLE; }
static inline bool type_is_numeric(TypeId t) { return t >= TY_TINYINT && t <= TY_DOUBLE; }
static inline bool type_is_string(TypeId t) { return t == TY_CHAR || t == TY_VARCHAR; }
static inline bool type_is_binary(TypeId t) { return t == TY_BINARY || t == TY_VARBINARY; }
static inline bool type_is_datetime(TypeId t) { return t == TY_DATE || t == TY_TIME || t == TY_TIMESTAMP; }
static inline bool type_is_interval(TypeId t) { return t == TY_INTERVAL_YM || t == TY_INTERVAL_DT; }

/* Range of an integer type, for overflow checks. */
int64_t type_int_min(TypeId t);
int64_t type_int_max(TypeId t);
/* Decimal digits an exact type can hold (TINYINT 3 ... BIGINT 19). */
int type_digits(SqlType t);

/* A type written as text, as a KDA input schema's SqlType gives it:
 * "VARCHAR(16)", "DECIMAL(10,2)", "DOUBLE", "TIMESTAMP". */
bool type_parse(const char *text, SqlType *out);

/* "VARCHAR(20)", "DECIMAL(10,2)", "INTERVAL DAY TO SECOND". */
const char *type_name(SqlType t, char *buf, size_t size);
const char *type_id_name(TypeId t);
const char *time_unit_name(TimeUnit u);

/* The type both operands convert to for comparison, CASE, COALESCE and
 * UNION. Returns false when they cannot meet. */
bool type_common(SqlType a, SqlType b, SqlType *out);

/* May a value of type `from` be assigned (INSERT, pump column) to `to`? */
bool type_assignable(SqlType from, SqlType to);

#endif
