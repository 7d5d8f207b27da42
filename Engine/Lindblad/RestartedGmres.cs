using System.Buffers;
using System.Numerics.Tensors;

namespace BosonicTrajectories.Lindblad;

/// <summary>A linear map on real vectors: output ← M input.</summary>
internal delegate void RealLinearMap(ReadOnlySpan<double> input, Span<double> output);

/// <summary>
/// Right-preconditioned restarted GMRES(m) for A x = b over the reals: minimises ‖b − A P⁻¹ y‖ over Krylov spaces
/// of A P⁻¹ (modified Gram–Schmidt Arnoldi, Givens rotations) and returns x = x0 + P⁻¹ y. The steady-state solver
/// runs it on Hermitian matrices viewed as real vectors (the real inner product Re Tr(X† Y) of their interleaved
/// entries): ℒ, the preconditioners and the right-hand side all map Hermitian to Hermitian, so every Krylov
/// coefficient is real. Owns its Krylov basis: the vectors are rented from <see cref="ArrayPool{T}.Shared"/> when an
/// Arnoldi step first reaches them (a solve that converges before the restart length touches only the vectors it
/// uses) and returned by <see cref="Dispose"/>.
/// </summary>
internal sealed class RestartedGmres : IDisposable
{
    private readonly int _length;
    private readonly int _restart;
    private readonly double[]?[] _basis;
    private readonly double[] _hessenberg;      // (restart + 1) × restart, column-major by Arnoldi step
    private readonly double[] _cosines;
    private readonly double[] _sines;
    private readonly double[] _rhs;
    private readonly double[] _coefficients;
    private readonly double[] _work;
    private readonly double[] _correction;

    public RestartedGmres(int length, int restart)
    {
        if (restart < 1) throw new ArgumentException($"the restart length must be ≥ 1, got {restart}", nameof(restart));
        _length = length;
        _restart = restart;
        _basis = new double[restart + 1][];
        _hessenberg = new double[(restart + 1) * restart];
        _cosines = new double[restart];
        _sines = new double[restart];
        _rhs = new double[restart + 1];
        _coefficients = new double[restart];
        _work = ArrayPool<double>.Shared.Rent(length);
        _correction = ArrayPool<double>.Shared.Rent(length);
    }

    /// <summary>Returns the rented vectors to the pool; the instance must not be used afterwards.</summary>
    public void Dispose()
    {
        for (int i = 0; i < _basis.Length; i++)
        {
            if (_basis[i] is { } vector) ArrayPool<double>.Shared.Return(vector);
            _basis[i] = null;
        }
        ArrayPool<double>.Shared.Return(_work);
        ArrayPool<double>.Shared.Return(_correction);
    }

    /// <summary>Krylov vector <paramref name="index"/>, rented on first use.</summary>
    private Span<double> Basis(int index) => (_basis[index] ??= ArrayPool<double>.Shared.Rent(_length)).AsSpan(0, _length);

    /// <summary>
    /// Iterates from the initial guess in <paramref name="x"/> until ‖b − A x‖ ≤ <paramref name="tolerance"/>·‖b‖
    /// or <paramref name="maxIterations"/> Arnoldi steps. Returns (iterations, final relative residual ‖b − Ax‖/‖b‖).
    /// </summary>
    public (int Iterations, double RelativeResidual) Solve(
        RealLinearMap operatorA, RealLinearMap preconditioner, ReadOnlySpan<double> b, Span<double> x,
        double tolerance, int maxIterations, CancellationToken cancellationToken)
    {
        if (b.Length != _length || x.Length != _length) throw new ArgumentException($"vectors must have {_length} entries", nameof(b));
        double bNorm = TensorPrimitives.Norm(b);
        if (bNorm == 0)
        {
            x.Clear();
            return (0, 0);
        }
        int iterations = 0;
        while (true)
        {
            // r = b − A x
            var r = Basis(0);
            var work = _work.AsSpan(0, _length);
            var correction = _correction.AsSpan(0, _length);
            operatorA(x, r);
            for (int i = 0; i < _length; i++) r[i] = b[i] - r[i];
            double beta = TensorPrimitives.Norm(r);
            double relative = beta / bNorm;
            if (relative <= tolerance || iterations >= maxIterations) return (iterations, relative);
            TensorPrimitives.Multiply(r, 1 / beta, r);
            Array.Clear(_rhs);
            _rhs[0] = beta;

            int steps = 0;
            for (int j = 0; j < _restart && iterations < maxIterations; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                iterations++;
                steps = j + 1;
                var w = Basis(j + 1);
                preconditioner(Basis(j), work);
                operatorA(work, w);
                for (int i = 0; i <= j; i++)
                {
                    var v = Basis(i);
                    double h = TensorPrimitives.Dot(v, w);
                    H(i, j) = h;
                    TensorPrimitives.MultiplyAdd(v, -h, w, w);
                }
                double norm = TensorPrimitives.Norm(w);
                H(j + 1, j) = norm;
                if (norm > 0) TensorPrimitives.Multiply(w, 1 / norm, w);

                for (int i = 0; i < j; i++) Rotate(i, ref H(i, j), ref H(i + 1, j));
                MakeRotation(j, H(j, j), H(j + 1, j));
                Rotate(j, ref H(j, j), ref H(j + 1, j));
                Rotate(j, ref _rhs[j], ref _rhs[j + 1]);
                if (Math.Abs(_rhs[j + 1]) <= tolerance * bNorm || norm == 0) break;
            }

            // y = R⁻¹ g, x += P⁻¹ Σ y_j v_j
            for (int i = steps - 1; i >= 0; i--)
            {
                double sum = _rhs[i];
                for (int k = i + 1; k < steps; k++) sum -= H(i, k) * _coefficients[k];
                _coefficients[i] = sum / H(i, i);
            }
            work.Clear();
            for (int i = 0; i < steps; i++) TensorPrimitives.MultiplyAdd(Basis(i), _coefficients[i], work, work);
            preconditioner(work, correction);
            TensorPrimitives.Add(x, correction, x);
        }
    }

    private ref double H(int row, int column) => ref _hessenberg[(column * (_restart + 1)) + row];

    /// <summary>The rotation [[c, s], [−s, c]] that zeroes b below a.</summary>
    private void MakeRotation(int k, double a, double b)
    {
        if (b == 0)
        {
            (_cosines[k], _sines[k]) = (1, 0);
            return;
        }
        double r = double.Hypot(a, b);
        (_cosines[k], _sines[k]) = (a / r, b / r);
    }

    private void Rotate(int k, ref double top, ref double bottom)
    {
        double c = _cosines[k], s = _sines[k];
        double newTop = (c * top) + (s * bottom);
        bottom = (-s * top) + (c * bottom);
        top = newTop;
    }
}
