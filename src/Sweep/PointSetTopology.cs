using ClipGeometry.Geometry;
using ClipGeometry.Geometry.Persistence;

namespace ClipGeometry.Sweep;

/// <summary>The persistence of one point set as the sweep computes it, with what subsampling did.</summary>
/// <param name="Result">The barcodes (and the threshold, enclosing radius and cover radius).</param>
/// <param name="Points">Points given.</param>
/// <param name="Kept">Points the persistence ran on (after greedy subsampling).</param>
public sealed record PointSetTopology(PersistenceResult Result, int Points, int Kept)
{
    /// <summary>
    /// Vietoris–Rips persistence of <paramref name="count"/> rows of <paramref name="rows"/> (float32, [count × dimension])
    /// under <paramref name="metric"/> up to <paramref name="maxDimension"/>; above <paramref name="maxPoints"/> points, on
    /// the first <paramref name="maxPoints"/> of the greedy permutation, recording the cover radius. The same steps as
    /// <c>clipgeo ph FILE.npy --metric M --dim D [--n-perm maxPoints]</c>, so the diagrams are equal.
    /// </summary>
    public static PointSetTopology Compute(
        ReadOnlySpan<float> rows, int count, int dimension, DistanceMetric metric, int maxDimension, int maxPoints,
        CancellationToken cancellationToken = default)
    {
        if (count < 1)
        {
            throw new ArgumentException("The point set is empty.", nameof(count));
        }

        var cloud = PointCloud.FromSingle(rows[..(count * dimension)], count, dimension);
        var options = new PersistenceOptions { MaxDimension = maxDimension, CancellationToken = cancellationToken };
        var result = VietorisRipsPersistence.Compute(cloud, metric, options, count > maxPoints ? maxPoints : null);
        return new PointSetTopology(result, count, result.PointCount);
    }

    /// <summary>An upper estimate of the bytes persistence of <paramref name="points"/> points needs (for the silo's memory budget).</summary>
    public static long EstimateBytes(int points, int maxDimension)
    {
        long n = points;
        long pairs = n * (n - 1) / 2;
        // The distance matrix (float) plus, per dimension ≥ 1, columns and pivots of about a few words per edge.
        return (pairs * sizeof(float)) + (pairs * 24L * Math.Max(1, maxDimension)) + (1L << 20);
    }
}
