using System.Numerics;

namespace BosonicTrajectories.Analysis;

/// <summary>
/// The Wigner function of a single-mode density matrix ρ (Fock basis |0⟩..|c − 1⟩), in the SPEC's quadratures
/// q = (a + a†)/√2, p = i(a† − a)/√2 (vacuum variance ½), normalised so that ∫∫ W(q, p) dq dp = Tr ρ:
/// W(q, p) = (1/π) Tr[ρ D(α) Π D(α)†], α = (q + i p)/√2, Π = (−1)^{a†a} the parity.
/// The vacuum gives W = e^{−q² − p²}/π (peak 1/π) and |1⟩ gives W(0, 0) = −1/π.
/// <para>
/// Matrix elements (Cahill–Glauber): for m = n + k, k ≥ 0, with x = 4|α|² = 2(q² + p²),
/// W_{|m⟩⟨n|} = (1/π) (−1)^n √(n!/m!) (2α*)^k e^{−x/2} L_n^{(k)}(x), and W_{|n⟩⟨m|} = conj(W_{|m⟩⟨n|}), so
/// W = (1/π) [Σ_n ρ_nn g_n^{(0)} + 2 Re Σ_{k ≥ 1} Σ_n ρ_{n+k,n} g_n^{(k)}], g_n^{(k)} = (−1)^n √(n!/(n+k)!) (2α*)^k e^{−x/2} L_n^{(k)}(x).
/// The g are evaluated without factorials or explicit Laguerre polynomials: g_0^{(k)} = g_0^{(k−1)} 2α*/√k from
/// g_0^{(0)} = e^{−x/2} (|g_0^{(k)}| ≤ 1 for every k, since Σ_k |g_0^{(k)}|² = 1), and the Laguerre three-term recurrence
/// rescaled to these normalised functions, g_{n+1} = −[(2n + k + 1 − x) g_n + √(n(n + k)) g_{n−1}] / √((n + 1)(n + k + 1)).
/// </para>
/// </summary>
public static class WignerFunction
{
    /// <summary>W(q, p) of <paramref name="rho"/> at one phase-space point.</summary>
    /// <exception cref="ArgumentException">ρ is not square.</exception>
    public static double Evaluate(Complex[,] rho, double q, double p)
    {
        CheckSquare(rho);
        return Point(rho, q, p);
    }

    /// <summary>W on a grid: result[i, j] = W(q[i], p[j]).</summary>
    /// <exception cref="ArgumentException">ρ is not square.</exception>
    public static double[,] OnGrid(Complex[,] rho, IReadOnlyList<double> q, IReadOnlyList<double> p)
    {
        CheckSquare(rho);
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(p);
        var w = new double[q.Count, p.Count];
        for (int i = 0; i < q.Count; i++)
            for (int j = 0; j < p.Count; j++) w[i, j] = Point(rho, q[i], p[j]);
        return w;
    }

    /// <summary>count points evenly spaced on [from, to] (both ends included).</summary>
    public static double[] Axis(double from, double to, int count)
    {
        if (count < 2) throw new ArgumentException($"an axis needs at least 2 points, got {count}", nameof(count));
        if (!(to > from)) throw new ArgumentException($"need from < to, got [{from}, {to}]", nameof(to));
        return [.. Enumerable.Range(0, count).Select(i => from + ((to - from) * i / (count - 1)))];
    }

    private static double Point(Complex[,] rho, double q, double p)
    {
        int c = rho.GetLength(0);
        double x = 2 * ((q * q) + (p * p));                 // 4|α|²
        var twoAlphaConjugate = new Complex(Math.Sqrt(2) * q, -Math.Sqrt(2) * p);   // 2α*, α = (q + ip)/√2
        Complex start = Math.Exp(-x / 2);                   // g_0^{(k)}, k = 0 first
        double diagonal = 0;
        Complex offDiagonal = Complex.Zero;
        for (int k = 0; k < c; k++)
        {
            if (k > 0) start *= twoAlphaConjugate / Math.Sqrt(k);
            Complex previous = Complex.Zero, current = start;
            Complex sum = Complex.Zero;
            for (int n = 0; n + k < c; n++)
            {
                sum += rho[n + k, n] * current;
                Complex next = -(((2 * n) + k + 1 - x) * current + (Math.Sqrt(n * (double)(n + k)) * previous))
                               / Math.Sqrt((n + 1) * (double)(n + k + 1));
                previous = current;
                current = next;
            }
            if (k == 0) diagonal = sum.Real;
            else offDiagonal += sum;
        }
        return (diagonal + (2 * offDiagonal.Real)) / Math.PI;
    }

    private static void CheckSquare(Complex[,] rho)
    {
        ArgumentNullException.ThrowIfNull(rho);
        if (rho.GetLength(0) != rho.GetLength(1) || rho.GetLength(0) == 0)
            throw new ArgumentException($"ρ must be a non-empty square matrix, got {rho.GetLength(0)}×{rho.GetLength(1)}", nameof(rho));
    }
}
