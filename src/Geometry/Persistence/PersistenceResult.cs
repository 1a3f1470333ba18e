namespace ClipGeometry.Geometry.Persistence;

/// <summary>The barcodes of a Vietoris–Rips filtration with what is needed to read them.</summary>
/// <param name="Diagrams">One diagram per dimension 0..MaxDimension; zero-length intervals are omitted.</param>
/// <param name="PointCount">The number of points (after subsampling).</param>
/// <param name="Threshold">The largest diameter in the filtration.</param>
/// <param name="EnclosingRadius">min_i max_j d(i, j) of the input (+∞ for a disconnected sparse input).</param>
/// <param name="CoverRadius">When subsampled: the largest distance from an input point to the subsample, in <see cref="CoverRadiusMetric"/>; otherwise null.</param>
public sealed record PersistenceResult(
    IReadOnlyList<PersistenceDiagram> Diagrams,
    int PointCount,
    double Threshold,
    double EnclosingRadius,
    double? CoverRadius)
{
    /// <summary>The largest homology dimension computed.</summary>
    public int MaxDimension => Diagrams.Count - 1;

    /// <summary>The metric <see cref="CoverRadius"/> is measured in (angular for a cosine filtration); null when not subsampled.</summary>
    public string? CoverRadiusMetric { get; init; }

    /// <summary>2 × <see cref="CoverRadius"/>: the bound on the bottleneck distance to the diagrams of the whole cloud; null when not subsampled.</summary>
    public double? BottleneckBound => CoverRadius * 2;

    /// <summary>This result with the subsample's cover radius recorded.</summary>
    public PersistenceResult WithSubsample(GreedySubsample? subsample) =>
        subsample is null ? this : this with { CoverRadius = subsample.CoverRadius, CoverRadiusMetric = subsample.CoverRadiusMetric };
}
