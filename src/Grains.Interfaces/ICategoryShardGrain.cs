namespace ClipGeometry.Grains;

/// <summary>A slice of one category's images (key: <c>{sweep}/{category}/{shard}</c>): obtains their embeddings at every level from an embedding worker, backing off when workers are full.</summary>
public interface ICategoryShardGrain : IGrainWithStringKey
{
    /// <summary>Starts (or, if started, reports) the shard's embedding; returns at once.</summary>
    Task<UnitReport> Start(ShardWork work);

    /// <summary>The unit's state.</summary>
    Task<UnitReport> Poll();

    /// <summary>Stops the unit.</summary>
    Task Cancel();
}
