using System.Numerics;
using BosonicTrajectories.Kernels;

namespace BosonicTrajectories.Lindblad;

/// <summary>A linear map on complex vectors: output ← M input.</summary>
internal delegate void ComplexLinearMap(ReadOnlySpan<Complex> input, Span<Complex> output);

/// <summary>
/// Right-preconditioned restarted GMRES(m) for A x = b: minimises ‖b − A P⁻¹ y‖ over Krylov spaces of A P⁻¹
/// (modified Gram–Schmidt Arnoldi, complex Givens rotations) and returns x = x0 + P⁻¹ y. Owns its Krylov basis.
/// </summary>
internal sealed class RestartedGmres
{
    private readonly int _length;
    private readonly int _restart;
    private readonly Complex[][] _basis;
    private readonly Complex[] _hessenberg;     // (restart + 1) × restart, column-major by Arnoldi step
    private readonly double[] _cosines;
    private readonly Complex[] _sines;
    private readonly Complex[] _rhs;
    private readonly Complex[] _coefficients;
    private readonly Complex[] _work;
    private readonly Complex[] _correction;

    public RestartedGmres(int length, int restart)
    {
        if (restart < 1) throw new ArgumentException($"the restart length must be ≥ 1, got {restart}", nameof(restart));
        _length = length;
        _restart = restart;
        _basis = [.. Enumerable.Range(0, restart + 1).Select(_ => new Complex[length])];
        _hessenberg = new Complex[(restart + 1) * restart];
        _cosines = new double[restart];
        _sines = new Complex[restart];
        _rhs = new Complex[restart + 1];
        _coefficients = new Complex[restart];
        _work = new Complex[length];
        _correction = new Complex[length];
    }

    /// <summary>
    /// Iterates from the initial guess in <paramref name="x"/> until ‖b − A x‖ ≤ <paramref name="tolerance"/>·‖b‖
    /// or <paramref name="maxIterations"/> Arnoldi steps. Returns (iterations, final relative residual ‖b − Ax‖/‖b‖).
    /// </summary>
    public (int Iterations, double RelativeResidual) Solve(
        ComplexLinearMap operatorA, ComplexLinearMap preconditioner, ReadOnlySpan<Complex> b, Span<Complex> x,
        double tolerance, int maxIterations, CancellationToken cancellationToken)
    {
        if (b.Length != _length || x.Length != _length) throw new ArgumentException($"vectors must have {_length} entries", nameof(b));
        double bNorm = Math.Sqrt(ComplexSpan.NormSquared(b));
        if (bNorm == 0)
        {
            x.Clear();
            return (0, 0);
        }
        int iterations = 0;
        while (true)
        {
            // r = b − A x
            var r = _basis[0];
            operatorA(x, r);
            for (int i = 0; i < _length; i++) r[i] = b[i] - r[i];
            double beta = Math.Sqrt(ComplexSpan.NormSquared(r));
            double relative = beta / bNorm;
            if (relative <= tolerance || iterations >= maxIterations) return (iterations, relative);
            ComplexSpan.Scale(r, 1 / beta, r);
            Array.Clear(_rhs);
            _rhs[0] = beta;

            int steps = 0;
            for (int j = 0; j < _restart && iterations < maxIterations; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                iterations++;
                steps = j + 1;
                var w = _basis[j + 1];
                preconditioner(_basis[j], _work);
                operatorA(_work, w);
                for (int i = 0; i <= j; i++)
                {
                    Complex h = ComplexSpan.Dot(_basis[i], w);
                    H(i, j) = h;
                    ComplexSpan.Axpy(-h, _basis[i], w);
                }
                double norm = Math.Sqrt(ComplexSpan.NormSquared(w));
                H(j + 1, j) = norm;
                if (norm > 0) ComplexSpan.Scale(w, 1 / norm, w);

                for (int i = 0; i < j; i++) Rotate(i, ref H(i, j), ref H(i + 1, j));
                MakeRotation(j, H(j, j), H(j + 1, j));
                Rotate(j, ref H(j, j), ref H(j + 1, j));
                Rotate(j, ref _rhs[j], ref _rhs[j + 1]);
                if (Complex.Abs(_rhs[j + 1]) <= tolerance * bNorm || norm == 0) break;
            }

            // y = R⁻¹ g, x += P⁻¹ Σ y_j v_j
            for (int i = steps - 1; i >= 0; i--)
            {
                Complex sum = _rhs[i];
                for (int k = i + 1; k < steps; k++) sum -= H(i, k) * _coefficients[k];
                _coefficients[i] = sum / H(i, i);
            }
            Array.Clear(_work);
            for (int i = 0; i < steps; i++) ComplexSpan.Axpy(_coefficients[i], _basis[i], _work);
            preconditioner(_work, _correction);
            for (int i = 0; i < _length; i++) x[i] += _correction[i];
        }
    }

    private ref Complex H(int row, int column) => ref _hessenberg[(column * (_restart + 1)) + row];

    /// <summary>The rotation [[c, s], [−conj(s), c]] (c real) that zeroes b below a.</summary>
    private void MakeRotation(int k, Complex a, Complex b)
    {
        double absA = Complex.Abs(a), absB = Complex.Abs(b);
        if (absB == 0)
        {
            (_cosines[k], _sines[k]) = (1, 0);
            return;
        }
        if (absA == 0)
        {
            (_cosines[k], _sines[k]) = (0, Complex.Conjugate(b) / absB);
            return;
        }
        double r = Math.Sqrt((absA * absA) + (absB * absB));
        _cosines[k] = absA / r;
        _sines[k] = a / absA * Complex.Conjugate(b) / r;
    }

    private void Rotate(int k, ref Complex top, ref Complex bottom)
    {
        double c = _cosines[k];
        Complex s = _sines[k];
        Complex newTop = (c * top) + (s * bottom);
        bottom = (-Complex.Conjugate(s) * top) + (c * bottom);
        top = newTop;
    }
}
