namespace ClipGeometry.Geometry.Similarity;

/// <summary>One named statistic of a <see cref="SimilarityAnalysis"/>, with a 95% interval when it was bootstrapped.</summary>
/// <param name="Name">What it is, e.g. "image-image mean cosine (i&lt;j)".</param>
/// <param name="Value">The value (NaN when undefined, e.g. a mean over no pairs).</param>
/// <param name="Lower">The interval's lower end, when there is one.</param>
/// <param name="Upper">The interval's upper end, when there is one.</param>
public sealed record SimilarityStatistic(string Name, double Value, double? Lower = null, double? Upper = null);
