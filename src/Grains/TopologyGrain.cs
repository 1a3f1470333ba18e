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
    private readonly PooledUnit _unit = new();

    /// <inheritdoc />
    public Task<UnitReport> Start(TopologyWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_unit.IsStarted)
        {
            return Task.FromResult(_unit.Report());
        }

        var spec = SweepSpec.FromJson(work.SpecJson);
        var parent = Activity.Current?.Context ?? default;
        string? silo = GrainContext.Address.SiloAddress?.ToParsableString();
        _unit.Start(pool, async token =>
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
