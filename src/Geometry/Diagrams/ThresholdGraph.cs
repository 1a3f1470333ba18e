namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// A complete bipartite graph with weighted edges, stored as each left vertex's neighbours sorted by weight, so
/// that the graph of edges of weight ≤ t is, for every vertex, a prefix found by binary search.
/// </summary>
internal sealed class ThresholdGraph
{
    private ThresholdGraph(int[] neighbours, double[] weights, int left, int right)
    {
        Neighbours = neighbours;
        Weights = weights;
        Left = left;
        Right = right;
    }

    /// <summary>Row-major left × right: the neighbours of each left vertex in order of weight.</summary>
    public int[] Neighbours { get; }

    /// <summary>The weights in the same order.</summary>
    public double[] Weights { get; }

    public int Left { get; }

    public int Right { get; }

    /// <summary>Builds from an n × m weight matrix, seen from its rows or (transposed) from its columns.</summary>
    public static ThresholdGraph Build(double[] weight, int n, int m, bool transpose)
    {
        int left = transpose ? m : n;
        int right = transpose ? n : m;
        var neighbours = new int[(long)left * right];
        var weights = new double[(long)left * right];
        for (int u = 0; u < left; u++)
        {
            var w = weights.AsSpan(u * right, right);
            var v = neighbours.AsSpan(u * right, right);
            for (int k = 0; k < right; k++)
            {
                w[k] = transpose ? weight[(k * m) + u] : weight[(u * m) + k];
                v[k] = k;
            }

            w.Sort(v);
        }

        return new ThresholdGraph(neighbours, weights, left, right);
    }

    /// <summary>The number of neighbours of <paramref name="u"/> at weight ≤ <paramref name="t"/>.</summary>
    public int Degree(int u, double t)
    {
        var w = Weights.AsSpan(u * Right, Right);
        int lo = 0;
        int hi = w.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (w[mid] <= t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
