using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace ClipGeometry.Silo.Tests;

/// <summary>An Orleans client of a Redis cluster, with a start timeout (a client with no gateway waits forever).</summary>
internal sealed class ClusterClientHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterClientHost(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<ClusterClientHost> ConnectAsync(RedisServer redis, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(options => options.ConfigurationOptions = SiloConfiguration.RedisOptions(redis.Endpoint));
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = SiloOptions.ServiceId;
            });
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = MembershipTimings.FastGatewayListRefreshPeriod);
            // A call in flight to a killed gateway waits its whole response timeout: keep it short in tests.
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(20));
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await host.StartAsync(timeout.Token);
        return new ClusterClientHost(host);
    }

    /// <summary>The silo ports of the active silos, as the cluster sees them.</summary>
    public async Task<int[]> ActiveSiloPortsAsync()
    {
        var hosts = await Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return [.. hosts.Keys.Select(silo => silo.Endpoint.Port).Order()];
    }

    /// <summary>Polls until the active silos are exactly <paramref name="expected"/>, or fails after the timeout.</summary>
    public async Task WaitForActiveSilosAsync(IEnumerable<int> expected, TimeSpan timeout, string what)
    {
        var want = expected.Order().ToArray();
        var deadline = DateTime.UtcNow + timeout;
        int[] seen = [];
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                seen = await ActiveSiloPortsAsync();
                if (seen.SequenceEqual(want))
                {
                    return;
                }
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or SiloUnavailableException)
            {
                // A gateway or the management grain's silo just died: ask again.
            }
            await Task.Delay(200);
        }
        Assert.Fail($"{what}: active silos {string.Join(',', seen)}, expected {string.Join(',', want)} within {timeout.TotalSeconds} s");
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        _host.Dispose();
    }
}
