using System.Globalization;

namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// An upper estimate, made before the run, of the memory a Rips computation needs: the distance matrix, the edges,
/// and for every dimension k ≥ 2 the k-simplices bounded by Σ_v C(deg⁺(v), k), deg⁺(v) counting the neighbours
/// of v with larger index within the threshold (a k-simplex is a k-subset of the forward neighbours of its
/// smallest vertex), each costing a column entry, a pivot and a reduction entry.
/// </summary>
public sealed record MemoryEstimate(long Bytes, long Edges, IReadOnlyList<double> SimplexBounds)
{
    private const int BytesPerEdge = 40;
    private const int BytesPerSimplex = 40;

    /// <summary>Estimates from the forward degrees of the threshold graph.</summary>
    public static MemoryEstimate FromForwardDegrees(ReadOnlySpan<int> forwardDegree, long matrixBytes, int maxDimension)
    {
        long edges = 0;
        foreach (int d in forwardDegree)
        {
            edges += d;
        }

        var bounds = new List<double>();
        double bytes = matrixBytes + ((double)BytesPerEdge * edges);
        for (int k = 2; k <= maxDimension; k++)
        {
            double simplices = 0;
            foreach (int d in forwardDegree)
            {
                simplices += Choose(d, k);
            }

            bounds.Add(simplices);
            bytes += BytesPerSimplex * simplices;
        }

        return new MemoryEstimate(bytes >= long.MaxValue ? long.MaxValue : (long)bytes, edges, bounds);
    }

    /// <summary>Throws when the estimate exceeds <paramref name="budgetBytes"/>, with advice.</summary>
    /// <exception cref="MemoryBudgetException">The estimate is over budget.</exception>
    public void EnsureWithin(long budgetBytes, int pointCount, int maxDimension, double threshold)
    {
        if (Bytes <= budgetBytes)
        {
            return;
        }

        double simplices = SimplexBounds.Count > 0 ? SimplexBounds[^1] : Edges;
        string need = string.Create(CultureInfo.InvariantCulture, $"Persistent homology up to dimension {maxDimension} of {pointCount} points at threshold {threshold:G6} would need about {Format(Bytes)}");
        string why = string.Create(CultureInfo.InvariantCulture, $" ({Edges} edges; up to {simplices:G3} simplices of dimension {maxDimension}), more than the memory budget of {Format(budgetBytes)}.");
        throw new MemoryBudgetException(need + why, Bytes, budgetBytes);
    }

    private static string Format(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1} MiB");

    private static double Choose(int n, int k)
    {
        if (k > n)
        {
            return 0;
        }

        double c = 1;
        for (int i = 1; i <= k; i++)
        {
            c = c * (n - k + i) / i;
        }

        return c;
    }
}
