namespace BosonicTrajectories.Model;

/// <summary>
/// Globally adaptive Gauss–Kronrod (G7/K15) quadrature of ∫_a^b f(x) dx over an initial set of breakpoints: the
/// interval with the largest error estimate |K15 − G7| is bisected until the summed estimate is at most
/// <c>relativeTolerance · ∫|f|</c>.
/// </summary>
internal static class GaussKronrodQuadrature
{
    // Kronrod nodes on [−1, 1] (non-negative half; odd indices are the 7-point Gauss nodes) and weights.
    private static readonly double[] Nodes =
    [
        0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.000000000000000000000000000000000,
    ];

    private static readonly double[] KronrodWeights =
    [
        0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
    ];

    // Gauss weights for Nodes[1], Nodes[3], Nodes[5], Nodes[7].
    private static readonly double[] GaussWeights =
    [
        0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
        0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
    ];

    private readonly record struct Piece(double A, double B, double Value, double Error, double AbsoluteValue);

    /// <summary>∫ f over [breakpoints[0], breakpoints[^1]], starting from the given subintervals.</summary>
    /// <exception cref="NumericalFailureException">The tolerance is not reached within <paramref name="maxPieces"/> subintervals, or f is not finite.</exception>
    public static double Integrate(Func<double, double> f, IReadOnlyList<double> breakpoints, double relativeTolerance, int maxPieces = 4000)
    {
        var pieces = new List<Piece>(Math.Max(16, breakpoints.Count));
        for (int i = 0; i + 1 < breakpoints.Count; i++)
            if (breakpoints[i + 1] > breakpoints[i]) pieces.Add(Rule(f, breakpoints[i], breakpoints[i + 1]));

        while (true)
        {
            double value = 0, error = 0, absolute = 0;
            int worst = -1;
            for (int i = 0; i < pieces.Count; i++)
            {
                value += pieces[i].Value;
                error += pieces[i].Error;
                absolute += pieces[i].AbsoluteValue;
                if (CanSplit(pieces[i]) && (worst < 0 || pieces[i].Error > pieces[worst].Error)) worst = i;
            }
            if (!double.IsFinite(value))
                throw new NumericalFailureException("quadrature: the integrand is not finite on the integration range");
            if (error <= relativeTolerance * absolute || worst < 0 || pieces[worst].Error == 0) return value;
            if (pieces.Count >= maxPieces)
                throw new NumericalFailureException(
                    $"quadrature did not converge in {maxPieces} subintervals (error estimate {error:G3} for value {value:G6}); " +
                    "the integrand may be singular or too oscillatory (check the spectral density and bath parameters)");

            var split = pieces[worst];
            double mid = 0.5 * (split.A + split.B);
            pieces[worst] = Rule(f, split.A, mid);
            pieces.Add(Rule(f, mid, split.B));
        }
    }

    // Stop bisecting when the midpoint is no longer distinct from the ends (roundoff-limited).
    private static bool CanSplit(Piece p)
    {
        double mid = 0.5 * (p.A + p.B);
        return mid > p.A && mid < p.B && (p.B - p.A) > 1e-15 * Math.Max(Math.Abs(p.A), Math.Abs(p.B));
    }

    private static Piece Rule(Func<double, double> f, double a, double b)
    {
        double center = 0.5 * (a + b), half = 0.5 * (b - a);
        double fc = f(center);
        double kronrod = KronrodWeights[7] * fc, gauss = GaussWeights[3] * fc, absolute = KronrodWeights[7] * Math.Abs(fc);
        for (int j = 0; j < 7; j++)
        {
            double dx = half * Nodes[j];
            double f1 = f(center - dx), f2 = f(center + dx);
            kronrod += KronrodWeights[j] * (f1 + f2);
            absolute += KronrodWeights[j] * (Math.Abs(f1) + Math.Abs(f2));
            if (j % 2 == 1) gauss += GaussWeights[j / 2] * (f1 + f2);
        }
        return new Piece(a, b, kronrod * half, Math.Abs((kronrod - gauss) * half), absolute * Math.Abs(half));
    }
}
