namespace ClipGeometry.Grains;

/// <summary>A sweep's progress, small enough to poll often.</summary>
/// <param name="SweepId">The sweep.</param>
/// <param name="Phase"><c>new</c>, <c>planning</c>, <c>running</c>, <c>finished</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="EmbedDone">Shards embedded.</param>
/// <param name="EmbedTotal">Shards in all.</param>
/// <param name="PersistenceDone">Persistence units done.</param>
/// <param name="PersistenceTotal">Persistence units in all.</param>
/// <param name="MetricsDone">Metrics units done (null baselines, replicate distances, wasserstein rows, angles, similarity, results).</param>
/// <param name="Images">Images sampled.</param>
/// <param name="Retried">Units dispatched again.</param>
/// <param name="CreatedUtc">When it was submitted.</param>
/// <param name="MetricsTotal">Metrics units in all.</param>
[GenerateSerializer]
[Immutable]
public sealed record SweepStatus(
    [property: Id(0)] string SweepId,
    [property: Id(1)] string Phase,
    [property: Id(2)] string? Error,
    [property: Id(3)] int EmbedDone,
    [property: Id(4)] int EmbedTotal,
    [property: Id(5)] int PersistenceDone,
    [property: Id(6)] int PersistenceTotal,
    [property: Id(7)] int MetricsDone,
    [property: Id(8)] int Images,
    [property: Id(9)] int Retried,
    [property: Id(10)] DateTimeOffset CreatedUtc,
    [property: Id(11)] int MetricsTotal = 1)
{
    /// <summary>Whether the sweep will change no more.</summary>
    public bool IsOver => Phase is "finished" or "failed" or "cancelled";
}
