namespace ClipGeometry.Grains;

/// <summary>Persistence of one (level, point set) of a sweep (its bootstrap replicates and null baseline are units of their own).</summary>
/// <param name="SweepId">The sweep.</param>
/// <param name="SpecJson">The sweep's spec.</param>
/// <param name="Level">The level's index in the spec.</param>
/// <param name="Category">A category or <c>global</c>.</param>
/// <param name="Points">The point set's size as planned (for the memory budget).</param>
[GenerateSerializer]
[Immutable]
public sealed record TopologyWork(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string SpecJson,
    [property: Id(2)] int Level,
    [property: Id(3)] string Category,
    [property: Id(4)] int Points);
