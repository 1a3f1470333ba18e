namespace ClipGeometry.Grains;

/// <summary>One bootstrap-replicate or metrics unit of a sweep (the fields of the library's <c>SweepUnit</c>).</summary>
/// <param name="SweepId">The sweep.</param>
/// <param name="SpecJson">The sweep's spec.</param>
/// <param name="Key">The unit key.</param>
/// <param name="Kind">The unit's kind.</param>
/// <param name="Level">The level's index in the spec.</param>
/// <param name="Category">A category, <c>global</c>, or empty.</param>
/// <param name="Index">The replicate chunk, or 0.</param>
/// <param name="Points">Points of the largest point set whose persistence the unit computes (for the memory budget), or 0.</param>
[GenerateSerializer]
[Immutable]
public sealed record SweepUnitWork(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string SpecJson,
    [property: Id(2)] string Key,
    [property: Id(3)] string Kind,
    [property: Id(4)] int Level,
    [property: Id(5)] string Category,
    [property: Id(6)] int Index,
    [property: Id(7)] int Points);
