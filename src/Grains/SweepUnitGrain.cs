using System.Diagnostics;
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
    private readonly PooledUnit _unit = new();

    /// <inheritdoc />
    public Task<UnitReport> Start(SweepUnitWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_unit.IsStarted)
        {
            return Task.FromResult(_unit.Report());
        }

        var spec = SweepSpec.FromJson(work.SpecJson);
        var unit = new SweepUnit(work.Key, work.Kind, work.Level, work.Category, work.Index, work.Points);

        // The work runs on the pool, outside this call's context: the coordinator's span is passed on explicitly.
        var parent = Activity.Current?.Context ?? default;
        string? silo = GrainContext.Address.SiloAddress?.ToParsableString();
        _unit.Start(pool, async token =>
        {
            using var lease = unit.Points > 0
                ? await budget.AcquireAsync(PointSetTopology.EstimateBytes(Math.Min(unit.Points, spec.MaxPoints), spec.MaxDimension), token)
                : null;
            var plan = SweepPlan.FromJson(store.ReadText(SweepPaths.Plan(work.SweepId)));
            using var activity = ClipGeoTelemetry.ActivitySource.StartActivity(ClipGeoTelemetry.UnitActivity, ActivityKind.Internal, parent);
            activity?.SetTag("clipgeo.sweep", work.SweepId);
            activity?.SetTag("clipgeo.unit", unit.Key);
            activity?.SetTag(ClipGeoTelemetry.SiloTag, silo);
            SweepUnits.Run(store, work.SweepId, spec, plan, unit, token);
        });
        return Task.FromResult(_unit.Report());
    }

    /// <inheritdoc />
    public Task<UnitReport> Poll() => Task.FromResult(_unit.Report());

    /// <inheritdoc />
    public Task Cancel()
    {
        _unit.Cancel();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _unit.Dispose();
        return base.OnDeactivateAsync(reason, cancellationToken);
    }
}
