namespace ClipGeometry.Geometry.Diagrams;

/// <summary>
/// A weighted bipartite graph stored as each left vertex's neighbours sorted by weight (CSR), so that the graph of
/// edges of weight ≤ t is, for every vertex, a prefix found by binary search. Only edges lighter than their left
/// vertex's cut-off are kept: in the bottleneck test a left vertex needs edges only while it is "forced", that is
/// while t is below its own diagonal distance.
/// </summary>
internal sealed class ThresholdGraph
{
    private ThresholdGraph(int[] start, int[] neighbours, double[] weights, int left, int right)
    {
        Start = start;
        Neighbours = neighbours;
        Weights = weights;
        Left = left;
        Right = right;
    }

    /// <summary>The edges of left vertex u are at [Start[u], Start[u + 1]).</summary>
    public int[] Start { get; }

    /// <summary>The neighbours of each left vertex in order of weight.</summary>
    public int[] Neighbours { get; }

    /// <summary>The weights in the same order.</summary>
    public double[] Weights { get; }

    public int Left { get; }

    public int Right { get; }

    /// <summary>
    /// Builds from an n × m weight matrix, seen from its rows or (transposed) from its columns, keeping for left
    /// vertex u only edges of weight &lt; <paramref name="cutoff"/>[u].
    /// </summary>
    public static ThresholdGraph Build(double[] weight, int n, int m, bool transpose, double[] cutoff)
    {
        int left = transpose ? m : n;
        int right = transpose ? n : m;
        var start = new int[left + 1];
        var neighbours = new List<int>();
        var weights = new List<double>();
        var rowWeights = new double[right];
        var rowNeighbours = new int[right];
        for (int u = 0; u < left; u++)
        {
            int kept = 0;
            for (int k = 0; k < right; k++)
            {
                double w = transpose ? weight[(k * m) + u] : weight[(u * m) + k];
                if (w < cutoff[u])
                {
                    rowWeights[kept] = w;
                    rowNeighbours[kept] = k;
                    kept++;
                }
            }

            rowWeights.AsSpan(0, kept).Sort(rowNeighbours.AsSpan(0, kept));
            for (int k = 0; k < kept; k++)
            {
                neighbours.Add(rowNeighbours[k]);
                weights.Add(rowWeights[k]);
            }

            start[u + 1] = neighbours.Count;
        }

        return new ThresholdGraph(start, [.. neighbours], [.. weights], left, right);
    }

    /// <summary>The number of neighbours of <paramref name="u"/> at weight ≤ <paramref name="t"/>.</summary>
    public int Degree(int u, double t)
    {
        var w = Weights.AsSpan(Start[u], Start[u + 1] - Start[u]);
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

    /// <summary>The neighbours of <paramref name="u"/>, lightest first.</summary>
    public ReadOnlySpan<int> NeighboursOf(int u, int degree) => Neighbours.AsSpan(Start[u], degree);
}
