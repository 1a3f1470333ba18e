using ClipGeometry.Grains.Telemetry;
using ClipGeometry.Grains.Work;
using ClipGeometry.Sweep;

namespace ClipGeometry.Grains;

/// <summary>
/// One bootstrap-replicate or metrics unit of a sweep (<see cref="SweepUnits.Run"/>): started at once, run on the
/// silo's bounded pool (under its memory budget when the unit computes persistence), polled. A unit whose outputs
/// are already stored reports done without computing again.
/// </summary>
public sealed class SweepUnitGrain(ArtifactStore store, SiloWorkPool pool, MemoryBudget budget) : Grain, ISweepUnitGrain
{
    private Task? _work;
    private CancellationTokenSource? _cancel;

    /// <inheritdoc />
    public Task<UnitReport> Start(SweepUnitWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_work is not null && !_work.IsFaulted && !_work.IsCanceled)
        {
            return Task.FromResult(Report());
        }

        var spec = SweepSpec.FromJson(work.SpecJson);
        var unit = new SweepUnit(work.Key, work.Kind, work.Level, work.Category, work.Index, work.Points);
        _cancel?.Dispose();
        _cancel = new CancellationTokenSource();
        _work = pool.Run(async token =>
        {
            using var lease = unit.Points > 0
                ? await budget.AcquireAsync(PointSetTopology.EstimateBytes(Math.Min(unit.Points, spec.MaxPoints), spec.MaxDimension), token)
                : null;
            var plan = SweepPlan.FromJson(store.ReadText(SweepPaths.Plan(work.SweepId)));
            using var activity = ClipGeoTelemetry.ActivitySource.StartActivity(ClipGeoTelemetry.UnitActivity);
            activity?.SetTag("clipgeo.sweep", work.SweepId);
            activity?.SetTag("clipgeo.unit", unit.Key);
            SweepUnits.Run(store, work.SweepId, spec, plan, unit, token);
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
