using System.Diagnostics;
using ClipGeometry.Grains.Telemetry;

namespace ClipGeometry.Grains;

/// <summary>
/// One shard of a category (key <c>{sweep}/{category}/{shard}</c>): hands the shard to an embedding worker, moving
/// to the next worker and backing off (up to 2 s) while workers are full, then polls it until it is done. The
/// driving runs on a grain timer, so no call waits.
/// </summary>
public sealed class CategoryShardGrain : Grain, ICategoryShardGrain
{
    /// <summary>Activity name of one attempt to queue the shard at a worker.</summary>
    public const string EnqueueActivity = "clipgeo.enqueue";

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private ShardWork? _work;
    private UnitReport _state = UnitReport.Unknown;
    private IGrainTimer? _timer;
    private int _worker;
    private bool _queued;
    private TimeSpan _backoff = Tick;
    private DateTime _nextTry = DateTime.MinValue;
    private ActivityContext _parent;

    /// <inheritdoc />
    public Task<UnitReport> Start(ShardWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_work is not null && _state.Status is not (UnitStatus.Failed or UnitStatus.Unknown))
        {
            return Task.FromResult(_state);
        }

        _work = work;
        _parent = Activity.Current?.Context ?? default;
        _queued = false;
        _state = new UnitReport(UnitStatus.Pending);
        _worker = (int)(Sweep.SweepRandom.SeedOf(0, work.Key) % (ulong)Math.Max(1, work.Workers));
        _timer?.Dispose();
        _timer = this.RegisterGrainTimer(Drive, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = Tick, KeepAlive = true });
        return Task.FromResult(_state);
    }

    /// <inheritdoc />
    public Task<UnitReport> Poll() => Task.FromResult(_state);

    /// <inheritdoc />
    public async Task Cancel()
    {
        _timer?.Dispose();
        _timer = null;
        if (_work is not null)
        {
            await Worker().Cancel(_work.SweepId);
            _state = new UnitReport(UnitStatus.Failed, "cancelled");
        }
    }

    private IEmbeddingWorkerGrain Worker() => GrainFactory.GetGrain<IEmbeddingWorkerGrain>($"worker-{_worker}");

    private async Task Drive(CancellationToken cancellationToken)
    {
        var work = _work!;
        if (!_queued)
        {
            if (DateTime.UtcNow < _nextTry)
            {
                return;
            }

            // The timer's calls carry no trace: a span under Start's caller (the sweep's dispatch) carries it to the worker.
            using var activity = ClipGeoTelemetry.ActivitySource.StartActivity(EnqueueActivity, ActivityKind.Internal, _parent);
            activity?.SetTag("clipgeo.unit", work.Key);
            activity?.SetTag("clipgeo.worker", _worker);
            bool accepted = await Worker().TryEnqueue(work);
            activity?.SetTag("clipgeo.accepted", accepted);
            if (accepted)
            {
                _queued = true;
                _backoff = Tick;
                _state = new UnitReport(UnitStatus.Running);
            }
            else
            {
                _worker = (_worker + 1) % Math.Max(1, work.Workers);
                _backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _backoff.Ticks * 2));
                _nextTry = DateTime.UtcNow + _backoff;
            }

            return;
        }

        var report = await Worker().Poll(work.SweepId, work.Key);
        switch (report.Status)
        {
            case UnitStatus.Done or UnitStatus.Failed:
                _state = report;
                _timer?.Dispose();
                _timer = null;
                break;
            case UnitStatus.Unknown:
                // The worker lost the unit (restarted elsewhere): queue it again.
                _queued = false;
                break;
        }
    }
}
