using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Lindblad;
using BosonicTrajectories.Model;
using MathNet.Numerics.LinearAlgebra;
using static BosonicTrajectories.Tests.Lindblad.LindbladTestModels;

namespace BosonicTrajectories.Tests.Lindblad;

/// <summary>The pieces of the steady-state solver checked against their defining equations.</summary>
public class SteadyStatePreconditionerTests
{
    // The block solves go through eigenvector matrices with condition numbers ~10² here, and the entries are O(1):
    // 1e-10 leaves several orders of margin over the ~1e-14 rounding while catching any wrong term (O(κ) = O(0.01)).
    private const double SolveTolerance = 1e-10;

    // Packing scales by √2/2 and unpacking by 1/√2: two roundings of O(1) entries.
    private const double PackingTolerance = 1e-15;

    // The packed product and Re Tr(X† Y) sum the same ~100 O(1) terms in different orders.
    private const double InnerProductTolerance = 1e-12;

    // GMRES stops at a relative residual of 1e-13 on a system with condition number ~2: the error is below 1e-12.
    private const double GmresSolutionTolerance = 1e-11;

    [Test]
    public void NoJumpSolveInvertsTheNoJumpPart()
    {
        var liouvillian = HotColdBlocks();
        var noJump = new NoJumpPreconditioner(liouvillian, jacobiOnly: false, maxDenseBlock: 100);
        Assert.That(noJump.ExactBlocks, Is.EqualTo(liouvillian.Blocks.Length));
        var b = RandomHermitianBlocks(liouvillian, 11);
        var x = new Complex[b.Length];
        noJump.Apply(b, x);
        var back = ApplyShiftedNoJump(liouvillian, noJump.Shift, x);
        Assert.That(MaxDifference(back, b), Is.LessThan(SolveTolerance));
        Assert.That(HermiticityError(liouvillian, x), Is.Zero, "the solve returns exactly Hermitian blocks");
    }

    [TestCase(1.0)]
    [TestCase(1.3)]
    public void SweepsInvertTheSymmetricGaussSeidelSplitting(double relaxation)
    {
        // M = (𝒟 + ω𝒥₊) 𝒟⁻¹ (𝒟 + ω𝒥₋) with 𝒟 = 𝒮 − s, 𝒥₊ the jumps from lower blocks, 𝒥₋ those from higher ones.
        var liouvillian = HotColdBlocks();
        var noJump = new NoJumpPreconditioner(liouvillian, jacobiOnly: false, maxDenseBlock: 100);
        var sweeps = new ExcitationSweepPreconditioner(liouvillian, noJump, relaxation);
        var b = RandomHermitianBlocks(liouvillian, 12);
        var y = new Complex[b.Length];
        sweeps.Apply(b, y);

        var w = ApplyShiftedNoJump(liouvillian, noJump.Shift, y);
        AddJumps(liouvillian, fromAbove: true, relaxation, y, w);
        var z = new Complex[b.Length];
        noJump.Apply(w, z);
        var v = ApplyShiftedNoJump(liouvillian, noJump.Shift, z);
        AddJumps(liouvillian, fromAbove: false, relaxation, z, v);
        Assert.That(MaxDifference(v, b), Is.LessThan(SolveTolerance));
    }

    [Test]
    public void OperatorsAreWhatThePreconditionersInvert()
    {
        var liouvillian = HotColdBlocks();
        var noJump = new NoJumpPreconditioner(liouvillian, jacobiOnly: false, maxDenseBlock: 100);
        var sweeps = new ExcitationSweepPreconditioner(liouvillian, noJump, relaxation: 1.3);
        var x = RandomHermitianBlocks(liouvillian, 18);
        var noJumpImage = new Complex[x.Length];
        noJump.ApplyOperator(x, noJumpImage);
        Assert.That(MaxDifference(noJumpImage, ApplyShiftedNoJump(liouvillian, noJump.Shift, x)), Is.LessThan(SolveTolerance));
        var sweepImage = new Complex[x.Length];
        var back = new Complex[x.Length];
        sweeps.ApplyOperator(x, sweepImage);
        sweeps.Apply(sweepImage, back);
        Assert.That(MaxDifference(back, x), Is.LessThan(SolveTolerance));
    }

    [Test]
    public void SweepsDifferFromTheNoJumpSolveOnlyThroughJumps()
    {
        // Without jumps between blocks (a single block) the sweeps reduce to the no-jump solve.
        var problem = LindbladProblem.Build(HotColdMachine(), new FockSpace(new PerModeTruncation([3, 3]), 2));
        var full = BlockLiouvillian.Full(problem);
        var noJump = new NoJumpPreconditioner(full, jacobiOnly: false, maxDenseBlock: 100);
        var b = RandomHermitianBlocks(full, 13);
        var viaSweeps = new Complex[b.Length];
        var direct = new Complex[b.Length];
        new ExcitationSweepPreconditioner(full, noJump).Apply(b, viaSweeps);
        noJump.Apply(b, direct);
        Assert.That(MaxDifference(viaSweeps, direct), Is.Zero);
    }

    [Test]
    public void PackingIsAnIsometryOfHermitianBlocks()
    {
        var liouvillian = HotColdBlocks();
        var x = RandomHermitianBlocks(liouvillian, 14);
        var y = RandomHermitianBlocks(liouvillian, 15);
        var px = new double[x.Length];
        var py = new double[y.Length];
        HermitianBlockPacking.Pack(liouvillian, x, px);
        HermitianBlockPacking.Pack(liouvillian, y, py);
        double packedDot = px.Zip(py, (a, b) => a * b).Sum();
        double traceDot = x.Zip(y, (a, b) => (Complex.Conjugate(a) * b).Real).Sum();    // Re Tr(X† Y) over the blocks
        Assert.That(packedDot, Is.EqualTo(traceDot).Within(InnerProductTolerance));
        var back = new Complex[x.Length];
        HermitianBlockPacking.Unpack(liouvillian, px, back);
        Assert.That(MaxDifference(back, x), Is.LessThan(PackingTolerance));
    }

    [Test]
    public void PackingKeepsTheHermitianPart()
    {
        var liouvillian = HotColdBlocks();
        var x = RandomHermitianBlocks(liouvillian, 16);
        var skew = RandomHermitianBlocks(liouvillian, 17).Select(v => Complex.ImaginaryOne * v).ToArray();   // i·Hermitian is anti-Hermitian
        var sum = x.Zip(skew, (a, b) => a + b).ToArray();
        var packed = new double[x.Length];
        var back = new Complex[x.Length];
        HermitianBlockPacking.Pack(liouvillian, sum, packed);
        HermitianBlockPacking.Unpack(liouvillian, packed, back);
        Assert.That(MaxDifference(back, x), Is.LessThan(PackingTolerance));
    }

    [TestCase(0.0)]
    [TestCase(2.0)]
    public void RelaxationOutsideTheStableRangeIsRejected(double relaxation)
    {
        var liouvillian = HotColdBlocks();
        var noJump = new NoJumpPreconditioner(liouvillian, jacobiOnly: false, maxDenseBlock: 100);
        Assert.That(() => new ExcitationSweepPreconditioner(liouvillian, noJump, relaxation), Throws.ArgumentException);
    }

    [Test]
    public void GmresSolvesASmallNonsymmetricSystemAcrossRestarts()
    {
        const int N = 8;
        var random = new Random(3);
        var a = Matrix<double>.Build.Dense(N, N, (i, j) => (i == j ? 3 : 0) + random.NextDouble() - 0.5);
        var b = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(N, i => Math.Sin(i + 1));
        var expected = a.Solve(b);
        var x = new double[N];
        using var gmres = new RestartedGmres(N, restart: 3);
        var (iterations, relative) = gmres.Solve(
            (input, output) => a.Multiply(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(input.ToArray())).AsArray().CopyTo(output),
            (input, output) => input.CopyTo(output),
            b.AsArray(), x, 1e-13, 200, CancellationToken.None);
        Assert.That(relative, Is.LessThanOrEqualTo(1e-13));
        Assert.That(iterations, Is.GreaterThan(3), "the solve needs at least one restart");
        for (int i = 0; i < N; i++) Assert.That(x[i], Is.EqualTo(expected[i]).Within(GmresSolutionTolerance));
    }

    private static BlockLiouvillian HotColdBlocks() =>
        BlockLiouvillian.ExcitationSectors(LindbladProblem.Build(HotColdMachine(), new FockSpace(new PerModeTruncation([4, 3]), 2)));

    /// <summary>(𝒮 − s)X = G X + X G† − sX block by block, with dense G.</summary>
    private static Complex[] ApplyShiftedNoJump(BlockLiouvillian liouvillian, double shift, Complex[] x)
    {
        var result = new Complex[x.Length];
        for (int b = 0; b < liouvillian.Blocks.Length; b++)
        {
            int n = liouvillian.Blocks[b].Length, offset = liouvillian.Offsets[b];
            var g = liouvillian.CoherentBlock(b).ToDense();
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    Complex sum = -shift * x[offset + (i * n) + j];
                    for (int k = 0; k < n; k++)
                        sum += (g[(i * n) + k] * x[offset + (k * n) + j]) + (x[offset + (i * n) + k] * Complex.Conjugate(g[(j * n) + k]));
                    result[offset + (i * n) + j] = sum;
                }
        }
        return result;
    }

    /// <summary>y += ω Σ 𝒥 x over the jumps from higher (or lower) blocks.</summary>
    private static void AddJumps(BlockLiouvillian liouvillian, bool fromAbove, double relaxation, Complex[] x, Complex[] y)
    {
        var jumps = new Complex[y.Length];
        for (int b = 0; b < liouvillian.Blocks.Length; b++)
        {
            int n = liouvillian.Blocks[b].Length;
            liouvillian.AddJumpsInto(b, fromAbove, x, jumps.AsSpan(liouvillian.Offsets[b], n * n));
        }
        for (int i = 0; i < y.Length; i++) y[i] += relaxation * jumps[i];
    }

    private static Complex[] RandomHermitianBlocks(BlockLiouvillian liouvillian, int seed)
    {
        var x = new Complex[liouvillian.Length];
        for (int b = 0; b < liouvillian.Blocks.Length; b++)
        {
            int n = liouvillian.Blocks[b].Length;
            RandomHermitian(n, seed + b).CopyTo(x.AsSpan(liouvillian.Offsets[b], n * n));
        }
        return x;
    }

    private static double HermiticityError(BlockLiouvillian liouvillian, Complex[] x)
    {
        double worst = 0;
        for (int b = 0; b < liouvillian.Blocks.Length; b++)
        {
            int n = liouvillian.Blocks[b].Length, offset = liouvillian.Offsets[b];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    worst = Math.Max(worst, Complex.Abs(x[offset + (i * n) + j] - Complex.Conjugate(x[offset + (j * n) + i])));
        }
        return worst;
    }

    private static double MaxDifference(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        double worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Complex.Abs(a[i] - b[i]));
        return worst;
    }
}
