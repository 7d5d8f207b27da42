namespace BosonicTrajectories.Trajectories;

/// <summary>One quantum jump: when, through which channel, the threshold r and ‖ψ(t*)‖² at the located time.</summary>
public readonly record struct JumpEvent(double Time, int Channel, double Threshold, double NormSquared);
