using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ClipGeometry.Embedding.Datasets;
using ClipGeometry.Grains.Hosting;
using ClipGeometry.Grains.Telemetry;
using ClipGeometry.Sweep;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClipGeometry.Grains.Tests;

/// <summary>
/// The embedding worker's bounded queue under load, with a watchdog (the test fails, never hangs): many callers at
/// once, each backing off while the worker refuses; a sweep cancelled while its shards wait and run; shards whose
/// work throws. Every call is answered, every accepted shard ends done or failed once and stays so, each shard is
/// embedded at most once, and the queue depth returns to 0.
/// </summary>
public sealed class EmbeddingWorkerStressTests
{
    private static readonly TimeSpan Watchdog = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Many_callers_cancellations_and_failing_work_are_each_answered_once_and_the_queue_drains_to_zero()
    {
        string root = Temp();
        string dataset = Path.Combine(root, "dataset");
        DemoDatasetGenerator.Generate(dataset, new DemoDatasetOptions { ImagesPerCategory = 4, Width = 160, Height = 120, Seed = 9 });
        string storeFolder = Path.Combine(root, "store");
        var store = new ArtifactStore(storeFolder);
        string model = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "fixtures", "tiny-clip"));
        var good = new SweepSpec { Dataset = dataset, Model = model, Perturbations = "blur:0,1", ShardSize = 1, Seed = 1 };
        var cancelled = new SweepSpec { Dataset = dataset, Model = model, Perturbations = "blur:2,3", ShardSize = 1, Seed = 1 };
        string run = Guid.NewGuid().ToString("N")[..8];
        string goodId = "good-" + run, cancelledId = "cancelled-" + run, brokenId = "broken-" + run;
        var goodPlan = SweepUnits.Plan(store, goodId, good);
        var cancelledPlan = SweepUnits.Plan(store, cancelledId, cancelled);

        // The work of the broken sweep throws: it has no plan in the store.
        var works = goodPlan.Shards.Select(s => new ShardWork(goodId, good.ToJson(), s.Category, s.Index, 1))
            .Concat(cancelledPlan.Shards.Select(s => new ShardWork(cancelledId, cancelled.ToJson(), s.Category, s.Index, 1)))
            .Concat(Enumerable.Range(0, 6).Select(i => new ShardWork(brokenId, good.ToJson(), "animal", i, 1)))
            .ToList();

        // Two callers for some of the good shards (a retried dispatch): the worker runs each shard once.
        var callers = works.Concat(works.Where(w => w.SweepId == goodId).Where((_, i) => i % 3 == 0)).ToList();

        string workerKey = "stress-" + run;
        var depth = new ConcurrentQueue<long>();
        using var meters = ListenToQueueDepth(workerKey, depth.Enqueue);
        var units = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ClipGeoTelemetry.Name,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            SampleUsingParentId = static (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.AllData,
            ActivityStarted = a =>
            {
                // Tags are set after the start: this run's units are picked out at the end.
                if (a.OperationName == ClipGeoTelemetry.UnitActivity)
                {
                    units.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => ClipGeometrySiloConfiguration.Configure(silo, new ClipGeometrySiloOptions { StoreDirectory = storeFolder, ClusterId = "stress-" + run }));
        using var host = builder.Build();
        await host.StartAsync();
        var worker = host.Services.GetRequiredService<IClusterClient>().GetGrain<IEmbeddingWorkerGrain>(workerKey);

        int answers = 0, refusals = 0, cancelIssued = 0;
        var outcomes = new ConcurrentDictionary<int, UnitReport>();
        using var stop = new CancellationTokenSource(Watchdog);
        async Task Call(int index)
        {
            var work = callers[index];
            var backoff = TimeSpan.FromMilliseconds(5);
            while (true)
            {
                bool accepted = await worker.TryEnqueue(work);
                Interlocked.Increment(ref answers);
                if (accepted)
                {
                    // The first accepted shard of the second sweep cancels that sweep at once: it and the sweep's
                    // other accepted shards are cancelled while they wait or run; those accepted later run.
                    if (work.SweepId == cancelledId && Interlocked.Exchange(ref cancelIssued, 1) == 0)
                    {
                        await worker.Cancel(cancelledId);
                    }

                    break;
                }

                Interlocked.Increment(ref refusals);
                await Task.Delay(backoff, stop.Token);
                backoff = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(200).Ticks, backoff.Ticks * 2));
            }

            while (true)
            {
                var report = await worker.Poll(work.SweepId, work.Key);
                if (report.Status is UnitStatus.Done or UnitStatus.Failed)
                {
                    outcomes[index] = report;
                    return;
                }

                Assert.NotEqual(UnitStatus.Unknown, report.Status);
                await Task.Delay(20, stop.Token);
            }
        }

        var all = Task.WhenAll(Enumerable.Range(0, callers.Count).Select(i => Task.Run(() => Call(i))));
        var watchdog = Task.Delay(Watchdog);
        var first = await Task.WhenAny(all, watchdog);
        Assert.True(first == all, $"the callers did not finish within {Watchdog} (deadlock or lost request): {outcomes.Count} of {callers.Count} answered");
        await all;

        Assert.True(refusals > 0, "the worker never refused: the queue was not full, so back-off was not exercised");
        Assert.Equal(callers.Count, outcomes.Count);
        for (int i = 0; i < callers.Count; i++)
        {
            var work = callers[i];
            var outcome = outcomes[i];
            if (work.SweepId == goodId)
            {
                Assert.True(outcome.Status == UnitStatus.Done, $"{work.Key} of the good sweep: {outcome.Status} {outcome.Error}");
                Assert.True(store.Exists(SweepPaths.Shard(goodId, work.Category, work.Shard)), $"{work.Key} is done but not stored");
            }
            else if (work.SweepId == brokenId)
            {
                Assert.Equal(UnitStatus.Failed, outcome.Status);
                Assert.False(string.IsNullOrWhiteSpace(outcome.Error));
            }
            else
            {
                Assert.True(outcome.Status == UnitStatus.Done || outcome.Error == "cancelled", $"{work.Key} of the cancelled sweep: {outcome.Status} {outcome.Error}");
            }

            // Terminal states stay.
            var again = await worker.Poll(work.SweepId, work.Key);
            Assert.Equal(outcome.Status, again.Status);
        }

        Assert.Contains(outcomes.Values, o => o.Error == "cancelled");

        // Each shard ran at most once (a duplicate caller found it known), every good one exactly once.
        var ran = units.Select(u => (Sweep: u.GetTagItem("clipgeo.sweep") as string, Unit: u.GetTagItem("clipgeo.unit") as string))
            .Where(r => r.Sweep?.EndsWith(run, StringComparison.Ordinal) == true).ToList();
        Assert.Equal(ran.Count, ran.Distinct().Count());
        Assert.Equal(goodPlan.Shards.Count, ran.Count(r => r.Sweep == goodId));

        // The queue drained: every shard counted in is counted out, and the depth never went below zero.
        long level = 0;
        foreach (long delta in depth)
        {
            level += delta;
            Assert.True(level >= 0, "the queue depth went below zero");
        }

        Assert.Equal(0, level);
        Assert.True(depth.Count(d => d > 0) >= works.Count, "fewer shards were counted into the queue than were accepted");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_worker_deactivated_with_shards_queued_counts_them_out_and_a_new_activation_runs_them_again()
    {
        string root = Temp();
        string dataset = Path.Combine(root, "dataset");
        DemoDatasetGenerator.Generate(dataset, new DemoDatasetOptions { ImagesPerCategory = 4, Width = 160, Height = 120, Seed = 4 });
        string storeFolder = Path.Combine(root, "store");
        var store = new ArtifactStore(storeFolder);
        string model = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "fixtures", "tiny-clip"));
        var spec = new SweepSpec { Dataset = dataset, Model = model, Perturbations = "blur:0,2", ShardSize = 2, Seed = 2 };
        string run = Guid.NewGuid().ToString("N")[..8];
        string sweepId = "deactivated-" + run;
        var plan = SweepUnits.Plan(store, sweepId, spec);
        var works = plan.Shards.Take(EmbeddingWorkerGrain.QueueCapacity + 1).Select(sh => new ShardWork(sweepId, spec.ToJson(), sh.Category, sh.Index, 1)).ToList();

        string workerKey = "deactivated-" + run;
        long depth = 0;
        using var meters = ListenToQueueDepth(workerKey, delta => Interlocked.Add(ref depth, delta));

        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => ClipGeometrySiloConfiguration.Configure(silo, new ClipGeometrySiloOptions { StoreDirectory = storeFolder, ClusterId = "deactivate-" + run }));
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IClusterClient>();
        var worker = client.GetGrain<IEmbeddingWorkerGrain>(workerKey);
        // The queue holds QueueCapacity shards; the last is accepted once the worker's consumer has taken the first
        // (it starts on the thread pool after the first enqueue, so a refusal until then is correct back-pressure).
        var accepting = DateTime.UtcNow + Watchdog;
        foreach (var work in works)
        {
            while (!await worker.TryEnqueue(work))
            {
                Assert.True(DateTime.UtcNow < accepting, $"{work.Key} was refused for {Watchdog} by a worker holding only this test's shards");
                await Task.Delay(20);
            }
        }

        Assert.True(Interlocked.Read(ref depth) > 0, "nothing was counted into the queue");

        // Deactivate the worker while one shard runs (or loads its model) and the others wait.
        await client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        using var stop = new CancellationTokenSource(Watchdog);
        var deadline = DateTime.UtcNow + Watchdog;
        while (Interlocked.Read(ref depth) != 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the queue depth stayed at {Interlocked.Read(ref depth)} after the worker's deactivation");
            await Task.Delay(20, stop.Token);
        }

        // The new activation knows none of them (their shard grains queue them again): each then runs to done.
        int forgotten = 0;
        foreach (var work in works)
        {
            var report = await worker.Poll(work.SweepId, work.Key);
            if (report.Status == UnitStatus.Done)
            {
                continue;
            }

            forgotten++;
            Assert.Equal(UnitStatus.Unknown, report.Status);
            while (!await worker.TryEnqueue(work))
            {
                await Task.Delay(50, stop.Token);
            }

            while ((report = await worker.Poll(work.SweepId, work.Key)).Status is not (UnitStatus.Done or UnitStatus.Failed))
            {
                await Task.Delay(20, stop.Token);
            }

            Assert.True(report.Status == UnitStatus.Done, $"{work.Key}: {report.Error}");
        }

        Assert.True(forgotten > 0, "the worker was not deactivated while shards waited");
        Assert.Equal(0, Interlocked.Read(ref depth));
        await host.StopAsync();
    }

    // The queue-depth changes of one worker (its tag), as they are recorded.
    private static MeterListener ListenToQueueDepth(string workerKey, Action<long> onDelta)
    {
        var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ClipGeoTelemetry.Name && instrument.Name == "clipgeo.queue.depth")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "worker" && (string?)tag.Value == workerKey)
                {
                    onDelta(value);
                }
            }
        });
        meters.Start();
        return meters;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClipGeometry.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ClipGeometry.sln above {AppContext.BaseDirectory}.");
    }

    private static string Temp() => Directory.CreateTempSubdirectory("clipgeo-worker-stress-").FullName;
}
