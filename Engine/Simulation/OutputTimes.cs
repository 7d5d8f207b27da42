namespace BosonicTrajectories.Simulation;

/// <summary>The output times of a run: <c>samples</c> points evenly spaced on [0, tEnd] (SPEC §3).</summary>
public static class OutputTimes
{
    public static double[] Evenly(double tEnd, int samples)
    {
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), samples, "need at least 2 output times");
        var times = new double[samples];
        for (int k = 0; k < samples; k++) times[k] = tEnd * k / (samples - 1);
        times[^1] = tEnd;
        return times;
    }
}
