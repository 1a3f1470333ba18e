using ClipGeometry.Grains;
using ClipGeometry.Sweep;

namespace ClipGeometry.Silo.Tests;

/// <summary>
/// Redis and three <c>clipgeo-silo</c> processes on loopback: kill -9 a silo running units, then the silo holding
/// the coordinator; the sweep completes and its files equal an undisturbed run's byte for byte.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SweepProcessTests
{
    [Fact]
    public async Task Kill_9_of_a_unit_silo_then_of_the_coordinator_silo_leaves_results_byte_identical()
    {
        // Large enough that, on a quiet machine too, units are still running when each silo is killed.
        var dataset = SweepFixtures.Dataset(perCategory: 12);
        var spec = SweepFixtures.Spec(dataset);
        var reference = new ArtifactStore(SweepFixtures.TempFolder("reference"));
        var referenceResults = reference.PathOf(SweepLoop.Run(reference, "undisturbed", spec));

        await using var redis = await RedisServer.StartAsync();
        var clusterId = $"sweep-{Guid.NewGuid():N}";
        var store = SweepFixtures.TempFolder("store");
        SiloProcess[] silos =
        [
            SiloProcess.StartOnRedis(redis, clusterId, "--store", store),
            SiloProcess.StartOnRedis(redis, clusterId, "--store", store),
            SiloProcess.StartOnRedis(redis, clusterId, "--store", store),
        ];
        try
        {
            await using var client = await ClusterClientHost.ConnectAsync(redis, clusterId);
            foreach (var silo in silos.Where(s => s.HasExited))
            {
                Assert.Fail($"a silo exited with {silo.ExitCode} before joining: {silo.Output}");
            }
            await client.WaitForActiveSilosAsync(silos.Select(s => s.SiloPort), TimeSpan.FromSeconds(180), "three silos joining");
            var management = client.Client.GetGrain<IManagementGrain>(0);
            var coordinator = client.Client.GetGrain<ISweepCoordinatorGrain>("processes");
            SweepStatus? submitted = null;
            for (var attempt = 0; submitted is null; attempt++)
            {
                try
                {
                    submitted = await coordinator.Submit(spec.ToJson(), "cluster");
                }
                catch (TimeoutException) when (attempt < 3)
                {
                    // The first call opens Redis storage and the reminder table on a loaded machine; Submit is idempotent.
                }
            }
            var status = submitted;

            SiloProcess? unitSilo = null;
            SiloProcess? coordinatorSilo = null;
            var progressAtFirstKill = -1;
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
            while (!status.IsOver)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the sweep did not finish: {status}");
                try
                {
                    var done = status.EmbedDone + status.PersistenceDone + status.MetricsDone;
                    if (unitSilo is null)
                    {
                        // As soon as a silo other than the coordinator's holds unit grains (shards, workers, topology), kill it:
                        // waiting for the first finished shard left too short a window on a quiet machine.
                        var home = (await management.GetActivationAddress(coordinator))?.Endpoint.Port;
                        var stats = await management.GetSimpleGrainStatistics();
                        var unitPorts = stats
                            .Where(s => s.ActivationCount > 0 && (s.GrainType.Contains("CategoryShardGrain", StringComparison.Ordinal)
                                || s.GrainType.Contains("EmbeddingWorkerGrain", StringComparison.Ordinal)
                                || s.GrainType.Contains("TopologyGrain", StringComparison.Ordinal)
                                || s.GrainType.Contains("SweepUnitGrain", StringComparison.Ordinal)))
                            .Select(s => s.SiloAddress.Endpoint.Port).ToHashSet();
                        unitSilo = silos.FirstOrDefault(s => s.SiloPort != home && unitPorts.Contains(s.SiloPort));
                        if (unitSilo is not null)
                        {
                            unitSilo.Kill();
                            progressAtFirstKill = done;
                        }
                    }
                    else if (unitSilo is not null && coordinatorSilo is null && done > progressAtFirstKill)
                    {
                        var home = (await management.GetActivationAddress(coordinator))?.Endpoint.Port;
                        coordinatorSilo = silos.FirstOrDefault(s => s.SiloPort == home && !s.HasExited);
                        coordinatorSilo?.Kill();
                    }
                    status = await coordinator.GetStatus();
                }
                catch (Exception e) when (e is OrleansException or TimeoutException)
                {
                    // A killed gateway or coordinator: the next call goes to a survivor, which re-activates it from Redis.
                }
                await Task.Delay(100);
            }
            Assert.True(unitSilo is not null, "no silo other than the coordinator's held a unit grain while units ran");
            Assert.True(coordinatorSilo is not null, "the sweep finished before the coordinator's silo could be killed");
            Assert.Equal("finished", status.Phase);

            var files = (await coordinator.ListResults()).Where(f => SweepFixtures.IsNumeric(f.Path)).ToList();
            var expected = Directory.GetFiles(referenceResults, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(referenceResults, f).Replace('\\', '/'))
                .Where(SweepFixtures.IsNumeric).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, files.Select(f => f.Path).Order(StringComparer.Ordinal).ToList());
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
        finally
        {
            foreach (var silo in silos)
            {
                silo.Dispose();
            }
        }
    }
}
