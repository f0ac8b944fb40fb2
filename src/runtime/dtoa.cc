// The shortest digits that read back as the same double (or float), from
// Google's double-conversion (Grisu3 with an exact fallback). It is the
// one C++ file of eddy: a C wrapper around one library call, compiled
// without exceptions or RTTI so the program links as C.
#include <double-conversion/double-conversion.h>

#include "dtoa.h"

extern "C" int dtoa_shortest(double v, int single, char *digits, int *point)
{
    using double_conversion::DoubleToStringConverter;
    bool sign;
    int length = 0;
    DoubleToStringConverter::DoubleToAscii(v, single ? DoubleToStringConverter::SHORTEST_SINGLE
                                                     : DoubleToStringConverter::SHORTEST,
                                           0, digits, DTOA_DIGITS, &sign, &length, point);
    return length;
}
