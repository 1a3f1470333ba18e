namespace ClipGeometry.Grains;

/// <summary>
/// An embedding worker (key: <c>worker-{i}</c>): one ONNX session per model, a bounded queue of shards; a full worker
/// refuses new work and the caller backs off.
/// </summary>
public interface IEmbeddingWorkerGrain : IGrainWithStringKey
{
    /// <summary>Queues <paramref name="work"/>; false when the queue is full. Queuing a unit already known is a no-op (true).</summary>
    Task<bool> TryEnqueue(ShardWork work);

    /// <summary>The state of the unit of <paramref name="sweepId"/> with key <paramref name="unitKey"/>.</summary>
    Task<UnitReport> Poll(string sweepId, string unitKey);

    /// <summary>Stops the units of <paramref name="sweepId"/>.</summary>
    Task Cancel(string sweepId);
}
