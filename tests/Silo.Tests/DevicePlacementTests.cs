using ClipGeometry.Grains.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;

namespace ClipGeometry.Silo.Tests;

/// <summary>
/// Placement of GPU-preferring grains on in-process clusters of three silos: all activations on the silo that
/// advertises a GPU when there is one, spread over the CPU silos (and never failing) when there is none.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DevicePlacementTests
{
    private static async Task<InProcessTestCluster> StartClusterAsync(int gpuSiloIndex)
    {
        var created = 0;
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            var index = Interlocked.Increment(ref created) - 1;
            var devices = SiloDevices.Resolve("cpu", simulatedGpus: index == gpuSiloIndex ? 1 : 0);
            SiloConfiguration.ConfigureRuntime(silo, fastMembership: true, devices, configuration: null);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        await WaitForMetadataAsync(cluster);
        return cluster;
    }

    // Silo metadata reaches other silos' caches asynchronously after they join: wait until every silo sees all.
    private static async Task WaitForMetadataAsync(InProcessTestCluster cluster)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var complete = cluster.Silos.All(observer =>
            {
                var cache = observer.SiloHost.Services.GetService(typeof(ISiloMetadataCache)) as ISiloMetadataCache;
                return cache is not null && cluster.Silos.All(target =>
                    cache.GetSiloMetadata(target.SiloAddress).Metadata.ContainsKey(SiloDevices.GpuCountKey));
            });
            if (complete)
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "silo metadata did not reach every silo within 30 s");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Gpu_preferring_grains_all_land_on_the_gpu_silo()
    {
        await using var cluster = await StartClusterAsync(gpuSiloIndex: 1);
        var reports = await Task.WhenAll(Enumerable.Range(0, 30)
            .Select(i => cluster.Client.GetGrain<IPlacementProbeGrain>(i).Where()));
        Assert.All(reports, report => Assert.True(report.SiloHasGpu, $"activation on CPU silo {report.Silo}"));
        Assert.Single(reports.Select(r => r.Silo).Distinct());
    }

    [Fact]
    public async Task Without_a_gpu_silo_grains_fall_back_to_cpu_silos()
    {
        await using var cluster = await StartClusterAsync(gpuSiloIndex: -1);
        var reports = await Task.WhenAll(Enumerable.Range(0, 30)
            .Select(i => cluster.Client.GetGrain<IPlacementProbeGrain>(i).Where()));
        Assert.All(reports, report => Assert.False(report.SiloHasGpu));
        // Random placement over three candidates: all 30 on one silo has probability 3^-29.
        Assert.True(reports.Select(r => r.Silo).Distinct().Count() > 1);
    }
}
