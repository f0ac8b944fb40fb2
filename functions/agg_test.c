/* Aggregates take values back cleanly: a sliding frame is run by hand
 * (step in, inverse out past its width) over values that no input can
 * carry any more (NaN, infinities), besides 1e308s, and every result is
 * compared with the one recomputed from the frame's values alone. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fn_check.h"
#include "registry.h"
#include "src/test.h"

typedef struct Agg {
    Arena arena;
    DiagList diag;
    const AggOps *ops;
    Expr *call;
    _Alignas(16) char state[256];
} Agg;

static bool agg_open(Agg *g, const char *name)
{
    arena_init(&g->arena, 0);
    diag_init(&g->diag, "t", "", 0);
    FnCtx cx;
    memset(&cx, 0, sizeof cx);
    cx.arena = &g->arena;
    cx.diag = &g->diag;
    Expr *arg = expr_column(&g->arena, 0, 0, type_make(TY_DOUBLE), span_make(0, 0));
    const FnDef *def = fn_find(name);
    g->call = def ? fn_bind_call(&cx, def, &arg, 1) : NULL;
    g->ops = def ? def->agg : NULL;
    if (!g->call || !g->ops || g->ops->state_size > sizeof g->state) return false;
    g->ops->init(g->state, g->call);
    return true;
}

static void agg_close(Agg *g)
{
    diag_free(&g->diag);
    arena_free(&g->arena);
}

/* What the aggregate should say of frame[0..n): *overflow when the result
 * is beyond DOUBLE (an error row). */
static double expected(const char *name, const double *frame, int n, bool *overflow)
{
    int nan = 0, pinf = 0, ninf = 0;
    long double sum = 0;
    for (int i = 0; i < n; i++) {
        if (isnan(frame[i])) nan++;
        else if (isinf(frame[i])) *(frame[i] > 0 ? &pinf : &ninf) += 1;
        else sum += frame[i];
    }
    *overflow = false;
    bool var = strcmp(name, "STDDEV_POP") == 0 || strcmp(name, "VAR_POP") == 0;
    if (nan || (pinf && ninf) || (var && (pinf || ninf))) return NAN;
    if (pinf || ninf) return pinf ? INFINITY : -INFINITY;
    long double r = sum;
    if (strcmp(name, "AVG") == 0) r = sum / n;
    if (var) {
        long double mean = sum / n, m2 = 0;
        for (int i = 0; i < n; i++) m2 += (frame[i] - mean) * (frame[i] - mean);
        r = m2 / n;
        if (strcmp(name, "STDDEV_POP") == 0) r = sqrtl(r);
    }
    if (fabsl(r) > DBL_MAX) *overflow = true;
    return (double)r;
}

static void test_values_leave_cleanly(void)
{
    static const double in[] = {1, 2, NAN, 3, 4, INFINITY, 5, -INFINITY, INFINITY, 6, 7, 8, 1e308, 1e308, 9, 10, 11,
                                -INFINITY, 12, 13, 14, 0.1, 0.2, 0.7, 1e300, 1, 2, 3, NAN, NAN, 4, 5, 6};
    static const char *const names[] = {"SUM", "AVG", "STDDEV_POP", "VAR_POP"};
    enum { N = sizeof in / sizeof in[0] };
    int bad = 0;
    for (int width = 1; width <= 4; width++)
        for (size_t f = 0; f < sizeof names / sizeof names[0]; f++) {
            Agg g;
            CU_ASSERT_FATAL(agg_open(&g, names[f]));
            for (int i = 0; i < N; i++) {
                EvalCtx cx;
                memset(&cx, 0, sizeof cx);
                Value v = val_double(in[i]);
                g.ops->step(g.state, g.call, &v, NULL, &cx);
                if (i >= width) {
                    Value old = val_double(in[i - width]);
                    g.ops->inverse(g.state, g.call, &old, &cx);
                }
                int lo = i >= width ? i - width + 1 : 0;
                /* a window whose values are out of line starts its state afresh (see AggOps.stale) */
                if (g.ops->stale && g.ops->stale(g.state)) {
                    g.ops->init(g.state, g.call);
                    for (int j = i; j >= lo; j--) {
                        Value w = val_double(in[j]);
                        g.ops->step(g.state, g.call, &w, NULL, &cx);
                    }
                }
                Value out;
                g.ops->final(g.state, g.call, &out, &cx);
                bool overflow;
                double want = expected(names[f], in + lo, i - lo + 1, &overflow);
                bool ok;
                if (overflow) ok = cx.err.set && strcmp(cx.err.name, "OVERFLOW") == 0;
                else if (cx.err.set || out.null) ok = false;
                else if (isnan(want)) ok = isnan(out.u.d);
                else if (isinf(want) || want == 0) ok = out.u.d == want;
                else ok = fabs(out.u.d - want) <= 1e-12 * fabs(want);
                /* exact where the frame holds integers only: nothing left behind */
                if (ok && !overflow && !isnan(want) && f == 0 && want == floor(want) && fabs(want) < 1e15) ok = out.u.d == want;
                if (!ok && bad++ < 10)
                    printf("\n  %s, frame of %d ending at %d: got %s%g, want %s%g", names[f], width, i,
                           cx.err.set ? "an error " : "", out.null ? NAN : out.u.d, overflow ? "an overflow " : "", want);
            }
            agg_close(&g);
        }
    CU_ASSERT_EQUAL(bad, 0);
}

void agg_tests(void)
{
    static const TestCase cases[] = {
        {"NaN, infinities and 1e308 leave a frame cleanly", test_values_leave_cleanly},
        {NULL, NULL},
    };
    test_suite("aggregates", cases);
}
