namespace BosonicTrajectories.Model;

/// <summary>Turns any <see cref="ModelDescription"/> into the <see cref="OpenSystemModel"/> the solvers consume.</summary>
public static class ModelBuilder
{
    /// <summary>
    /// A <see cref="ThermalMachineDescription"/> goes through <see cref="ThermalMachine.Build"/> (default degeneracy
    /// tolerance); an <see cref="ExplicitLindbladDescription"/> already carries its model.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown description kind, or an invalid thermal machine.</exception>
    public static OpenSystemModel Build(ModelDescription d) => d switch
    {
        ThermalMachineDescription machine => ThermalMachine.Build(machine),
        ExplicitLindbladDescription explicitModel => explicitModel.Model,
        null => throw new ArgumentNullException(nameof(d)),
        _ => throw new ArgumentException($"unknown model description {d.GetType().Name}", nameof(d)),
    };
}
