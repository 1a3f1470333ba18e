using ClipGeometry.Embedding.Datasets;
using ClipGeometry.Grains.Hosting;
using ClipGeometry.Sweep;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ClipGeometry.Grains.Tests;

/// <summary>A sweep driven by the grains in one in-process silo, against the same sweep by direct library calls.</summary>
public sealed class InProcessSweepTests
{
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

    private static string Temp()
    {
        string path = Path.Combine(Path.GetTempPath(), "clipgeo-grains-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static SweepSpec Spec(string dataset, int shardSize) => new()
    {
        Dataset = dataset,
        Model = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "fixtures", "tiny-clip")),
        Perturbations = "blur:0,1.5",
        ShardSize = shardSize,
        Bootstrap = 4,
        NullDraws = 2,
        AngleK = 3,
        Seed = 11,
    };

    private static async Task<IHost> StartSilo(string store, string clusterId = "clipgeo")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => ClipGeometrySiloConfiguration.Configure(silo, new ClipGeometrySiloOptions { StoreDirectory = store, ClusterId = clusterId }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<SweepStatus> WaitFor(ISweepCoordinatorGrain coordinator)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            var status = await coordinator.GetStatus();
            if (status.IsOver)
            {
                return status;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    [Fact]
    public async Task A_grain_driven_sweep_writes_the_same_results_as_direct_library_calls_and_serves_them_in_chunks()
    {
        string dataset = Temp();
        DemoDatasetGenerator.Generate(dataset, new DemoDatasetOptions { ImagesPerCategory = 5, Width = 64, Height = 48, Seed = 5 });
        string storeFolder = Temp();
        using var host = await StartSilo(storeFolder, "sweep-test-cluster");
        var client = host.Services.GetRequiredService<IClusterClient>();
        var coordinator = client.GetGrain<ISweepCoordinatorGrain>("grains-1");
        var submitted = await coordinator.Submit(Spec(dataset, 3).ToJson(), "in-process");
        Assert.Equal("planning", submitted.Phase);
        var status = await WaitFor(coordinator);
        Assert.True(status.Phase == "finished", status.Error);
        Assert.Equal(status.EmbedTotal, status.EmbedDone);
        // 2 levels × 6 point sets, each a diagram unit and one replicate unit (B = 4 ≤ 25 per unit).
        Assert.Equal(2 * 6 * 2, status.PersistenceTotal);
        Assert.Equal(status.PersistenceTotal, status.PersistenceDone);

        // 6 null baselines, 6 × (one replicate-distance unit + one wasserstein unit), angles and similarity at 2 levels, results.
        Assert.Equal(6 + (6 * 2) + 2 + 2 + 1, status.MetricsTotal);
        Assert.Equal(status.MetricsTotal, status.MetricsDone);

        // The same sweep by direct calls, with another shard size, in another store.
        var reference = new ArtifactStore(Temp());
        string expected = reference.PathOf(SweepLoop.Run(reference, "loop", Spec(dataset, 4)));

        var files = await coordinator.ListResults();
        Assert.Contains(files, f => f.Path == "results.json");
        foreach (var file in files.Where(static f => f.Path.StartsWith("diagrams/", StringComparison.Ordinal) || f.Path.EndsWith(".csv", StringComparison.Ordinal) || f.Path.EndsWith(".npy", StringComparison.Ordinal)))
        {
            using var bytes = new MemoryStream();
            for (long offset = 0; offset < file.Length;)
            {
                var chunk = await coordinator.ReadResult(file.Path, offset, 1000);
                Assert.NotEmpty(chunk.Data);
                bytes.Write(chunk.Data);
                offset += chunk.Data.Length;
            }

            Assert.True(File.ReadAllBytes(Path.Combine(expected, file.Path)).AsSpan().SequenceEqual(bytes.ToArray()), file.Path);
        }

        // results.json names the silo's cluster id (not the coordinator's key) and the devices the silo advertises.
        using (var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(storeFolder, "sweeps", "grains-1", "results", "results.json"))))
        {
            var cluster = json.RootElement.GetProperty("cluster");
            Assert.Equal("sweep-test-cluster", cluster.GetProperty("clusterId").GetString());
            var silo = Assert.Single(cluster.GetProperty("silos").EnumerateArray());
            var advertised = host.Services.GetRequiredService<ClipGeometry.Grains.Placement.SiloDevices>().Describe().Split(';');
            Assert.Equal(advertised, silo.GetProperty("devices").EnumerateArray().Select(static e => e.GetString()!).ToArray());
        }

        var sweeps = await client.GetGrain<ISweepRegistryGrain>(0).List();
        Assert.Contains(sweeps, s => s.SweepId == "grains-1");
        await host.StopAsync();
    }

    [Fact]
    public async Task A_bad_spec_fails_the_sweep_at_once_with_one_sentence_and_cancel_stops_a_running_one()
    {
        string dataset = Temp();
        DemoDatasetGenerator.Generate(dataset, new DemoDatasetOptions { ImagesPerCategory = 5, Width = 64, Height = 48, Seed = 5 });
        using var host = await StartSilo(Temp());
        var client = host.Services.GetRequiredService<IClusterClient>();

        var bad = await client.GetGrain<ISweepCoordinatorGrain>("bad").Submit((Spec(dataset, 3) with { Perturbations = "blur:-2" }).ToJson(), "in-process");
        Assert.Equal("failed", bad.Phase);
        Assert.StartsWith("--perturbation", bad.Error, StringComparison.Ordinal);

        var missing = client.GetGrain<ISweepCoordinatorGrain>("missing");
        await missing.Submit((Spec(dataset, 3) with { Dataset = "/nonexistent/dataset" }).ToJson(), "in-process");
        var failed = await WaitFor(missing);
        Assert.Equal("failed", failed.Phase);
        Assert.Contains("/nonexistent/dataset", failed.Error, StringComparison.Ordinal);

        var running = client.GetGrain<ISweepCoordinatorGrain>("cancelled");
        await running.Submit((Spec(dataset, 1) with { Bootstrap = 50 }).ToJson(), "in-process");
        var cancelled = await running.Cancel();
        Assert.Equal("cancelled", cancelled.Phase);
        await Task.Delay(500);
        Assert.Equal("cancelled", (await running.GetStatus()).Phase);
        await Assert.ThrowsAsync<InvalidOperationException>(() => running.ListResults());
        await host.StopAsync();
    }

    [Fact]
    public async Task A_zero_shot_sweep_classifies_on_the_embedding_workers_and_writes_the_same_results_as_direct_library_calls()
    {
        string dataset = Temp();
        DemoDatasetGenerator.Generate(dataset, new DemoDatasetOptions { ImagesPerCategory = 4, Width = 64, Height = 48, Seed = 8 });
        var spec = Spec(dataset, 3) with { Categories = SweepSpec.ZeroShot, PerCategory = 3, Bootstrap = 2 };
        string storeFolder = Temp();
        using var host = await StartSilo(storeFolder, "zero-shot-cluster");
        var client = host.Services.GetRequiredService<IClusterClient>();
        var coordinator = client.GetGrain<ISweepCoordinatorGrain>("zero-shot-1");
        Assert.Equal("planning", (await coordinator.Submit(spec.ToJson(), "in-process")).Phase);
        var status = await WaitFor(coordinator);
        Assert.True(status.Phase == "finished", status.Error);

        // The classification shards went through the embedding workers, and the sweep's reference level reused their vectors.
        var store = new ArtifactStore(storeFolder);
        var classification = SweepPlan.FromJson(store.ReadText(SweepPaths.Classification("zero-shot-1")));
        Assert.True(classification.Shards.Count > 1);
        Assert.All(classification.Shards, s => Assert.True(SweepUnits.ClassificationStored(store, "zero-shot-1", s.Index)));
        var plan = SweepPlan.FromJson(store.ReadText(SweepPaths.Plan("zero-shot-1")));
        var shards = plan.Shards.Select(s => ShardEmbedding.FromJson(store.ReadText(SweepPaths.Shard("zero-shot-1", s.Category, s.Index)))).ToList();
        Assert.Equal(plan.Items.Count, shards.Sum(static m => m.Reused));

        var reference = new ArtifactStore(Temp());
        string expected = reference.PathOf(SweepLoop.Run(reference, "loop", spec with { ShardSize = 4 }));
        var files = await coordinator.ListResults();
        Assert.Contains(files, f => f.Path == "embeddings/sigma-0/animal.npy" || f.Path.StartsWith("embeddings/sigma-0/", StringComparison.Ordinal));
        foreach (var file in files.Where(static f => f.Path.StartsWith("diagrams/", StringComparison.Ordinal) || f.Path.EndsWith(".csv", StringComparison.Ordinal) || f.Path.EndsWith(".npy", StringComparison.Ordinal) || f.Path.EndsWith(".ids.txt", StringComparison.Ordinal)))
        {
            using var bytes = new MemoryStream();
            for (long offset = 0; offset < file.Length;)
            {
                var chunk = await coordinator.ReadResult(file.Path, offset, 1 << 20);
                bytes.Write(chunk.Data);
                offset += chunk.Data.Length;
            }

            Assert.True(File.ReadAllBytes(Path.Combine(expected, file.Path)).AsSpan().SequenceEqual(bytes.ToArray()), file.Path);
        }

        using (var grains = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(storeFolder, "sweeps", "zero-shot-1", "results", "results.json"))))
        using (var loop = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(expected, "results.json"))))
        {
            Assert.Equal(loop.RootElement.GetProperty("categories").GetRawText(), grains.RootElement.GetProperty("categories").GetRawText());
            Assert.Equal(loop.RootElement.GetProperty("dataset").GetProperty("sampled").GetRawText(), grains.RootElement.GetProperty("dataset").GetProperty("sampled").GetRawText());
        }

        await host.StopAsync();
    }
}
