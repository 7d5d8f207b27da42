using BenchmarkDotNet.Attributes;
using BosonicTrajectories.Gaussian;
using BosonicTrajectories.Model;
using Complex = System.Numerics.Complex;

namespace BosonicTrajectories.Benchmarks.Gaussian;

/// <summary>
/// Gaussian steady state (drift/diffusion from the model, stability check via the real Schur form, Bartels–Stewart
/// Lyapunov solve) of a random stable passive model with 50 and 100 modes (100×100 and 200×200 real drift).
/// Allocation per solve: a handful of dense 2d×2d matrices (Schur factors, the transformed right-hand side, Σ), reported
/// by the Allocated column; there is no time stepping.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class SteadyStateBenchmark
{
    private OpenSystemModel model = null!;
    private GaussianDynamics dynamics = null!;

    [Params(50, 100)]
    public int Modes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        model = RandomPassiveModel(Modes, new Random(2024));
        dynamics = GaussianDynamics.FromModel(model);
    }

    /// <summary>Model → F, D → stability check → Σ (everything the gaussian method does for the steady state).</summary>
    [Benchmark]
    public QuadratureMoments SteadyStateFromModel() => GaussianSteadyState.Solve(model);

    /// <summary>Only the real Schur form and the Lyapunov solve.</summary>
    [Benchmark]
    public QuadratureMoments SteadyStateFromDynamics() => GaussianSteadyState.Solve(dynamics);

    /// <summary>
    /// H = 2I + random Hermitian hoppings; absorption A = B B†·0.05/d; emission E = A + C C†·0.1/d + 0.02 I, so E − A &gt; 0;
    /// jumps from the eigen-decompositions of E and A as in SPEC §1.
    /// </summary>
    public static OpenSystemModel RandomPassiveModel(int d, Random random)
    {
        var build = MathNet.Numerics.LinearAlgebra.Matrix<Complex>.Build;
        var noise = build.Dense(d, d, (_, _) => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5));
        var h = noise + noise.ConjugateTranspose() + 2 * build.DenseIdentity(d);
        var b = build.Dense(d, d, (_, _) => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5));
        var c = build.Dense(d, d, (_, _) => new Complex(random.NextDouble() - 0.5, random.NextDouble() - 0.5));
        var absorption = 0.05 / d * b * b.ConjugateTranspose();
        var emission = absorption + 0.1 / d * c * c.ConjugateTranspose() + 0.02 * build.DenseIdentity(d);
        var jumps = new List<JumpOperator>();
        var e = emission.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Hermitian);
        var a = absorption.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Hermitian);
        for (int k = 0; k < d; k++)
        {
            double emissionRate = Math.Max(0, e.EigenValues[k].Real), absorptionRate = Math.Max(0, a.EigenValues[k].Real);
            jumps.Add(new JumpOperator($"emission {k}",
                Polynomial.Linear(e.EigenVectors.Column(k).Select(z => Math.Sqrt(emissionRate) * Complex.Conjugate(z)).ToArray(), new Complex[d])));
            jumps.Add(new JumpOperator($"absorption {k}",
                Polynomial.Linear(new Complex[d], a.EigenVectors.Column(k).Select(z => Math.Sqrt(absorptionRate) * z).ToArray())));
        }
        var parties = Enumerable.Range(0, d).Select(i => new Party($"P{i}", [i])).ToArray();
        return new OpenSystemModel(d, [.. parties], Polynomial.FromHoppingMatrix(h.ToArray()), [.. jumps], null, []);
    }
}
