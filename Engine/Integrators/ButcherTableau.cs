namespace BosonicTrajectories.Integrators;

/// <summary>
/// The coefficients of an explicit Runge–Kutta method, as data. With stages
/// k_i = f(t + c_i h, y + h Σ_{j&lt;i} a_ij k_j) the step is y_new = y + h Σ b_i k_i, the embedded solution is
/// ŷ = y + h Σ b̂_i k_i (local error estimate y_new − ŷ), and the dense output inside the step is
/// y(t + θh) = y + h Σ_i b_i(θ) k_i with b_i(θ) = Σ_p D[i][p] θ^(p+1).
/// Stages with index ≥ <see cref="StageCount"/> are extra stages used by the dense output only; they are
/// evaluated lazily, once per step, on the first interpolation inside that step.
/// </summary>
public sealed record ButcherTableau
{
    /// <summary>Builds and checks a tableau (shapes only; the order conditions are checked by the tests).</summary>
    /// <param name="name">Registry name of the method.</param>
    /// <param name="order">Classical order of y_new.</param>
    /// <param name="embeddedOrder">Order of ŷ (0 when there is no embedded solution).</param>
    /// <param name="c">Nodes of all stages, extra dense-output stages included.</param>
    /// <param name="a">Strictly lower-triangular coupling: a[i] has length i.</param>
    /// <param name="b">Weights of the propagating solution; its length is the number of main stages.</param>
    /// <param name="bHat">Weights of the embedded solution (null: no error estimate, fixed steps only).</param>
    /// <param name="denseOutput">D[i][p] over all stages (null: cubic Hermite from the end-point derivatives).</param>
    /// <param name="denseOutputOrder">Order of the dense output (3 for the Hermite fallback).</param>
    public ButcherTableau(string name, int order, int embeddedOrder, double[] c, double[][] a, double[] b,
        double[]? bHat, double[][]? denseOutput, int denseOutputOrder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (b.Length == 0 || b.Length > c.Length)
            throw new ArgumentException($"{name}: b has {b.Length} weights but c has {c.Length} nodes.", nameof(b));
        if (a.Length != c.Length)
            throw new ArgumentException($"{name}: a has {a.Length} rows but c has {c.Length} nodes.", nameof(a));
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i].Length != i)
                throw new ArgumentException($"{name}: a[{i}] must have {i} entries (explicit method), has {a[i].Length}.", nameof(a));
        }

        if (bHat is not null && bHat.Length != b.Length)
            throw new ArgumentException($"{name}: b̂ must have {b.Length} weights, has {bHat.Length}.", nameof(bHat));
        if (denseOutput is not null)
        {
            if (denseOutput.Length != c.Length)
                throw new ArgumentException($"{name}: the dense output needs one row per stage ({c.Length}), has {denseOutput.Length}.", nameof(denseOutput));
            if (denseOutput.Any(row => row.Length != denseOutput[0].Length))
                throw new ArgumentException($"{name}: dense-output rows must all have the same degree.", nameof(denseOutput));
        }
        else if (c.Length != b.Length)
        {
            throw new ArgumentException($"{name}: extra stages are only meaningful with dense-output coefficients.", nameof(c));
        }

        Name = name;
        Order = order;
        EmbeddedOrder = embeddedOrder;
        C = c;
        A = a;
        B = b;
        BHat = bHat;
        DenseOutput = denseOutput;
        DenseOutputOrder = denseOutputOrder;
        ErrorWeights = bHat is null ? null : b.Select((bi, i) => bi - bHat[i]).ToArray();
        IsFsal = IsStageTheEndDerivative(b.Length - 1);
        EndDerivativeExtraStage = Enumerable.Range(b.Length, c.Length - b.Length)
            .Where(IsStageTheEndDerivative).DefaultIfEmpty(-1).First();
    }

    public string Name { get; }
    public int Order { get; }
    public int EmbeddedOrder { get; }
    public double[] C { get; }
    public double[][] A { get; }
    public double[] B { get; }
    public double[]? BHat { get; }
    public double[][]? DenseOutput { get; }
    public int DenseOutputOrder { get; }

    /// <summary>b − b̂, the weights of the local error estimate (null without an embedded solution).</summary>
    public double[]? ErrorWeights { get; }

    /// <summary>Number of stages of one step (without the extra dense-output stages).</summary>
    public int StageCount => B.Length;

    /// <summary>Number of stages including the extra dense-output stages.</summary>
    public int TotalStageCount => C.Length;

    /// <summary>First Same As Last: the last main stage is f(t + h, y_new) and serves as the next step's first stage.</summary>
    public bool IsFsal { get; }

    /// <summary>Index of an extra stage that equals f(t + h, y_new) (so it need not be evaluated again), or −1.</summary>
    public int EndDerivativeExtraStage { get; }

    /// <summary>True when the tableau carries an embedded solution and so supports adaptive steps.</summary>
    public bool IsAdaptive => BHat is not null;

    private bool IsStageTheEndDerivative(int stage)
    {
        if (C[stage] != 1.0)
            return false;
        double[] row = A[stage];
        for (int j = 0; j < row.Length; j++)
        {
            double expected = j < B.Length ? B[j] : 0.0;
            if (Math.Abs(row[j] - expected) > 1e-15 * Math.Max(1.0, Math.Abs(expected)))
                return false;
        }

        return stage >= B.Length || B[stage] == 0.0;
    }
}
