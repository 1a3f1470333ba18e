using ClipGeometry.Grains;
using ClipGeometry.Sweep;

namespace ClipGeometry.Silo.Tests;

/// <summary>
/// Every silo and Redis killed mid-sweep and started again: the sweep resumes from its ledger in Redis, every
/// artifact stored before the outage is left as it was (nothing recomputed), and the results equal an
/// undisturbed run's byte for byte.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SweepRestartTests
{
    [Fact]
    public async Task After_every_silo_and_redis_restart_the_sweep_resumes_recomputing_nothing_stored()
    {
        var dataset = SweepFixtures.Dataset(perCategory: 8);
        var spec = SweepFixtures.Spec(dataset);
        var reference = new ArtifactStore(SweepFixtures.TempFolder("reference"));
        var referenceResults = reference.PathOf(SweepLoop.Run(reference, "undisturbed", spec));

        await using var redis = await RedisServer.StartAsync();
        var clusterId = $"restart-{Guid.NewGuid():N}";
        var store = SweepFixtures.TempFolder("store");
        var silos = StartSilos(redis, clusterId, store);
        try
        {
            Dictionary<string, DateTime> before;
            await using (var client = await ClusterClientHost.ConnectAsync(redis, clusterId))
            {
                await client.WaitForActiveSilosAsync(silos.Select(s => s.SiloPort), TimeSpan.FromSeconds(180), "three silos joining");
                var coordinator = client.Client.GetGrain<ISweepCoordinatorGrain>("restarted");
                var status = await SubmitAsync(coordinator, spec);
                var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
                while (status.EmbedDone == 0 && !status.IsOver)
                {
                    Assert.True(DateTime.UtcNow < deadline, $"no shard was embedded: {status}");
                    await Task.Delay(100);
                    status = await coordinator.GetStatus();
                }
                Assert.False(status.IsOver, "the sweep finished before the outage; make the spec larger");

                foreach (var silo in silos)
                {
                    silo.Kill();
                }
                redis.Kill();
                before = Snapshot(store);
                Assert.NotEmpty(before);
            }

            await redis.RestartAsync();
            silos.AddRange(StartSilos(redis, clusterId, store));
            await using (var client = await ClusterClientHost.ConnectAsync(redis, clusterId))
            {
                var coordinator = client.Client.GetGrain<ISweepCoordinatorGrain>("restarted");
                SweepStatus? status = null;
                var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(6);
                while (status is not { IsOver: true })
                {
                    Assert.True(DateTime.UtcNow < deadline, $"the sweep did not resume and finish: {status}");
                    try
                    {
                        status = await coordinator.GetStatus();
                    }
                    catch (Exception e) when (e is OrleansException or TimeoutException)
                    {
                        // Membership still declaring the old silos dead.
                    }
                    await Task.Delay(200);
                }
                Assert.Equal("finished", status.Phase);

                var after = Snapshot(store);
                foreach (var (path, written) in before)
                {
                    Assert.True(after.TryGetValue(path, out var now) && now == written, $"{path} was rewritten after the restart");
                }

                var files = (await coordinator.ListResults()).Where(f => SweepFixtures.IsNumeric(f.Path)).ToList();
                Assert.NotEmpty(files);
                foreach (var file in files)
                {
                    using var buffer = new MemoryStream();
                    while (buffer.Length < file.Length)
                    {
                        buffer.Write((await coordinator.ReadResult(file.Path, buffer.Length, SweepCoordinatorGrain.MaxChunk)).Data);
                    }
                    Assert.True(File.ReadAllBytes(Path.Combine(referenceResults, file.Path)).AsSpan().SequenceEqual(buffer.ToArray()),
                        $"{file.Path} differs from the undisturbed run");
                }
            }
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }
    }

    private static List<SiloProcess> StartSilos(RedisServer redis, string clusterId, string store) =>
        [.. Enumerable.Range(0, 3).Select(_ => SiloProcess.StartOnRedis(redis, clusterId, "--store", store))];

    private static async Task<SweepStatus> SubmitAsync(ISweepCoordinatorGrain coordinator, SweepSpec spec)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await coordinator.Submit(spec.ToJson(), "cluster");
            }
            catch (TimeoutException) when (attempt < 3)
            {
                // The first call opens Redis storage on a loaded machine; Submit is idempotent.
            }
        }
    }

    // Every stored artifact (vectors, shard records, diagrams) with its last write time.
    private static Dictionary<string, DateTime> Snapshot(string store) =>
        Directory.GetFiles(store, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains(".tmp-", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetRelativePath(store, f), File.GetLastWriteTimeUtc, StringComparer.Ordinal);
}
