namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// UMAP's fuzzy simplicial set (McInnes, Healy &amp; Melville 2018, §3): each point's distances to its k nearest
/// neighbours are shifted by ρ (the distance to its nearest other point) and scaled by σ, found by bisection so
/// that Σ exp(−(d − ρ)/σ) = log₂ k; the directed memberships are combined by the fuzzy union a + b − ab.
/// </summary>
internal static class FuzzySimplicialSet
{
    private const double Tolerance = 1e-5;
    private const double MinimumScale = 1e-3;

    /// <summary>ρ and σ of each row of <paramref name="graph"/>; <paramref name="localConnectivity"/> is 1 for a fit and 0 for a transform.</summary>
    public static (double[] Rho, double[] Sigma) Calibrate(NeighborGraph graph, double localConnectivity)
    {
        int n = graph.Rows, k = graph.Neighbors;
        var rho = new double[n];
        var sigma = new double[n];
        double target = Math.Log2(k);
        double meanAll = 0;
        foreach (float d in graph.Distances)
        {
            meanAll += d;
        }

        meanAll /= Math.Max(1, graph.Distances.Length);
        for (int i = 0; i < n; i++)
        {
            var distances = graph.DistancesOf(i);
            int index = (int)Math.Floor(localConnectivity);
            double interpolation = localConnectivity - index;
            int positives = 0;
            foreach (float d in distances)
            {
                if (d > 0)
                {
                    positives++;
                }
            }

            if (positives >= localConnectivity && index > 0)
            {
                rho[i] = NthPositive(distances, index - 1);
                if (interpolation > 1e-5)
                {
                    rho[i] += interpolation * (NthPositive(distances, index) - rho[i]);
                }
            }
            else if (positives > 0 && index > 0)
            {
                rho[i] = NthPositive(distances, positives - 1);
            }

            double lo = 0, hi = double.PositiveInfinity, mid = 1;
            for (int step = 0; step < 64; step++)
            {
                double sum = 0;
                for (int j = 1; j < k; j++)
                {
                    double d = distances[j] - rho[i];
                    sum += d > 0 ? Math.Exp(-(d / mid)) : 1.0;
                }

                if (Math.Abs(sum - target) < Tolerance)
                {
                    break;
                }

                if (sum > target)
                {
                    hi = mid;
                    mid = (lo + hi) / 2;
                }
                else
                {
                    lo = mid;
                    mid = double.IsPositiveInfinity(hi) ? mid * 2 : (lo + hi) / 2;
                }
            }

            double mean = 0;
            foreach (float d in distances)
            {
                mean += d;
            }

            mean /= k;
            double floor = MinimumScale * (rho[i] > 0 ? mean : meanAll);
            sigma[i] = Math.Max(mid, floor);
        }

        return (rho, sigma);
    }

    /// <summary>The membership strength of edge (row, neighbour j): 0 for the point itself, 1 within ρ, exp(−(d − ρ)/σ) beyond.</summary>
    public static double Membership(int row, int neighbor, float distance, double rho, double sigma)
    {
        if (neighbor == row)
        {
            return 0;
        }

        double excess = distance - rho;
        return excess <= 0 || sigma == 0 ? 1.0 : Math.Exp(-(excess / sigma));
    }

    /// <summary>The symmetric fuzzy union of the directed memberships of a graph of a cloud on itself.</summary>
    public static SparseGraph Build(NeighborGraph graph)
    {
        var (rho, sigma) = Calibrate(graph, 1.0);
        int n = graph.Rows, k = graph.Neighbors;
        int count = 2 * n * k;
        var rows = new int[count];
        var columns = new int[count];
        var weights = new double[count];
        int e = 0;
        for (int i = 0; i < n; i++)
        {
            var indices = graph.IndicesOf(i);
            var distances = graph.DistancesOf(i);
            for (int s = 0; s < k; s++)
            {
                int j = indices[s];
                double w = Membership(i, j, distances[s], rho[i], sigma[i]);
                if (j < 0 || w == 0)
                {
                    continue;
                }

                rows[e] = i;
                columns[e] = j;
                weights[e++] = w;
                rows[e] = j;
                columns[e] = i;
                weights[e++] = w;
            }
        }

        return SparseGraph.FromTriples(n, rows, columns, weights, e, static (a, b) => a + b - (a * b));
    }

    private static double NthPositive(ReadOnlySpan<float> distances, int nth)
    {
        int seen = 0;
        foreach (float d in distances)
        {
            if (d > 0)
            {
                if (seen == nth)
                {
                    return d;
                }

                seen++;
            }
        }

        return 0;
    }
}
