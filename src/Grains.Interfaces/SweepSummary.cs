namespace ClipGeometry.Grains;

/// <summary>A sweep as <c>clipgeo sweeps</c> lists it.</summary>
/// <param name="SweepId">The sweep.</param>
/// <param name="CreatedUtc">When it was submitted.</param>
/// <param name="Dataset">Its dataset.</param>
[GenerateSerializer]
[Immutable]
public sealed record SweepSummary([property: Id(0)] string SweepId, [property: Id(1)] DateTimeOffset CreatedUtc, [property: Id(2)] string Dataset);
