using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ClipGeometry.Grains;
using ClipGeometry.Grains.Hosting;
using ClipGeometry.Grains.Placement;
using ClipGeometry.Grains.Telemetry;
using ClipGeometry.Sweep;
using Orleans.TestingHost;

namespace ClipGeometry.Silo.Tests;

/// <summary>
/// One sweep on an in-process two-silo cluster, followed through its trace: with listeners on <c>clipgeo</c> and
/// Orleans' sources (as an exporter would have), the sweep's span is an ancestor of every unit span on every silo,
/// every batch span is the child of a unit span, and the meter's batch latency and images embedded agree with the
/// work done (images × levels).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SweepTraceTests
{
    [Fact]
    public async Task One_trace_runs_from_the_sweep_through_units_on_several_silos_to_every_batch_and_the_meter_counts_images_times_levels()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ClipGeoTelemetry.Name || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            SampleUsingParentId = static (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        // Measurements with the trace they were recorded in (the batch span is current when they are).
        var measurements = new ConcurrentQueue<(string Instrument, double Value, ActivityTraceId Trace)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ClipGeoTelemetry.Name && instrument.Name is "clipgeo.batch.latency" or "clipgeo.images.embedded")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((instrument, value, _, _) => measurements.Enqueue((instrument.Name, value, Activity.Current?.TraceId ?? default)));
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => measurements.Enqueue((instrument.Name, value, Activity.Current?.TraceId ?? default)));
        meters.Start();

        var dataset = SweepFixtures.Dataset(perCategory: 4);
        var spec = new SweepSpec
        {
            Dataset = dataset,
            Model = SweepFixtures.TinyClip,
            Perturbations = "blur:0,1",
            ShardSize = 2,
            Bootstrap = 2,
            NullDraws = 2,
            AngleK = 3,
            Seed = 5,
        };
        var store = SweepFixtures.TempFolder("trace-store");
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            SiloConfiguration.ConfigureRuntime(silo, fastMembership: true, SiloDevices.Resolve("cpu", 0), configuration: null);
            silo.AddMemoryGrainStorage(ClipGeometrySiloConfiguration.StorageName);
            silo.UseInMemoryReminderService();
            ClipGeometrySiloConfiguration.AddServices(silo.Services, new ClipGeometrySiloOptions { StoreDirectory = store, WorkSlots = 1 });
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.WaitForLivenessToStabilizeAsync();

        string id = "traced-" + Guid.NewGuid().ToString("N");
        var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>(id);
        var status = await coordinator.Submit(spec.ToJson(), "cluster");
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (!status.IsOver)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the sweep did not finish: {status}");
            await Task.Delay(100);
            status = await coordinator.GetStatus();
        }
        Assert.True(status.Phase == "finished", status.Error);

        var all = spans.ToList();
        var sweep = Assert.Single(all, a => a.OperationName == ClipGeoTelemetry.SweepActivity && Tag(a, "clipgeo.sweep") == id);
        var trace = sweep.TraceId;
        var byId = all.Where(a => a.TraceId == trace).GroupBy(a => a.SpanId).ToDictionary(g => g.Key, g => g.First());

        // Every unit of this sweep (embed shards on workers, persistence on topology grains) is in the sweep's trace,
        // below the sweep's span through Orleans' client and server spans.
        var units = all.Where(a => a.OperationName == ClipGeoTelemetry.UnitActivity && Tag(a, "clipgeo.sweep") == id).ToList();
        int shards = units.Count(u => Tag(u, "clipgeo.unit")!.StartsWith("embed/", StringComparison.Ordinal));
        Assert.True(shards > 1, $"expected several embedding units, saw {shards}");
        Assert.Contains(units, u => !Tag(u, "clipgeo.unit")!.StartsWith("embed/", StringComparison.Ordinal));
        foreach (var unit in units)
        {
            Assert.Equal(trace, unit.TraceId);
            Assert.True(IsAncestor(sweep, unit, byId), $"the sweep's span is not an ancestor of unit {Tag(unit, "clipgeo.unit")}");
        }
        var silos = units.Select(u => Tag(u, ClipGeoTelemetry.SiloTag)).Distinct().ToList();
        Assert.DoesNotContain(null, silos);
        Assert.True(silos.Count > 1, $"every unit ran on one silo ({silos[0]})");

        // Every batch of this trace is the direct child of an embedding unit's span, and the batches cover every
        // image at every level once (a fresh store: nothing reused).
        var unitIds = units.Where(u => Tag(u, "clipgeo.unit")!.StartsWith("embed/", StringComparison.Ordinal)).Select(u => u.SpanId).ToHashSet();
        var batches = all.Where(a => a.OperationName == ClipGeoTelemetry.BatchActivity && a.TraceId == trace).ToList();
        Assert.NotEmpty(batches);
        Assert.All(batches, b => Assert.Contains(b.ParentSpanId, unitIds));
        Assert.All(batches, b => Assert.Equal("cpu", Tag(b, "clipgeo.device")));
        int levels = spec.Levels.Count;
        long expected = (long)status.Images * levels;
        Assert.True(status.Images > 0);
        Assert.Equal(expected, batches.Sum(b => Convert.ToInt64(b.GetTagItem("clipgeo.batch.size"), System.Globalization.CultureInfo.InvariantCulture)));

        var ours = measurements.Where(m => m.Trace == trace).ToList();
        Assert.Equal(expected, (long)ours.Where(m => m.Instrument == "clipgeo.images.embedded").Sum(m => m.Value));
        var latencies = ours.Where(m => m.Instrument == "clipgeo.batch.latency").Select(m => m.Value).ToList();
        Assert.Equal(batches.Count, latencies.Count);
        Assert.All(latencies, l => Assert.True(l > 0, $"a batch latency of {l} s"));
    }

    private static string? Tag(Activity activity, string key) => activity.GetTagItem(key)?.ToString();

    private static bool IsAncestor(Activity ancestor, Activity span, Dictionary<ActivitySpanId, Activity> byId)
    {
        var parent = span.ParentSpanId;
        for (int depth = 0; depth < 64; depth++)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }
            if (!byId.TryGetValue(parent, out var next))
            {
                return false;
            }
            parent = next.ParentSpanId;
        }
        return false;
    }
}
