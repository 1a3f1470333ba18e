namespace ClipGeometry.Sweep;

/// <summary>One image of an embedded shard: its content hash and, per level, the id of its vector in the store; or why it was skipped.</summary>
/// <param name="Index">The image's index in the plan.</param>
/// <param name="ContentHash">SHA-256 of the image file, or null when it could not be read.</param>
/// <param name="VectorIds">Per level (in the spec's order), the vector's id in the <see cref="VectorStore"/>; null when skipped.</param>
/// <param name="Error">Why the image was skipped, or null.</param>
public sealed record ShardItem(int Index, string? ContentHash, IReadOnlyList<string>? VectorIds, string? Error);
