using ClipGeometry.Grains.Placement;
using Orleans.TestingHost;

namespace ClipGeometry.Silo.Tests;

/// <summary>
/// An in-process cluster with fast membership and Redis grain storage: state written before a silo is killed
/// is there when the grain re-activates on a survivor, and after Redis itself is killed and restarted.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RedisStateTests
{
    [Fact]
    public async Task Persisted_state_survives_a_killed_silo_and_a_redis_restart()
    {
        await using var redis = await RedisServer.StartAsync();
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            SiloConfiguration.ConfigureRuntime(silo, fastMembership: true, SiloDevices.Resolve("cpu", 0), configuration: null);
            SiloConfiguration.AddRedisStorage(silo, redis.Endpoint);
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        await cluster.WaitForLivenessToStabilizeAsync();

        // A grain on a silo other than the primary (the client's gateway), so killing it leaves the client connected.
        var primary = cluster.Silos[0].SiloAddress.ToString();
        ICounterProbeGrain? grain = null;
        string? home = null;
        for (var key = 0; key < 64 && grain is null; key++)
        {
            var candidate = cluster.Client.GetGrain<ICounterProbeGrain>(key);
            var where = await candidate.Silo();
            if (where != primary)
            {
                (grain, home) = (candidate, where);
            }
        }
        Assert.NotNull(grain);
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(i * 10, await grain.Add(10));
        }

        var victim = cluster.Silos.Single(s => s.SiloAddress.ToString() == home);
        await cluster.KillSiloAsync(victim);
        var total = await RetryAsync(() => grain.Add(1));
        Assert.Equal(51, total);
        Assert.NotEqual(home, await grain.Silo());

        await redis.RestartAsync();
        Assert.Equal(52, await RetryAsync(() => grain.Add(1)));
    }

    // Calls to a grain whose silo just died fail until the silo is declared dead: retry, as the coordinator does.
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (DateTime.UtcNow < deadline && e is OrleansException or TimeoutException or StackExchange.Redis.RedisException)
            {
                await Task.Delay(200);
            }
        }
    }
}
