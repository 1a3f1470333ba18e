namespace ClipGeometry.Grains.Work;

/// <summary>
/// A unit grain's one piece of long work on the silo's pool: started once (again only after it failed or was
/// cancelled), reported as a <see cref="UnitReport"/>, cancellable. Shared by the topology and the sweep-unit grains.
/// </summary>
public sealed class PooledUnit : IDisposable
{
    private Task? _work;
    private CancellationTokenSource? _cancel;

    /// <summary>Whether the work is running or has succeeded (so a second Start only reports).</summary>
    public bool IsStarted => _work is not null && !_work.IsFaulted && !_work.IsCanceled;

    /// <summary>Starts <paramref name="work"/> on <paramref name="pool"/> with a fresh cancellation token.</summary>
    public void Start(SiloWorkPool pool, Func<CancellationToken, Task> work)
    {
        ArgumentNullException.ThrowIfNull(pool);
        _cancel?.Dispose();
        _cancel = new CancellationTokenSource();
        _work = pool.Run(work, _cancel.Token);
    }

    /// <summary>The work's state.</summary>
    public UnitReport Report() => _work switch
    {
        null => UnitReport.Unknown,
        { IsCompletedSuccessfully: true } => new UnitReport(UnitStatus.Done),
        { IsCanceled: true } => new UnitReport(UnitStatus.Failed, "cancelled"),
        { IsFaulted: true } w => new UnitReport(UnitStatus.Failed, w.Exception!.InnerException?.Message ?? w.Exception.Message),
        _ => new UnitReport(UnitStatus.Running),
    };

    /// <summary>Asks the work to stop.</summary>
    public void Cancel() => _cancel?.Cancel();

    /// <summary>Stops the work and releases the token.</summary>
    public void Dispose()
    {
        _cancel?.Cancel();
        _cancel?.Dispose();
    }
}
