namespace ClipGeometry.Grains.Work;

/// <summary>
/// The silo's bounded pool for long work: at most <see cref="Capacity"/> units run at once, on thread-pool threads
/// outside the grain scheduler, so no grain call waits on a long computation.
/// </summary>
public sealed class SiloWorkPool : IDisposable
{
    private readonly SemaphoreSlim _slots;

    /// <summary>Creates a pool of <paramref name="capacity"/> slots (default: the processor count).</summary>
    public SiloWorkPool(int capacity = 0)
    {
        Capacity = capacity > 0 ? capacity : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(Capacity, Capacity);
    }

    /// <summary>Units that may run at once.</summary>
    public int Capacity { get; }

    /// <summary>Runs <paramref name="work"/> when a slot is free.</summary>
    public Task Run(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Task.Run(async () =>
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await work(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
