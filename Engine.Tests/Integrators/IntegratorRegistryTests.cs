using BosonicTrajectories.Integrators;

namespace BosonicTrajectories.Tests.Integrators;

public class IntegratorRegistryTests
{
    [Test]
    public void EveryNameCreatesAnIntegratorOfThatName()
    {
        Assert.That(IntegratorRegistry.Names, Does.Contain("dopri5").And.Contain("rk4"));
        foreach (string name in IntegratorRegistry.Names)
        {
            IOdeIntegrator integrator = IntegratorRegistry.Create(name);
            Assert.That(integrator.Name, Is.EqualTo(name));
            Assert.That(IntegratorRegistry.Describe(name).Description, Is.Not.Empty);
            Assert.That(IntegratorRegistry.IsRegistered(name), Is.True);
        }
    }

    [Test]
    public void EachCallCreatesAFreshInstance()
    {
        IOdeIntegrator first = IntegratorRegistry.Create("dopri5");
        IOdeIntegrator second = IntegratorRegistry.Create("dopri5");
        Assert.That(second, Is.Not.SameAs(first));
    }

    [Test]
    public void UnknownNameListsTheValidNames()
    {
        var error = Assert.Throws<ArgumentException>(() => IntegratorRegistry.Create("euler"));
        Assert.That(error!.ParamName, Is.EqualTo("name"));
        foreach (string name in IntegratorRegistry.Names)
            Assert.That(error.Message, Does.Contain(name));
        Assert.That(IntegratorRegistry.IsRegistered("euler"), Is.False);
    }

    [Test]
    public void Rk4DefaultsToItsDocumentedFixedStep() =>
        Assert.That(IntegratorRegistry.DefaultOptions("rk4").FixedStep, Is.EqualTo(ExplicitRungeKuttaIntegrator.DefaultFixedStep));
}
