namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// The first points of a greedy permutation and its cover radius r: the largest distance from any point to the
/// subsample, measured in <paramref name="CoverRadiusMetric"/>. The Rips diagrams of the subsample are within
/// bottleneck distance <see cref="BottleneckBound"/> = 2r of those of the whole cloud.
/// </summary>
/// <param name="Indices">The chosen points, in the order chosen.</param>
/// <param name="CoverRadius">The cover radius r.</param>
/// <param name="CoverRadiusMetric">The metric r is measured in: euclidean, angular (for cosine filtrations too), or precomputed.</param>
public sealed record GreedySubsample(int[] Indices, double CoverRadius, string CoverRadiusMetric)
{
    /// <summary>2r: the bound on the bottleneck distance between the diagrams of the subsample and of the whole cloud.</summary>
    public double BottleneckBound => 2 * CoverRadius;
}
