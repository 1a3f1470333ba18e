namespace ClipGeometry.Grains;

/// <summary>A unit's state as its grain reports it.</summary>
/// <param name="Status">The status.</param>
/// <param name="Error">Why it failed, or null.</param>
[GenerateSerializer]
[Immutable]
public sealed record UnitReport([property: Id(0)] UnitStatus Status, [property: Id(1)] string? Error = null)
{
    /// <summary>Unknown to the grain.</summary>
    public static UnitReport Unknown { get; } = new(UnitStatus.Unknown);
}
