using System.Diagnostics;
using ClipGeometry.Grains.Telemetry;
using ClipGeometry.Grains.Work;
using ClipGeometry.Sweep;

namespace ClipGeometry.Grains;

/// <summary>
/// Persistence of one (sweep, level, point set): started at once, run on the silo's bounded pool under its memory
/// budget, polled. A unit whose outputs are already stored reports done without running again.
/// </summary>
public sealed class TopologyGrain(ArtifactStore store, SiloWorkPool pool, MemoryBudget budget) : Grain, ITopologyGrain
{
    private Task? _work;
    private CancellationTokenSource? _cancel;

    /// <inheritdoc />
    public Task<UnitReport> Start(TopologyWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_work is not null && !_work.IsFaulted && !_work.IsCanceled)
        {
            return Task.FromResult(Report());
        }

        var spec = SweepSpec.FromJson(work.SpecJson);
        _cancel?.Dispose();
        _cancel = new CancellationTokenSource();
        var parent = Activity.Current?.Context ?? default;
        string? silo = GrainContext.Address.SiloAddress?.ToParsableString();
        _work = pool.Run(async token =>
        {
            if (SweepUnits.TopologyStored(store, work.SweepId, spec, work.Level, work.Category))
            {
                return;
            }

            int points = Math.Min(work.Points, spec.MaxPoints);
            using var lease = await budget.AcquireAsync(PointSetTopology.EstimateBytes(points, spec.MaxDimension), token);
            var plan = SweepPlan.FromJson(store.ReadText(SweepPaths.Plan(work.SweepId)));
            using var activity = ClipGeoTelemetry.ActivitySource.StartActivity(ClipGeoTelemetry.UnitActivity, ActivityKind.Internal, parent);
            activity?.SetTag("clipgeo.sweep", work.SweepId);
            activity?.SetTag("clipgeo.unit", SweepUnits.TopologyKey(spec.Levels[work.Level].Name, work.Category));
            activity?.SetTag(ClipGeoTelemetry.SiloTag, silo);
            var started = Stopwatch.GetTimestamp();
            SweepUnits.Topology(store, work.SweepId, spec, plan, work.Level, work.Category, token);
            ClipGeoTelemetry.PersistenceDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            ClipGeoTelemetry.PersistenceSize.Record(points);
        }, _cancel.Token);
        return Task.FromResult(Report());
    }

    /// <inheritdoc />
    public Task<UnitReport> Poll() => Task.FromResult(Report());

    /// <inheritdoc />
    public Task Cancel()
    {
        _cancel?.Cancel();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _cancel?.Cancel();
        _cancel?.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    private UnitReport Report() => _work switch
    {
        null => UnitReport.Unknown,
        { IsCompletedSuccessfully: true } => new UnitReport(UnitStatus.Done),
        { IsCanceled: true } => new UnitReport(UnitStatus.Failed, "cancelled"),
        { IsFaulted: true } w => new UnitReport(UnitStatus.Failed, w.Exception!.InnerException?.Message ?? w.Exception.Message),
        _ => new UnitReport(UnitStatus.Running),
    };
}
