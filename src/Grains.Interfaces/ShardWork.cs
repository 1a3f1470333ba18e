namespace ClipGeometry.Grains;

/// <summary>Embed one shard of a sweep at every level; the plan is read from the store.</summary>
/// <param name="SweepId">The sweep.</param>
/// <param name="SpecJson">The sweep's spec (small JSON).</param>
/// <param name="Category">The shard's category.</param>
/// <param name="Shard">The shard's index in the category.</param>
/// <param name="Workers">How many embedding workers the cluster runs (keys <c>worker-0</c>…).</param>
/// <param name="Classify">True for a zero-shot classification shard (of the classification plan, embedded at the reference level only).</param>
[GenerateSerializer]
[Immutable]
public sealed record ShardWork(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string SpecJson,
    [property: Id(2)] string Category,
    [property: Id(3)] int Shard,
    [property: Id(4)] int Workers,
    [property: Id(5)] bool Classify = false)
{
    /// <summary>The unit's key within the sweep.</summary>
    public string Key => Classify ? $"classify/{Shard}" : $"embed/{Category}/{Shard}";
}
