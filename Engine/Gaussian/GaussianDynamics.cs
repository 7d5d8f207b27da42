using System.Globalization;
using System.Numerics.Tensors;
using Complex = System.Numerics.Complex;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;

namespace BosonicTrajectories.Gaussian;

/// <summary>
/// The closed first- and second-moment equations of a quadratic open system in the quadratures
/// x = (q_1, p_1, …, q_d, p_d) (ħ = 1):
/// d⟨x⟩/dt = F ⟨x⟩ + b  and  dΣ/dt = F Σ + Σ Fᵀ + D,
/// with Σ_jk = ½⟨{x_j, x_k}⟩ − ⟨x_j⟩⟨x_k⟩. For H = ½ xᵀ G x + cᵀ x (+ constant) and jumps L_k = l_kᵀ x + μ_k,
/// with M = Σ_k l_k l_k^H (Hermitian, positive semidefinite):
/// F = Ω (G − Im M),  D = Ω (Re M) Ωᵀ,  b = Ω c − Σ_k Ω Im(μ_k* l_k).
/// These follow from the adjoint Lindblad equation dO/dt = i[H, O] + Σ_k (L_k† O L_k − ½{L_k† L_k, O}) with
/// [x_j, x_k] = i Ω_jk; they are exact for any initial state, Gaussian or not.
/// </summary>
/// <param name="Modes">Number of modes d.</param>
/// <param name="Drift">F (2d×2d, real).</param>
/// <param name="Diffusion">D (2d×2d, real symmetric positive semidefinite).</param>
/// <param name="Drive">b (length 2d), from linear Hamiltonian terms and constant parts of jumps.</param>
public sealed record GaussianDynamics(int Modes, Matrix<double> Drift, Matrix<double> Diffusion, Vector<double> Drive)
{
    /// <summary>Imaginary parts of G or c up to this fraction of the largest coefficient are round-off, not a non-Hermitian H.</summary>
    private const double HermiticityTolerance = 1e-10;

    /// <summary>Builds F, D and b from a model whose Hamiltonian has degree ≤ 2 and whose jumps are (affine) linear.</summary>
    /// <exception cref="NonGaussianModelException">A Hamiltonian term has degree &gt; 2 or a jump term degree &gt; 1.</exception>
    /// <exception cref="ArgumentException">A term acts on a mode outside 0..d−1, or the Hamiltonian is not Hermitian.</exception>
    public static GaussianDynamics FromModel(OpenSystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        int d = model.Modes;
        int n = 2 * d;

        var (g, c) = HamiltonianQuadraticForm(model, n);
        var jumpMatrix = new JumpMatrix(n);
        var jumpDrive = new double[n];
        for (int k = 0; k < model.Jumps.Length; k++)
            AddJump(model, k, jumpMatrix, jumpDrive);
        var (reM, imM) = (jumpMatrix.Real, jumpMatrix.Imaginary);

        // (Ω R)_ij = s_i R_{σ(i) j} with σ(2k) = 2k+1, σ(2k+1) = 2k, s_{2k} = +1, s_{2k+1} = −1.
        var drift = Matrix<double>.Build.Dense(n, n,
            (i, j) => Sign(i) * (g[Partner(i), j] - imM[Partner(i) * n + j]));
        var diffusion = Matrix<double>.Build.Dense(n, n,
            (i, j) => Sign(i) * Sign(j) * 0.5 * (reM[Partner(i) * n + Partner(j)] + reM[Partner(j) * n + Partner(i)]));
        var drive = Vector<double>.Build.Dense(n, i => Sign(i) * (c[Partner(i)] - jumpDrive[Partner(i)]));
        return new GaussianDynamics(d, drift, diffusion, drive);
    }

    /// <summary>
    /// G (real symmetric) and c (real) with H = ½ xᵀ G x + cᵀ x + constant. A product u(x) w(x) of two linear forms
    /// equals Σ u_j w_k ½{x_j, x_k} + constant, so each quadratic monomial contributes coefficient·(u wᵀ + w uᵀ) to G
    /// whatever its operator ordering; commutator constants only shift the energy.
    /// </summary>
    private static (double[,] G, double[] C) HamiltonianQuadraticForm(OpenSystemModel model, int n)
    {
        var g = new Complex[n, n];
        var c = new Complex[n];
        double largest = 0;
        var terms = model.Hamiltonian.Terms;
        for (int t = 0; t < terms.Length; t++)
        {
            var term = terms[t];
            CheckModes(model, term, $"hamiltonian term {t}");
            if (term.Degree > 2)
                throw new NonGaussianModelException(
                    $"hamiltonian term {Describe(term)} has degree {term.Degree}; the gaussian method accepts Hamiltonian " +
                    "terms of degree ≤ 2 and linear jumps; use method lindblad or trajectories",
                    NonGaussianTermSource.Hamiltonian, t, null, null);
            largest = Math.Max(largest, term.Coefficient.Magnitude);
            if (term.Degree == 1)
            {
                QuadratureBasis.AddLadderOperator(c, term.Operators[0], term.Coefficient);
            }
            else if (term.Degree == 2)
            {
                // u and w each touch the two quadratures of one mode: update only that 2×2 (or 4×4 symmetric) patch.
                var (first, second) = (term.Operators[0], term.Operators[1]);
                for (int a = 0; a < 2; a++)
                    for (int b = 0; b < 2; b++)
                    {
                        Complex product = term.Coefficient * QuadratureBasis.Component(first, a) * QuadratureBasis.Component(second, b);
                        g[2 * first.Mode + a, 2 * second.Mode + b] += product;
                        g[2 * second.Mode + b, 2 * first.Mode + a] += product;
                    }
            }
        }

        var gReal = new double[n, n];
        var cReal = new double[n];
        double imaginary = 0;
        for (int i = 0; i < n; i++)
        {
            cReal[i] = c[i].Real;
            imaginary = Math.Max(imaginary, Math.Abs(c[i].Imaginary));
            for (int j = 0; j < n; j++)
            {
                gReal[i, j] = g[i, j].Real;
                imaginary = Math.Max(imaginary, Math.Abs(g[i, j].Imaginary));
            }
        }
        if (imaginary > HermiticityTolerance * largest)
            throw new ArgumentException(
                $"the Hamiltonian is not Hermitian: its quadratic form has an imaginary part of {imaginary:G3} " +
                $"(largest coefficient {largest:G3}); add the Hermitian conjugate of each non-Hermitian term (plusHc)",
                nameof(model));
        return (gReal, cReal);
    }

    /// <summary>Adds l lᴴ to M and Im(μ* l) to the jump drive for L = lᵀ x + μ.</summary>
    private static void AddJump(OpenSystemModel model, int k, JumpMatrix m, double[] jumpDrive)
    {
        var jump = model.Jumps[k];
        int n = jumpDrive.Length;
        var l = new Complex[n];
        Complex constant = 0;
        var terms = jump.Operator.Terms;
        for (int t = 0; t < terms.Length; t++)
        {
            var term = terms[t];
            CheckModes(model, term, $"jump '{jump.Label}'");
            if (term.Degree > 1)
                throw new NonGaussianModelException(
                    $"jump '{jump.Label}' (jump {k}) has the term {Describe(term)} of degree {term.Degree}; the gaussian " +
                    "method accepts Hamiltonian terms of degree ≤ 2 and linear jumps; use method lindblad or trajectories",
                    NonGaussianTermSource.Jump, t, k, jump.Label);
            if (term.Degree == 0) constant += term.Coefficient;
            else QuadratureBasis.AddLadderOperator(l, term.Operators[0], term.Coefficient);
        }
        for (int i = 0; i < n; i++)
            jumpDrive[i] += (Complex.Conjugate(constant) * l[i]).Imaginary;
        m.AddOuterProduct(l);
    }

    /// <summary>
    /// M = Σ_k l_k l_kᴴ accumulated as real and imaginary parts (row-major): with l = r + i s,
    /// Re(l lᴴ) = r rᵀ + s sᵀ and Im(l lᴴ) = s rᵀ − r sᵀ. Rows with r_i = s_i = 0 are skipped (a local jump touches 2).
    /// </summary>
    private sealed class JumpMatrix(int n)
    {
        private readonly double[] r = new double[n];
        private readonly double[] s = new double[n];

        public double[] Real { get; } = new double[n * n];

        public double[] Imaginary { get; } = new double[n * n];

        public void AddOuterProduct(Complex[] l)
        {
            for (int i = 0; i < n; i++)
            {
                r[i] = l[i].Real;
                s[i] = l[i].Imaginary;
            }
            for (int i = 0; i < n; i++)
            {
                if (r[i] == 0 && s[i] == 0) continue;
                var real = Real.AsSpan(i * n, n);
                var imaginary = Imaginary.AsSpan(i * n, n);
                TensorPrimitives.MultiplyAdd(r, r[i], real, real);
                TensorPrimitives.MultiplyAdd(s, s[i], real, real);
                TensorPrimitives.MultiplyAdd(r, s[i], imaginary, imaginary);
                TensorPrimitives.MultiplyAdd(s, -r[i], imaginary, imaginary);
            }
        }
    }

    private static int Partner(int quadrature) => quadrature ^ 1;

    private static double Sign(int quadrature) => (quadrature & 1) == 0 ? 1 : -1;

    private static void CheckModes(OpenSystemModel model, Monomial term, string where)
    {
        foreach (var op in term.Operators)
            if (op.Mode < 0 || op.Mode >= model.Modes)
                throw new ArgumentException(
                    $"{where} ({Describe(term)}) acts on mode {op.Mode}, but the model has modes 0..{model.Modes - 1}",
                    nameof(model));
    }

    /// <summary>"0.025 ad0 ad0 a0 a0" or "(0.1+0.2i) ad0 a1": the coefficient and the ops string as a config writes them.</summary>
    internal static string Describe(Monomial term)
    {
        var c = term.Coefficient;
        string coefficient = c.Imaginary == 0
            ? c.Real.ToString("G6", CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"({c.Real:G6}{(c.Imaginary < 0 ? "-" : "+")}{Math.Abs(c.Imaginary):G6}i)");
        return term.Operators.IsEmpty ? coefficient : coefficient + " " + string.Join(' ', term.Operators);
    }
}
