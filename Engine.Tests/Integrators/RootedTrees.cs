namespace BosonicTrajectories.Tests.Integrators;

/// <summary>
/// Butcher's rooted trees, used to check Runge–Kutta order conditions: a method has order p when
/// Σ_i b_i Φ_i(t) = 1/γ(t) for every rooted tree t with at most p nodes, where Φ(t) = Π_children (A Φ(child))
/// componentwise (Φ = 1 for the single node) and γ(t) = |t| Π γ(child). A continuous extension b(θ) has order p
/// when Σ_i b_i(θ) Φ_i(t) = θ^|t| / γ(t) for the same trees.
/// </summary>
internal sealed class RootedTrees
{
    private readonly List<(int Order, int[] Children, double Gamma)> _trees = [];

    public RootedTrees(int maxOrder)
    {
        _trees.Add((1, [], 1.0));
        for (int n = 2; n <= maxOrder; n++)
        {
            int existing = _trees.Count;
            var found = new List<int[]>();
            CollectChildMultisets(0, existing, n - 1, [], found);
            foreach (int[] children in found)
            {
                double gamma = n;
                foreach (int child in children)
                    gamma *= _trees[child].Gamma;
                _trees.Add((n, children, gamma));
            }
        }
    }

    public int Count => _trees.Count;

    public int CountOfOrder(int order) => _trees.Count(t => t.Order == order);

    /// <summary>Largest residual |Σ w_i Φ_i(t) − scale(|t|)/γ(t)| over trees with at most <paramref name="order"/> nodes.</summary>
    public double MaxResidual(double[] c, double[][] a, double[] weights, int order, Func<int, double> scale)
    {
        int s = c.Length;
        var phi = new double[_trees.Count][];
        double worst = 0.0;
        for (int index = 0; index < _trees.Count; index++)
        {
            (int n, int[] children, double gamma) = _trees[index];
            var value = Enumerable.Repeat(1.0, s).ToArray();
            foreach (int child in children)
            {
                for (int i = 0; i < s; i++)
                {
                    double sum = 0.0;
                    for (int j = 0; j < a[i].Length; j++)
                        sum += a[i][j] * phi[child][j];
                    value[i] *= sum;
                }
            }

            phi[index] = value;
            if (n > order)
                continue;
            double weighted = 0.0;
            for (int i = 0; i < weights.Length; i++)
                weighted += weights[i] * value[i];
            worst = Math.Max(worst, Math.Abs(weighted - scale(n) / gamma));
        }

        return worst;
    }

    private void CollectChildMultisets(int first, int limit, int remaining, List<int> current, List<int[]> found)
    {
        if (remaining == 0)
        {
            found.Add([.. current]);
            return;
        }

        for (int index = first; index < limit; index++)
        {
            if (_trees[index].Order > remaining)
                continue;
            current.Add(index);
            CollectChildMultisets(index, limit, remaining - _trees[index].Order, current, found);
            current.RemoveAt(current.Count - 1);
        }
    }
}
