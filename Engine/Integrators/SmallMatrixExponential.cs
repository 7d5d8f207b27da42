namespace BosonicTrajectories.Integrators;

/// <summary>
/// exp(s·A) for a small dense k×k matrix (row-major), by scaling and squaring with the [13/13] Padé approximant
/// (Higham, SIAM J. Matrix Anal. Appl. 26 (2005) 1179). Used on the Krylov Hessenberg matrix. All work space is
/// allocated once for the largest size; <see cref="Compute"/> does not allocate.
/// </summary>
public sealed class SmallMatrixExponential
{
    // Padé [13/13] coefficients b_0..b_13 and the 1-norm bound θ_13 below which no scaling is needed.
    private static readonly double[] PadeCoefficients =
    [
        64764752532480000, 32382376266240000, 7771770303897600, 1187353796428800, 129060195264000,
        10559470521600, 670442572800, 33522128640, 1323241920, 40840800, 960960, 16380, 182, 1,
    ];

    private const double Theta13 = 5.371920351148152;

    private readonly int _capacity;
    private readonly double[] _a, _a2, _a4, _a6, _u, _v, _work, _work2;

    /// <summary>Work space for matrices up to <paramref name="capacity"/>×<paramref name="capacity"/>.</summary>
    public SmallMatrixExponential(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        int size = capacity * capacity;
        _a = new double[size];
        _a2 = new double[size];
        _a4 = new double[size];
        _a6 = new double[size];
        _u = new double[size];
        _v = new double[size];
        _work = new double[size];
        _work2 = new double[size];
    }

    public int Capacity => _capacity;

    /// <summary>result = exp(scale·A) for the k×k row-major matrix A (leading k·k entries of each span).</summary>
    public void Compute(ReadOnlySpan<double> a, int k, double scale, Span<double> result)
    {
        if (k < 1 || k > _capacity)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Matrix size must be in 1..{_capacity}.");
        int size = k * k;
        if (a.Length < size || result.Length < size)
            throw new ArgumentException($"Need {size} entries for a {k}×{k} matrix.", a.Length < size ? nameof(a) : nameof(result));

        double norm = 0.0;
        for (int j = 0; j < k; j++)
        {
            double column = 0.0;
            for (int i = 0; i < k; i++)
                column += Math.Abs(a[i * k + j]);
            norm = Math.Max(norm, column);
        }

        norm *= Math.Abs(scale);
        if (!double.IsFinite(norm))
        {
            result[..size].Fill(double.NaN);
            return;
        }

        int squarings = norm > Theta13 ? (int)Math.Ceiling(Math.Log2(norm / Theta13)) : 0;
        double factor = scale / Math.Pow(2, squarings);
        for (int i = 0; i < size; i++)
            _a[i] = a[i] * factor;

        Multiply(_a, _a, _a2, k);
        Multiply(_a2, _a2, _a4, k);
        Multiply(_a4, _a2, _a6, k);
        ReadOnlySpan<double> b = PadeCoefficients;

        // U = A·[A6(b13 A6 + b11 A4 + b9 A2) + b7 A6 + b5 A4 + b3 A2 + b1 I]
        for (int i = 0; i < size; i++)
            _work[i] = b[13] * _a6[i] + b[11] * _a4[i] + b[9] * _a2[i];
        Multiply(_a6, _work, _work2, k);
        for (int i = 0; i < size; i++)
            _work2[i] += b[7] * _a6[i] + b[5] * _a4[i] + b[3] * _a2[i];
        for (int i = 0; i < k; i++)
            _work2[i * k + i] += b[1];
        Multiply(_a, _work2, _u, k);

        // V = A6(b12 A6 + b10 A4 + b8 A2) + b6 A6 + b4 A4 + b2 A2 + b0 I
        for (int i = 0; i < size; i++)
            _work[i] = b[12] * _a6[i] + b[10] * _a4[i] + b[8] * _a2[i];
        Multiply(_a6, _work, _v, k);
        for (int i = 0; i < size; i++)
            _v[i] += b[6] * _a6[i] + b[4] * _a4[i] + b[2] * _a2[i];
        for (int i = 0; i < k; i++)
            _v[i * k + i] += b[0];

        // Solve (V − U) X = (V + U).
        for (int i = 0; i < size; i++)
        {
            double vi = _v[i], ui = _u[i];
            _work[i] = vi - ui;
            result[i] = vi + ui;
        }

        SolveInPlace(_work, result, k);
        for (int s = 0; s < squarings; s++)
        {
            result[..size].CopyTo(_work2);
            Multiply(_work2, _work2, result, k);
        }
    }

    /// <summary>product = x·y for k×k row-major matrices (product must not alias x or y).</summary>
    internal static void Multiply(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> product, int k)
    {
        product[..(k * k)].Clear();
        for (int i = 0; i < k; i++)
        {
            for (int l = 0; l < k; l++)
            {
                double xil = x[i * k + l];
                if (xil == 0.0)
                    continue;
                for (int j = 0; j < k; j++)
                    product[i * k + j] += xil * y[l * k + j];
            }
        }
    }

    /// <summary>Solves M X = B for k right-hand sides by LU with partial pivoting; M is destroyed, B becomes X.</summary>
    private static void SolveInPlace(Span<double> m, Span<double> rhs, int k)
    {
        for (int col = 0; col < k; col++)
        {
            int pivot = col;
            double best = Math.Abs(m[col * k + col]);
            for (int row = col + 1; row < k; row++)
            {
                double candidate = Math.Abs(m[row * k + col]);
                if (candidate > best)
                {
                    best = candidate;
                    pivot = row;
                }
            }

            if (pivot != col)
            {
                SwapRows(m, col, pivot, k);
                SwapRows(rhs, col, pivot, k);
            }

            double diagonal = m[col * k + col];
            for (int row = col + 1; row < k; row++)
            {
                double multiplier = m[row * k + col] / diagonal;
                if (multiplier == 0.0)
                    continue;
                for (int j = col; j < k; j++)
                    m[row * k + j] -= multiplier * m[col * k + j];
                for (int j = 0; j < k; j++)
                    rhs[row * k + j] -= multiplier * rhs[col * k + j];
            }
        }

        for (int row = k - 1; row >= 0; row--)
        {
            double diagonal = m[row * k + row];
            for (int j = 0; j < k; j++)
            {
                double sum = rhs[row * k + j];
                for (int l = row + 1; l < k; l++)
                    sum -= m[row * k + l] * rhs[l * k + j];
                rhs[row * k + j] = sum / diagonal;
            }
        }
    }

    private static void SwapRows(Span<double> matrix, int r1, int r2, int k)
    {
        for (int j = 0; j < k; j++)
            (matrix[r1 * k + j], matrix[r2 * k + j]) = (matrix[r2 * k + j], matrix[r1 * k + j]);
    }
}
