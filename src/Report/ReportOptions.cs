namespace ClipGeometry.Report;

/// <summary>How the report is drawn.</summary>
public sealed record ReportOptions
{
    /// <summary>At most this many images are interactive points in the map; the rest are drawn as density.</summary>
    public int MaxInteractivePoints { get; init; } = 10_000;

    /// <summary>At most this many images per level enter the cosine-similarity matrices (sampled evenly within categories).</summary>
    public int MaxMatrixRows { get; init; } = 400;

    /// <summary>Seed of the sample of interactive points.</summary>
    public ulong Seed { get; init; } = 42;
}
