using System.Numerics;
using BosonicTrajectories.Fock;
using BosonicTrajectories.Kernels;
using BosonicTrajectories.Model;

namespace BosonicTrajectories.Tests.Fock;

public class FockOperatorsTests
{
    /// <summary>Entries are sums of a few products of square roots of small integers: only rounding error.</summary>
    private const double RoundingTolerance = 1e-12;

    private static IEnumerable<FockSpace> Spaces()
    {
        yield return new FockSpace(new PerModeTruncation([4, 3]), 2);
        yield return new FockSpace(new PerModeTruncation([3, 5, 2]), 3);
        yield return new FockSpace(new TotalExcitationTruncation(4), 2);
        yield return new FockSpace(new TotalExcitationTruncation(3), 3);
    }

    [TestCaseSource(nameof(Spaces))]
    public void AnnihilationLowersWithSquareRootAmplitude(FockSpace space)
    {
        var occupations = new int[space.Modes];
        for (int mode = 0; mode < space.Modes; mode++)
        {
            var a = FockOperators.Annihilation(space, mode);
            for (int column = 0; column < space.Dimension; column++)
            {
                int n = space.Occupation(column, mode);
                space.Occupations(column).CopyTo(occupations);
                occupations[mode] = n - 1;
                for (int row = 0; row < space.Dimension; row++)
                {
                    double expected = n > 0 && row == space.IndexOf(occupations) ? Math.Sqrt(n) : 0;
                    Assert.That(Complex.Abs(a[row, column] - expected), Is.LessThan(RoundingTolerance), $"a_{mode}[{row},{column}]");
                }
            }
        }
    }

    [TestCaseSource(nameof(Spaces))]
    public void CreationIsTheAdjointOfAnnihilation(FockSpace space)
    {
        for (int mode = 0; mode < space.Modes; mode++)
        {
            var difference = FockOperators.Creation(space, mode).ToDense() - FockOperators.Annihilation(space, mode).Adjoint().ToDense();
            Assert.That(difference.FrobeniusNorm(), Is.LessThan(RoundingTolerance));
        }
    }

    [TestCaseSource(nameof(Spaces))]
    public void NumberOperatorIsDiagonalOccupation(FockSpace space)
    {
        for (int mode = 0; mode < space.Modes; mode++)
        {
            var number = FockOperators.Number(space, mode).ToDense();
            for (int i = 0; i < space.Dimension; i++)
                for (int j = 0; j < space.Dimension; j++)
                    Assert.That(Complex.Abs(number[i, j] - (i == j ? space.Occupation(i, mode) : 0)), Is.LessThan(RoundingTolerance));
        }
    }

    [TestCaseSource(nameof(Spaces))]
    public void CommutatorIsIdentityAwayFromTheCutoff(FockSpace space)
    {
        for (int mode = 0; mode < space.Modes; mode++)
        {
            var a = FockOperators.Annihilation(space, mode);
            var ad = FockOperators.Creation(space, mode);
            var commutator = ((a * ad) - (ad * a)).ToDense();
            for (int i = 0; i < space.Dimension; i++)
            {
                // On a top state a† is dropped, so [a, a†] = −a†a = −n there.
                double expected = space.IsTopLevel(i, mode) ? -space.Occupation(i, mode) : 1;
                for (int j = 0; j < space.Dimension; j++)
                    Assert.That(Complex.Abs(commutator[i, j] - (i == j ? expected : 0)), Is.LessThan(RoundingTolerance), $"[a,a†][{i},{j}]");
            }
        }
    }

    [TestCaseSource(nameof(Spaces))]
    public void PolynomialEqualsSumOfProductsOfSingleOperators(FockSpace space)
    {
        int last = space.Modes - 1;
        var c1 = new Complex(0.3, 0);
        var c2 = new Complex(1, -2);
        var c3 = new Complex(0, 0.7);
        var polynomial =
            Polynomial.Single(c1, new LadderOperator(0, true), new LadderOperator(last, false), new LadderOperator(last, false)) +
            Polynomial.Single(c2, new LadderOperator(last, true), new LadderOperator(0, true), new LadderOperator(0, false)) +
            Polynomial.Single(c3, new LadderOperator(0, false), new LadderOperator(last, true), new LadderOperator(0, true), new LadderOperator(last, false)) +
            Polynomial.Single(Complex.One, new LadderOperator(last, false));

        SparseMatrix A(int mode) => FockOperators.Annihilation(space, mode);
        SparseMatrix Ad(int mode) => FockOperators.Creation(space, mode);
        var expected =
            (c1 * (Ad(0) * A(last) * A(last))) +
            (c2 * (Ad(last) * Ad(0) * A(0))) +
            (c3 * (A(0) * Ad(last) * Ad(0) * A(last))) +
            A(last);

        var built = FockOperators.Build(space, polynomial);
        Assert.That((built.ToDense() - expected.ToDense()).FrobeniusNorm(), Is.LessThan(RoundingTolerance));
        Assert.That(built.NonZeroCount, Is.GreaterThan(0));
    }

    [Test]
    public void RejectsOperatorsOnMissingModes()
    {
        var space = new FockSpace(new PerModeTruncation([3, 3]), 2);
        Assert.Throws<ArgumentException>(() => FockOperators.Build(space, Polynomial.Single(Complex.One, new LadderOperator(2, false))));
    }
}
