namespace ClipGeometry.Sweep;

/// <summary>What greedy subsampling did for one point set (results.json's <c>persistence.subsampling</c>).</summary>
/// <param name="Points">Points given.</param>
/// <param name="Kept">Points kept.</param>
/// <param name="CoverRadius">The largest distance from a point to the kept ones; null when nothing was dropped.</param>
/// <param name="CoverRadiusMetric">The metric the cover radius is measured in.</param>
/// <param name="Bound">The bound on the bottleneck error, 2 × cover radius (0 when nothing was dropped).</param>
/// <param name="Threshold">The filtration's threshold (the enclosing radius).</param>
public sealed record SubsamplingRecord(int Points, int Kept, double? CoverRadius, string CoverRadiusMetric, double Bound, double Threshold);
