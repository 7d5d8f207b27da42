using BosonicTrajectories.Model;

namespace BosonicTrajectories.Tests.Model;

public class PolynomialTests
{
    [Test]
    public void ParsesOpsLeftToRight()
    {
        var ops = Polynomial.ParseOperators("ad0 ad0 a1", out string? error);
        Assert.That(error, Is.Null);
        Assert.That(ops!.Value, Is.EqualTo(new[] { new LadderOperator(0, true), new LadderOperator(0, true), new LadderOperator(1, false) }));
    }

    [TestCase("b0")]
    [TestCase("ad")]
    [TestCase("a-1")]
    [TestCase("")]
    public void RejectsMalformedOps(string text)
    {
        Assert.That(Polynomial.ParseOperators(text, out string? error), Is.Null);
        Assert.That(error, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void AdjointReversesAndConjugates()
    {
        var p = Polynomial.Single(new System.Numerics.Complex(1, 2), new LadderOperator(0, true), new LadderOperator(1, false));
        var adj = p.Adjoint().Terms[0];
        Assert.That(adj.Coefficient, Is.EqualTo(new System.Numerics.Complex(1, -2)));
        Assert.That(adj.Operators, Is.EqualTo(new[] { new LadderOperator(1, true), new LadderOperator(0, false) }));
        Assert.That(p.Terms[0].ExcitationChange, Is.EqualTo(0));
    }
}
