namespace BosonicTrajectories.Model;

/// <summary>
/// A numerical failure (step-size underflow, non-convergence, NaN, no steady state). The message says what failed
/// and which option to change (exit code 1).
/// </summary>
public sealed class NumericalFailureException(string message) : Exception(message);

/// <summary>The model has no steady state (a mode or quadrature grows without bound). Carries the cause.</summary>
public sealed class UnstableModelException(string message) : Exception(message);
