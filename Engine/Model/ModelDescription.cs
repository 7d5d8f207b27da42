using System.Collections.Immutable;

namespace BosonicTrajectories.Model;

/// <summary>A model as a config describes it: a <see cref="ThermalMachineDescription"/> or an <see cref="ExplicitLindbladDescription"/>.</summary>
public abstract record ModelDescription(int Modes, ImmutableArray<Party> Parties);

/// <summary>Model kind <c>lindblad</c>: the Hamiltonian and jumps are given explicitly.</summary>
public sealed record ExplicitLindbladDescription(OpenSystemModel Model) : ModelDescription(Model.Modes, Model.Parties);
