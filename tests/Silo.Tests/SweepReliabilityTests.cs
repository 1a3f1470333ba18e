using ClipGeometry.Grains;
using ClipGeometry.Grains.Hosting;
using ClipGeometry.Grains.Placement;
using ClipGeometry.Sweep;
using Orleans.TestingHost;

namespace ClipGeometry.Silo.Tests;

/// <summary>
/// A sweep on an in-process three-silo cluster with fast membership and Redis grain storage, one silo killed
/// while units run: the sweep completes and every diagram, embedding and metric file equals, byte for byte,
/// an undisturbed run of the same spec by direct library calls.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SweepReliabilityTests
{
    [Fact]
    public async Task A_silo_killed_mid_sweep_leaves_every_result_byte_identical_to_an_undisturbed_run()
    {
        var dataset = SweepFixtures.Dataset(perCategory: 6);
        var spec = SweepFixtures.Spec(dataset);
        var reference = new ArtifactStore(SweepFixtures.TempFolder("reference"));
        var referenceResults = reference.PathOf(SweepLoop.Run(reference, "undisturbed", spec));

        await using var redis = await RedisServer.StartAsync();
        var store = SweepFixtures.TempFolder("store");
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            SiloConfiguration.ConfigureRuntime(silo, fastMembership: true, SiloDevices.Resolve("cpu", 0), configuration: null);
            SiloConfiguration.AddRedisStorage(silo, redis.Endpoint);
            ClipGeometrySiloConfiguration.AddServices(silo.Services, new ClipGeometrySiloOptions { StoreDirectory = store, WorkSlots = 1 });
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.WaitForLivenessToStabilizeAsync();

        var coordinator = cluster.Client.GetGrain<ISweepCoordinatorGrain>("disturbed");
        var status = await coordinator.Submit(spec.ToJson(), "cluster");
        var killed = false;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        while (!status.IsOver)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the sweep did not finish: {status}");
            if (!killed && status.EmbedDone > 0)
            {
                // Units are running on every silo: kill one that is not the client's gateway.
                await cluster.KillSiloAsync(cluster.Silos[^1]);
                killed = true;
            }
            await Task.Delay(100);
            try
            {
                status = await coordinator.GetStatus();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // The coordinator's silo may be the one killed: it re-activates from Redis on the next call.
            }
        }
        Assert.True(killed, "the sweep finished before a silo could be killed; make the spec larger");
        Assert.Equal("finished", status.Phase);

        var files = await coordinator.ListResults();
        var numeric = files.Where(f => SweepFixtures.IsNumeric(f.Path)).ToList();
        var expected = Directory.GetFiles(referenceResults, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(referenceResults, f).Replace('\\', '/'))
            .Where(SweepFixtures.IsNumeric).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, numeric.Select(f => f.Path).Order(StringComparer.Ordinal).ToList());
        foreach (var file in numeric)
        {
            var bytes = await FetchAsync(coordinator, file);
            Assert.True(File.ReadAllBytes(Path.Combine(referenceResults, file.Path)).AsSpan().SequenceEqual(bytes),
                $"{file.Path} differs from the undisturbed run");
        }
    }

    private static async Task<byte[]> FetchAsync(ISweepCoordinatorGrain coordinator, ResultFile file)
    {
        using var buffer = new MemoryStream();
        while (buffer.Length < file.Length)
        {
            var chunk = await coordinator.ReadResult(file.Path, buffer.Length, SweepCoordinatorGrain.MaxChunk);
            Assert.NotEmpty(chunk.Data);
            buffer.Write(chunk.Data);
        }
        return buffer.ToArray();
    }
}
