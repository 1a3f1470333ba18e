namespace ClipGeometry.Sweep;

/// <summary>A slice of one category's images: the unit of embedding work.</summary>
/// <param name="Category">The category.</param>
/// <param name="Index">The shard's 0-based index within the category.</param>
/// <param name="Items">Indices into the plan's items, in dataset order.</param>
public sealed record SweepShard(string Category, int Index, IReadOnlyList<int> Items)
{
    /// <summary>The shard's unit key, e.g. <c>embed/animal/0</c>.</summary>
    public string Key => $"embed/{Category}/{Index}";
}
