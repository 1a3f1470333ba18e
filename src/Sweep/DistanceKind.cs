namespace ClipGeometry.Sweep;

/// <summary>One distance between diagrams as a row of wasserstein.csv names it.</summary>
/// <param name="Kind"><c>wasserstein</c>, <c>bottleneck</c> or <c>wasserstein-1d</c>.</param>
/// <param name="Order">p (<c>inf</c> for the bottleneck distance).</param>
/// <param name="Ground">The ground metric q (<c>inf</c> or <c>2</c>), empty for the 1-D distance.</param>
/// <param name="Statistic">The 1-D distance's statistic (<c>lifetime</c>), empty otherwise.</param>
public sealed record DistanceKind(string Kind, string Order, string Ground, string Statistic)
{
    /// <summary>What the sweep reports: W₁ and W₂ (ground L∞, GUDHI's default), the bottleneck distance, and the seed study's 1-D lifetime distance.</summary>
    public static IReadOnlyList<DistanceKind> Reported { get; } =
    [
        new("wasserstein", "1", "inf", string.Empty),
        new("wasserstein", "2", "inf", string.Empty),
        new("bottleneck", "inf", "inf", string.Empty),
        new("wasserstein-1d", "1", string.Empty, "lifetime"),
    ];
}
