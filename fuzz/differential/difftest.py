#!/usr/bin/env python3
"""difftest.py - differential tester for eddy.

Generates random NDJSON inputs and random KDA-SQL queries (projection/filter,
tumbling GROUP BY, sliding OVER windows, stagger windows), runs them through
eddy and through an independent reference evaluator written from
the dialect checklist (DIALECT.md), docs/semantics.md and README.md, and compares the
output stream and the error stream.

Python 3 standard library only.  See README.md next to this file.

Where the specification is silent the reference either
  * marks the value / row / case as AMBIGUOUS (anything eddy does is accepted),
  * or follows an explicitly listed "gap policy" (GAP_POLICY below), which is
    reported as a spec gap in the audit rather than as an eddy bug.
"""

import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import datetime
from decimal import Decimal, getcontext, ROUND_HALF_UP, ROUND_DOWN, ROUND_FLOOR, ROUND_CEILING
from fractions import Fraction

getcontext().prec = 120

EDDY = os.environ.get("EDDY", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "eddy"))

# Gap policies: places where the spec is silent and the reference picks the
# behaviour it checks (each is listed as a spec gap in the report).
GAP_POLICY = {
    "int_div": "integer / integer truncates toward zero",
    "exact_result_type": "INTEGER op INTEGER is INTEGER, with BIGINT is BIGINT; overflow is a row error",
    "dec_of_int": "INTEGER behaves as DECIMAL(10,0), BIGINT as DECIMAL(19,0) next to a DECIMAL",
    "dec_cap": "+ - *: precision capped at 18, scale kept; /: scale = min(s, max(6, 18 - d)) (the DIALECT example DEC(18,14) contradicts the formula)",
    "dec_div_round": "DECIMAL division rounds half away from zero at the result scale",
    "cast_round": "CAST of DOUBLE/DECIMAL to INTEGER/BIGINT/DECIMAL(p,s) rounds half away from zero",
    "dec_avg": "AVG of DECIMAL(p,s) is DECIMAL(p,s) truncated toward zero (as documented for integer AVG)",
    "double_overflow": "DOUBLE result that is infinite/NaN (incl. x/0.0) is a row error",
    "bool_to_char": "CAST(BOOLEAN AS VARCHAR) gives 'TRUE' / 'FALSE' (SQL standard)",
    "row_error_in_aggregate": "a row whose aggregate argument fails goes to the error stream and does not enter the group/window",
    "end_of_input_order": "at end of input, open windows are emitted in close-time order",
    "mod_type": "MOD(m, n) has the type of n",
    "floor_dec_scale": "FLOOR/CEIL of DECIMAL(p,s) has scale 0",
    "dec_literal_type": "literal 1.50 is DECIMAL(3,2), literal 1.5E0 is DOUBLE, literal 7 is INTEGER",
    # joins and relations (modes tjoin, sjoin, rel)
    "table_types": "a reference table's columns are typed as schema discovery types a stream (integers BIGINT, "
                   "other numbers DOUBLE, booleans BOOLEAN, other text VARCHAR); the generated tables keep each "
                   "column to one kind and fill every column of the first row",
    "join_error_row": "a joined row whose WHERE or select item fails goes to the error stream on its own, with "
                      "the line of one of the rows it joins; a null-extended row that leaves a window may carry "
                      "the line of the row that pushed it out, and at end of input any line",
    "join_rows_size": "ROWS n PRECEDING on a side of a stream join keeps that side's last n+1 rows (the latest "
                      "and the n before it, as for windowed aggregation)",
    "join_rows_end": "at end of input, a kept row of a ROWS join window that met nothing leaves (outer join) "
                     "with some ROWTIME not before its own: the reference accepts any",
    "order_nulls": "ORDER BY puts NULLs first, last, below or above every value: any one rule, used consistently",
    "values_type": "a VALUES column has the union type of its rows (as CASE); strings are written as "
                   "CAST(... AS VARCHAR(n)) so CHAR padding does not arise",
}


# Workarounds for eddy bugs already reported, so that fuzzing can go on past
# them (--no-workarounds turns them off).
WORKAROUNDS = {"position_in_cast": False, "bigint_dec_compare": False, "nullif_type": False,
               "mod_null": False, "double_closest": False, "dec_div_scale": False,
               "abs_int_min": False,
               "dec_null_arith": False,
               "dec_to_double": False, "slide_sum_overflow": False}   # all fixed in eddy: off
# bugs found by the modes tjoin, sjoin and rel, all fixed in eddy (off):
# INTERSECT / EXCEPT of relations were a syntax error;
# ORDER BY after a UNION [ALL] of relations was refused as a stream ORDER BY;
# an aggregate without GROUP BY over no rows gave no row (SQL: one row, COUNT 0);
# a DISTINCT operand of UNION [ALL] whose column is converted to the union's type kept only its first row;
# DECIMAL * DECIMAL past 18 digits lost scale (down to 6) instead of precision;
# FULL join of two windowed streams: rows leaving both windows at one arrival came out side by side,
# not in ROWTIME order, and the later ones went to the error stream (LATE_ROW)
WORKAROUNDS.update({"rel_intersect": False, "rel_union_order": False, "rel_empty_group": False,
                    "rel_distinct_union": False, "dec_mul_scale": False})
WORKAROUNDS["sjoin_expiry_order"] = False


class SqlErr(Exception):
    """A runtime error of the row (goes to the error stream)."""

    def __init__(self, name):
        Exception.__init__(self, name)
        self.name = name


class Ambiguous(Exception):
    """The specification does not determine the result."""


class TypeGap(Exception):
    """Generator produced a type combination the spec does not define; retry."""


# ---------------------------------------------------------------- types
INT = ("INT",)
BIG = ("BIGINT",)
DBL = ("DOUBLE",)
BOOL = ("BOOLEAN",)
TS = ("TIMESTAMP",)


def DEC(p, s):
    return ("DECIMAL", p, s)


def VC(n):
    return ("VARCHAR", n)


def CH(n):
    return ("CHAR", n)


def is_num(t):
    return t[0] in ("INT", "BIGINT", "DOUBLE", "DECIMAL")


def is_int(t):
    return t[0] in ("INT", "BIGINT")


def is_str(t):
    return t[0] in ("VARCHAR", "CHAR")


def sql_type(t):
    if t == INT:
        return "INTEGER"
    if t == BIG:
        return "BIGINT"
    if t == DBL:
        return "DOUBLE"
    if t == BOOL:
        return "BOOLEAN"
    if t == TS:
        return "TIMESTAMP"
    if t[0] == "DECIMAL":
        return "DECIMAL(%d,%d)" % (t[1], t[2])
    if t[0] == "VARCHAR":
        return "VARCHAR(%d)" % (t[1] if t[1] is not None else 65535)
    if t[0] == "CHAR":
        return "CHAR(%d)" % t[1]
    raise ValueError(t)


INT_MIN, INT_MAX = -(2 ** 31), 2 ** 31 - 1
BIG_MIN, BIG_MAX = -(2 ** 63), 2 ** 63 - 1
MAXP = 18


def dec_of(t):
    if t == INT:
        return (10, 0)
    if t == BIG:
        return (19, 0)
    return (t[1], t[2])


def check_int(v, t):
    lo, hi = (INT_MIN, INT_MAX) if t == INT else (BIG_MIN, BIG_MAX)
    if not (lo <= v <= hi):
        raise SqlErr("OVERFLOW")
    return v


def dec_q(s):
    return Decimal(1).scaleb(-s)


def check_dec(v, t):
    p, s = t[1], t[2]
    if abs(v) >= Decimal(10) ** (p - s):
        raise SqlErr("OVERFLOW")
    if v == 0:
        v = abs(v)
    return v


def check_dbl(v):
    if math.isinf(v) or math.isnan(v):
        raise SqlErr("OVERFLOW")  # GAP double_overflow
    return v


def round_half_away(fr):
    """Fraction -> int, half away from zero."""
    n = abs(fr)
    q = math.floor(n + Fraction(1, 2))
    return q if fr >= 0 else -q


def trunc_frac(fr):
    n = abs(fr)
    q = math.floor(n)
    return q if fr >= 0 else -q


def frac_to_dec(fr, s, how="half"):
    if abs(fr) >= 10 ** 40:
        raise SqlErr("OVERFLOW")  # far beyond DECIMAL(18)
    scaled = fr * (10 ** s)
    q = round_half_away(scaled) if how == "half" else trunc_frac(scaled)
    return (Decimal(q).scaleb(-s)).quantize(dec_q(s))


def to_frac(v):
    if isinstance(v, bool):
        raise TypeError
    if isinstance(v, Decimal):
        return Fraction(v)
    if isinstance(v, float):
        return Fraction(v)
    return Fraction(v)


def to_float(v):
    if isinstance(v, Decimal) and WORKAROUNDS["dec_to_double"]:
        sign, digits, exp = v.as_tuple()
        unscaled = int("".join(map(str, digits)) or "0")
        if exp < 0 and unscaled > 2 ** 53:
            alt = float(unscaled) / float(10 ** -exp)
            if alt != float(v):
                raise Ambiguous("known eddy bug: DECIMAL to DOUBLE is not correctly rounded")
    return float(v)


def to_dec(v):
    if isinstance(v, Decimal):
        return v
    return Decimal(v)


def fmt_dec(v, s):
    v = Decimal(v).quantize(dec_q(s))
    if v == 0:
        v = abs(v)
    return format(v, "f")


def java_double(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    if v == 0:
        return "-0.0" if math.copysign(1.0, v) < 0 else "0.0"
    sign = "-" if v < 0 else ""
    a = abs(v)
    d = Decimal(repr(a))
    e10 = d.adjusted()
    ds = "".join(str(x) for x in d.as_tuple().digits).lstrip("0").rstrip("0") or "0"
    if 1e-3 <= a < 1e7:
        if e10 >= 0:
            ip = ds[: e10 + 1].ljust(e10 + 1, "0")
            fp = ds[e10 + 1:] or "0"
        else:
            ip = "0"
            fp = "0" * (-e10 - 1) + ds
        return sign + ip + "." + fp
    return sign + ds[0] + "." + (ds[1:] or "0") + "E" + str(e10)


EPOCH = datetime.datetime(1970, 1, 1)


def fmt_ts(ms):
    dt = EPOCH + datetime.timedelta(milliseconds=ms)
    return dt.strftime("%Y-%m-%d %H:%M:%S") + ".%03d" % (ms % 1000)


# --------------------------------------------------------------- values
def cast_value(v, ft, tt):
    """CAST v (of type ft) to tt."""
    if v is None:
        return None
    if tt == ft:
        return v
    if is_num(tt):
        if is_num(ft):
            if is_int(tt):
                if isinstance(v, float):
                    check_dbl(v)
                r = round_half_away(to_frac(v))  # GAP cast_round
                return check_int(r, tt)
            if tt == DBL:
                return check_dbl(to_float(v))
            # decimal target
            p, s = tt[1], tt[2]
            if isinstance(v, float):
                a = frac_to_dec(Fraction(v), s)
                b = frac_to_dec(Fraction(Decimal(repr(v))), s)
                if a != b:
                    raise Ambiguous("double->decimal rounding of binary vs shortest value")
                return check_dec(a, tt)
            return check_dec(frac_to_dec(to_frac(v), s), tt)
        if is_str(ft):
            txt = v.strip(" ")
            if is_int(tt):
                if re.fullmatch(r"[+-]?[0-9]+", txt):
                    return check_int(int(txt), tt)
                if re.fullmatch(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?", txt):
                    raise Ambiguous("non-integer text to integer")
                raise SqlErr("CONVERSION")
            if re.fullmatch(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?", txt):
                if tt == DBL:
                    return check_dbl(float(txt))
                return check_dec(frac_to_dec(Fraction(Decimal(txt)), tt[2]), tt)
            raise SqlErr("CONVERSION")
        raise TypeGap("cast %s to %s" % (ft, tt))
    if is_str(tt):
        n = tt[1]
        if is_str(ft):
            return v if n is None else v[:n]
        if is_num(ft):
            txt = value_text(v, ft)
            if n is not None and len(txt) > n:
                raise SqlErr("CONVERSION")  # semantics.md: explicit CAST that does not fit
            return txt
        if ft == BOOL:
            txt = "TRUE" if v else "FALSE"  # GAP bool_to_char
            if n is not None and len(txt) > n:
                raise Ambiguous("boolean text longer than target")
            return txt
        raise TypeGap("cast")
    raise TypeGap("cast %s to %s" % (ft, tt))


def value_text(v, t):
    if t in (INT, BIG):
        return str(v)
    if t == DBL:
        return java_double(v)
    if t[0] == "DECIMAL":
        return fmt_dec(v, t[2])
    raise TypeGap("text")


def unify(types):
    """Result type of CASE / COALESCE."""
    if all(is_num(t) for t in types):
        if DBL in types:
            return DBL
        if any(t[0] == "DECIMAL" for t in types):
            s = max(dec_of(t)[1] for t in types)
            d = max(dec_of(t)[0] - dec_of(t)[1] for t in types)
            if d + s > MAXP:
                raise TypeGap("decimal unify beyond 18 digits")
            return DEC(d + s, s)
        if BIG in types:
            return BIG
        return INT
    if all(is_str(t) for t in types):
        if all(t[0] == "CHAR" for t in types):
            if len(set(t[1] for t in types)) == 1:
                return types[0]
            raise TypeGap("CHAR of different lengths")
        if any(t[1] is None for t in types):
            return VC(None)
        return VC(max(t[1] for t in types))
    if all(t == BOOL for t in types):
        return BOOL
    raise TypeGap("unify %r" % (types,))


def arith_type(op, lt, rt):
    if lt == DBL or rt == DBL:
        return DBL
    if lt[0] == "DECIMAL" or rt[0] == "DECIMAL":
        p1, s1 = dec_of(lt)
        p2, s2 = dec_of(rt)
        if op in "+-":
            s = max(s1, s2)
            p = max(p1 - s1, p2 - s2) + s + 1
        elif op == "*":
            s = s1 + s2
            p = p1 + p2
        else:
            d = p1 - s1 + s2
            s = max(6, s1 + p2 + 1)
            p = d + s
            if p > MAXP:
                s = min(s, max(6, MAXP - d))
        s = min(s, MAXP)
        p = min(p, MAXP)
        return DEC(p, s)
    if lt == BIG or rt == BIG:
        return BIG
    return INT


def arith(op, lt, rt, a, b, t):
    if (a is None or b is None) and t[0] == "DECIMAL" and WORKAROUNDS["dec_null_arith"]:
        for v, vt in ((a, lt), (b, rt)):
            if v is not None and abs(v) >= 10 ** (t[1] - t[2]):
                raise Ambiguous("known eddy bug: operand converted to the result DECIMAL before the NULL check")
    if a is None or b is None:
        return None
    if t == DBL:
        x, y = to_float(a), to_float(b)
        if op == "+":
            r = x + y
        elif op == "-":
            r = x - y
        elif op == "*":
            r = x * y
        else:
            if y == 0:
                raise SqlErr("DIVISION_BY_ZERO")
            r = x / y
        return check_dbl(r)
    if t[0] == "DECIMAL":
        if WORKAROUNDS["dec_null_arith"] and any(vt == BIG and abs(v) >= 10 ** MAXP for v, vt in ((a, lt), (b, rt))):
            raise Ambiguous("BIGINT beyond 18 digits next to a DECIMAL (eddy: DECIMAL(18,0) conversion error)")
        x, y = to_frac(a), to_frac(b)
        if op == "+":
            r = x + y
        elif op == "-":
            r = x - y
        elif op == "*":
            r = x * y
        else:
            if y == 0:
                raise SqlErr("DIVISION_BY_ZERO")
            r = x / y
        return check_dec(frac_to_dec(r, t[2]), t)
    if op == "+":
        r = a + b
    elif op == "-":
        r = a - b
    elif op == "*":
        r = a * b
    else:
        if b == 0:
            raise SqlErr("DIVISION_BY_ZERO")
        q = abs(a) // abs(b)
        r = q if (a >= 0) == (b >= 0) else -q
    return check_int(r, t)


def pad_cmp(a, b):
    n = max(len(a), len(b))
    a2, b2 = a.ljust(n), b.ljust(n)
    return (a2 > b2) - (a2 < b2)


def compare(lt, rt, a, b, pad_hint):
    """-1/0/1 ; a, b not None."""
    if is_num(lt) and is_num(rt):
        if WORKAROUNDS["bigint_dec_compare"] and DBL not in (lt, rt) and "DECIMAL" in (lt[0], rt[0]):
            smax = max(dec_of(lt)[1], dec_of(rt)[1])
            if abs(a) >= 10 ** (MAXP - smax) or abs(b) >= 10 ** (MAXP - smax):
                raise Ambiguous("known eddy bug: exact comparison converts to a common DECIMAL and overflows")
        x, y = to_frac(a), to_frac(b)
        c = (x > y) - (x < y)
        if lt == DBL or rt == DBL:
            fx, fy = to_float(a), to_float(b)
            c2 = (fx > fy) - (fx < fy)
            if c2 != c:
                raise Ambiguous("exact vs double comparison")
        return c
    if is_str(lt) and is_str(rt):
        nopad = (a > b) - (a < b)
        pad = pad_cmp(a, b)
        if nopad == pad:
            return pad
        if lt[0] == "CHAR" or rt[0] == "CHAR" or pad_hint:
            return pad  # DIALECT 12b #4
        raise Ambiguous("VARCHAR vs VARCHAR with trailing blanks")
    if lt == BOOL and rt == BOOL:
        return (a > b) - (a < b)
    if lt == TS and rt == TS:
        return (a > b) - (a < b)
    raise TypeGap("compare")


# ----------------------------------------------------------------- AST
class Node:
    kids = ()
    typ = None

    def walk(self):
        yield self
        for k in self.kids:
            for n in k.walk():
                yield n


class Lit(Node):
    def __init__(self, v, t, text):
        self.v, self.typ, self.text = v, t, text
        self.kids = []

    def sql(self):
        return self.text

    def ev(self, env):
        return self.v


def int_lit(v):
    assert v >= 0
    return Lit(v, INT if v <= INT_MAX else BIG, str(v))


def dec_lit(text):
    d = Decimal(text)
    s = max(0, -d.as_tuple().exponent)
    digits = len(d.as_tuple().digits)
    p = max(digits, s, 1)
    return Lit(d, DEC(p, s), text)


def dbl_lit(v):
    assert v >= 0
    m = repr(v)
    if "e" in m:
        mant, ex = m.split("e")
        text = mant + "E" + str(int(ex))
    else:
        text = m + "E0"
    return Lit(v, DBL, text)


def str_lit(s):
    return Lit(s, CH(len(s)), "'" + s.replace("'", "''") + "'")


def null_lit(t):
    return Lit(None, t, "CAST(NULL AS %s)" % sql_type(t))


def bool_lit(b):
    return Lit(b, BOOL, "TRUE" if b else "FALSE")


class Col(Node):
    def __init__(self, name, t, ref, json_number=False):
        self.name, self.typ, self.ref = name, t, ref
        self.kids = []
        # a column of a discovered stream (eddy -e): its integers are JSON numbers
        self.json_number = json_number

    def sql(self):
        return self.ref

    def ev(self, env):
        return env[self.name]


def json_mean(fn, arg):
    """AVG of a discovered stream's integer column is a DOUBLE mean (issue 14: a
    discovered column of JSON numbers averages as numbers); a declared one keeps
    the integer mean."""
    return fn == "AVG" and isinstance(arg, Col) and arg.json_number and is_int(arg.typ)


class SRowtime(Node):
    """s.ROWTIME selected as a value."""

    def __init__(self, ref):
        self.ref = ref
        self.typ = TS
        self.kids = []

    def sql(self):
        return self.ref

    def ev(self, env):
        return env["__rt"]


class Neg(Node):
    def __init__(self, e):
        self.kids = [e]
        self.typ = e.typ

    def sql(self):
        return "-(%s)" % self.kids[0].sql()

    def ev(self, env):
        v = self.kids[0].ev(env)
        if v is None:
            return None
        if is_int(self.typ):
            return check_int(-v, self.typ)
        if self.typ == DBL:
            return -v
        return check_dec(-v, self.typ)


class Arith(Node):
    def __init__(self, op, l, r):
        self.op = op
        self.kids = [l, r]
        self.typ = arith_type(op, l.typ, r.typ)
        if (op == "*" and self.typ[0] == "DECIMAL" and WORKAROUNDS["dec_mul_scale"] and CTX.new_mode
                and dec_of(l.typ)[0] + dec_of(r.typ)[0] > MAXP and dec_of(l.typ)[1] + dec_of(r.typ)[1] > 6):
            # eddy: the scale of such a product gives way to its integer digits (not below 6)
            raise TypeGap("decimal product past 18 digits with more than 6 decimals")
        if op == "/" and self.typ[0] == "DECIMAL" and WORKAROUNDS["dec_div_scale"]:
            p1, s1 = dec_of(l.typ)
            p2, s2 = dec_of(r.typ)
            if p1 - s1 + s2 > MAXP - 6:
                # known eddy bug: the scale of such a quotient drops below 6 (to 0)
                raise TypeGap("decimal division with more than 12 integer digits")

    def sql(self):
        return "(%s %s %s)" % (self.kids[0].sql(), self.op, self.kids[1].sql())

    def ev(self, env):
        a = self.kids[0].ev(env)
        b = self.kids[1].ev(env)
        return arith(self.op, self.kids[0].typ, self.kids[1].typ, a, b, self.typ)


class Concat(Node):
    def __init__(self, l, r):
        self.kids = [l, r]
        n1, n2 = l.typ[1], r.typ[1]
        self.typ = VC(None if n1 is None or n2 is None else n1 + n2)

    def sql(self):
        return "(%s || %s)" % (self.kids[0].sql(), self.kids[1].sql())

    def ev(self, env):
        a = self.kids[0].ev(env)
        b = self.kids[1].ev(env)
        if a is None or b is None:
            return None
        return a + b


class Cmp(Node):
    def __init__(self, op, l, r):
        self.op = op
        self.kids = [l, r]
        self.typ = BOOL
        if not ((is_num(l.typ) and is_num(r.typ)) or (is_str(l.typ) and is_str(r.typ))
                or (l.typ == r.typ)):
            raise TypeGap("cmp")

    def sql(self):
        return "(%s %s %s)" % (self.kids[0].sql(), self.op, self.kids[1].sql())

    def ev(self, env):
        a = self.kids[0].ev(env)
        b = self.kids[1].ev(env)
        lt, rt = self.kids[0].typ, self.kids[1].typ
        if (WORKAROUNDS["bigint_dec_compare"] and is_num(lt) and is_num(rt) and DBL not in (lt, rt)
                and "DECIMAL" in (lt[0], rt[0])):
            smax = max(dec_of(lt)[1], dec_of(rt)[1])
            if any(v is not None and abs(v) >= 10 ** (MAXP - smax) for v in (a, b)):
                raise Ambiguous("known eddy bug: exact comparison converts to a common DECIMAL and overflows")
        if a is None or b is None:
            return None
        c = compare(self.kids[0].typ, self.kids[1].typ, a, b, False)
        return {"=": c == 0, "<>": c != 0, "<": c < 0, "<=": c <= 0, ">": c > 0, ">=": c >= 0}[self.op]


class EvalCtx:
    strict = False
    new_mode = False  # generating a case of the modes tjoin, sjoin, rel


CTX = EvalCtx()


class And(Node):
    def __init__(self, l, r):
        self.kids = [l, r]
        self.typ = BOOL

    def sql(self):
        return "(%s AND %s)" % (self.kids[0].sql(), self.kids[1].sql())

    def ev(self, env):
        a = self.kids[0].ev(env)
        if a is False and not CTX.strict:
            return False
        b = self.kids[1].ev(env)
        if a is False or b is False:
            return False
        if a is None or b is None:
            return None
        return True


class Or(Node):
    def __init__(self, l, r):
        self.kids = [l, r]
        self.typ = BOOL

    def sql(self):
        return "(%s OR %s)" % (self.kids[0].sql(), self.kids[1].sql())

    def ev(self, env):
        a = self.kids[0].ev(env)
        if a is True and not CTX.strict:
            return True
        b = self.kids[1].ev(env)
        if a is True or b is True:
            return True
        if a is None or b is None:
            return None
        return False


class Not(Node):
    def __init__(self, e):
        self.kids = [e]
        self.typ = BOOL

    def sql(self):
        return "(NOT %s)" % self.kids[0].sql()

    def ev(self, env):
        a = self.kids[0].ev(env)
        return None if a is None else (not a)


class IsNull(Node):
    def __init__(self, e, neg):
        self.kids = [e]
        self.neg = neg
        self.typ = BOOL

    def sql(self):
        return "(%s IS %sNULL)" % (self.kids[0].sql(), "NOT " if self.neg else "")

    def ev(self, env):
        v = self.kids[0].ev(env)
        return (v is not None) if self.neg else (v is None)


class Case(Node):
    def __init__(self, whens, els):
        # kids: c1, v1, c2, v2, ..., [else]
        self.nwhen = len(whens)
        self.kids = []
        for c, v in whens:
            self.kids += [c, v]
        self.has_else = els is not None
        if els is not None:
            self.kids.append(els)
        vals = [self.kids[2 * i + 1] for i in range(self.nwhen)] + ([els] if els is not None else [])
        self.typ = unify([v.typ for v in vals])

    def sql(self):
        out = "CASE"
        for i in range(self.nwhen):
            out += " WHEN %s THEN %s" % (self.kids[2 * i].sql(), self.kids[2 * i + 1].sql())
        if self.has_else:
            out += " ELSE %s" % self.kids[-1].sql()
        return "(" + out + " END)"

    def ev(self, env):
        for i in range(self.nwhen):
            c = self.kids[2 * i].ev(env)
            if c is True:
                v = self.kids[2 * i + 1]
                return cast_value(v.ev(env), v.typ, self.typ)
        if self.has_else:
            v = self.kids[-1]
            return cast_value(v.ev(env), v.typ, self.typ)
        return None


class Coalesce(Node):
    def __init__(self, args):
        self.kids = list(args)
        self.typ = unify([a.typ for a in args])

    def sql(self):
        return "COALESCE(%s)" % ", ".join(a.sql() for a in self.kids)

    def ev(self, env):
        for a in self.kids:
            v = a.ev(env)
            if v is not None:
                return cast_value(v, a.typ, self.typ)
        return None


class Nullif(Node):
    def __init__(self, a, b):
        self.kids = [a, b]
        self.typ = a.typ
        Cmp("=", a, b)
        if WORKAROUNDS["nullif_type"] and is_num(a.typ) and unify([a.typ, b.typ]) != a.typ:
            # eddy types NULLIF(a, b) as the union of both (SQL: type of a); reported
            raise TypeGap("nullif of different numeric types")

    def sql(self):
        return "NULLIF(%s, %s)" % (self.kids[0].sql(), self.kids[1].sql())

    def ev(self, env):
        a = self.kids[0].ev(env)
        b = self.kids[1].ev(env)
        if a is None or b is None:
            return a
        if compare(self.kids[0].typ, self.kids[1].typ, a, b, False) == 0:
            return None
        return a


class Cast(Node):
    def __init__(self, e, t):
        self.kids = [e]
        self.typ = t
        ft = e.typ
        ok = (is_num(ft) and (is_num(t) or is_str(t))) or (is_str(ft)) or (ft == BOOL and is_str(t))
        if not ok:
            raise TypeGap("cast")

    def sql(self):
        return "CAST(%s AS %s)" % (self.kids[0].sql(), sql_type(self.typ))

    def ev(self, env):
        return cast_value(self.kids[0].ev(env), self.kids[0].typ, self.typ)


class Func(Node):
    """UPPER LOWER CHAR_LENGTH ABS FLOOR CEIL MOD POSITION"""

    def __init__(self, name, args):
        self.name = name
        self.kids = list(args)
        a = args[0].typ
        if name in ("UPPER", "LOWER"):
            self.typ = VC(a[1])
        elif name == "CHAR_LENGTH":
            self.typ = INT
        elif name == "ABS":
            self.typ = a
        elif name in ("FLOOR", "CEIL"):
            self.typ = a if a[0] != "DECIMAL" else DEC(min(MAXP, a[1] - a[2] + 1), 0)
        elif name == "MOD":
            if not (is_int(args[0].typ) and is_int(args[1].typ)):
                raise TypeGap("mod")
            self.typ = args[1].typ  # GAP mod_type: type of the divisor (as in SQL:2008)
        elif name == "POSITION":
            self.typ = INT
        else:
            raise ValueError(name)

    def sql(self):
        if self.name == "POSITION":
            b = self.kids[1].sql()
            if WORKAROUNDS["position_in_cast"] and b.startswith("CAST("):
                b = "(" + b + ")"  # eddy bug: POSITION(x IN CAST(...)) is a syntax error
            return "POSITION(%s IN %s)" % (self.kids[0].sql(), b)
        return "%s(%s)" % (self.name, ", ".join(k.sql() for k in self.kids))

    def ev(self, env):
        vals = [k.ev(env) for k in self.kids]
        if (self.name == "MOD" and WORKAROUNDS["mod_null"] and vals[0] is None
                and eddy_notnull(self.kids[1])):
            raise Ambiguous("known eddy bug: MOD(NULL, not-null divisor) goes to the error stream")
        if any(v is None for v in vals):
            return None
        v = vals[0]
        n = self.name
        if n == "UPPER":
            return v.upper()
        if n == "LOWER":
            return v.lower()
        if n == "CHAR_LENGTH":
            return len(v)
        if n == "ABS":
            if self.typ == INT and v == INT_MIN and WORKAROUNDS["abs_int_min"]:
                raise Ambiguous("known eddy bug: ABS(-2147483648) gives 2147483648 as INTEGER")
            if is_int(self.typ):
                return check_int(abs(v), self.typ)
            if self.typ == DBL:
                return abs(v)
            return check_dec(abs(v), self.typ)
        if n in ("FLOOR", "CEIL"):
            if is_int(self.typ):
                return v
            if self.typ == DBL:
                r = float(math.floor(v) if n == "FLOOR" else math.ceil(v)) if math.isfinite(v) else v
                if r == 0 and (v < 0 or math.copysign(1.0, v) < 0):
                    r = -0.0  # floor(-0.0) = -0.0, ceil(-0.5) = -0.0 (IEEE)
                return r
            r = v.to_integral_value(rounding=ROUND_FLOOR if n == "FLOOR" else ROUND_CEILING)
            return check_dec(r.quantize(dec_q(0)), self.typ)
        if n == "MOD":
            m, d = vals
            if d == 0:
                raise SqlErr("DIVISION_BY_ZERO")
            r = abs(m) % abs(d)
            return r if m >= 0 else -r
        if n == "POSITION":
            sub, s = vals
            return s.find(sub) + 1
        raise ValueError(n)


def eddy_notnull(n):
    """Does eddy (apparently) type this expression NOT NULL?  MOD takes the
    nullability of its divisor (known eddy bug)."""
    if isinstance(n, Lit):
        return n.v is not None
    if isinstance(n, (Col, Agg, WinAgg)):
        return False
    if isinstance(n, Func) and n.name == "MOD":
        return eddy_notnull(n.kids[1])
    return bool(n.kids) and all(eddy_notnull(k) for k in n.kids)


class Substring(Node):
    def __init__(self, s, p, n):
        self.kids = [s, p] + ([n] if n is not None else [])
        self.typ = VC(s.typ[1])

    def sql(self):
        if len(self.kids) == 3:
            return "SUBSTRING(%s FROM %s FOR %s)" % tuple(k.sql() for k in self.kids)
        return "SUBSTRING(%s FROM %s)" % (self.kids[0].sql(), self.kids[1].sql())

    def ev(self, env):
        vals = [k.ev(env) for k in self.kids]
        if any(v is None for v in vals):
            return None
        s, p = vals[0], vals[1]
        if len(vals) == 3:
            n = vals[2]
            if n < 0:
                raise SqlErr("SUBSTRING")  # SQL: negative length is an error
            e = p + n
        else:
            e = max(p, len(s) + 1)
        lo = max(p, 1)
        hi = min(e, len(s) + 1)
        if hi <= lo:
            return ""
        return s[lo - 1: hi - 1]


class Trim(Node):
    def __init__(self, spec, ch, s):
        self.spec = spec
        self.kids = [s] + ([ch] if ch is not None else [])
        self.typ = VC(s.typ[1])

    def sql(self):
        parts = []
        if self.spec:
            parts.append(self.spec)
        if len(self.kids) == 2:
            parts.append(self.kids[1].sql())
        if parts:
            return "TRIM(%s FROM %s)" % (" ".join(parts), self.kids[0].sql())
        return "TRIM(%s)" % self.kids[0].sql()

    def ev(self, env):
        s = self.kids[0].ev(env)
        c = self.kids[1].ev(env) if len(self.kids) == 2 else " "
        if s is None or c is None:
            return None
        if len(c) != 1:
            raise SqlErr("TRIM")
        spec = self.spec or "BOTH"
        if spec in ("BOTH", "LEADING"):
            s = s.lstrip(c)
        if spec in ("BOTH", "TRAILING"):
            s = s.rstrip(c)
        return s


# ------------------------------------------------ aggregates / windows
def agg_type(fn, t):
    if fn == "COUNT":
        return BIG
    if fn == "SUM":
        if is_int(t):
            return BIG
        if t == DBL:
            return DBL
        return DEC(MAXP, t[2])
    if fn == "AVG":
        return t
    return t


class Agg(Node):
    """Group aggregate (tumbling / stagger). arg None = COUNT(*)."""

    def __init__(self, fn, arg, distinct=False):
        self.fn = fn
        self.kids = [arg] if arg is not None else []
        self.distinct = distinct
        self.typ = agg_type(fn, arg.typ if arg is not None else None)
        self.json_mean = json_mean(fn, arg)
        if self.json_mean:
            self.typ = DBL

    @property
    def arg(self):
        return self.kids[0] if self.kids else None

    def sql(self):
        if not self.kids:
            return "COUNT(*)"
        return "%s(%s%s)" % (self.fn, "DISTINCT " if self.distinct else "", self.kids[0].sql())

    def ev(self, env):
        return env["__agg"][id(self)]

    def walk(self):
        yield self  # do not descend: arguments are evaluated per row


def sum_values(vals, t):
    """sum of non-null values with result type agg_type('SUM', t)."""
    rt = agg_type("SUM", t)
    if is_int(t):
        s = 0
        for v in vals:
            s += v
            if not (BIG_MIN <= s <= BIG_MAX):
                # spec silent on (intermediate) overflow of SUM/AVG; eddy also has a
                # bug here (the row goes to the error stream and is still counted)
                raise Ambiguous("BIGINT SUM overflow (spec silent)")
        return s
    if t == DBL:
        s = 0.0
        for v in vals:
            s += v
        if math.isinf(s) or math.isnan(s):
            raise Ambiguous("DOUBLE SUM overflow")
        return s
    s = sum(vals, Decimal(0))
    try:
        return check_dec(s, rt)
    except SqlErr:
        raise Ambiguous("DECIMAL SUM overflow")


def compute_agg(fn, t, vals, distinct=False, json_mean=False):
    """vals: list of argument values (None allowed) - or row count for COUNT(*)."""
    if fn == "COUNT*":
        return vals
    nn = [v for v in vals if v is not None]
    if distinct:
        seen = []
        for v in nn:
            if is_str(t) and any(w != v and w.rstrip(" ") == v.rstrip(" ") for w in seen):
                raise Ambiguous("DISTINCT with trailing blanks")
            if not any(_eq_for_distinct(v, w, t) for w in seen):
                seen.append(v)
        nn = seen
    if fn == "COUNT":
        return len(nn)
    if not nn:
        return None
    if fn == "SUM":
        return sum_values(nn, t)
    if fn == "AVG":
        s = sum_values(nn, t)
        if is_int(t) and json_mean:
            return s / len(nn)
        if is_int(t):
            q = abs(s) // len(nn)
            return q if s >= 0 else -q
        if t == DBL:
            return s / len(nn)
        return frac_to_dec(Fraction(s) / len(nn), t[2], how="trunc")  # GAP dec_avg
    if fn in ("MIN", "MAX"):
        best = nn[0]
        for v in nn[1:]:
            c = compare(t, t, v, best, False)
            if (fn == "MIN" and c < 0) or (fn == "MAX" and c > 0):
                best = v
        ties = [v for v in nn if compare(t, t, v, best, False) == 0]
        if any(not _identical(v, best) for v in ties):
            raise Ambiguous("MIN/MAX among equal but distinct values")
        return best
    raise ValueError(fn)


def _identical(a, b):
    if isinstance(a, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, Decimal):
        return a == b
    return a == b


def _eq_for_distinct(a, b, t):
    return compare(t, t, a, b, False) == 0


class WinSpec:
    def __init__(self, name, part, kind, n, unit="SECOND"):
        self.name = name  # None = inline
        self.part = part  # list of Col
        self.kind = kind  # 'RANGE' / 'ROWS' / 'RANGE_CUR' / 'ROWS_CUR'
        self.n = n
        self.unit = unit

    def body(self):
        out = []
        if self.part:
            out.append("PARTITION BY " + ", ".join(c.sql() for c in self.part))
        if self.kind == "RANGE":
            out.append("RANGE INTERVAL '%d' %s PRECEDING" % (self.n, self.unit))
        elif self.kind == "ROWS":
            out.append("ROWS %d PRECEDING" % self.n)
        elif self.kind == "RANGE_CUR":
            out.append("RANGE CURRENT ROW")
        else:
            out.append("ROWS CURRENT ROW")
        return " ".join(out)

    def range_ms(self):
        return self.n * {"SECOND": 1000, "MINUTE": 60000}[self.unit]


class WinAgg(Node):
    def __init__(self, fn, arg, win, nulls=None, lag_n=None, lag_def=None):
        self.fn = fn
        self.kids = [arg] if arg is not None else []
        self.win = win
        self.nulls = nulls  # None / 'IGNORE NULLS' / 'RESPECT NULLS'
        self.lag_n = lag_n
        self.lag_def = lag_def  # Lit or None
        if fn in ("FIRST_VALUE", "LAST_VALUE", "LAG"):
            self.typ = arg.typ
        else:
            self.typ = agg_type(fn, arg.typ if arg is not None else None)
        self.json_mean = json_mean(fn, arg)
        if self.json_mean:
            self.typ = DBL

    @property
    def arg(self):
        return self.kids[0] if self.kids else None

    def sql(self):
        over = "OVER %s" % self.win.name if self.win.name else "OVER (%s)" % self.win.body()
        if not self.kids:
            core = "COUNT(*)"
        elif self.fn == "LAG":
            args = [self.kids[0].sql()]
            if self.lag_n is not None:
                args.append(str(self.lag_n))
                if self.lag_def is not None:
                    args.append(self.lag_def.sql())
            core = "LAG(%s)" % ", ".join(args)
        else:
            core = "%s(%s)" % (self.fn, self.kids[0].sql())
        if self.nulls:
            core += " " + self.nulls
        return core + " " + over

    def ev(self, env):
        return env["__win"][id(self)]

    def walk(self):
        yield self

    def compute(self, frame):
        """frame: list of stored arg values, oldest first, current last."""
        fn = self.fn
        if not self.kids:
            return len(frame)
        t = self.kids[0].typ
        ign = self.nulls == "IGNORE NULLS"
        if fn == "FIRST_VALUE":
            if ign:
                nn = [v for v in frame if v is not None]
                return nn[0] if nn else None
            return frame[0]
        if fn == "LAST_VALUE":
            if ign:
                nn = [v for v in frame if v is not None]
                return nn[-1] if nn else None
            return frame[-1]
        if fn == "LAG":
            n = self.lag_n if self.lag_n is not None else 1
            dflt = self.lag_def.v if self.lag_def is not None else None
            if dflt is not None:
                dflt = cast_value(dflt, self.lag_def.typ, t)
            prev = frame[:-1]
            if ign:
                prev = [v for v in prev if v is not None]
            if n == 0:
                return frame[-1]
            if len(prev) >= n:
                return prev[-n]
            return dflt
        return compute_agg(fn, t, frame, json_mean=self.json_mean)


class TimeKey(Node):
    """STEP(s.ROWTIME BY INTERVAL 'n' unit) or FLOOR(s.ROWTIME TO unit)."""

    def __init__(self, kind, n, unit, ref):
        self.kind, self.n, self.unit, self.ref = kind, n, unit, ref
        self.typ = TS
        self.kids = []

    def size(self):
        u = {"SECOND": 1000, "MINUTE": 60000, "HOUR": 3600000}[self.unit]
        return u * (self.n if self.kind == "STEP" else 1)

    def sql(self):
        if self.kind == "STEP":
            return "STEP(%s BY INTERVAL '%d' %s)" % (self.ref, self.n, self.unit)
        return "FLOOR(%s TO %s)" % (self.ref, self.unit)

    def start(self, rt):
        sz = self.size()
        return rt - rt % sz

    def ev(self, env):
        return env["__wstart"]


# ---------------------------------------------------------------- data
SCHEMA_APP = [("K", VC(8)), ("A", INT), ("B", BIG), ("X", DBL), ("D", DEC(10, 2)),
              ("S", VC(16)), ("F", BOOL)]
SCHEMA_E = [("k", VC(None)), ("a", BIG), ("b", BIG), ("x", DBL), ("d", DBL),
            ("s", VC(None)), ("f", BOOL)]

STR_POOL = ["", "a", "abc", "ABC", "Hello", "hello world", " pad", "pad ", "12", "-7", "42",
            "x'y", "\u00e9t\u00e9", "na\u00efve", "a,b", "MiXeD", "aaa", "ba", "b", "A", "zz",
            "aXbXc", "  two  ", "0", "a\"q", "back\\slash", "1.5", "tab\tx"]
KEY_POOL = ["a", "b", "c", "A", "key1", "longkey123", "", "k k"]
ALPHA = "abcABC xyz019-_.\u00e9"


def rand_str(r, maxlen=20):
    if r.random() < 0.7:
        return r.choice(STR_POOL)
    n = r.randint(0, maxlen)
    return "".join(r.choice(ALPHA) for _ in range(n))


def rand_x(r):
    c = r.random()
    if c < 0.35:
        return r.randint(-40, 40) / 4.0
    if c < 0.5:
        return float(r.randint(-5, 5))
    if c < 0.6:
        return r.choice([0.1, 0.2, 0.3, -0.1, 1.1, 2.675, 1e-5, 123456789.5, 1e15, -2.5e-4, 1e7, 9999999.0, 0.001])
    if c < 0.65:
        return r.choice([1e300, -1e300, 5e-324, 1.7976931348623157e308])
    if c < 0.68:
        return -0.0
    return round(r.uniform(-1000, 1000), r.randint(0, 6))


def rand_d(r):
    c = r.random()
    if c < 0.5:
        return Decimal(r.randint(-2000, 2000)).scaleb(-2)
    if c < 0.7:
        return Decimal(r.randint(-20, 20))
    if c < 0.8:
        return Decimal(r.choice(["99999999.99", "-99999999.99", "0.01", "-0.01", "0.5", "12345678.9"]))
    return Decimal(r.randint(-10 ** 8, 10 ** 8)).scaleb(-2)


def num_tok(text):
    return ("num", text)


def dec_text(r, v):
    t = format(v, "f")
    if "." in t and r.random() < 0.3:
        t = t.rstrip("0").rstrip(".") if r.random() < 0.5 else t
    return t


def rand_record_values(r, emode, safe_inputs):
    """Return dict column-name(lower) -> token."""
    rec = {}

    def maybe_null(p=0.12):
        return r.random() < p

    # k
    if maybe_null(0.08):
        rec["k"] = ("null",)
    else:
        rec["k"] = ("str", r.choice(KEY_POOL) if not emode else r.choice(["a", "b", "c", "A"]))
    # a
    if maybe_null():
        rec["a"] = ("null",)
    else:
        c = r.random()
        if c < 0.75 or emode:
            rec["a"] = num_tok(str(r.randint(-100, 100)))
        elif c < 0.82:
            rec["a"] = num_tok(str(r.choice([0, 1, -1, INT_MAX, INT_MIN, 46341, -46341, 65536])))
        elif safe_inputs:
            rec["a"] = num_tok(str(r.randint(-5, 5)))
        elif c < 0.85:
            rec["a"] = num_tok(str(r.choice([INT_MAX + 1, INT_MIN - 1, 10 ** 12])))
        elif c < 0.88:
            rec["a"] = num_tok(r.choice(["1.5", "7.0", "1e2", "-0.5"]))
        elif c < 0.92:
            rec["a"] = ("str", r.choice(["12", "-3", "abc", ""]))
        else:
            rec["a"] = ("bool", r.random() < 0.5)
    # b
    if maybe_null():
        rec["b"] = ("null",)
    else:
        c = r.random()
        if c < 0.8 or emode:
            rec["b"] = num_tok(str(r.randint(-10 ** 6, 10 ** 6)))
        elif c < 0.9:
            rec["b"] = num_tok(str(r.choice([BIG_MAX, BIG_MIN, 2 ** 53 + 1, -(2 ** 40), 3037000500])))
        elif safe_inputs:
            rec["b"] = num_tok(str(r.randint(0, 9)))
        else:
            rec["b"] = num_tok(str(r.choice([BIG_MAX + 1, 10 ** 20])))
    # x
    if maybe_null():
        rec["x"] = ("null",)
    else:
        v = rand_x(r)
        if emode:
            v = r.randint(-40, 40) / 4.0
        c = r.random()
        if c < 0.05 and not safe_inputs and not emode:
            rec["x"] = ("str", r.choice(["2.5", "abc", "-1e3"]))
        elif v == int(v) and abs(v) < 1e15 and r.random() < 0.5 and not (v == 0 and math.copysign(1, v) < 0):
            rec["x"] = num_tok(str(int(v)))
        else:
            rec["x"] = num_tok(repr(v))
    # d
    if maybe_null():
        rec["d"] = ("null",)
    else:
        v = rand_d(r)
        c = r.random()
        if emode:
            rec["d"] = num_tok(repr(r.randint(-400, 400) / 4.0))
        elif c < 0.05 and not safe_inputs:
            rec["d"] = num_tok(r.choice(["1.234", "123456789.5", "1.250", "1e2", "-0.001"]))
        else:
            rec["d"] = num_tok(dec_text(r, v))
    # s
    if maybe_null():
        rec["s"] = ("null",)
    else:
        c = r.random()
        if emode:
            rec["s"] = ("str", r.choice(["a", "abc", "Hello", "MiXeD", "12", "aXbXc", "zz"]))
        elif c < 0.9 or safe_inputs:
            rec["s"] = ("str", rand_str(r))
        elif c < 0.95:
            rec["s"] = num_tok(str(r.randint(-99, 999)))
        else:
            rec["s"] = ("bool", r.random() < 0.5)
    # f
    if maybe_null():
        rec["f"] = ("null",)
    else:
        c = r.random()
        if c < 0.85 or emode or safe_inputs:
            rec["f"] = ("bool", r.random() < 0.5)
        elif c < 0.92:
            rec["f"] = num_tok(r.choice(["0", "1", "2", "-1", "0.0"]))
        else:
            rec["f"] = ("str", r.choice(["true", "TRUE", "false", "yes", "True"]))
    # drop some keys (missing key = NULL)
    for key in list(rec):
        if r.random() < 0.03:
            del rec[key]
    return rec


def tok_json(tok):
    if tok[0] == "null":
        return "null"
    if tok[0] == "num":
        return tok[1]
    if tok[0] == "bool":
        return "true" if tok[1] else "false"
    return json.dumps(tok[1], ensure_ascii=random.random() < 0.5)


def coerce(tok, t):
    """JSON token -> SQL value (DIALECT section 8).  Raises SqlErr('CONVERSION')."""
    kind = tok[0]
    if kind == "null":
        return None
    if is_int(t) or t[0] == "DECIMAL":
        if kind == "bool":
            v = Decimal(1 if tok[1] else 0)
        elif kind == "num":
            v = Decimal(tok[1])
        else:
            txt = tok[1]
            if not re.fullmatch(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?", txt):
                raise SqlErr("CONVERSION")
            v = Decimal(txt)
        if is_int(t):
            if v != v.to_integral_value():
                raise SqlErr("CONVERSION")
            iv = int(v)
            lo, hi = (INT_MIN, INT_MAX) if t == INT else (BIG_MIN, BIG_MAX)
            if not lo <= iv <= hi:
                raise SqlErr("CONVERSION")
            return iv
        q = v.quantize(dec_q(t[2]))
        if q != v:
            raise SqlErr("CONVERSION")
        if abs(q) >= Decimal(10) ** (t[1] - t[2]):
            raise SqlErr("CONVERSION")
        return q if q != 0 else abs(q)
    if t == DBL:
        if kind == "bool":
            return 1.0 if tok[1] else 0.0
        txt = tok[1]
        if kind == "str" and not re.fullmatch(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?", txt):
            raise SqlErr("CONVERSION")
        v = float(txt)
        if math.isinf(v):
            raise SqlErr("CONVERSION")
        return v
    if t == BOOL:
        if kind == "bool":
            return tok[1]
        if kind == "num":
            return Decimal(tok[1]) != 0
        return tok[1].lower() == "true"
    if is_str(t):
        if kind == "str":
            v = tok[1]
        elif kind == "num":
            v = tok[1]
        else:
            v = "true" if tok[1] else "false"
        return v if t[1] is None else v[: t[1]]
    raise ValueError(t)


class Record:
    def __init__(self, line, text, rt, fields, late=False, malformed=False):
        self.line, self.text, self.rt, self.fields = line, text, rt, fields
        self.late, self.malformed = late, malformed


def gen_records(r, emode, safe_inputs, n, allow_late=True, base0=None):
    base = 1710000000000 + r.randint(0, 10 ** 9)
    if base0 is not None:
        base = base0
    if r.random() < 0.3 and base0 is None:
        base -= base % 60000  # start on a minute
    t = base
    recs = []
    last = None
    for i in range(n):
        c = r.random()
        if i == 0:
            pass
        elif c < 0.25:
            pass  # tie
        elif c < 0.5:
            t += r.randint(1, 999)
        elif c < 0.6:
            t += 500 * r.randint(1, 4)  # lands on window boundaries more often
        elif c < 0.85:
            t += 1000 * r.randint(1, 5) + (r.choice([0, 0, r.randint(0, 999)]))
        elif c < 0.95:
            t += r.randint(5000, 20000)
        else:
            t += r.randint(30000, 130000)
        rt = t
        late = False
        if not emode and last is not None and r.random() < 0.04 and not safe_inputs and allow_late:
            rt = last - r.randint(1, 5000)
            late = True
        vals = rand_record_values(r, emode, safe_inputs and not emode)
        if emode and i == 0:
            # discovery sample: all present, typed unambiguously
            vals = {"k": ("str", "a"), "a": num_tok("1"), "b": num_tok("2"), "x": num_tok("0.5"),
                    "d": num_tok("1.25"), "s": ("str", "abc"), "f": ("bool", True)}
        parts = []
        rtfmt = r.random()
        if rtfmt < 0.5:
            rts = json.dumps(fmt_ts(rt))
        elif rtfmt < 0.65:
            rts = json.dumps(fmt_ts(rt).replace(" ", "T"))
        elif rtfmt < 0.75:
            rts = str(rt)
        elif rtfmt < 0.85:
            rts = json.dumps(fmt_ts(rt) + str(r.randint(0, 9)))  # sub-ms digits are dropped
        else:
            s = fmt_ts(rt)
            if rt % 1000 == 0:
                s = s[:-4]
            rts = json.dumps(s)
        parts.append('"ROWTIME":' + rts)
        keys = list(vals)
        r.shuffle(keys)
        for kname in keys:
            kk = kname.upper() if (not emode and r.random() < 0.1) else kname
            parts.append(json.dumps(kk) + ":" + tok_json(vals[kname]))
        if r.random() < 0.05:
            parts.append('"zz_extra":1')
        text = "{" + ",".join(parts) + "}"
        malformed = False
        if not emode and i > 0 and not safe_inputs and r.random() < 0.02:
            text = text[:-1]
            malformed = True
        if not late and not malformed:
            last = rt
        recs.append(Record(i + 1, text, rt, vals, late, malformed))
    return recs


def load_rows(recs, schema):
    """Reference input stage: returns (rows, errors). rows = list of (rec, env)."""
    rows, errs = [], []
    last = None
    last_any = None
    for rec in recs:
        if rec.malformed:
            errs.append(("input", rec.line))
            continue
        if last is not None and rec.rt < last:
            errs.append(("input", rec.line))
            continue
        # a record earlier than a record that failed conversion is not late: the
        # rejected record never entered the stream ("the stream's last one").
        last_any = rec.rt if last_any is None else max(last_any, rec.rt)
        env = {"__rt": rec.rt}
        try:
            for (name, t) in schema:
                tok = rec.fields.get(name.lower(), ("null",))
                env[name] = coerce(tok, t)
        except SqlErr:
            errs.append(("input", rec.line))
            continue
        last = rec.rt
        rows.append((rec, env))
    return rows, errs


# ------------------------------------------------------------ generator
class Gen:
    def __init__(self, r, schema, alias, emode, allow_err=True):
        self.r = r
        self.schema = dict(schema)
        self.alias = alias
        self.emode = emode
        self.allow_err = allow_err
        self.features = set()

    def col(self, name):
        for n, t in self.schema.items():
            if n.upper() == name.upper():
                ident = ('"%s"' % n) if self.emode else n.lower()
                ref = (self.alias + "." + ident) if self.alias else ident
                return Col(n, t, ref, json_number=self.emode)
        raise KeyError(name)

    def rowtime_ref(self):
        return (self.alias + ".ROWTIME") if self.alias else '"SOURCE_SQL_STREAM_001".ROWTIME'

    # numeric
    def num(self, depth, want=None):
        r = self.r
        c = r.random()
        if depth <= 0 or c < 0.3:
            return self.num_leaf(want)
        choice = r.choice(["arith", "arith", "arith", "neg", "abs", "mod", "floor", "cast", "len",
                           "pos", "case", "coalesce", "nullif"])
        self.features.add(choice)
        if choice == "arith":
            op = r.choice("+-*/")
            if op == "/" and not self.allow_err:
                return Arith(op, self.num(depth - 1), self.nonzero_lit())
            return Arith(op, self.num(depth - 1), self.num(depth - 1))
        if choice == "neg":
            return Neg(self.num(depth - 1))
        if choice == "abs":
            return Func("ABS", [self.num(depth - 1)])
        if choice == "mod":
            d = self.intexpr(depth - 1) if self.allow_err else self.nonzero_lit(int_only=True)
            return Func("MOD", [self.intexpr(depth - 1), d])
        if choice == "floor":
            return Func(r.choice(["FLOOR", "CEIL"]), [self.num(depth - 1)])
        if choice == "cast":
            t = r.choice([INT, BIG, DBL, DEC(r.randint(4, 18), r.randint(0, 4)), DEC(10, 2), DEC(18, 4)])
            if t[0] == "DECIMAL" and t[2] > t[1]:
                t = DEC(t[1], t[1])
            if r.random() < 0.25 and self.allow_err:
                return Cast(self.strexpr(depth - 1), t)
            return Cast(self.num(depth - 1), t)
        if choice == "len":
            return Func("CHAR_LENGTH", [self.strexpr(depth - 1)])
        if choice == "pos":
            return Func("POSITION", [self.strexpr(depth - 1), self.strexpr(depth - 1)])
        if choice == "case":
            whens = [(self.boolexpr(depth - 1), self.num(depth - 1)) for _ in range(r.randint(1, 2))]
            els = self.num(depth - 1) if r.random() < 0.7 else None
            return Case(whens, els)
        if choice == "coalesce":
            return Coalesce([self.num(depth - 1) for _ in range(r.randint(2, 3))])
        return Nullif(self.num(depth - 1), self.num(depth - 1))

    def nonzero_lit(self, int_only=False):
        r = self.r
        if int_only or r.random() < 0.5:
            return int_lit(r.randint(1, 9))
        return r.choice([dec_lit("2.5"), dbl_lit(4.0), dec_lit("0.3")])

    def num_leaf(self, want=None):
        r = self.r
        c = r.random()
        if c < 0.6:
            return self.col(r.choice(["a", "b", "x", "d", "a", "d"]))
        if c < 0.75:
            return int_lit(r.choice([0, 1, 2, 3, 7, 10, 100, 2147483647, 3000000000]))
        if c < 0.85:
            return dec_lit(r.choice(["0.5", "1.25", "2.50", "0.01", "10.0", "3.333"]))
        if c < 0.95:
            return dbl_lit(r.choice([0.5, 2.0, 1e-3, 1.5e10, 0.1, 0.0]))
        return null_lit(r.choice([INT, DBL, DEC(10, 2), BIG]))

    def intexpr(self, depth):
        r = self.r
        c = r.random()
        if depth <= 0 or c < 0.5:
            if r.random() < 0.6:
                return self.col(r.choice(["a", "b"]))
            return int_lit(r.randint(0, 12))
        c = r.choice(["len", "cast", "arith"])
        if c == "len":
            return Func("CHAR_LENGTH", [self.strexpr(depth - 1)])
        if c == "cast":
            return Cast(self.num(depth - 1), r.choice([INT, BIG]))
        return Arith(r.choice("+-*"), self.intexpr(depth - 1), self.intexpr(depth - 1))

    # strings
    def strexpr(self, depth):
        r = self.r
        if depth <= 0 or r.random() < 0.35:
            return self.str_leaf()
        choice = r.choice(["upper", "lower", "substr", "trim", "concat", "castnum", "castbool",
                           "case", "coalesce", "nullif", "caststr"])
        self.features.add(choice)
        if choice == "upper":
            return Func("UPPER", [self.strexpr(depth - 1)])
        if choice == "lower":
            return Func("LOWER", [self.strexpr(depth - 1)])
        if choice == "substr":
            p = self.intexpr(depth - 1) if r.random() < 0.4 else Neg(int_lit(r.randint(0, 2))) if r.random() < 0.2 else int_lit(r.randint(0, 6))
            n = None
            if r.random() < 0.7:
                n = self.intexpr(depth - 1) if (r.random() < 0.3 and self.allow_err) else int_lit(r.randint(0, 5))
            return Substring(self.strexpr(depth - 1), p, n)
        if choice == "trim":
            spec = r.choice([None, "BOTH", "LEADING", "TRAILING"])
            ch = None
            if spec is not None or r.random() < 0.5:
                ch = str_lit(r.choice([" ", "a", "x", "-"]))  # a longer literal is refused at compile time
            if spec is None and ch is not None:
                spec = "BOTH"
            return Trim(spec, ch, self.strexpr(depth - 1))
        if choice == "concat":
            return Concat(self.strexpr(depth - 1), self.strexpr(depth - 1))
        if choice == "castnum":
            e = self.num(depth - 1)
            n = r.choice([1, 3, 5, 8, 12, 20, 30])
            if not self.allow_err:
                n = 40
            return Cast(e, VC(n))
        if choice == "castbool":
            return Cast(self.boolexpr(depth - 1), VC(r.choice([5, 8, 10])))
        if choice == "caststr":
            return Cast(self.strexpr(depth - 1), VC(r.choice([1, 2, 4, 10])))
        if choice == "case":
            whens = [(self.boolexpr(depth - 1), self.strexpr(depth - 1)) for _ in range(r.randint(1, 2))]
            els = self.strexpr(depth - 1) if r.random() < 0.7 else None
            return Case(whens, els)
        if choice == "coalesce":
            return Coalesce([self.strexpr(depth - 1) for _ in range(r.randint(2, 3))])
        return Nullif(self.strexpr(depth - 1), self.strexpr(depth - 1))

    def str_leaf(self):
        r = self.r
        c = r.random()
        if c < 0.6:
            return self.col(r.choice(["k", "s", "s"]))
        if c < 0.95:
            return str_lit(r.choice(["a", "abc", "A", "", "X y", "it''s"[:0] + "it's", "12", "b", "hello", "\u00e9"]))
        return null_lit(VC(5))

    # booleans
    def boolexpr(self, depth):
        r = self.r
        if depth <= 0 or r.random() < 0.2:
            c = r.random()
            if c < 0.5:
                return self.col("f")
            if c < 0.9:
                return self.cmp(0)
            if c < 0.97:
                return bool_lit(r.random() < 0.5)
            return null_lit(BOOL)
        choice = r.choice(["cmp", "cmp", "and", "or", "not", "isnull", "cmp"])
        self.features.add(choice)
        if choice == "cmp":
            return self.cmp(depth - 1)
        if choice == "and":
            return And(self.boolexpr(depth - 1), self.boolexpr(depth - 1))
        if choice == "or":
            return Or(self.boolexpr(depth - 1), self.boolexpr(depth - 1))
        if choice == "not":
            return Not(self.boolexpr(depth - 1))
        e = r.choice([self.num, self.strexpr, self.boolexpr])(depth - 1)
        return IsNull(e, r.random() < 0.5)

    def cmp(self, depth):
        r = self.r
        op = r.choice(["=", "<>", "<", "<=", ">", ">="])
        c = r.random()
        if c < 0.55:
            return Cmp(op, self.num(depth), self.num(depth))
        if c < 0.9:
            return Cmp(op, self.strexpr(depth), self.strexpr(depth))
        return Cmp(r.choice(["=", "<>"]), self.col("f"), self.boolexpr(depth))

    def anyexpr(self, depth):
        c = self.r.random()
        if c < 0.5:
            return self.num(depth)
        if c < 0.8:
            return self.strexpr(depth)
        return self.boolexpr(depth)


def retry(fn, tries=200):
    for _ in range(tries):
        try:
            return fn()
        except TypeGap:
            continue
    raise RuntimeError("generator could not build an expression")


# ---------------------------------------------------------------- query
class Item:
    def __init__(self, node, alias, outname):
        self.node, self.alias, self.outname = node, alias, outname
        self.tol = False  # DOUBLE SUM/AVG: compare with a tolerance

    def sql(self):
        return self.node.sql() + ((" AS " + self.alias) if self.alias else "")


class Query:
    def __init__(self, mode, emode, pump):
        self.mode, self.emode, self.pump = mode, emode, pump
        self.items = []
        self.where = None
        self.having = None
        self.alias = None
        self.group_keys = []
        self.timekey = None
        self.tk_first = False
        self.windows = []  # named windows
        self.stagger = None  # (keys, n, unit)

    def src_sql(self):
        return '"SOURCE_SQL_STREAM_001"' + (" AS " + self.alias if self.alias else "")

    def select_sql(self):
        out = "SELECT STREAM " + ", ".join(it.sql() for it in self.items) + " FROM " + self.src_sql()
        if self.where is not None:
            out += " WHERE " + self.where.sql()
        if self.mode == "tumble":
            keys = [c.sql() for c in self.group_keys]
            if self.tk_first:
                keys = [self.timekey.sql()] + keys
            else:
                keys = keys + [self.timekey.sql()]
            out += " GROUP BY " + ", ".join(keys)
        if self.mode == "stagger":
            keys, n, unit = self.stagger
            out += " WINDOWED BY STAGGER (PARTITION BY %s RANGE INTERVAL '%d' %s)" % (
                ", ".join(c.sql() for c in keys), n, unit)
        if self.having is not None:
            out += " HAVING " + self.having.sql()
        if self.windows:
            out += " WINDOW " + ", ".join("%s AS (%s)" % (w.name, w.body()) for w in self.windows)
        return out

    def app_sql(self):
        lines = ['CREATE STREAM "SOURCE_SQL_STREAM_001" (k VARCHAR(8), a INTEGER, b BIGINT, x DOUBLE, '
                 'd DECIMAL(10,2), s VARCHAR(16), f BOOLEAN);']
        if self.pump:
            cols = ", ".join("%s %s" % (it.outname.lower(), sql_type(self.dest_type(it))) for it in self.items)
            lines.append('CREATE STREAM "DESTINATION_SQL_STREAM" (%s);' % cols)
            lines.append('CREATE PUMP "P1" AS INSERT INTO "DESTINATION_SQL_STREAM" %s;' % self.select_sql())
        else:
            lines.append(self.select_sql() + ";")
        return "\n".join(lines) + "\n"

    def dest_type(self, it):
        if getattr(it, "dest", None) is not None:
            return it.dest
        t = it.node.typ
        if t[0] == "CHAR":
            return VC(max(1, t[1]))
        if t[0] == "VARCHAR" and t[1] is None:
            return VC(65535)
        if t[0] == "VARCHAR":
            return VC(max(1, t[1]))
        return t


def gen_query(r, mode, emode):
    q = gen_query1(r, mode, emode)
    if q.pump:
        for it in q.items:
            it.dest = None
            if r.random() < 0.3 and not it.tol:
                it.dest = pick_dest(r, it.node.typ)
                if it.dest is not None:
                    q.gen.features.add("insert-conv")
    return q


def gen_query1(r, mode, emode):
    q = Query(mode, emode, pump=(not emode and r.random() < 0.2))
    if mode == "proj":
        q.alias = r.choice([None, "s", "s", "t"])
    else:
        q.alias = "s"
    schema = SCHEMA_E if emode else SCHEMA_APP
    g = Gen(r, schema, q.alias, emode, allow_err=True)
    q.gen = g
    names = set()

    def add_item(node, aliased=True, tol=False):
        if not aliased and isinstance(node, Col) and node.name.upper() not in names:
            out = node.name
            it = Item(node, None, out)
        else:
            out = "C%d" % (len(q.items) + 1)
            it = Item(node, out.lower() if r.random() < 0.5 else out, out)
        names.add(it.outname.upper())
        it.tol = tol
        q.items.append(it)

    if mode == "proj":
        for _ in range(r.randint(1, 5)):
            c = r.random()
            if c < 0.15:
                add_item(g.col(r.choice(["k", "a", "b", "x", "d", "s", "f"])), aliased=r.random() < 0.3)
            elif c < 0.2:
                add_item(SRowtime(g.rowtime_ref()))
            else:
                add_item(retry(lambda: g.anyexpr(r.randint(1, 3))))
        if r.random() < 0.5:
            q.where = retry(lambda: g.boolexpr(r.randint(1, 3)))
        return q

    gsafe = Gen(r, schema, q.alias, emode, allow_err=False)
    q.gen = gsafe

    def agg_arg(safe_only=False):
        gg = gsafe if (safe_only or r.random() < 0.7) else g
        return retry(lambda: gg.num(r.randint(0, 1)))

    def rand_group_agg():
        fn = r.choice(["COUNT*", "COUNT", "SUM", "AVG", "MIN", "MAX", "SUM", "MIN"])
        if fn == "COUNT*":
            return Agg("COUNT", None), False
        if fn in ("MIN", "MAX") and r.random() < 0.3:
            return Agg(fn, g.col(r.choice(["s", "k"]))), False
        if fn == "COUNT" and r.random() < 0.3:
            return Agg("COUNT", g.col(r.choice(["s", "k", "f"])), distinct=r.random() < 0.3), False
        arg = agg_arg()
        a = Agg(fn, arg, distinct=(fn in ("COUNT", "SUM") and r.random() < 0.15))
        return a, (a.typ == DBL and fn in ("SUM", "AVG"))

    def having_expr():
        # conditions on COUNT / MIN / MAX / integer sums only (no tolerant values)
        def atom():
            c = r.random()
            if c < 0.4:
                return Cmp(r.choice([">", ">=", "<", "=", "<>"]), Agg("COUNT", None), int_lit(r.randint(0, 3)))
            if c < 0.7:
                return Cmp(r.choice([">", "<", ">="]), Agg(r.choice(["MIN", "MAX"]), g.col(r.choice(["a", "d", "x"]))),
                           int_lit(r.randint(0, 20)))
            if c < 0.85:
                return Cmp(r.choice([">", "<"]), Agg("SUM", g.col("a")), int_lit(r.randint(0, 50)))
            return IsNull(Agg("MAX", g.col(r.choice(["s", "a"]))), r.random() < 0.5)
        e = atom()
        if r.random() < 0.3:
            e = (And if r.random() < 0.5 else Or)(e, atom())
        return e

    if mode in ("tumble", "stagger"):
        if mode == "tumble":
            q.group_keys = r.choice([[], [g.col("k")], [g.col("k")], [g.col("k"), g.col("f")], [g.col("f")]])
            c = r.random()
            ref = g.rowtime_ref()
            if c < 0.6:
                q.timekey = TimeKey("STEP", r.choice([1, 2, 3, 5, 10, 30, 60]), "SECOND", ref)
            elif c < 0.7:
                q.timekey = TimeKey("STEP", 1, "MINUTE", ref)
            else:
                q.timekey = TimeKey("FLOOR", 1, r.choice(["SECOND", "MINUTE", "MINUTE", "HOUR"]), ref)
            q.tk_first = r.random() < 0.4
            keys = list(q.group_keys)
        else:
            keys = r.choice([[g.col("k")], [g.col("k")], [g.col("k"), g.col("f")], [g.col("f")]])
            unit = "SECOND" if r.random() < 0.85 else "MINUTE"
            n = r.choice([1, 2, 3, 5, 10]) if unit == "SECOND" else 1
            q.stagger = (keys, n, unit)
        slots = []
        for kc in keys:
            if r.random() < 0.8:
                slots.append(("key", kc))
        if mode == "tumble" and r.random() < 0.5:
            slots.append(("tk", q.timekey))
        for _ in range(r.randint(1, 4)):
            slots.append(("agg", None))
        r.shuffle(slots)
        for kind, obj in slots:
            if kind == "key":
                add_item(Col(obj.name, obj.typ, obj.ref), aliased=r.random() < 0.3)
            elif kind == "tk":
                add_item(TimeKey(obj.kind, obj.n, obj.unit, obj.ref))
            else:
                a, tol = retry(rand_group_agg)
                if not tol and r.random() < 0.2 and is_num(a.typ):
                    node = retry(lambda: Arith(r.choice("+-*"), a, r.choice([int_lit(r.randint(0, 9)), dec_lit("1.5"), dbl_lit(2.0)])) if r.random() < 0.5
                                 else Arith(r.choice("+-*/"), a, Agg("COUNT", None)))
                    if node.typ == DBL and any(isinstance(n, Agg) and n.fn in ("SUM", "AVG") and n.typ == DBL
                                               for n in node.kids):
                        node = a
                    add_item(node)
                else:
                    add_item(a, tol=tol)
        if r.random() < 0.4:
            q.where = retry(lambda: (g if r.random() < 0.3 else gsafe).boolexpr(r.randint(1, 2)))
        if r.random() < 0.35:
            q.having = having_expr()
        return q

    # sliding
    nwin = r.choice([1, 1, 1, 2])
    specs = []
    for i in range(nwin):
        part = r.choice([[], [g.col("k")], [g.col("k")], [g.col("k"), g.col("f")]])
        c = r.random()
        if c < 0.55:
            w = WinSpec(None, part, "RANGE", r.choice([1, 2, 3, 5, 10, 30]))
        elif c < 0.6:
            w = WinSpec(None, part, "RANGE", 1, "MINUTE")
        elif c < 0.9:
            w = WinSpec(None, part, "ROWS", r.randint(1, 5))
        elif c < 0.95:
            w = WinSpec(None, part, "RANGE_CUR", 0)
        else:
            w = WinSpec(None, part, "ROWS_CUR", 0)
        if r.random() < 0.5:
            w.name = "w%d" % i
            q.windows.append(w)
        specs.append(w)
    slots = [("col", None) for _ in range(r.randint(0, 2))] + [("win", None) for _ in range(r.randint(1, 4))]
    r.shuffle(slots)
    for kind, _ in slots:
        if kind == "col":
            add_item(g.col(r.choice(["k", "a", "x", "s"])), aliased=r.random() < 0.3)
            continue
        w = r.choice(specs)
        fn = r.choice(["COUNT*", "COUNT", "SUM", "AVG", "MIN", "MAX", "FIRST_VALUE", "LAST_VALUE", "LAG", "LAG"])
        tol = False
        if fn == "COUNT*":
            node = WinAgg("COUNT", None, w)
        elif fn in ("FIRST_VALUE", "LAST_VALUE", "LAG"):
            arg = g.col(r.choice(["a", "x", "d", "s", "k", "a"]))
            nulls = r.choice([None, None, "IGNORE NULLS", "RESPECT NULLS"])
            if fn == "LAG":
                n = r.choice([None, 1, 1, 2, 3])
                dflt = None
                if n is not None and r.random() < 0.6:
                    dflt = {"A": int_lit(r.randint(0, 9)), "X": dbl_lit(0.5), "D": dec_lit("0.00"),
                            "S": str_lit("none"), "K": str_lit("nk")}[arg.name.upper()]
                    if arg.typ == VC(None) or arg.typ == BIG:
                        dflt = {"A": int_lit(7), "K": str_lit("nk"), "S": str_lit("none")}.get(arg.name.upper(), dflt)
                    if emode and arg.name.upper() == "D":
                        dflt = dbl_lit(0.5)
                node = WinAgg("LAG", arg, w, nulls, n, dflt)
            else:
                node = WinAgg(fn, arg, w, nulls)
        else:
            if fn in ("MIN", "MAX") and r.random() < 0.3:
                arg = g.col(r.choice(["s", "k"]))
            elif fn == "COUNT" and r.random() < 0.4:
                arg = g.col(r.choice(["s", "f", "x"]))
            else:
                arg = agg_arg()
            node = WinAgg(fn, arg, w)
            tol = node.typ == DBL and fn in ("SUM", "AVG")
        add_item(node, tol=tol)
    if r.random() < 0.4:
        q.where = retry(lambda: (g if r.random() < 0.3 else gsafe).boolexpr(r.randint(1, 2)))
    return q


# ------------------------------------------------------------ reference
ROW, FILTERED, ERROR, ANY = "row", "filtered", "error", "any"
WILD = object()


def eval_both(fn):
    """Evaluate fn() with lazy and strict AND/OR; returns list of outcomes."""
    outs = []
    for strict in (False, True):
        CTX.strict = strict
        try:
            outs.append(("ok", fn()))
        except SqlErr as e:
            outs.append(("err", e.name))
        except Ambiguous as e:
            outs.append(("amb", str(e)))
        finally:
            CTX.strict = False
    return outs


def ref_projection(q, rows):
    """Per accepted row: a list of allowed outcomes."""
    res = []
    for rec, env in rows:
        allowed = []
        w_outs = eval_both(lambda: q.where.ev(env)) if q.where is not None else [("ok", True)] * 2
        if any(o[0] == "amb" for o in w_outs):
            res.append((rec, [(ANY,)]))
            continue
        lazy = w_outs[0]
        if any(o[0] == "err" for o in w_outs):
            allowed.append((ERROR,))
        if lazy[0] == "ok" and lazy[1] is not True:
            allowed.append((FILTERED,))
        elif lazy[0] == "ok":
            vals = []
            err_possible = False
            hard_err = False
            for it in q.items:
                outs = eval_both(lambda: it.node.ev(env))
                if outs[0][0] == "err":
                    hard_err = True
                    break
                if outs[0][0] == "amb" or outs[1][0] == "amb":
                    err_possible = True
                    vals.append(WILD)
                    continue
                if outs[1][0] == "err":
                    err_possible = True
                vals.append(outs[0][1])
            if hard_err or err_possible:
                allowed.append((ERROR,))
            if not hard_err:
                allowed.append((ROW, env["__rt"], tuple(vals)))
        res.append((rec, allowed))
    return res


def ref_tumble(q, rows):
    """returns (out_rows, row_errors, group_errors) ; out_rows = [(rt, vals)]"""
    aggs = [n for it in q.items for n in it.node.walk() if isinstance(n, Agg)]
    if q.having is not None:
        aggs += [n for n in q.having.walk() if isinstance(n, Agg)]
    groups = {}
    order = []
    row_errs = []
    for rec, env in rows:
        ok, w = strict_eval(lambda: q.where.ev(env)) if q.where is not None else (True, True)
        if not ok:
            row_errs.append(rec.line)
            continue
        if w is not True:
            continue
        argvals = {}
        failed = False
        for a in aggs:
            if a.arg is None:
                continue
            ok, v = strict_eval(lambda: a.arg.ev(env))
            if not ok:
                failed = True
                break
            argvals[id(a)] = v
        if failed:
            row_errs.append(rec.line)  # GAP row_error_in_aggregate
            continue
        ws = q.timekey.start(env["__rt"])
        key = (ws,) + tuple(_keynorm(env[c.name]) for c in q.group_keys)
        if key not in groups:
            groups[key] = {"env": env, "rows": [], "ws": ws, "seq": len(order)}
            order.append(key)
        groups[key]["rows"].append(argvals)
    keys = sorted(order, key=lambda k: (groups[k]["ws"], groups[k]["seq"]))
    return finish_groups(q, aggs, [(groups[k], groups[k]["ws"] + q.timekey.size(), groups[k]["ws"]) for k in keys]) + (row_errs,)


def _keynorm(v):
    if isinstance(v, str):
        return ("s", v)
    return ("v", v)


def strict_eval(fn):
    outs = eval_both(fn)
    if any(o[0] == "amb" for o in outs):
        raise Ambiguous("aggregate case: " + str([o for o in outs if o[0] == "amb"][0][1]))
    kinds = set(o[0] for o in outs)
    if len(kinds) > 1:
        raise Ambiguous("short-circuit dependent error")
    if outs[0][0] == "err":
        return False, None
    return True, outs[0][1]


def finish_groups(q, aggs, glist):
    out = []
    gerrs = 0
    for g, close, ws in glist:
        genv = dict(g["env"])
        genv["__wstart"] = ws
        av = {}
        for a in aggs:
            if a.arg is None:
                av[id(a)] = len(g["rows"])
            else:
                av[id(a)] = compute_agg(a.fn, a.arg.typ, [rv[id(a)] for rv in g["rows"]], a.distinct, a.json_mean)
        genv["__agg"] = av
        if q.having is not None:
            ok, h = strict_eval(lambda: q.having.ev(genv))
            if not ok:
                gerrs += 1
                continue
            if h is not True:
                continue
        vals = []
        failed = False
        for it in q.items:
            ok, v = strict_eval(lambda: it.node.ev(genv))
            if not ok:
                failed = True
                break
            vals.append(v)
        if failed:
            gerrs += 1
            continue
        scales = {}
        for i, it in enumerate(q.items):
            if it.tol and isinstance(it.node, Agg):
                scales[i] = sum(abs(float(rv[id(it.node)])) for rv in g["rows"]
                                if rv.get(id(it.node)) is not None)
        out.append((close, tuple(vals), scales))
    return out, gerrs


def ref_stagger(q, rows):
    keys, n, unit = q.stagger
    length = n * {"SECOND": 1000, "MINUTE": 60000}[unit]
    aggs = [nd for it in q.items for nd in it.node.walk() if isinstance(nd, Agg)]
    if q.having is not None:
        aggs += [nd for nd in q.having.walk() if isinstance(nd, Agg)]
    open_w = {}
    done = []
    seq = 0
    row_errs = []
    for rec, env in rows:
        ok, w = strict_eval(lambda: q.where.ev(env)) if q.where is not None else (True, True)
        if not ok:
            row_errs.append(rec.line)
            continue
        if w is not True:
            continue
        argvals = {}
        failed = False
        for a in aggs:
            if a.arg is None:
                continue
            ok, v = strict_eval(lambda: a.arg.ev(env))
            if not ok:
                failed = True
                break
            argvals[id(a)] = v
        if failed:
            row_errs.append(rec.line)
            continue
        rt = env["__rt"]
        key = tuple(_keynorm(env[c.name]) for c in keys)
        wdw = open_w.get(key)
        if wdw is not None and rt >= wdw["open"] + length:
            done.append(wdw)
            wdw = None
        if wdw is None:
            wdw = {"env": env, "rows": [], "open": rt, "seq": seq}
            seq += 1
            open_w[key] = wdw
        wdw["rows"].append(argvals)
    done.extend(open_w.values())
    done.sort(key=lambda w: (w["open"] + length, w["seq"]))
    return finish_groups(q, aggs, [(w, w["open"] + length, None) for w in done]) + (row_errs,)


def ref_slide(q, rows):
    wins = [n for it in q.items for n in it.node.walk() if isinstance(n, WinAgg)]
    hist = {}  # (id(spec), partkey) -> list of (rt, {id(winagg): argval})
    out = []
    row_errs = []
    for rec, env in rows:
        ok, w = strict_eval(lambda: q.where.ev(env)) if q.where is not None else (True, True)
        if not ok:
            row_errs.append(rec.line)
            continue
        if w is not True:
            continue
        argvals = {}
        failed = False
        for a in wins:
            if a.arg is None:
                continue
            ok, v = strict_eval(lambda: a.arg.ev(env))
            if not ok:
                failed = True
                break
            argvals[id(a)] = v
        if failed:
            row_errs.append(rec.line)
            continue
        rt = env["__rt"]
        specs = []
        for a in wins:
            if a.win not in specs:
                specs.append(a.win)
        for sp in specs:
            pk = (id(sp),) + tuple(_keynorm(env[c.name]) for c in sp.part)
            hist.setdefault(pk, []).append((rt, argvals))
        wv = {}
        frames = {}
        for a in wins:
            sp = a.win
            pk = (id(sp),) + tuple(_keynorm(env[c.name]) for c in sp.part)
            h = hist[pk]
            if sp.kind == "RANGE":
                lo = rt - sp.range_ms()
                frame = [x for x in h if x[0] >= lo]
            elif sp.kind == "ROWS":
                frame = h[-(sp.n + 1):]
            elif sp.kind == "RANGE_CUR":
                frame = [x for x in h if x[0] == rt]
            else:
                frame = h[-1:]
            fv = [x[1].get(id(a)) for x in frame]
            if (WORKAROUNDS["slide_sum_overflow"] and a.fn in ("SUM", "AVG") and a.kids
                    and is_int(a.kids[0].typ)
                    and any(x[1].get(id(a)) is not None and abs(x[1].get(id(a))) >= 2 ** 61 for x in h)):
                raise Ambiguous("known eddy bug: sliding BIGINT SUM/AVG overflows on rows that left the frame")
            frames[id(a)] = fv
            wv[id(a)] = a.compute(fv)
        renv = dict(env)
        renv["__win"] = wv
        vals = []
        failed = False
        for it in q.items:
            ok, v = strict_eval(lambda: it.node.ev(renv))
            if not ok:
                failed = True
                break
            vals.append(v)
        if failed:
            row_errs.append(rec.line)
            continue
        scales = {}
        for i, it in enumerate(q.items):
            if it.tol and isinstance(it.node, WinAgg):
                scales[i] = sum(abs(float(v)) for v in frames[id(it.node)] if v is not None)
        out.append((rt, tuple(vals), scales))
    return out, 0, row_errs


# ------------------------------------------------------------ comparing
class Num:
    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def parse_eddy_line(line):
    return json.loads(line, object_pairs_hook=lambda p: p, parse_float=Num, parse_int=Num,
                      parse_constant=Num)


def expect_text(v, t):
    if v is None:
        return "null"
    if t in (INT, BIG):
        return str(v)
    if t == DBL:
        return java_double(v)
    if t[0] == "DECIMAL":
        return fmt_dec(v, t[2])
    if t == BOOL:
        return "true" if v else "false"
    if t == TS:
        return json.dumps(fmt_ts(v))
    return json.dumps(v, ensure_ascii=False)


def got_text(g):
    if g is None:
        return "null"
    if isinstance(g, Num):
        return g.text
    if g is True:
        return "true"
    if g is False:
        return "false"
    return json.dumps(g, ensure_ascii=False)


def value_matches(v, t, g, tol, tolscale=1.0):
    if v is WILD:
        return True
    if v is None or g is None:
        return v is None and g is None
    if t == DBL and tol:
        if not isinstance(g, Num):
            return False
        try:
            gv = float(g.text)
        except ValueError:
            return False
        return abs(gv - v) <= 1e-9 * max(1.0, abs(v), tolscale)
    if expect_text(v, t) == got_text(g):
        return True
    if t == DBL and WORKAROUNDS["double_closest"] and isinstance(g, Num):
        # eddy prints a shortest repr that reads back exactly but is not always the
        # one closest to the value (Java picks the closest); reported
        try:
            same = float(g.text) == v
        except ValueError:
            return False
        e = expect_text(v, t)
        sig = lambda s: len(re.sub(r"[^0-9]", "", s.split("E")[0]).strip("0"))
        return same and ("E" in e) == ("E" in g.text) and sig(e) == sig(g.text)
    return False


def row_diff(q, exp_rt, exp_vals, got, tolscales=None):
    """None if equal, else description."""
    keys = [k for k, _ in got]
    want_keys = ["ROWTIME"] + [it.outname if not q.pump else it.outname.upper() for it in q.items]
    if keys != want_keys:
        return "columns %s, expected %s" % (keys, want_keys)
    gd = dict(got)
    if got_text(gd["ROWTIME"]) != json.dumps(fmt_ts(exp_rt)):
        return "ROWTIME %s, expected %s" % (got_text(gd["ROWTIME"]), fmt_ts(exp_rt))
    for i, it in enumerate(q.items):
        t = q.dest_type(it) if q.pump else it.node.typ
        v = exp_vals[i]
        if q.pump and v is not WILD and v is not None and getattr(it, "dest", None) is not None:
            v = insert_conv(v, it.node.typ, it.dest)
        g = gd[it.outname if not q.pump else it.outname.upper()]
        if not value_matches(v, t, g, it.tol, (tolscales or {}).get(i, 1.0)):
            return "column %s = %s, expected %s (type %s)" % (it.outname, got_text(g),
                                                             "?" if v is WILD else expect_text(v, t), sql_type(t))
    return None


def insert_conv(v, ft, tt):
    """INSERT into a column of another type (semantics.md, Statements)."""
    if v is None or v is WILD:
        return v
    if is_str(tt):
        if is_str(ft):
            txt = v
        elif ft == TS:
            txt = fmt_ts(v)
        else:
            txt = value_text(v, ft)
        return txt[: tt[1]]
    if tt == DBL:
        try:
            return to_float(v)
        except Ambiguous:
            return WILD
    if is_int(tt):
        return v
    if tt[0] == "DECIMAL":
        return Decimal(v).quantize(dec_q(tt[2]))
    raise TypeGap("insert")


def pick_dest(r, t):
    """A destination column type that INSERT converts to without failing."""
    if t == INT:
        return r.choice([BIG, DBL])
    if t == BIG:
        return DBL
    if t[0] == "DECIMAL":
        if r.random() < 0.5:
            return DBL
        s = min(t[2] + 2, MAXP - (t[1] - t[2]))
        return DEC(min(MAXP, t[1] - t[2] + s), s)
    if is_str(t):
        n = t[1] if t[1] is not None else 20
        return VC(max(1, r.randint(1, max(1, n))))
    if t == TS:
        return VC(r.choice([10, 19, 23, 30]))
    return None


def fmt_expected(q, rt, vals, scales=None):
    parts = ['"ROWTIME":"%s"' % fmt_ts(rt)]
    for i, it in enumerate(q.items):
        t = q.dest_type(it) if q.pump else it.node.typ
        v = vals[i]
        if q.pump and getattr(it, "dest", None) is not None:
            v = insert_conv(v, it.node.typ, it.dest)
        parts.append('"%s":%s' % (it.outname, "<any>" if v is WILD else expect_text(v, t)))
    return "{" + ",".join(parts) + "}"


class Result:
    def __init__(self):
        self.ok = True
        self.kind = None
        self.msg = None
        self.skipped = False
        self.nrows = 0
        self.nerrs = 0


def run_eddy(q, recs, workdir):
    inp = "".join(r.text + "\n" for r in recs)
    if q.emode:
        cmd = [EDDY, "-e", q.select_sql()]
    else:
        path = os.path.join(workdir, "q.sql")
        with open(path, "w") as fh:
            fh.write(q.app_sql())
        cmd = [EDDY, "run", path]
    import time
    for attempt in range(30):
        try:
            p = subprocess.run(cmd, input=inp.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=20)
            break
        except subprocess.TimeoutExpired:
            return None, None, "timeout"
        except OSError:
            # the binary is being rebuilt by someone else: wait for it
            time.sleep(2)
    else:
        return None, None, "cannot execute %s" % EDDY
    return p.returncode, (p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")), None


def check_case(q, recs, workdir):
    if q.mode in NEW_MODES:
        return check_case2(q, recs, workdir)
    res = Result()
    schema = SCHEMA_E if q.emode else SCHEMA_APP
    try:
        rows, in_errs = load_rows(recs, schema)
        if q.mode == "proj":
            ref = ref_projection(q, rows)
        elif q.mode == "tumble":
            ref = ref_tumble(q, rows)
        elif q.mode == "stagger":
            ref = ref_stagger(q, rows)
        else:
            ref = ref_slide(q, rows)
    except Ambiguous as e:
        res.skipped = True
        res.msg = str(e)
        return res
    rc, outs, err = run_eddy(q, recs, workdir)
    got = eddy_outputs(res, rc, outs, err)
    if not isinstance(got, tuple):
        return got
    got_rows, got_errs = got
    err_lines = [e.get("LINE") for e in got_errs]
    in_err_lines = sorted(l for _, l in in_errs)
    res.nrows, res.nerrs = len(got_rows), len(got_errs)

    if q.mode == "proj":
        return compare_projection(q, ref, in_err_lines, got_rows, got_errs, res)
    out_rows, gerrs, row_errs = ref
    exp_lines = sorted(in_err_lines + row_errs)
    gl = sorted(l for l in err_lines if l is not None)
    # group-level errors may carry any line (or none); row errors must carry their line
    missing = [l for l in exp_lines if l not in gl or gl.count(l) < exp_lines.count(l)]
    if missing or len(got_errs) != len(exp_lines) + gerrs:
        return fail(res, "errors", "error stream: eddy lines %s (%d rows), expected lines %s + %d group errors; eddy: %s" % (
            sorted(err_lines, key=lambda x: (x is None, x)), len(got_errs), exp_lines, gerrs,
            [e.get("ERROR_NAME") + ":" + str(e.get("MESSAGE"))[:100] for e in got_errs][:5]))
    for i in range(max(len(out_rows), len(got_rows))):
        if i >= len(out_rows):
            return fail(res, "extra", "extra eddy row #%d: %s" % (i + 1, json.dumps(dict((k, got_text(v)) for k, v in got_rows[i]))))
        if i >= len(got_rows):
            return fail(res, "missing", "missing row #%d: expected %s" % (i + 1, fmt_expected(q, *out_rows[i])))
        d = row_diff(q, out_rows[i][0], out_rows[i][1], got_rows[i], out_rows[i][2])
        if d:
            return fail(res, "value", "row #%d: %s\n  eddy:     %s\n  expected: %s" % (
                i + 1, d, raw_row(got_rows[i]), fmt_expected(q, *out_rows[i])))
    return res


def raw_row(got):
    return "{" + ",".join('"%s":%s' % (k, got_text(v)) for k, v in got) + "}"


def signature(res):
    if res.kind == "rc":
        m = re.search(r"error: ([^\n]*)", res.msg or "")
        return "rc:" + re.sub(r'"[^"]*"', '""', m.group(1) if m else "")
    return res.kind


def eddy_outputs(res, rc, outs, err):
    """eddy's output rows and error rows, or the failed result when it timed out,
    exited non-zero or wrote a line that is not JSON."""
    if err:
        return fail(res, "timeout", "eddy timed out")
    stdout, stderr = outs
    if rc != 0:
        return fail(res, "rc", "eddy exit %d: %s" % (rc, stderr.strip()[:2000]))
    got_rows, got_errs = [], []
    for ln in stdout.splitlines():
        if not ln.strip():
            continue
        try:
            got_rows.append(parse_eddy_line(ln))
        except ValueError:
            return fail(res, "badjson", "stdout line is not JSON: %r" % ln[:300])
    for ln in stderr.splitlines():
        if not ln.strip():
            continue
        try:
            got_errs.append(json.loads(ln))
        except ValueError:
            return fail(res, "badjson", "stderr line is not JSON: %r" % ln[:300])
    return got_rows, got_errs


def fail(res, kind, msg):
    res.ok = False
    res.kind = kind
    res.msg = msg
    return res


def compare_projection(q, ref, in_err_lines, got_rows, got_errs, res):
    err_lines = [e.get("LINE") for e in got_errs]
    ecount = {}
    for l in err_lines:
        ecount[l] = ecount.get(l, 0) + 1
    for l in in_err_lines:
        if ecount.get(l, 0) < 1:
            return fail(res, "errors", "input line %d should be in the error stream (input error)" % l)
        ecount[l] -= 1
    # dynamic alignment over (line index, output index)
    n = len(ref)
    memo = {}

    def ok_from(i, j):
        while True:
            if i == n:
                return j == len(got_rows)
            key = (i, j)
            if key in memo:
                return memo[key]
            rec, allowed = ref[i]
            errored = ecount.get(rec.line, 0) > 0
            kinds = set(a[0] for a in allowed)
            if errored:
                r = (ERROR in kinds or ANY in kinds) and ok_from(i + 1, j)
                memo[key] = r
                return r
            cands = []
            for a in allowed:
                if a[0] == FILTERED:
                    cands.append(("skip", None))
                elif a[0] == ROW:
                    cands.append(("row", a))
                elif a[0] == ANY:
                    cands.append(("skip", None))
                    cands.append(("any", None))
            r = False
            for c, a in cands:
                if c == "skip":
                    r = ok_from(i + 1, j)
                elif j < len(got_rows):
                    if c == "any" or row_diff(q, a[1], a[2], got_rows[j]) is None:
                        r = ok_from(i + 1, j + 1)
                if r:
                    break
            memo[key] = r
            return r

    sys.setrecursionlimit(10000)
    if ok_from(0, 0):
        extra = [l for l, c in ecount.items() if c > 0 and not any(rec.line == l for rec, _ in ref)]
        if extra:
            return fail(res, "errors", "eddy error rows for lines %s that the reference accepts silently" % extra)
        return res
    # diagnose greedily
    j = 0
    for rec, allowed in ref:
        errored = ecount.get(rec.line, 0) > 0
        kinds = set(a[0] for a in allowed)
        if ANY in kinds:
            return fail(res, "ambiguous-mismatch", "mismatch after an ambiguous line %d" % rec.line)
        if errored:
            if ERROR not in kinds:
                exp = [fmt_expected(q, a[1], a[2]) for a in allowed if a[0] == ROW] or ["(filtered by WHERE)"]
                e = [x for x in got_errs if x.get("LINE") == rec.line][0]
                return fail(res, "unexpected-error", "line %d went to the error stream (%s: %s), expected %s\n  input: %s" % (
                    rec.line, e.get("ERROR_NAME"), e.get("MESSAGE"), exp[0], rec.text))
            continue
        if FILTERED in kinds:
            continue
        if ERROR in kinds and ROW not in kinds:
            return fail(res, "missing-error", "line %d should go to the error stream\n  input: %s\n  eddy row: %s" % (
                rec.line, rec.text, raw_row(got_rows[j]) if j < len(got_rows) else "(none)"))
        rowa = [a for a in allowed if a[0] == ROW][0]
        if j >= len(got_rows):
            return fail(res, "missing", "line %d: expected row %s, eddy has no more rows\n  input: %s" % (
                rec.line, fmt_expected(q, rowa[1], rowa[2]), rec.text))
        d = row_diff(q, rowa[1], rowa[2], got_rows[j])
        if d:
            return fail(res, "value", "line %d: %s\n  input:    %s\n  eddy:     %s\n  expected: %s" % (
                rec.line, d, rec.text, raw_row(got_rows[j]), fmt_expected(q, rowa[1], rowa[2])))
        j += 1
    if j < len(got_rows):
        return fail(res, "extra", "eddy has extra row %s" % raw_row(got_rows[j]))
    return fail(res, "align", "could not align output")


# -------------------------------------------------------------- shrinking
def node_paths(node, path=()):
    yield path, node
    for i, k in enumerate(node.kids):
        for p in node_paths(k, path + (i,)):
            yield p


def replace_at(node, path, new):
    if not path:
        return new
    node.kids[path[0]] = replace_at(node.kids[path[0]], path[1:], new)
    return node


def shrink(q, recs, workdir, kind, budget=400):
    """Greedy shrinking: drop records, items, clauses, and replace sub-expressions."""
    import copy
    runs = [0]

    def fails(qq, rr):
        runs[0] += 1
        try:
            res = check_case(qq, rr, workdir)
        except (TypeGap, Exception):
            return False
        return (not res.ok) and signature(res) == kind

    changed = True
    while changed and runs[0] < budget:
        changed = False
        # records
        i = 0
        while i < len(recs) and runs[0] < budget:
            cand = recs[:i] + recs[i + 1:]
            cand = renumber(cand)
            if cand and fails(q, cand):
                recs = cand
                changed = True
            else:
                i += 1
        # table rows (the first one stays: it types the table's columns)
        if getattr(q, "table", None) is not None:
            i = 1
            while i < len(q.table.rows) and runs[0] < budget:
                q2 = copy.deepcopy(q)
                del q2.table.rows[i]
                del q2.table.texts[i]
                if fails(q2, recs):
                    q = q2
                    changed = True
                else:
                    i += 1
        if isinstance(q, RelQuery):
            q, ch = shrink_rel(q, fails, runs, budget)
            changed = changed or ch
            continue
        # items
        i = 0
        while len(q.items) > 1 and i < len(q.items) and runs[0] < budget:
            q2 = copy.copy(q)
            q2.items = q.items[:i] + q.items[i + 1:]
            if fails(q2, recs):
                q = q2
                changed = True
            else:
                i += 1
        for attr in ("where", "having"):
            if getattr(q, attr) is not None:
                q2 = copy.copy(q)
                setattr(q2, attr, None)
                if fails(q2, recs):
                    q = q2
                    changed = True
        if q.mode == "tumble" and q.group_keys:
            q2 = copy.copy(q)
            q2.group_keys = []
            q2.items = [it for it in q.items if not isinstance(it.node, Col)]
            if q2.items and fails(q2, recs):
                q = q2
                changed = True
        # sub-expressions: replace a node by a same-typed child
        targets = []
        for idx, it in enumerate(q.items):
            targets.append(("item", idx))
        if q.where is not None:
            targets.append(("where", None))
        if getattr(q, "on", None) is not None:
            targets.append(("on", None))
        for tgt, idx in targets:
            root = q.items[idx].node if tgt == "item" else getattr(q, tgt)
            for path, nd in list(node_paths(root)):
                if runs[0] >= budget:
                    break
                for k in nd.kids:
                    if k.typ == nd.typ or (tgt == "item" and path == ()):
                        q2 = copy.deepcopy(q)
                        root2 = q2.items[idx].node if tgt == "item" else getattr(q2, tgt)
                        try:
                            newroot = replace_at(root2, path, copy.deepcopy(k))
                        except Exception:
                            continue
                        if tgt == "item":
                            q2.items[idx].node = newroot
                        else:
                            if newroot.typ != BOOL:
                                continue
                            setattr(q2, tgt, newroot)
                        if fails(q2, recs):
                            q = q2
                            changed = True
                            break
                if changed:
                    break
            if changed:
                break
    return q, recs


# ===================================================== joins and relations
# Modes tjoin (a stream joined with a reference table), sjoin (two streams
# joined over a window) and rel (relational queries over a reference table or
# VALUES, and IN / EXISTS subqueries over a table in a stream query).

TABLE = "REFT"
SRC_A, SRC_B = "SRC_A", "SRC_B"
NOW_TEXT = "2000-01-01 00:00:00"          # --now: the start time, ROWTIME of relational rows
NOW_MS = 946684800000


def parse_ts(text):
    """'YYYY-MM-DD HH:MM:SS.fff' -> epoch ms (None if it is not one)."""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)\.(\d{3})", text or "")
    if not m:
        return None
    dt = datetime.datetime(*[int(x) for x in m.groups()[:6]])
    return int((dt - EPOCH).total_seconds()) * 1000 + int(m.group(7))


class SideCol(Col):
    """A column of one relation of a join or subquery; env key 'tag.NAME'."""

    def __init__(self, key, t, ref, outcol):
        Col.__init__(self, key, t, ref)
        self.outcol = outcol


class SideRowtime(Node):
    """x.ROWTIME of one side of a stream join (NULL on a null-extended side)."""

    def __init__(self, ref, key):
        self.ref, self.key = ref, key
        self.typ = TS
        self.kids = []

    def sql(self):
        return self.ref

    def ev(self, env):
        return env[self.key]


class Side:
    """One relation of a join: env tag, SQL qualifier, columns (role, name, type, ident)."""

    def __init__(self, tag, qual, cols):
        self.tag, self.qual, self.cols = tag, qual, cols

    def col(self, c):
        role, name, t, ident = c
        return SideCol(self.tag + "." + name, t, (self.qual + "." + ident) if self.qual else ident, name)

    def by_role(self, role):
        return [c for c in self.cols if c[0] == role]

    def rowtime(self):
        return SideRowtime(self.qual + ".ROWTIME", "__rt." + self.tag)

    def env_of(self, env):
        """A row of a stream (load_rows env) as this side's env entries."""
        d = {}
        for c in self.cols:
            d[self.tag + "." + c[1]] = env[c[1]]
        d["__rt." + self.tag] = env["__rt"]
        return d

    def nulls(self):
        d = {self.tag + "." + c[1]: None for c in self.cols}
        d["__rt." + self.tag] = None
        return d


def stream_side(tag, qual):
    return Side(tag, qual, [(n.lower(), n, t, n.lower()) for n, t in SCHEMA_APP])


class JGen(Gen):
    """Gen over the columns of several relations: col(role) picks a column of that
    role (k, s: strings; a, b: integers; x, d: numbers; f: boolean) on some side."""

    def __init__(self, r, sides, allow_err=True):
        Gen.__init__(self, r, [], None, False, allow_err)
        self.sides = sides

    def col(self, name):
        role = name.lower()
        cands = [(sd, c) for sd in self.sides for c in sd.by_role(role)]
        if not cands:
            fallback = {"b": "a", "a": "x", "x": "a", "d": "x", "k": "s", "s": "k"}
            if role == "f":
                return Cmp(">", self.col("a"), int_lit(0))
            if role in fallback and any(sd.by_role(fallback[role]) for sd in self.sides):
                return self.col(fallback[role])
            raise TypeGap("no column of role " + role)
        sd, c = self.r.choice(cands)
        return sd.col(c)


# ------------------------------------------------------- reference tables
TSTR_CSV = ["alpha", "Beta", "x y", "hello", "MiXeD", "abc", "a", "zz", "b", "\u00e9t\u00e9", "A", "q_1"]


class RefTable:
    """A reference table: its columns, its rows (env dicts) and its file text."""

    def __init__(self, fmt, upper, with_bool):
        self.fmt = fmt
        self.upper = upper
        names = [("k", "K", VC(None)), ("a", "N", BIG), ("x", "Y", DBL), ("s", "S", VC(None))]
        if with_bool:
            names.append(("f", "G", BOOL))
        self.cols = []
        for role, nm, t in names:
            name = nm if upper else nm.lower()
            ident = nm if upper else '"%s"' % name
            self.cols.append((role, name, t, ident))
            if role == "a":
                self.cols.append(("b", name, t, ident))
            if role == "x":
                self.cols.append(("d", name, t, ident))
        self.colnames = []
        for c in self.cols:
            if c[1] not in self.colnames:
                self.colnames.append(c[1])
        self.types = dict((c[1], c[2]) for c in self.cols)
        self.rows = []     # dict name -> value
        self.texts = []    # one line of the file per row (after the header for CSV)

    def side(self, tag, qual):
        return Side(tag, qual, list(self.cols))

    def envs(self, tag):
        return [dict((tag + "." + n, row[n]) for n in self.colnames) for row in self.rows]

    def file_text(self):
        head = [",".join(self.colnames)] if self.fmt == "csv" else []
        return "".join(l + "\n" for l in head + self.texts)

    def file_name(self):
        return "table." + ("csv" if self.fmt == "csv" else "ndjson")

    def render(self, r, first):
        self.texts = []
        for i, row in enumerate(self.rows):
            if self.fmt == "csv":
                parts = []
                for n in self.colnames:
                    v = row[n]
                    if v is None:
                        parts.append("")
                    elif isinstance(v, bool):
                        parts.append("true" if v else "false")
                    elif isinstance(v, float):
                        parts.append(repr(v))
                    else:
                        parts.append(str(v))
                self.texts.append(",".join(parts))
            else:
                items = []
                for n in self.colnames:
                    v = row[n]
                    if v is None and i > 0 and r.random() < 0.4:
                        continue  # a missing key is NULL
                    items.append(json.dumps(n) + ":" + json.dumps(v, ensure_ascii=r.random() < 0.5))
                self.texts.append("{" + ",".join(items) + "}")


def gen_table(r, nrows, keys=None):
    fmt = "csv" if r.random() < 0.5 else "ndjson"
    tab = RefTable(fmt, r.random() < 0.6, with_bool=(fmt == "ndjson" or r.random() < 0.5))
    keys = keys or (KEY_POOL + ["zz", "b", "a"])
    for i in range(nrows):
        row = {}
        for n in tab.colnames:
            t = tab.types[n]
            null = i > 0 and r.random() < 0.15
            if t == VC(None) and n.upper() == "K":
                v = r.choice([k for k in keys if k] if i == 0 else keys)
                if fmt == "csv" and (null or v is None):
                    v = ""  # CSV: an empty field is '' for strings
                elif null:
                    v = None
            elif t == VC(None):
                pool = TSTR_CSV if fmt == "csv" else [s for s in STR_POOL if s] + TSTR_CSV
                v = r.choice(pool)
                if null:
                    v = "" if fmt == "csv" else None
                elif fmt == "csv" and i > 0 and r.random() < 0.1:
                    v = ""
            elif t == BIG:
                c = r.random()
                if c < 0.75:
                    v = r.randint(-5, 100)
                elif c < 0.9:
                    v = r.choice([0, 1, -1, 7, 42])
                else:
                    v = r.choice([INT_MAX, INT_MIN, 10 ** 12, -(2 ** 40)])
                if null:
                    v = None
            elif t == DBL:
                c = r.random()
                if c < 0.6:
                    v = r.randint(-40, 40) / 4.0
                elif c < 0.8:
                    v = float(r.randint(-5, 5))
                else:
                    v = r.choice([0.1, 0.5, 2.5, 1234.5, -7.75, 100.0])
                if v == 0:
                    v = 0.0  # never -0.0 in a table
                if null:
                    v = None
            else:
                v = r.random() < 0.5
                if null:
                    v = None
            row[n] = v
        tab.rows.append(row)
    tab.render(r, True)
    return tab


# --------------------------------------------------------------- queries
class JQuery(Query):
    """A query of the tjoin, sjoin or rel modes (application file, bare or pumped)."""

    def __init__(self, mode, pump):
        Query.__init__(self, mode, False, pump)
        self.kind = mode
        self.table = None
        self.from_sql = ""
        self.on = None
        self.winclause = []   # (name, body)
        self.streams = []     # CREATE STREAM names (SOURCE_SQL_STREAM_001, or SRC_A and SRC_B)

    def select_sql(self):
        out = "SELECT STREAM " + ", ".join(it.sql() for it in self.items) + " FROM " + self.from_sql
        if self.on is not None:
            out += " ON " + self.on.sql()
        if self.where is not None:
            out += " WHERE " + self.where.sql()
        if self.winclause:
            out += " WINDOW " + ", ".join("%s AS (%s)" % w for w in self.winclause)
        return out

    def app_sql(self):
        lines = []
        for s in self.streams:
            lines.append('CREATE STREAM "%s" (k VARCHAR(8), a INTEGER, b BIGINT, x DOUBLE, '
                         'd DECIMAL(10,2), s VARCHAR(16), f BOOLEAN);' % s)
        if self.pump:
            cols = ", ".join("%s %s" % (it.outname.lower(), sql_type(self.dest_type(it))) for it in self.items)
            lines.append('CREATE STREAM "DESTINATION_SQL_STREAM" (%s);' % cols)
            lines.append('CREATE PUMP "P1" AS INSERT INTO "DESTINATION_SQL_STREAM" %s;' % self.select_sql())
        else:
            lines.append(self.select_sql() + ";")
        return "\n".join(lines) + "\n"


def jadd_item(r, q, node, names, aliased=None):
    """Add a select item; a bare column keeps its name unless that name is taken."""
    if aliased is None:
        aliased = r.random() < 0.5
    outc = getattr(node, "outcol", None)
    if not aliased and outc is not None and outc.upper() not in names:
        it = Item(node, None, outc)
    else:
        out = "C%d" % (len(q.items) + 1)
        it = Item(node, out.lower() if r.random() < 0.5 else out, out)
    names.add(it.outname.upper())
    q.items.append(it)
    return it


def gen_on(r, lg, rg, both, safe):
    """An ON condition between two sides (lg/rg: JGen of one side, both: of the two)."""
    c = r.random()
    if c < 0.55:
        a, b = lg.col("k"), rg.col("k")
        if r.random() < 0.1:
            a, b = Func("UPPER", [a]), Func("UPPER", [b])
        e = Cmp("=", a, b) if r.random() < 0.5 else Cmp("=", b, a)
    elif c < 0.7:
        e = Cmp("=", lg.col(r.choice(["a", "b"])), rg.col(r.choice(["a", "b"])))
    elif c < 0.85:
        e = Cmp(r.choice(["<", "<=", ">", ">=", "<>"]), lg.col(r.choice(["a", "x", "d"])),
                rg.col(r.choice(["a", "x", "d"])))
    else:
        e = Cmp(r.choice(["<", ">", "="]), Arith(r.choice("+-"), lg.col("a"), rg.col("a")), int_lit(r.randint(0, 50)))
    c = r.random()
    if c < 0.3:
        e = And(e, retry(lambda: safe.boolexpr(r.randint(0, 2))))
    elif c < 0.4:
        e = Or(e, retry(lambda: safe.boolexpr(r.randint(0, 1))))
    return e


def gen_join_items(r, q, g, gsafe, sides, names, rowtimes):
    for _ in range(r.randint(1, 5)):
        c = r.random()
        if c < 0.4:
            sd = r.choice(sides)
            cc = r.choice(sd.cols)
            jadd_item(r, q, sd.col(cc), names)
        elif c < 0.5 and rowtimes:
            jadd_item(r, q, r.choice(rowtimes)(), names, aliased=True)
        else:
            gg = g if r.random() < 0.4 else gsafe
            jadd_item(r, q, retry(lambda: gg.anyexpr(r.randint(1, 2))), names, aliased=True)


def gen_tjoin(r):
    q = JQuery("tjoin", pump=r.random() < 0.2)
    q.streams = ["SOURCE_SQL_STREAM_001"]
    q.table = gen_table(r, r.randint(1, 7))
    salias = r.choice(["s", "s", None])
    talias = r.choice(["t", "t", "r", None])
    sq = salias or '"SOURCE_SQL_STREAM_001"'
    tq = talias or TABLE
    q.sside = stream_side("s", sq)
    q.tside = q.table.side("t", tq)
    sides = [q.sside, q.tside]
    g = JGen(r, sides, allow_err=True)
    gsafe = JGen(r, sides, allow_err=False)
    q.gen = gsafe
    sg, tg = JGen(r, [q.sside], False), JGen(r, [q.tside], False)
    q.on = retry(lambda: gen_on(r, sg, tg, None, gsafe))
    s_sql = '"SOURCE_SQL_STREAM_001"' + (" AS " + salias if salias else "")
    t_sql = TABLE + (" AS " + talias if talias else "")
    q.outer = r.random() < 0.5
    if r.random() < 0.6:
        jt = r.choice(["LEFT JOIN", "LEFT OUTER JOIN"]) if q.outer else r.choice(["JOIN", "INNER JOIN"])
        q.from_sql = "%s %s %s" % (s_sql, jt, t_sql)
        q.gen.features.add("stream-first")
    else:
        jt = r.choice(["RIGHT JOIN", "RIGHT OUTER JOIN"]) if q.outer else r.choice(["JOIN", "INNER JOIN"])
        q.from_sql = "%s %s %s" % (t_sql, jt, s_sql)
        q.gen.features.add("table-first")
    q.gen.features.add("outer" if q.outer else "inner")
    q.gen.features.add("table-" + q.table.fmt)
    names = set()
    gen_join_items(r, q, g, gsafe, sides, names, [lambda: SRowtime(sq + ".ROWTIME")])
    if r.random() < 0.45:
        q.where = retry(lambda: (g if r.random() < 0.3 else gsafe).boolexpr(r.randint(1, 2)))
    return q


class JoinWin:
    def __init__(self, kind, n, unit="SECOND"):
        self.kind, self.n, self.unit = kind, n, unit

    def body(self):
        if self.kind == "RANGE":
            return "RANGE INTERVAL '%d' %s PRECEDING" % (self.n, self.unit)
        return "ROWS %d PRECEDING" % self.n

    def range_ms(self):
        return self.n * {"SECOND": 1000, "MINUTE": 60000}[self.unit]


def gen_sjoin(r):
    q = JQuery("sjoin", pump=r.random() < 0.2)
    q.streams = [SRC_A, SRC_B]
    left = r.choice(["A", "B"])
    right = "B" if left == "A" else "A"
    aliases = r.choice([("a", "b"), ("o", "s"), ("x", "y"), ("l", "r")])
    q.alias_of = {left: aliases[0], right: aliases[1]}
    q.left, q.right = left, right
    q.sides = {}
    for src in ("A", "B"):
        q.sides[src] = stream_side(src, q.alias_of[src])
    c = r.random()
    winsides = [right] if c < 0.5 else [left] if c < 0.7 else [left, right]
    q.win = {}
    for src in winsides:
        c = r.random()
        if c < 0.6:
            w = JoinWin("RANGE", r.choice([1, 2, 3, 5, 10, 30]))
        elif c < 0.67:
            w = JoinWin("RANGE", 1, "MINUTE")
        else:
            w = JoinWin("ROWS", r.randint(1, 4))
        q.win[src] = w
    q.jtype = r.choice(["INNER", "LEFT", "RIGHT", "FULL"])
    q.preserved = set()
    if q.jtype in ("LEFT", "FULL"):
        q.preserved.add(left)
    if q.jtype in ("RIGHT", "FULL"):
        q.preserved.add(right)
    jt = {"INNER": r.choice(["JOIN", "INNER JOIN"]), "LEFT": r.choice(["LEFT JOIN", "LEFT OUTER JOIN"]),
          "RIGHT": r.choice(["RIGHT JOIN", "RIGHT OUTER JOIN"]), "FULL": r.choice(["FULL JOIN", "FULL OUTER JOIN"])}[q.jtype]
    parts = []
    for src in (left, right):
        name = '"%s"' % (SRC_A if src == "A" else SRC_B)
        if src in q.win:
            if r.random() < 0.3:
                wn = "w" + src.lower()
                q.winclause.append((wn, q.win[src].body()))
                name += " OVER " + wn
            else:
                name += " OVER (%s)" % q.win[src].body()
        parts.append(name + " AS " + q.alias_of[src])
    q.from_sql = parts[0] + " " + jt + " " + parts[1]
    sides = [q.sides[left], q.sides[right]]
    g = JGen(r, sides, allow_err=True)
    gsafe = JGen(r, sides, allow_err=False)
    q.gen = gsafe
    q.on = retry(lambda: gen_on(r, JGen(r, [sides[0]], False), JGen(r, [sides[1]], False), None, gsafe))
    for src in (left, right):
        w = q.win.get(src)
        q.gen.features.add("win-" + ("none" if w is None else w.kind))
    q.gen.features.add("join-" + q.jtype)
    names = set()
    gen_join_items(r, q, g, gsafe, sides, names, [sides[0].rowtime, sides[1].rowtime])
    if r.random() < 0.35:
        q.where = retry(lambda: (g if r.random() < 0.3 else gsafe).boolexpr(r.randint(1, 2)))
    return q


# ------------------------------------------------------------ subqueries
class SubQuery:
    """SELECT <col | * | 1> FROM REFT [AS t] [WHERE cond] inside IN / EXISTS."""

    def __init__(self, table, tside, from_sql, col, where, star):
        self.table, self.tside, self.from_sql = table, tside, from_sql
        self.col, self.where, self.star = col, where, star

    def sql(self):
        what = self.col.sql() if self.col is not None else self.star
        out = "SELECT %s FROM %s" % (what, self.from_sql)
        if self.where is not None:
            out += " WHERE " + self.where.sql()
        return out

    def rows(self, env):
        """The subquery's rows for the outer row env (envs that pass WHERE)."""
        out = []
        for te in self.table.envs(self.tside.tag):
            e2 = dict(env)
            e2.update(te)
            if self.where is not None:
                try:
                    w = self.where.ev(e2)
                except SqlErr:
                    raise Ambiguous("runtime error inside a subquery (spec silent)")
                if w is not True:
                    continue
            out.append(e2)
        return out


class InSub(Node):
    """x [NOT] IN (SELECT col FROM REFT ...), SQL's three-valued rules."""

    def __init__(self, x, sub, neg):
        self.kids = [x]
        self.sub, self.neg = sub, neg
        self.typ = BOOL
        Cmp("=", x, sub.col)  # comparable types

    def sql(self):
        return "(%s %sIN (%s))" % (self.kids[0].sql(), "NOT " if self.neg else "", self.sub.sql())

    def ev(self, env):
        x = self.kids[0].ev(env)
        vals = []
        for e2 in self.sub.rows(env):
            try:
                vals.append(self.sub.col.ev(e2))
            except SqlErr:
                raise Ambiguous("runtime error inside a subquery (spec silent)")
        if not vals:
            res = False          # x IN (empty set) is FALSE, even for a NULL x (SQL)
        elif x is None:
            res = None
        else:
            res = False
            for v in vals:
                if v is None:
                    res = None
                    continue
                if compare(self.kids[0].typ, self.sub.col.typ, x, v, False) == 0:
                    res = True
                    break
        if self.neg and res is not None:
            res = not res
        return res


class ExistsSub(Node):
    def __init__(self, sub, neg):
        self.kids = []
        self.sub, self.neg = sub, neg
        self.typ = BOOL

    def sql(self):
        return "(%sEXISTS (%s))" % ("NOT " if self.neg else "", self.sub.sql())

    def ev(self, env):
        res = bool(self.sub.rows(env))
        return (not res) if self.neg else res


class OuterSide(Side):
    """The outer row of a correlated subquery: env keys are plain column names."""

    def __init__(self, cols, qual):
        Side.__init__(self, "", qual, cols)

    def col(self, c):
        return Col(c[1], c[2], (self.qual + "." + c[3]) if self.qual else c[3])


def gen_subquery(r, q, outer_g, want):
    """A subquery node over q.table for a stream query whose rows are in outer_g."""
    tab = q.table
    talias = r.choice(["t", "c", None, None])
    # unqualified names inside the subquery are its own columns first
    if talias:
        tq = talias if r.random() < 0.8 else None
    else:
        tq = TABLE if r.random() < 0.5 else None
    tside = tab.side("t", tq)
    from_sql = TABLE + (" AS " + talias if talias else "")
    if tq is None and talias is None:
        q.gen.features.add("subquery-unqualified")
    # the outer row (its env keys are the plain column names of load_rows), named by
    # its alias; unqualified only for the columns the table does not have
    outer_cols = stream_side("", None).cols
    if r.random() < 0.2:
        taken = set(n.upper() for n in tab.colnames)
        oq = OuterSide([c for c in outer_cols if c[1] not in taken], None)
        q.gen.features.add("outer-unqualified")
    else:
        oq = OuterSide(outer_cols, q.alias or '"SOURCE_SQL_STREAM_001"')
    sg = JGen(r, [tside], allow_err=False)
    both = JGen(r, [tside, oq], allow_err=False)
    where = None
    c = r.random()
    if c < 0.35:
        where = Cmp("=", sg.col("k"), JGen(r, [oq], False).col("k"))  # correlated on the key
        q.gen.features.add("correlated")
        if r.random() < 0.3:
            where = And(where, retry(lambda: sg.boolexpr(1)))
    elif c < 0.55:
        where = retry(lambda: both.boolexpr(r.randint(1, 2)))
        q.gen.features.add("correlated?")
    elif c < 0.8:
        where = retry(lambda: sg.boolexpr(r.randint(0, 2)))
    if want == "in":
        role = r.choice(["k", "s", "a", "x"])
        col = sg.col(role)
        if role in ("k", "s"):
            x = retry(lambda: outer_g.strexpr(r.randint(0, 1)))
        else:
            x = retry(lambda: outer_g.num(r.randint(0, 1)))
        sub = SubQuery(tab, tside, from_sql, col, where, None)
        q.gen.features.add("in")
        return InSub(x, sub, r.random() < 0.3)
    star = r.choice(["*", "1", None])
    col = sg.col(r.choice(["k", "a"])) if star is None else None
    sub = SubQuery(tab, tside, from_sql, col, where, star)
    q.gen.features.add("exists")
    return ExistsSub(sub, r.random() < 0.3)


def gen_relsub(r):
    """A stream query with IN / EXISTS subqueries over a reference table."""
    q = JQuery("rel", pump=r.random() < 0.15)
    q.kind = "rel-sub"
    q.streams = ["SOURCE_SQL_STREAM_001"]
    q.table = gen_table(r, r.randint(1, 7))
    q.alias = r.choice(["s", "s", None])
    g = Gen(r, SCHEMA_APP, q.alias, False, allow_err=True)
    gsafe = Gen(r, SCHEMA_APP, q.alias, False, allow_err=False)
    q.gen = gsafe
    q.from_sql = '"SOURCE_SQL_STREAM_001"' + (" AS " + q.alias if q.alias else "")
    names = set()
    for _ in range(r.randint(1, 4)):
        c = r.random()
        if c < 0.3:
            jadd_item(r, q, gsafe.col(r.choice(["k", "a", "b", "x", "d", "s", "f"])), names)
        elif c < 0.5:
            jadd_item(r, q, retry(lambda: gen_subquery(r, q, gsafe, r.choice(["in", "exists"]))), names, True)
        else:
            jadd_item(r, q, retry(lambda: (g if r.random() < 0.3 else gsafe).anyexpr(r.randint(1, 2))), names, True)
    for it in q.items:
        if isinstance(it.node, Col) and not isinstance(it.node, SideCol):
            it.node.outcol = it.node.name
    w = retry(lambda: gen_subquery(r, q, gsafe, r.choice(["in", "in", "exists"])))
    c = r.random()
    if c < 0.3:
        w = And(w, retry(lambda: gsafe.boolexpr(1)))
    elif c < 0.45:
        w = Or(w, retry(lambda: gen_subquery(r, q, gsafe, r.choice(["in", "exists"]))))
    elif c < 0.55:
        w = Not(w)
    q.where = w
    return q


# ------------------------------------------------------ relational queries
class ValuesRel:
    """(VALUES (...), ...) AS v(n, d, y, s, g): columns typed as the union of their rows."""

    def __init__(self, r):
        self.names = ["N", "D", "Y", "S", "G"]
        self.roles = {"N": ["a", "b"], "D": ["d"], "Y": ["x"], "S": ["s", "k"], "G": ["f"]}
        nrows = r.randint(1, 6)
        self.lits = []
        for i in range(nrows):
            row = []
            for n in self.names:
                null = r.random() < 0.15
                if n == "N":
                    v = r.choice([0, 1, 2, 3, 7, 10, 42, 100, INT_MAX])
                    lit = null_lit(INT) if null else (int_lit(v) if r.random() < 0.7 else Neg(int_lit(v)))
                elif n == "D":
                    txt = "%d.%02d" % (r.randint(0, 999), r.randint(0, 99))
                    lit = null_lit(DEC(5, 2)) if null else (dec_lit(txt) if r.random() < 0.7 else Neg(dec_lit(txt)))
                elif n == "Y":
                    lit = null_lit(DBL) if null else dbl_lit(r.choice([0.5, 2.0, 1.25, 10.0, 0.1, 3.0, 100.5]))
                    if not null and r.random() < 0.3:
                        lit = Neg(lit)
                elif n == "S":
                    s = r.choice(["a", "abc", "B", "", "x y", "zz", "Hello", "a"])
                    lit = null_lit(VC(6)) if null else Cast(str_lit(s), VC(6))
                else:
                    lit = null_lit(BOOL) if null else bool_lit(r.random() < 0.5)
                row.append(lit)
            self.lits.append(row)
        self.types = {}
        for j, n in enumerate(self.names):
            self.types[n] = unify([row[j].typ for row in self.lits])
        self.rows = []
        for row in self.lits:
            d = {}
            for j, n in enumerate(self.names):
                d[n] = cast_value(row[j].ev({}), row[j].typ, self.types[n])
            self.rows.append(d)
        self.colnames = self.names

    def sql(self, alias):
        body = ", ".join("(" + ", ".join(l.sql() for l in row) + ")" for row in self.lits)
        return "(VALUES %s) AS %s(%s)" % (body, alias, ", ".join(n.lower() for n in self.names))

    def side(self, tag, qual):
        cols = []
        for n in self.names:
            for role in self.roles[n]:
                cols.append((role, n, self.types[n], n.lower()))
        return Side(tag, qual, cols)

    def envs(self, tag):
        return [dict((tag + "." + n, row[n]) for n in self.names) for row in self.rows]


class Slot(Node):
    """A typed output column (result of a UNION)."""

    def __init__(self, t):
        self.typ = t
        self.kids = []


class RelSelect:
    """SELECT [DISTINCT] items FROM rel [WHERE] [GROUP BY] [HAVING] (no ORDER BY)."""

    def __init__(self):
        self.items = []
        self.distinct = False
        self.where = None
        self.keys = None      # None: not grouped; list of Col: GROUP BY (possibly empty = one group)
        self.having = None
        self.source = None    # RefTable or ValuesRel
        self.tag = None
        self.from_sql = ""

    def grouped(self):
        return self.keys is not None

    def sql(self):
        out = "SELECT " + ("DISTINCT " if self.distinct else "") + ", ".join(it.sql() for it in self.items)
        out += " FROM " + self.from_sql
        if self.where is not None:
            out += " WHERE " + self.where.sql()
        if self.keys:
            out += " GROUP BY " + ", ".join(k.sql() for k in self.keys)
        if self.having is not None:
            out += " HAVING " + self.having.sql()
        return out


class RelQuery(JQuery):
    """A relational query: one RelSelect, or two joined by UNION [ALL]; ORDER BY."""

    def __init__(self):
        JQuery.__init__(self, "rel", pump=False)
        self.kind = "rel-sel"
        self.parts = []
        self.setop = None
        self.order = []   # (kind, obj, desc): ('item', index) or ('expr', node)

    def select_sql(self):
        out = self.parts[0].sql()
        if self.setop:
            out += " " + self.setop + " " + self.parts[1].sql()
        if self.order:
            ks = []
            for kind, obj, desc, text in self.order:
                ks.append(text + {None: "", "ASC": " ASC", "DESC": " DESC"}[desc])
            out += " ORDER BY " + ", ".join(ks)
        return out

    def app_sql(self):
        return self.select_sql() + ";\n"


def fam_of(t):
    return "num" if is_num(t) else "str" if is_str(t) else "bool" if t == BOOL else "other"


def gen_relsel_part(r, q, src, ncols=None, allow_group=True, fams=None):
    p = RelSelect()
    if isinstance(src, RefTable):
        alias = r.choice(["t", None, None])
        qual = alias if alias else r.choice([TABLE, None])
        p.from_sql = TABLE + (" AS " + alias if alias else "")
    else:
        alias = "v"
        qual = r.choice(["v", None])
        p.from_sql = src.sql(alias)
    p.source = src
    p.tag = "t"
    side = src.side("t", qual)
    p.side = side
    g = JGen(r, [side], allow_err=False)
    gerr = JGen(r, [side], allow_err=True)
    names = set()
    tmpq = Query("rel", False, False)

    def add(node, aliased=None):
        it = jadd_item(r, tmpq, node, names, aliased)
        it.tol = isinstance(node, Agg) and node.fn in ("SUM", "AVG") and node.typ == DBL

    grouped = allow_group and ncols is None and fams is None and r.random() < 0.5
    if grouped:
        keycols = []
        for c in side.cols:
            if c[0] in ("k", "s", "f", "a") and c[1] not in [k.outcol for k in keycols] and r.random() < 0.35:
                keycols.append(side.col(c))
        keycols = keycols[:2]
        p.keys = keycols
        q.gen.features.add("group-by-%d" % len(keycols))
        slots = [("key", k) for k in keycols if r.random() < 0.8] + [("agg", None) for _ in range(r.randint(1, 3))]
        r.shuffle(slots)
        for kind, k in slots:
            if kind == "key":
                add(SideCol(k.name, k.typ, k.ref, k.outcol))
            else:
                add(rel_agg(r, g, side), aliased=True)
        if r.random() < 0.35:
            p.having = rel_having(r, g)
    elif fams is not None:
        # the second operand of a set operation: one column of the same kind per column
        for fam in fams:
            cols = [c for c in side.cols if fam_of(c[2]) == fam]
            if cols and r.random() < 0.5:
                add(side.col(r.choice(cols)))
            else:
                gg = gerr if r.random() < 0.2 else g
                mk = {"num": gg.num, "str": gg.strexpr, "bool": gg.boolexpr}[fam]
                add(retry(lambda: mk(r.randint(0, 2))), aliased=True)
    else:
        n = ncols or r.randint(1, 4)
        for _ in range(n):
            if r.random() < 0.45:
                add(side.col(r.choice(side.cols)))
            else:
                gg = gerr if r.random() < 0.2 else g
                add(retry(lambda: gg.anyexpr(r.randint(1, 2))), aliased=True)
    if r.random() < 0.4:
        p.where = retry(lambda: g.boolexpr(r.randint(1, 2)))
    if r.random() < 0.25:
        p.distinct = True
        q.gen.features.add("distinct")
    p.items = tmpq.items
    return p


def rel_agg(r, g, side):
    fn = r.choice(["COUNT*", "COUNT", "SUM", "AVG", "MIN", "MAX", "SUM", "MIN"])
    if fn == "COUNT*":
        return Agg("COUNT", None)
    if fn in ("MIN", "MAX") and r.random() < 0.3:
        return Agg(fn, g.col(r.choice(["s", "k"])))
    if fn == "COUNT" and r.random() < 0.4:
        return Agg("COUNT", g.col(r.choice(["s", "k", "f"])), distinct=r.random() < 0.3)
    arg = retry(lambda: g.num(r.randint(0, 1)))
    return Agg(fn, arg, distinct=(fn in ("COUNT", "SUM") and r.random() < 0.15))


def rel_having(r, g):
    def atom():
        c = r.random()
        if c < 0.4:
            return Cmp(r.choice([">", ">=", "<", "=", "<>"]), Agg("COUNT", None), int_lit(r.randint(0, 3)))
        if c < 0.8:
            return Cmp(r.choice([">", "<", ">="]), Agg(r.choice(["MIN", "MAX"]), g.col(r.choice(["a", "x"]))),
                       int_lit(r.randint(0, 20)))
        return IsNull(Agg("MAX", g.col(r.choice(["s", "a"]))), r.random() < 0.5)
    e = atom()
    if r.random() < 0.3:
        e = (And if r.random() < 0.5 else Or)(e, atom())
    return e


def gen_relsel(r):
    q = RelQuery()
    q.gen = Gen(r, [], None, False)
    q.table = gen_table(r, r.randint(1, 8))
    src = q.table if r.random() < 0.6 else ValuesRel(r)
    q.gen.features.add("from-table" if src is q.table else "from-values")
    c = r.random()
    if c < 0.25:
        q.setop = r.choice(["UNION", "UNION ALL"])
        if not WORKAROUNDS["rel_intersect"] and r.random() < 0.3:
            q.setop = r.choice(["INTERSECT", "EXCEPT"])
        p1 = gen_relsel_part(r, q, src, ncols=r.randint(1, 3))
        src2 = ValuesRel(r) if r.random() < 0.5 else q.table
        p2 = gen_relsel_part(r, q, src2, fams=[fam_of(it.node.typ) for it in p1.items])
        q.parts = [p1, p2]
        q.gen.features.add(q.setop.lower().replace(" ", "-"))
        types = [unify([a.node.typ, b.node.typ]) for a, b in zip(p1.items, p2.items)]
        q.items = [Item(Slot(t), None, it.outname) for t, it in zip(types, p1.items)]
    else:
        p = gen_relsel_part(r, q, src)
        q.parts = [p]
        q.items = p.items
    # ORDER BY: ordinals, output names, or (not DISTINCT, not a set operation) columns / group keys
    if r.random() < 0.5 and not (q.setop and WORKAROUNDS["rel_union_order"]):
        q.gen.features.add("order-by")
        p = q.parts[0]
        for _ in range(r.randint(1, 2)):
            c = r.random()
            desc = r.choice([None, None, "ASC", "DESC", "DESC"])
            if c < 0.4 or q.setop or p.distinct:
                i = r.randrange(len(q.items))
                it = q.items[i]
                if r.random() < 0.5 or q.setop:
                    text = str(i + 1)
                else:
                    text = it.alias if it.alias else (it.node.sql() if not q.setop else str(i + 1))
                q.order.append(("item", i, desc, text))
            elif p.grouped():
                if p.keys:
                    k = r.choice(p.keys)
                    q.order.append(("expr", k, desc, k.sql()))
                else:
                    a = Agg("COUNT", None)
                    q.order.append(("expr", a, desc, a.sql()))
            else:
                k = p.side.col(r.choice(p.side.cols))
                q.order.append(("expr", k, desc, k.sql()))
    return q


def gen_rel(r):
    return gen_relsel(r) if r.random() < 0.6 else gen_relsub(r)


# ------------------------------------------------------ reference (joins)
def joined_outcome(q, env):
    """WHERE, then the select items, of one joined row: None (filtered), 'err', or values."""
    if q.where is not None:
        ok, w = strict_eval(lambda: q.where.ev(env))
        if not ok:
            return "err"
        if w is not True:
            return None
    vals = []
    for it in q.items:
        ok, v = strict_eval(lambda: it.node.ev(env))
        if not ok:
            return "err"
        vals.append(v)
    return tuple(vals)


def on_true(q, env):
    ok, v = strict_eval(lambda: q.on.ev(env))
    if not ok:
        raise Ambiguous("runtime error in an ON condition (spec silent)")
    return v is True


def ref_tjoin(q, rows):
    """Stream JOIN table: per stream row (in order), its joined rows (order among
    them unspecified).  Returns (expected rows, expected errors); a row is
    (rt, values, group) with group = index of the stream row."""
    tenvs = q.table.envs("t")
    out, errs = [], []
    for gi, (rec, env) in enumerate(rows):
        base = q.sside.env_of(env)
        base["__rt"] = env["__rt"]
        joined = []
        for te in tenvs:
            e2 = dict(base)
            e2.update(te)
            if on_true(q, e2):
                joined.append(e2)
        if not joined and q.outer:
            e2 = dict(base)
            e2.update(q.tside.nulls())
            joined.append(e2)
        for e2 in joined:
            o = joined_outcome(q, e2)
            if o == "err":
                errs.append([(None, rec.line)])
            elif o is not None:
                out.append((env["__rt"], o, gi))
    return out, errs


def ref_sjoin(q, rows_by):
    """Two streams joined over a window (docs/semantics.md, Joins).  Rows of the two
    inputs are merged in ROWTIME order, ties to the first input (SRC_A).  Returns
    (expected rows, expected errors); a row's rt is ('wild', lo) where the spec does
    not fix it (GAP join_rows_end)."""
    merged = []
    for idx, src in enumerate(("A", "B")):
        for seq, (rec, env) in enumerate(rows_by[src]):
            merged.append((env["__rt"], idx, seq, src, rec, env))
    merged.sort(key=lambda m: m[:3])
    other = {"A": "B", "B": "A"}
    kept = {"A": [], "B": []}
    out, errs = [], []

    def emit(t, parts, lines):
        env = {}
        for p in parts:
            env.update(p)
        env["__rt"] = t if not isinstance(t, tuple) else None
        o = joined_outcome(q, env)
        if o == "err":
            errs.append(lines)
        elif o is not None:
            out.append((t, o, None))

    def null_row(src, ent, t, trigger=None):
        # GAP join_error_row: an error of a row that leaves its window may carry the line of
        # the row that pushed it out (or, at end of input, any line)
        lines = [(None, ent["line"])] + ([(None, trigger)] if trigger else [])
        if trigger == "end":
            lines = [("*", None)]
        emit(t, [ent["env"], q.sides[other[src]].nulls()], lines)

    def expire(t, line):
        leaving = {}
        for src in ("A", "B"):
            w = q.win.get(src)
            if w is not None and w.kind == "RANGE" and src in q.preserved:
                leaving[src] = [e["rt"] + w.range_ms() for e in kept[src]
                                if e["rt"] + w.range_ms() < t and not e["matched"]]
        if WORKAROUNDS["sjoin_expiry_order"] and len([s for s in leaving if leaving[s]]) == 2:
            ends = leaving["A"] + leaving["B"]
            if len(set(ends)) > 1:
                raise Ambiguous("known eddy bug: rows leaving both windows at once come out of ROWTIME order")
        for src in ("A", "B"):
            w = q.win.get(src)
            if w is None or w.kind != "RANGE":
                continue
            keep = []
            for ent in kept[src]:
                end = ent["rt"] + w.range_ms()
                if end < t:  # RANGE includes both ends: a row at end can still match
                    if src in q.preserved and not ent["matched"]:
                        null_row(src, ent, end, line)
                else:
                    keep.append(ent)
            kept[src] = keep

    for t, idx, seq, src, rec, env in merged:
        expire(t, rec.line)
        senv = q.sides[src].env_of(env)
        ent = {"env": senv, "rt": t, "matched": False, "line": rec.line}
        y = other[src]
        if y in q.win:
            for e in kept[y]:
                cenv = dict(senv)
                cenv.update(e["env"])
                if on_true(q, cenv):
                    e["matched"] = True
                    ent["matched"] = True
                    emit(t, [senv, e["env"]], [(None, rec.line), (None, e["line"])])
        w = q.win.get(src)
        if w is not None:
            kept[src].append(ent)
            if w.kind == "ROWS" and len(kept[src]) > w.n + 1:   # GAP join_rows_size
                old = kept[src].pop(0)
                if src in q.preserved and not old["matched"]:
                    null_row(src, old, t, rec.line)
        elif src in q.preserved and not ent["matched"]:
            null_row(src, ent, t)
    for src in ("A", "B"):
        w = q.win.get(src)
        if w is None:
            continue
        for ent in kept[src]:
            if src in q.preserved and not ent["matched"]:
                null_row(src, ent, ent["rt"] + w.range_ms() if w.kind == "RANGE" else ("wild", ent["rt"]), "end")
    return out, errs


# ------------------------------------------------- reference (relations)
def rel_part_rows(q, p):
    """Rows of one RelSelect: list of (values, env for ORDER BY expressions), and the
    number of rows that go to the error stream."""
    envs = p.source.envs("t")
    passed = []
    for env in envs:
        if p.where is not None:
            ok, w = strict_eval(lambda: p.where.ev(env))
            if not ok:
                raise Ambiguous("runtime error in a relational WHERE")
            if w is not True:
                continue
        passed.append(env)
    nerr = 0
    rows = []
    if p.grouped():
        aggs = [n for it in p.items for n in it.node.walk() if isinstance(n, Agg)]
        if p.having is not None:
            aggs += [n for n in p.having.walk() if isinstance(n, Agg)]
        aggs += [o[1] for o in q.order if o[0] == "expr" and isinstance(o[1], Agg)]
        groups, order = {}, []
        for env in passed:
            key = tuple(_keynorm(k.ev(env)) for k in p.keys)
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(env)
        if not p.keys and not order:
            if WORKAROUNDS["rel_empty_group"]:
                raise Ambiguous("known eddy bug: an aggregate without GROUP BY over no rows gives no row")
            groups[()] = []
            order.append(())   # no GROUP BY: one group, even of no rows
        check_group_keys(p, [groups[k][0] for k in order if groups[k]])
        for key in order:
            members = groups[key]
            genv = dict(members[0]) if members else dict(p.side.nulls())
            av = {}
            for a in aggs:
                if a.arg is None:
                    av[id(a)] = len(members)
                    continue
                vals = []
                for env in members:
                    ok, v = strict_eval(lambda: a.arg.ev(env))
                    if not ok:
                        raise Ambiguous("runtime error in an aggregate argument of a relational query")
                    vals.append(v)
                av[id(a)] = compute_agg(a.fn, a.arg.typ, vals, a.distinct, a.json_mean)
            genv["__agg"] = av
            if p.having is not None:
                ok, h = strict_eval(lambda: p.having.ev(genv))
                if not ok:
                    nerr += 1
                    continue
                if h is not True:
                    continue
            o = items_of(p.items, genv)
            if o is None:
                nerr += 1
                continue
            rows.append((o, genv))
    else:
        for env in passed:
            o = items_of(p.items, env)
            if o is None:
                nerr += 1
                continue
            rows.append((o, env))
    if p.distinct:
        rows = distinct_rows(rows, [it.node.typ for it in p.items])
    return rows, nerr


def check_group_keys(p, firsts):
    for i, a in enumerate(firsts):
        for b in firsts[i + 1:]:
            if all(_same_key(k.typ, k.ev(a), k.ev(b)) for k in p.keys):
                raise Ambiguous("group keys equal in SQL but not in the text (trailing blanks)")


def _same_key(t, a, b):
    if a is None or b is None:
        return a is None and b is None
    return compare(t, t, a, b, True) == 0


def items_of(items, env):
    vals = []
    for it in items:
        ok, v = strict_eval(lambda: it.node.ev(env))
        if not ok:
            return None
        vals.append(v)
    return tuple(vals)


def rows_equal(types, a, b):
    """SQL equality of two rows for DISTINCT / UNION (NULLs equal)."""
    for t, x, y in zip(types, a, b):
        if x is None or y is None:
            if not (x is None and y is None):
                return False
            continue
        if compare(t, t, x, y, True) != 0:
            return False
        if not _identical(x, y) or (isinstance(x, str) and x != y):
            raise Ambiguous("duplicate rows equal in SQL but printed differently")
    return True


def distinct_rows(rows, types):
    out = []
    for vals, env in rows:
        if not any(rows_equal(types, vals, v2) for v2, _ in out):
            out.append((vals, env))
    return out


def ref_relsel(q):
    """(rows [(values, env)], number of error rows)."""
    parts = [rel_part_rows(q, p) for p in q.parts]
    if not q.setop:
        return parts[0]
    types = [it.node.typ for it in q.items]
    conv = []
    for p, (rows, _) in zip(q.parts, parts):
        cr = []
        for vals, env in rows:
            if WORKAROUNDS["rel_distinct_union"] and p.distinct and len(rows) > 1 and any(
                    it.node.typ != t for it, t in zip(p.items, types)):
                raise Ambiguous("known eddy bug: a DISTINCT operand of UNION whose type is converted keeps one row")
            cr.append((tuple(cast_value(v, it.node.typ, t) for v, it, t in zip(vals, p.items, types)), env))
        conv.append(cr)
    nerr = parts[0][1] + parts[1][1]
    a, b = conv
    if q.setop == "UNION ALL":
        return a + b, nerr
    if q.setop == "UNION":
        return distinct_rows(a + b, types), nerr
    da, db = distinct_rows(a, types), distinct_rows(b, types)
    if q.setop == "INTERSECT":
        return [x for x in da if any(rows_equal(types, x[0], y[0]) for y in db)], nerr
    return [x for x in da if not any(rows_equal(types, x[0], y[0]) for y in db)], nerr


def order_keys(q, vals, env):
    ks = []
    for kind, obj, desc, text in q.order:
        if kind == "item":
            ks.append((vals[obj], q.items[obj].node.typ, desc == "DESC"))
        else:
            ok, v = strict_eval(lambda: obj.ev(env))
            if not ok:
                raise Ambiguous("runtime error in an ORDER BY key")
            ks.append((v, obj.typ, desc == "DESC"))
    return ks


def key_cmp(ka, kb, policy):
    """Compare two ORDER BY key lists; policy = where NULLs go: 'low' (as the smallest
    value), 'high', 'first', 'last' (GAP order_nulls)."""
    for (a, t, desc), (b, _, _) in zip(ka, kb):
        if a is None and b is None:
            continue
        if a is None or b is None:
            anull = -1 if a is None else 1   # +1: a is the non-null one
            if policy == "first":
                return -1 if a is None else 1
            if policy == "last":
                return 1 if a is None else -1
            c = anull if policy == "low" else -anull
            return -c if desc else c
        try:
            c = compare(t, t, a, b, False)
        except Ambiguous:
            c = 0
        if c:
            return -c if desc else c
    return 0


# ------------------------------------------------- comparing (new modes)
def bipartite(nexp, ngot, adj):
    """Maximum matching (Kuhn); adj(i) -> candidate got indexes of expected row i.
    Returns match: got index -> expected index or None."""
    match = [None] * ngot
    lists = {}

    def cands(i):
        if i not in lists:
            lists[i] = adj(i)
        return lists[i]

    def augment(i, seen):
        for j in cands(i):
            if j in seen:
                continue
            seen.add(j)
            if match[j] is None or augment(match[j], seen):
                match[j] = i
                return True
        return False

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))
    for i in range(nexp):
        augment(i, set())
    return match


def got_rt(g):
    return parse_ts(got_text(dict(g).get("ROWTIME")).strip('"'))


def match_rows(q, exp, got):
    """exp: [(rt, vals, group)], rt an int or ('wild', lo).  Returns got->exp match."""
    buckets = {}
    for j, g in enumerate(got):
        buckets.setdefault(got_rt(g), []).append(j)
    cache = {}

    def ok(i, j):
        key = (i, j)
        if key not in cache:
            rt, vals, _ = exp[i]
            grt = got_rt(got[j])
            if isinstance(rt, tuple):
                good = grt is not None and grt >= rt[1] and row_diff(q, grt, vals, got[j]) is None
            else:
                good = row_diff(q, rt, vals, got[j]) is None
            cache[key] = good
        return cache[key]

    def adj(i):
        rt = exp[i][0]
        if isinstance(rt, tuple):
            cand = range(len(got))
        else:
            cand = buckets.get(rt, [])
        return [j for j in cand if ok(i, j)]

    return bipartite(len(exp), len(got), adj)


def fmt_exp_rt(q, rt, vals):
    if isinstance(rt, tuple):
        return fmt_expected(q, rt[1], vals).replace('"ROWTIME":"', '"ROWTIME":>="', 1)
    return fmt_expected(q, rt, vals)


def compare_rows_multiset(q, exp, got_rows, res, what):
    match = match_rows(q, exp, got_rows)
    used = set(m for m in match if m is not None)
    miss = [i for i in range(len(exp)) if i not in used]
    extra = [j for j, m in enumerate(match) if m is None]
    if not miss and not extra:
        return match
    if miss and extra:
        # the closest pair: same ROWTIME if any
        i = miss[0]
        rt = exp[i][0]
        same = [j for j in extra if not isinstance(rt, tuple) and got_rt(got_rows[j]) == rt] or extra
        j = same[0]
        d = row_diff(q, rt if not isinstance(rt, tuple) else got_rt(got_rows[j]), exp[i][1], got_rows[j])
        fail(res, "value", "%s: %d expected rows not in eddy's output, %d eddy rows not expected; e.g. %s\n"
             "  eddy:     %s\n  expected: %s%s" % (
                 what, len(miss), len(extra), d, raw_row(got_rows[j]), fmt_exp_rt(q, rt, exp[i][1]),
                 more_rows(q, exp, got_rows, miss[1:4], extra[1:4])))
    elif miss:
        fail(res, "missing", "%s: %d expected rows missing from eddy's output, e.g. %s%s" % (
            what, len(miss), fmt_exp_rt(q, exp[miss[0]][0], exp[miss[0]][1]), more_rows(q, exp, got_rows, miss[1:4], [])))
    else:
        fail(res, "extra", "%s: %d eddy rows not expected, e.g. %s%s" % (
            what, len(extra), raw_row(got_rows[extra[0]]), more_rows(q, exp, got_rows, [], extra[1:4])))
    return None


def more_rows(q, exp, got, miss, extra):
    out = ""
    for i in miss:
        out += "\n  also expected: " + fmt_exp_rt(q, exp[i][0], exp[i][1])
    for j in extra:
        out += "\n  also eddy:     " + raw_row(got[j])
    return out


def compare_errors2(exp_errs, got_errs, res):
    """exp_errs: list of alternatives [(stream or None, line)]; got: error rows."""
    def adj(i):
        out = []
        for j, e in enumerate(got_errs):
            for s, l in exp_errs[i]:
                if s == "*" or (e.get("LINE") == l and (s is None or (e.get("STREAM_NAME") or "").upper() == s)):
                    out.append(j)
                    break
        return out
    if not exp_errs and not got_errs:
        return True
    match = bipartite(len(exp_errs), len(got_errs), adj)
    used = set(m for m in match if m is not None)
    miss = [exp_errs[i] for i in range(len(exp_errs)) if i not in used]
    extra = [got_errs[j] for j, m in enumerate(match) if m is None]
    if miss or extra:
        fail(res, "errors", "error stream: expected %d rows (lines %s), eddy %d (lines %s); unmatched expected %s, "
             "unmatched eddy %s" % (
                 len(exp_errs), [sorted(set(l for _, l in e)) for e in exp_errs][:8], len(got_errs),
                 [(e.get("STREAM_NAME"), e.get("LINE")) for e in got_errs][:8],
                 [sorted(set(l for _, l in e)) for e in miss][:5],
                 ["%s:%s line %s" % (e.get("ERROR_NAME"), str(e.get("MESSAGE"))[:80], e.get("LINE")) for e in extra][:5]))
        return False
    return True


def check_nondecreasing(got_rows, res):
    last = None
    for j, g in enumerate(got_rows):
        t = got_rt(g)
        if t is None:
            fail(res, "badjson", "row #%d has no ROWTIME: %s" % (j + 1, raw_row(g)))
            return False
        if last is not None and t < last:
            fail(res, "order", "row #%d goes back in ROWTIME (after %s): %s" % (j + 1, fmt_ts(last), raw_row(g)))
            return False
        last = t
    return True


def compare_tjoin(q, exp, errs, got_rows, got_errs, res):
    if not compare_errors2(errs, got_errs, res):
        return res
    match = compare_rows_multiset(q, exp, got_rows, res, "joined rows")
    if match is None:
        return res
    if not check_nondecreasing(got_rows, res):
        return res
    # order: rows of one stream row may come in any order, stream rows in arrival order
    used = set()
    last = -1
    by_rt = {}
    for i, e in enumerate(exp):
        by_rt.setdefault(e[0], []).append(i)
    for j, g in enumerate(got_rows):
        cands = [i for i in by_rt.get(got_rt(g), []) if i not in used and row_diff(q, exp[i][0], exp[i][1], g) is None]
        i = min(cands, key=lambda i: exp[i][2])
        used.add(i)
        if exp[i][2] < last:
            return fail(res, "order", "row #%d %s belongs to an earlier stream row than the row before it" % (
                j + 1, raw_row(g)))
        last = exp[i][2]
    return res


def compare_sjoin(q, exp, errs, got_rows, got_errs, res):
    if not compare_errors2(errs, got_errs, res):
        return res
    if compare_rows_multiset(q, exp, got_rows, res, "joined rows (as a multiset per ROWTIME)") is None:
        return res
    check_nondecreasing(got_rows, res)
    return res


def compare_relsel(q, rows, nerr, got_rows, got_errs, res):
    if len(got_errs) != nerr:
        return fail(res, "errors", "error stream: %d rows, expected %d: %s" % (
            len(got_errs), nerr, ["%s:%s" % (e.get("ERROR_NAME"), str(e.get("MESSAGE"))[:80]) for e in got_errs][:5]))
    exp = [(NOW_MS, vals, None) for vals, env in rows]
    if compare_rows_multiset(q, exp, got_rows, res, "relational rows (as a multiset)") is None:
        return res
    if not q.order:
        return res
    keys = [order_keys(q, vals, env) for vals, env in rows]
    for policy in ("low", "high", "first", "last"):
        used = set()
        prev = None
        good = True
        for g in got_rows:
            cands = [i for i in range(len(exp)) if i not in used and row_diff(q, NOW_MS, exp[i][1], g) is None]
            best = cands[0]
            for i in cands[1:]:
                if key_cmp(keys[i], keys[best], policy) < 0:
                    best = i
            used.add(best)
            if prev is not None and key_cmp(keys[prev], keys[best], policy) > 0:
                good = False
                break
            prev = best
        if good:
            return res
    return fail(res, "order", "rows are not in ORDER BY order (NULLs first, last, low or high): %s" %
                " ".join(raw_row(g) for g in got_rows[:6]))


# ------------------------------------------------------ running (new modes)
def case_files(q, recs, workdir):
    """Write the files of a case; returns (command, stdin text)."""
    path = os.path.join(workdir, "q.sql")
    with open(path, "w") as fh:
        fh.write(q.app_sql())
    cmd = [EDDY, "run", path]
    stdin = ""
    if q.table is not None:
        tp = os.path.join(workdir, q.table.file_name())
        with open(tp, "w") as fh:
            fh.write(q.table.file_text())
        cmd += ["--table", "%s=%s" % (TABLE, tp)]
    if q.kind == "sjoin":
        for src, name in (("A", SRC_A), ("B", SRC_B)):
            ip = os.path.join(workdir, "input_%s.ndjson" % src.lower())
            with open(ip, "w") as fh:
                fh.write("".join(rc.text + "\n" for rc in recs if rc.src == src))
            cmd += ["--input", "%s=%s" % (name, ip)]
    elif q.kind != "rel-sel":
        stdin = "".join(rc.text + "\n" for rc in recs)
        with open(os.path.join(workdir, "input.ndjson"), "w") as fh:
            fh.write(stdin)
    cmd += ["--now", NOW_TEXT]
    return cmd, stdin


def run_eddy2(q, recs, workdir):
    cmd, stdin = case_files(q, recs, workdir)
    import time
    timeouts = 0
    for attempt in range(30):
        try:
            p = subprocess.run(cmd, input=stdin.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=20)
            break
        except subprocess.TimeoutExpired:
            # the binary may have been replaced while it started: try twice more
            timeouts += 1
            if timeouts == 3:
                return None, None, "timeout"
            time.sleep(5)
        except OSError:
            time.sleep(2)
    else:
        return None, None, "cannot execute %s" % EDDY
    return p.returncode, (p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")), None


def check_case2(q, recs, workdir):
    """check_case for the modes tjoin, sjoin and rel."""
    res = Result()
    try:
        if q.kind == "tjoin":
            rows, in_errs = load_rows(recs, SCHEMA_APP)
            exp, errs = ref_tjoin(q, rows)
            errs = [[(None, l)] for _, l in in_errs] + errs
        elif q.kind == "sjoin":
            rows_by, errs = {}, []
            for src, name in (("A", SRC_A), ("B", SRC_B)):
                rows_by[src], ie = load_rows([rc for rc in recs if rc.src == src], SCHEMA_APP)
                errs += [[(name, l)] for _, l in ie]
            exp, jerrs = ref_sjoin(q, rows_by)
            errs += jerrs
        elif q.kind == "rel-sel":
            rrows, nerr = ref_relsel(q)
        else:
            rows, in_errs = load_rows(recs, SCHEMA_APP)
            ref = ref_projection(q, rows)
    except Ambiguous as e:
        res.skipped = True
        res.msg = str(e)
        return res
    rc, outs, err = run_eddy2(q, recs, workdir)
    got = eddy_outputs(res, rc, outs, err)
    if not isinstance(got, tuple):
        return got
    got_rows, got_errs = got
    res.nrows, res.nerrs = len(got_rows), len(got_errs)
    if q.kind == "tjoin":
        return compare_tjoin(q, exp, errs, got_rows, got_errs, res)
    if q.kind == "sjoin":
        return compare_sjoin(q, exp, errs, got_rows, got_errs, res)
    if q.kind == "rel-sel":
        return compare_relsel(q, rrows, nerr, got_rows, got_errs, res)
    return compare_projection(q, ref, sorted(l for _, l in in_errs), got_rows, got_errs, res)


def gen_case2(r, mode):
    """(query, records) of a new mode; records of sjoin carry .src ('A' or 'B')."""
    CTX.new_mode = True
    try:
        return gen_case2_(r, mode)
    finally:
        CTX.new_mode = False


def gen_case2_(r, mode):
    if mode == "tjoin":
        q = gen_tjoin(r)
    elif mode == "sjoin":
        q = gen_sjoin(r)
    else:
        q = gen_rel(r)
    if q.pump:
        for it in q.items:
            it.dest = None
            if r.random() < 0.3 and not it.tol:
                it.dest = pick_dest(r, it.node.typ)
                if it.dest is not None:
                    q.gen.features.add("insert-conv")
    safe_inputs = r.random() < 0.4
    if mode == "sjoin":
        if r.random() < 0.7:
            # one timeline dealt to the two inputs: ties across them and gaps of whole
            # seconds (window boundaries) are common
            n = r.randint(0, 40) if r.random() < 0.85 else r.randint(40, 90)
            recs = gen_records(r, False, safe_inputs, n, allow_late=False)
            pa = r.choice([0.5, 0.5, 0.3, 0.7])
            for rc in recs:
                rc.src = "A" if r.random() < pa else "B"
            return q, renumber(recs)
        base = 1710000000000 + r.randint(0, 10 ** 9)
        if r.random() < 0.3:
            base -= base % 60000  # start on a minute
        recs = []
        for src in ("A", "B"):
            n = r.randint(0, 20) if r.random() < 0.85 else r.randint(20, 50)
            rs = gen_records(r, False, safe_inputs, n, allow_late=False,
                             base0=base + r.choice([0, 0, 500, 1000, r.randint(0, 5000)]))
            for rc in rs:
                rc.src = src
            recs += rs
        return q, recs
    if q.kind == "rel-sel":
        return q, []
    n = r.randint(1, 30) if r.random() < 0.85 else r.randint(30, 60)
    return q, gen_records(r, False, safe_inputs, n)


def renumber(recs):
    """Line numbers after dropping records (per input of a stream join)."""
    out, count = [], {}
    for rc in recs:
        src = getattr(rc, "src", None)
        count[src] = count.get(src, 0) + 1
        n = Record(count[src], rc.text, rc.rt, rc.fields, rc.late, rc.malformed)
        if src is not None:
            n.src = src
        out.append(n)
    return out


def describe2(q, recs, workdir=None):
    out = [q.app_sql().rstrip()]
    args = []
    if q.table is not None:
        args.append("--table %s=%s" % (TABLE, q.table.file_name()))
    if q.kind == "sjoin":
        args.append("--input %s=input_a.ndjson --input %s=input_b.ndjson" % (SRC_A, SRC_B))
    args.append("--now '%s'" % NOW_TEXT)
    out.append("-- eddy run q.sql " + " ".join(args) + ("" if q.kind in ("sjoin", "rel-sel") else " < input.ndjson"))
    if q.table is not None:
        out.append("-- %s (%d rows):" % (q.table.file_name(), len(q.table.rows)))
        out.append(q.table.file_text().rstrip("\n"))
    if q.kind == "sjoin":
        for src in ("A", "B"):
            rs = [rc for rc in recs if rc.src == src]
            out.append("-- input_%s.ndjson (%d records):" % (src.lower(), len(rs)))
            out += [rc.text for rc in rs]
    elif q.kind != "rel-sel":
        out.append("-- input (%d records):" % len(recs))
        out += [rc.text for rc in recs]
    return "\n".join(out)


def save_case2(d, q, recs):
    case_files(q, recs, d)


def shrink_rel(q, fails, runs, budget):
    """Shrinking steps of a relational query: drop a column (of every operand),
    WHERE / HAVING / DISTINCT / ORDER BY, the second operand of a set operation."""
    import copy
    changed = False

    def attempt(fn):
        q2 = copy.deepcopy(q)
        if fn(q2) is False:
            return None
        return q2 if runs[0] < budget and fails(q2, []) else None

    i = 0
    while len(q.items) > 1 and i < len(q.items):
        def drop(q2, i=i):
            if any(k[0] == "item" for k in q2.order) or q2.parts[0].grouped():
                return False
            for p in q2.parts:
                del p.items[i]
            if q2.setop:
                del q2.items[i]
        q2 = attempt(drop)
        if q2 is not None:
            q, changed = q2, True
        else:
            i += 1
    for pi in range(len(q.parts)):
        for attr, empty in (("where", None), ("having", None), ("distinct", False)):
            if getattr(q.parts[pi], attr):
                q2 = attempt(lambda q2: setattr(q2.parts[pi], attr, empty))
                if q2 is not None:
                    q, changed = q2, True
    if q.order:
        q2 = attempt(lambda q2: setattr(q2, "order", []))
        if q2 is not None:
            q, changed = q2, True
    return q, changed


# ------------------------------------------------------------------ main
MODES = ["proj", "tumble", "slide", "stagger"]
NEW_MODES = ["tjoin", "sjoin", "rel"]


def make_case(seed, mode_filter=None):
    r = random.Random(seed)
    random.seed(seed)
    if mode_filter in NEW_MODES or (mode_filter is None and random.Random(seed * 7919 + 17).random() < 0.35):
        # the new shapes; without --mode, about a third of the seeds (the others
        # give the same cases as before the new modes were added)
        mode = mode_filter or random.Random(seed * 7919 + 18).choice(NEW_MODES)
        for _ in range(50):
            try:
                return gen_case2(r, mode)
            except (TypeGap, RuntimeError):
                continue
        raise RuntimeError("could not generate a %s case" % mode)
    mode = mode_filter or r.choices(MODES, weights=[45, 20, 20, 15])[0]
    emode = r.random() < (0.15 if mode == "proj" else 0.08)
    safe_inputs = r.random() < 0.3
    q = None
    for _ in range(50):
        try:
            q = gen_query(r, mode, emode)
            break
        except (TypeGap, RuntimeError):
            continue
    n = r.randint(1, 30) if r.random() < 0.8 else r.randint(30, 80)
    recs = gen_records(r, emode, safe_inputs, n)
    return q, recs


def describe(q, recs):
    if q.mode in NEW_MODES:
        return describe2(q, recs)
    out = []
    if q.emode:
        out.append("eddy -e " + json.dumps(q.select_sql()))
    else:
        out.append(q.app_sql().rstrip())
    out.append("-- input (%d records):" % len(recs))
    for rc in recs:
        out.append(rc.text)
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description="differential test of eddy against a reference evaluator")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cases", type=int, default=100)
    ap.add_argument("--mode", choices=MODES + NEW_MODES)
    ap.add_argument("--shrink", action="store_true", help="shrink each failure to a small case")
    ap.add_argument("--quiet", action="store_true", help="only print the summary and failing seeds")
    ap.add_argument("--save", metavar="DIR", help="write each failing case (q.sql, input.ndjson) under DIR")
    ap.add_argument("--without", action="append", metavar="NAME",
                    help="turn off one workaround (repeatable)")
    ap.add_argument("--no-workarounds", action="store_true",
                    help="do not avoid the constructs of already-known eddy bugs")
    args = ap.parse_args()
    if args.no_workarounds:
        for k in WORKAROUNDS:
            WORKAROUNDS[k] = False
    for k in args.without or []:
        if k not in WORKAROUNDS:
            ap.error("unknown workaround %s (known: %s)" % (k, ", ".join(WORKAROUNDS)))
        WORKAROUNDS[k] = False
    passed = failed = skipped = 0
    rows_total = errs_total = nonempty = 0
    skip_why = {}
    kinds = {}
    cover = {}
    feats = {}
    with tempfile.TemporaryDirectory(prefix="difftest") as wd:
        for i in range(args.cases):
            seed = args.seed + i
            q, recs = make_case(seed, args.mode)
            tag = getattr(q, "kind", q.mode) + ("-e" if q.emode else "") + ("-pump" if q.pump else "")
            cover[tag] = cover.get(tag, 0) + 1
            for f in q.gen.features:
                feats[f] = feats.get(f, 0) + 1
            for it in q.items:
                for nd in it.node.walk():
                    if isinstance(nd, (Agg, WinAgg)):
                        nm = nd.fn if nd.kids else "COUNT(*)"
                        if isinstance(nd, WinAgg):
                            nm += " OVER " + nd.win.kind
                        feats[nm] = feats.get(nm, 0) + 1
            res = check_case(q, recs, wd)
            if res.skipped:
                skipped += 1
                why = re.sub(r"[0-9]+", "N", res.msg or "")[:70]
                skip_why[why] = skip_why.get(why, 0) + 1
                continue
            rows_total += res.nrows
            errs_total += res.nerrs
            nonempty += 1 if res.nrows else 0
            if res.ok:
                passed += 1
                continue
            failed += 1
            kinds[res.kind] = kinds.get(res.kind, 0) + 1
            if args.shrink:
                q, recs = shrink(q, recs, wd, signature(res))
                res = check_case(q, recs, wd)
            print("=" * 78)
            print("FAIL seed=%d mode=%s kind=%s" % (seed, tag, res.kind))
            if not args.quiet:
                print(describe(q, recs))
                print("-- first difference:")
                print(res.msg)
            sys.stdout.flush()
            if args.save:
                d = os.path.join(args.save, "seed%d" % seed)
                os.makedirs(d, exist_ok=True)
                if q.mode in NEW_MODES:
                    save_case2(d, q, recs)
                    with open(os.path.join(d, "diff.txt"), "w") as fh:
                        fh.write(describe2(q, recs) + "\n-- first difference:\n" + str(res.msg) + "\n")
                    continue
                with open(os.path.join(d, "q.sql"), "w") as fh:
                    fh.write(q.app_sql() if not q.emode else q.select_sql() + "\n")
                with open(os.path.join(d, "input.ndjson"), "w") as fh:
                    fh.write("".join(r.text + "\n" for r in recs))
                with open(os.path.join(d, "diff.txt"), "w") as fh:
                    fh.write(str(res.msg) + "\n")
    if not args.quiet or True:
        print("coverage: " + ", ".join("%s=%d" % kv for kv in sorted(cover.items())))
        print("features: " + ", ".join("%s=%d" % kv for kv in sorted(feats.items())))
        print("compared: %d output rows, %d error-stream rows; %d cases with output" % (
            rows_total, errs_total, nonempty))
        if skipped:
            print("skipped (reference ambiguous): %d: %s" % (skipped, "; ".join(
                "%s=%d" % kv for kv in sorted(skip_why.items(), key=lambda kv: -kv[1]))))
        if kinds:
            print("failure kinds: " + ", ".join("%s=%d" % kv for kv in sorted(kinds.items())))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
