using BosonicTrajectories.Integrators;

namespace BosonicTrajectories.Tests.Integrators;

/// <summary>The tableau coefficients satisfy the order conditions of their stated orders (checked over rooted trees).</summary>
public class ButcherTableauTests
{
    /// <summary>Coefficients are double-precision roundings of exact rationals (or 16-digit decimals): residuals ~1e-15.</summary>
    private const double CoefficientRoundoff = 1e-12;

    private static readonly RootedTrees Trees = new(8);

    public static IEnumerable<TestCaseData> Tableaus =>
        ButcherTableaus.All.Select(t => new TestCaseData(t).SetArgDisplayNames(t.Name));

    public static IEnumerable<TestCaseData> EmbeddedTableaus =>
        ButcherTableaus.All.Where(t => t.BHat is not null).Select(t => new TestCaseData(t).SetArgDisplayNames(t.Name));

    public static IEnumerable<TestCaseData> DenseTableaus =>
        ButcherTableaus.All.Where(t => t.DenseOutput is not null).Select(t => new TestCaseData(t).SetArgDisplayNames(t.Name));

    [Test]
    public void RootedTreeCountsMatchTheKnownSequence()
    {
        int[] expected = [1, 1, 2, 4, 9, 20, 48, 115];
        Assert.That(Enumerable.Range(1, 8).Select(Trees.CountOfOrder), Is.EqualTo(expected));
    }

    [TestCaseSource(nameof(Tableaus))]
    public void RowSumsOfAEqualTheNodes(ButcherTableau tableau)
    {
        for (int i = 0; i < tableau.TotalStageCount; i++)
            Assert.That(tableau.A[i].Sum(), Is.EqualTo(tableau.C[i]).Within(CoefficientRoundoff), $"row {i}");
    }

    [TestCaseSource(nameof(Tableaus))]
    public void WeightsSatisfyTheOrderConditions(ButcherTableau tableau)
    {
        double residual = Trees.MaxResidual(tableau.C, tableau.A, tableau.B, tableau.Order, _ => 1.0);
        Assert.That(residual, Is.LessThan(CoefficientRoundoff));
    }

    [TestCaseSource(nameof(Tableaus))]
    public void WeightsDoNotReachTheNextOrder(ButcherTableau tableau)
    {
        double residual = Trees.MaxResidual(tableau.C, tableau.A, tableau.B, tableau.Order + 1, _ => 1.0);
        Assert.That(residual, Is.GreaterThan(1e3 * CoefficientRoundoff), "the stated order should be the design order");
    }

    [TestCaseSource(nameof(EmbeddedTableaus))]
    public void EmbeddedWeightsSatisfyTheirOrderConditions(ButcherTableau tableau)
    {
        double residual = Trees.MaxResidual(tableau.C, tableau.A, tableau.BHat!, tableau.EmbeddedOrder, _ => 1.0);
        Assert.That(residual, Is.LessThan(CoefficientRoundoff));
    }

    [TestCaseSource(nameof(DenseTableaus))]
    public void DenseOutputSatisfiesItsOrderConditionsInsideTheStep(ButcherTableau tableau)
    {
        foreach (double theta in new[] { 0.1, 0.37, 0.5, 0.81, 1.0 })
        {
            double[] weights = DenseWeights(tableau, theta);
            double residual = Trees.MaxResidual(tableau.C, tableau.A, weights, tableau.DenseOutputOrder, n => Math.Pow(theta, n));
            Assert.That(residual, Is.LessThan(CoefficientRoundoff), $"θ = {theta}");
        }
    }

    [TestCaseSource(nameof(DenseTableaus))]
    public void DenseOutputEndsOnTheStepSolution(ButcherTableau tableau)
    {
        double[] weights = DenseWeights(tableau, 1.0);
        for (int i = 0; i < weights.Length; i++)
        {
            double expected = i < tableau.StageCount ? tableau.B[i] : 0.0;
            Assert.That(weights[i], Is.EqualTo(expected).Within(CoefficientRoundoff), $"stage {i}");
        }
    }

    [Test]
    public void FsalIsDetectedFromTheCoefficients()
    {
        Assert.That(ButcherTableaus.DormandPrince5.IsFsal, Is.True);
        Assert.That(ButcherTableaus.Tsitouras5.IsFsal, Is.True);
        Assert.That(ButcherTableaus.Verner7.IsFsal, Is.False);
        Assert.That(ButcherTableaus.ClassicalRungeKutta4.IsFsal, Is.False);
        Assert.That(ButcherTableaus.Verner7.EndDerivativeExtraStage, Is.EqualTo(10), "vern7's stage 11 is f(t + h, y_new)");
    }

    [Test]
    public void MalformedTableauIsRejectedNamingTheArgument()
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new ButcherTableau(
            "bad", 1, 0, [0.0, 1.0], [[], [0.5, 0.5]], [0.5, 0.5], null, null, 1));
        Assert.That(error!.ParamName, Is.EqualTo("a"));
    }

    private static double[] DenseWeights(ButcherTableau tableau, double theta) =>
        tableau.DenseOutput!.Select(row => row.Select((d, p) => d * Math.Pow(theta, p + 1)).Sum()).ToArray();
}
