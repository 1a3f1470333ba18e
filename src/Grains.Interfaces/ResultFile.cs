namespace ClipGeometry.Grains;

/// <summary>One file of a finished sweep's results directory.</summary>
/// <param name="Path">Relative to the results directory, '/'-separated.</param>
/// <param name="Length">Bytes.</param>
[GenerateSerializer]
[Immutable]
public sealed record ResultFile([property: Id(0)] string Path, [property: Id(1)] long Length);
