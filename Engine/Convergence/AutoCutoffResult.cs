using BosonicTrajectories.Analysis;
using BosonicTrajectories.Configuration;

namespace BosonicTrajectories.Convergence;

/// <summary>One cutoff the automatic search tried.</summary>
/// <param name="CovarianceChange">max_jk |Σ_jk(c) − Σ_jk(previous cutoff)|; null for the first cutoff.</param>
/// <param name="Accepted">Both tolerances are met: the search stopped here.</param>
public sealed record AutoCutoffStep(int Cutoff, int HilbertDimension, double TailPopulation, double? CovarianceChange, double WallSeconds, bool Accepted);

/// <summary>The outcome of <see cref="AutoCutoff.Search"/>: the cutoff chosen and the evidence for it.</summary>
/// <param name="Cutoff">The chosen cutoff: the first tried that met both tolerances.</param>
/// <param name="StartCutoff">Where the search began: the smallest cutoff ≥ <see cref="AutoCutoffOptions.MinimumCutoff"/> holding the initial state.</param>
/// <param name="SearchMethod">The method the search ran at each cutoff.</param>
/// <param name="SearchMethodReason">Why that method (see <see cref="AutoCutoff.ChooseSearchMethod"/>).</param>
/// <param name="Steps">Every cutoff tried, in order; the last is the accepted one.</param>
/// <param name="FinalResult">The search's run at the chosen cutoff when it used the config's own method (then it is
/// the run itself and need not be repeated); null otherwise.</param>
public sealed record AutoCutoffResult(
    int Cutoff,
    int StartCutoff,
    RunMethod SearchMethod,
    string SearchMethodReason,
    AutoCutoffOptions Options,
    IReadOnlyList<AutoCutoffStep> Steps,
    AnalysedResult? FinalResult);
