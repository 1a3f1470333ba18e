namespace ClipGeometry.Sweep;

/// <summary>
/// A budget of bytes shared by the computations of one process: a computation waits until its estimate fits, so two
/// large ones never both start where only one fits. A request larger than the whole budget waits until it runs alone.
/// </summary>
public sealed class MemoryBudget
{
    private readonly Lock _gate = new();
    private long _available;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates a budget of <paramref name="bytes"/>.</summary>
    public MemoryBudget(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        Total = bytes;
        _available = bytes;
    }

    /// <summary>The whole budget.</summary>
    public long Total { get; }

    /// <summary>Bytes not leased now.</summary>
    public long Available
    {
        get
        {
            lock (_gate)
            {
                return _available;
            }
        }
    }

    /// <summary>Waits until <paramref name="bytes"/> fit, then leases them until the result is disposed.</summary>
    public async Task<IDisposable> AcquireAsync(long bytes, CancellationToken cancellationToken = default)
    {
        long request = Math.Clamp(bytes, 0, Total);
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_available >= request)
                {
                    _available -= request;
                    return new Lease(this, request);
                }

                wait = _released.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private void Release(long bytes)
    {
        TaskCompletionSource released;
        lock (_gate)
        {
            _available += bytes;
            released = _released;
            _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        released.TrySetResult();
    }

    private sealed class Lease(MemoryBudget budget, long bytes) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                budget.Release(bytes);
            }
        }
    }
}
