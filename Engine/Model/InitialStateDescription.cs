using System.Collections.Immutable;
using System.Numerics;

namespace BosonicTrajectories.Model;

/// <summary>An initial state (SPEC §3): a product of one-mode states or a multi-mode state.</summary>
public abstract record InitialStateDescription;

/// <summary>⊗_i ρ_i, one factor per mode.</summary>
public sealed record ProductState(ImmutableArray<OneModeState> Factors) : InitialStateDescription;

/// <summary>∝ Σ_k c_k |α^(k)_1, …, α^(k)_d⟩ (normalised in the full space).</summary>
public sealed record CoherentSuperposition(ImmutableArray<(Complex Amplitude, ImmutableArray<Complex> Alphas)> Components) : InitialStateDescription;

/// <summary>Two-mode squeezed vacuum on <see cref="ModeA"/>, <see cref="ModeB"/>: Σ_n tanh^n r / cosh r |n,n⟩; other modes in vacuum.</summary>
public sealed record TwoModeSqueezedState(int ModeA, int ModeB, double R) : InitialStateDescription;

/// <summary>(|n,0⟩ + |0,n⟩)/√2 on two modes; other modes in vacuum.</summary>
public sealed record NoonState(int ModeA, int ModeB, int N) : InitialStateDescription;

/// <summary>A one-mode state.</summary>
public abstract record OneModeState;

public sealed record VacuumState : OneModeState;

public sealed record FockState(int N) : OneModeState;

public sealed record CoherentState(Complex Alpha) : OneModeState;

/// <summary>Thermal mixture with mean occupation n̄: p_n = n̄^n / (1 + n̄)^{n+1}.</summary>
public sealed record ThermalState(double MeanOccupation) : OneModeState;

/// <summary>∝ |α⟩ + e^{iφ}|−α⟩ (φ = 0 even, π odd).</summary>
public sealed record CatState(Complex Alpha, double Phase) : OneModeState;

/// <summary>S(ξ)|0⟩ with S(ξ) = exp(½(ξ* a² − ξ a†²)), ξ = r e^{iθ}.</summary>
public sealed record SqueezedState(double R, double Angle) : OneModeState;
