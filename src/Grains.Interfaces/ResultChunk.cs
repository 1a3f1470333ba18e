namespace ClipGeometry.Grains;

/// <summary>A piece of a results file: raw bytes (a few MB at most; bytes travel 3× faster than float arrays).</summary>
/// <param name="Data">The bytes read.</param>
[GenerateSerializer]
[Immutable]
public sealed record ResultChunk([property: Id(0)] byte[] Data);
